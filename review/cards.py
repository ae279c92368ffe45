"""HTML of the record cards beside the text. Rendered in Python rather than
in the template because a long document has hundreds of fields and this is
the hot path of the page; every value goes through markupsafe.escape."""
from __future__ import annotations

from typing import Optional

from markupsafe import Markup, escape

from review.docview import DocumentView, FieldView, RecordView
from review.entity_links import EntityLink
from review.ru import FIELD_STATE_LABELS, VALUE_LABELS

# The accessible name of a record's link to its entity page: «Школа в реестре: Ольховская ООШ».
ENTITY_LABELS = {"person": "Человек", "school": "Школа", "organization": "Организация"}
BUTTONS = ('<span class="buttons"><button type="button" class="accept" title="Принять (a)">✓</button>'
           '<button type="button" class="edit-open" title="Изменить (e)">✎</button>'
           '<button type="button" class="reject" title="Отклонить (r)">✗</button></span>')


def field_html(f: FieldView, table: str) -> str:
    value = "" if f.value is None else f.value
    if isinstance(value, list):  # edited as Russian labels separated by commas
        value = ", ".join(VALUE_LABELS.get((table, f.name), {}).get(v, v) for v in value)
    choices = ""
    if f.kind.choices:
        labels = VALUE_LABELS.get((table, f.name), {})
        choices = (f' data-choices="{escape("|".join(f.kind.choices))}" data-choice-labels="'
                   f'{escape("|".join(labels.get(c, c) for c in f.kind.choices))}"')
    spans = " ".join(map(str, f.span_ids))
    return (f'<li class="field st-{escape(f.state)}" id="{escape(f.dom_id)}" data-field="{f.name}" '
            f'data-kind="{f.kind.kind}" data-value="{escape(value)}" data-version="{escape(f.version)}" '
            f'data-spans="{spans}"{choices}>'
            f'<span class="label">{escape(f.label)}</span><span class="value">{escape(f.display)}</span>'
            f'<span class="state">{escape(FIELD_STATE_LABELS.get(f.state, f.state))}</span>{BUTTONS}</li>')


def entity_html(link: EntityLink) -> str:
    """The link from a record card to its entity's page (review/entities_page.py)."""
    label = f"{ENTITY_LABELS.get(link.kind, 'Сущность')} в реестре: {link.name}"
    return (f'<a class="record-entity" href="/entities/{int(link.entity_id)}" aria-label="{escape(label)}" '
            f'title="{escape(label)}">в реестре</a>')


def record_html(rec: RecordView, link: Optional[EntityLink] = None) -> str:
    spans = " ".join(map(str, rec.span_ids))
    head = f'<button type="button" class="goto" title="Показать в тексте">{escape(rec.label)} ↦</button>'
    if link is not None and not rec.rejected:  # a rejected record leaves its entity at the next link
        head += entity_html(link)
    if not rec.rejected and any(f.state == "pending" for f in rec.fields):
        head += ('<button type="button" class="accept-record" '
                 'title="Принять все непроверенные значения записи">✓ всё</button>')
    if rec.rejected:
        head += '<span class="badge rejected">отклонено</span>'
    if rec.confidence is not None:
        low = " low" if rec.confidence < 0.6 else ""
        head += f'<span class="conf{low}">уверенность {rec.confidence:.2f}</span>'
    warnings = "".join(f"<li>{escape(w)}</li>" for w in rec.warnings)
    rejected = " rejected" if rec.rejected else ""
    return (f'<article class="record k-{rec.table}{rejected}" id="{escape(rec.dom_id)}" '
            f'data-table="{rec.table}" data-key="{escape(rec.key)}" data-spans="{spans}">'
            f'<header>{head}</header>'
            + (f'<ul class="warnings">{warnings}</ul>' if warnings else "")
            + '<ul class="fields">' + "".join(field_html(f, rec.table) for f in rec.fields) + "</ul></article>")


def render(view: DocumentView, links: Optional[dict[tuple[str, str], EntityLink]] = None) -> Markup:
    """The cards; ``links``: (table, record key) -> the record's entity (review/entity_links.py)."""
    links = links or {}
    if not view.groups:
        return Markup('<p class="empty">Записей нет.</p>')
    parts = []
    for label, records in view.groups:
        table = records[0].table
        pending = sum(f.state == "pending" for r in records if not r.rejected for f in r.fields)
        button = (f' <button type="button" class="accept-section" data-table="{table}" '
                  f'title="Принять все непроверенные значения раздела">✓ принять раздел ({pending})</button>'
                  if pending else "")
        parts.append(f'<h2 id="sec-{table}">{escape(label)}{button}</h2>')
        parts += [record_html(r, links.get((r.table, r.key))) for r in records]
    return Markup("".join(parts))
