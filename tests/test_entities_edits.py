"""registry.entity_edits: a librarian's merges and splits, audited and kept by relink."""
from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from registry import models as m
from registry.entities import relink
from registry.entity_edits import EntityEditError, merge, split
from registry.entity_models import Entity, EntityPin
from test_entities_relink import add_document, archive, db, entity_ids  # noqa: F401  (fixtures)


def school_entities(db) -> list[int]:
    return entity_ids(db, m.SchoolRow)  # Ольховская, Тамбов №3, Ольховская, Мичуринск №3


def test_entity_edits_merge_makes_one_entity_that_survives_relink(archive) -> None:
    relink(archive)
    _, tambov, _, michurinsk = school_entities(archive)
    keep = merge(archive, [tambov, michurinsk], by="anna")
    relink(archive)
    _, tambov, _, michurinsk = school_entities(archive)
    assert tambov == michurinsk == keep


def test_entity_edits_split_survives_relink(archive) -> None:
    relink(archive)
    with Session(archive) as session:
        first_row = session.scalars(select(m.SchoolRow.id).order_by(m.SchoolRow.id)).first()
    saranskaya = school_entities(archive)[0]
    new = split(archive, saranskaya, [first_row], by="anna")
    relink(archive)
    first, _, second, _ = school_entities(archive)
    assert first == new and second == saranskaya


def test_entity_edits_are_audited_with_who_and_when(archive) -> None:
    relink(archive)
    _, tambov, _, michurinsk = school_entities(archive)
    merge(archive, [tambov, michurinsk], by="anna")
    with Session(archive) as session:
        pins = session.scalars(select(EntityPin)).all()
    assert [(p.action, p.pinned_by) for p in pins] == [("merge", "anna"), ("merge", "anna")]
    assert all(p.pinned_at is not None for p in pins)


def test_entity_edits_merge_deletes_the_merged_entity(archive) -> None:
    relink(archive)
    _, tambov, _, michurinsk = school_entities(archive)
    merge(archive, [tambov, michurinsk])
    with Session(archive) as session:
        assert session.get(Entity, max(tambov, michurinsk)) is None


def test_entity_edits_refuse_entities_of_two_kinds(archive) -> None:
    relink(archive)
    person = entity_ids(archive, m.PersonRow)[0]
    with pytest.raises(EntityEditError, match="different kinds"):
        merge(archive, [person, school_entities(archive)[1]])
