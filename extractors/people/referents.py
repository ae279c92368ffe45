"""A title that names its body by the bare capitalised noun (``заместитель председателя
Комитета``) refers to the body the document names in full elsewhere (``распоряжением
Комитета по образованию``): that full name is the employer, when the document names
only one body with that noun."""
from __future__ import annotations

from typing import Optional

from extractors.people.lexicon import Lexicon
from extractors.people.roles import Context
from extractors.people.text import Geometry, Tok, best_pos, is_abbreviation, lemma_set
from extractors.people.titles import Slot, genitive_noun, organization_value, phrase_end


def body_referents(geo: Geometry, ctxs: list[Context]) -> None:
    named: dict[frozenset[str], Optional[Slot]] = {}
    for ctx in ctxs:
        heads = bare_body(geo, ctx)
        if not heads:
            continue
        if heads not in named:
            named[heads] = full_name(geo, heads)
        ctx.organization = named[heads]


def bare_body(geo: Geometry, ctx: Context) -> frozenset[str]:
    """The lemmas of the capitalised body noun a title ends with (``… Комитета``), if any."""
    if ctx.position is None or ctx.organization is not None:
        return frozenset()
    toks = geo.tokens(ctx.position.start, ctx.position.stop)
    if len(toks) < 2 or not bare_capitalised(toks[-1]):
        return frozenset()
    return lemma_set(toks[-1].text) & Lexicon.load().unit_words


def bare_capitalised(tok: Tok) -> bool:
    return not tok.quoted and not is_abbreviation(tok) and tok.text[:1].isupper() \
        and tok.text[1:].islower()


def full_name(geo: Geometry, heads: frozenset[str]) -> Optional[Slot]:
    """The one full name in the document whose head is one of ``heads``, written with
    a capital and followed by its lower-case complement (``Комитета по образованию``,
    ``Департамента образования``); None when
    there is none or more than one."""
    found: dict[str, Slot] = {}
    for tok in geo.tokens(0, len(geo.text)):
        if not bare_capitalised(tok) or not lemma_set(tok.text) & heads:
            continue
        toks = geo.tokens(tok.start, geo.sentence(tok.start)[1])
        toks = toks[:phrase_end(toks, 0)]
        toks = toks[:next((i for i, t in enumerate(toks) if i and predicate(t)), len(toks))]
        if len(toks) < 2 or not toks[1].text.islower() or not (
                toks[1].text == "по" or genitive_noun(toks, 1)):
            continue  # ``Комитета Петрова``: a name, no complement
        value = organization_value(geo.text, toks)
        found.setdefault(value.lower(), Slot(value, toks[0].start, toks[-1].stop))
    return next(iter(found.values())) if len(found) == 1 else None


def predicate(tok: Tok) -> bool:
    """``Департамента образования утверждено …``: a short participle or a number ends a name."""
    return not tok.quoted and (tok.text.isdigit() or best_pos(tok.text) in ("PRTS", "INFN"))
