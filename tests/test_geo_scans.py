"""The geo scans written for speed find what their plain regexes find: the word-form
tables matched as strings (extractors/geo/wordforms.py) and the patterns whose word-edge
look-behind stands after their first literal (``edged``)."""
from __future__ import annotations

import json
import random
import re

import pytest
from conftest import CORPUS

import extractors.geo as geo
from extractors.geo import forms as geo_forms
from extractors.geo.lexicon import EDGE_LEFT, edged
from extractors.geo.wordforms import LEAD, alternation, edged_alternation

TABLES = {"subjects": lambda: geo.region_tables()[0], "capitals": lambda: geo.capital_tables()[0],
          "short": lambda: geo.short_tables()[0], "adjectives": lambda: geo.adjective_tables()[0],
          "people": lambda: geo.people_adjective_tables()[0]}


def variants(forms: list[str], rng: random.Random, count: int) -> str:
    """Forms as a text writes them: in any case, spaced and dashed otherwise, run into a
    word, cut short, after г./город, before обл., a follower word or a letter."""
    out = []
    for form in rng.sample(forms, min(count, len(forms))):
        form = rng.choice([form, form.upper(), form.title(), form[:-1], form.replace(" ", "  \n"),
                           form.replace("-", " - "), form.replace("-", "—"), form.replace(" ", "\u00a0")])
        out.append(rng.choice(["", "г. ", "город ", "гор.", "-", "x", "«"]) + form
                   + rng.choice(["", " обл.", " Кр.", " области", " школы", " институт", "-x", "а", ")"]))
    return " ; ".join(out)


def corpus_texts(limit: int = 12) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))[:limit]]


def spans(m) -> tuple | None:
    names = ("adj", "kind", "city", "prefix")
    return m and (m.start(), m.end(), m.group(), tuple(m.groupdict().get(n) if hasattr(m, "groupdict")
                                                       else dict(m.groups).get(n) for n in names))


@pytest.mark.parametrize("name", TABLES)
def test_word_forms_match_as_strings_as_their_regex(name):
    table = TABLES[name]()
    rng = random.Random(name)
    forms = sorted({f for group in table.groups.values() for f in group})
    texts = corpus_texts() + [variants(forms, rng, 1500), variants(forms, rng, 500).upper()]
    for text in texts:
        for pos in sorted({m.start() for m in LEAD.finditer(text)} | {m.start() for m in re.finditer(r"\S+", text)}):
            assert spans(table.string_match(text, pos)) == spans(table.regex_match(text, pos)), \
                (name, text[pos:pos + 40])


def test_texts_with_letters_re_folds_are_matched_by_the_regex():
    text = "в Омской ᲂбласти"  # ᲂ: an old-style о, which re.IGNORECASE takes for о
    table = geo.region_tables()[0]
    assert table.string_match(text, 2) is None
    assert spans(table.match(text, 2)) == spans(table.regex_match(text, 2)) == \
        (2, len(text), text[2:], (None, None, None, None))


def test_edged_patterns_match_as_with_the_look_behind_first():
    places = json.loads((geo_forms.resources.files(geo_forms.DATA_PACKAGE) / "municipalities.json")
                        .read_text("utf-8"))
    patterns = [p for p, *_ in places["city_patterns"]] + [places["city_council"], places["owner_city"]]
    patterns += [EDGE_LEFT + body for body in ("муниципальн(?:ый|ого)\\s+район", "[А-ЯЁ][а-яё]+\\s+р",
                                               "МР|ГО", "[А-ЯЁ]{2,3}")]
    rng = random.Random(7)
    texts = corpus_texts(30)
    texts += ["".join(rng.choice("МРГОЗАТОмуниципального района Ивановского-x_1\n«»г.о.") for _ in range(60))
              for _ in range(500)]
    for pattern in patterns:
        plain, fast = re.compile(pattern), re.compile(edged(pattern))
        for text in texts:
            assert [(m.span(), m.groupdict()) for m in fast.finditer(text)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(text)], pattern


def test_edged_alternation_matches_as_the_edge_before_it():
    abbreviations = ["ХМАО", "ХМАО-Югра", "РС(Я)", "РД", "(X)"]
    plain = re.compile(EDGE_LEFT + f"(?:{alternation(abbreviations)})")
    fast = re.compile(edged_alternation(abbreviations))
    for text in ("ХМАО-Югра, xРД -РД РД (X) РС(Я)", "ХМАО - Югра", "_ХМАО ХМАОР"):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)]
