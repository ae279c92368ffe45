"""The document text as HTML with every extracted span highlighted.

The text is cut at every span boundary; each piece is escaped on its own and
wrapped in an element that carries its start offset (``data-o``, in code
points, so the browser can turn a selection back into Python offsets) and the
ids of all spans covering it (``data-s``). Overlapping spans therefore never
nest tags: a piece covered by two spans names both."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    id: int
    start: int
    stop: int
    kind: str     # the record table (CSS class k-<kind>)
    target: str   # DOM id of the record card the span belongs to
    field: str
    rejected: bool = False  # its record was rejected by a librarian
    label: str = ""         # what it is, in Russian (shown on hover)


def piece(text: str) -> str:
    # A CR would be folded into LF by the HTML parser and shift every offset after it.
    return str(escape(text)).replace("\r", "&#13;")


def boundaries(length: int, spans: list[Span]) -> list[int]:
    points = {0, length}
    for span in spans:
        points.update((span.start, span.stop))
    return sorted(points)


def segment(text: str, start: int, stop: int, active: dict[int, Span]) -> str:
    body = piece(text[start:stop])
    if not active:
        return f'<span class="seg" data-o="{start}">{body}</span>'
    inner = min(active.values(), key=lambda s: (s.stop - s.start, s.id))
    ids = " ".join(str(i) for i in sorted(active))
    multi = " multi" if len(active) > 1 else ""
    multi += " rej" if inner.rejected else ""
    labels = list(dict.fromkeys(s.label for s in sorted(active.values(), key=lambda s: s.id) if s.label))
    title = f' title="{escape("; ".join(labels))}"' if labels else ""
    return (f'<mark class="hl k-{escape(inner.kind)}{multi}" data-o="{start}" data-s="{ids}" '
            f'data-r="{escape(inner.target)}"{title}>{body}</mark>')


def render(text: str, spans: list[Span]) -> Markup:
    """Escaped, highlighted HTML of ``text``; spans outside the text are ignored."""
    usable = [s for s in spans if 0 <= s.start < s.stop <= len(text)]
    starting: dict[int, list[Span]] = {}
    ending: dict[int, list[Span]] = {}
    for span in usable:
        starting.setdefault(span.start, []).append(span)
        ending.setdefault(span.stop, []).append(span)
    points = boundaries(len(text), usable)
    active: dict[int, Span] = {}
    out: list[str] = []
    for start, stop in zip(points, points[1:]):
        for span in ending.get(start, ()):
            active.pop(span.id, None)
        for span in starting.get(start, ()):
            active[span.id] = span
        out.append(segment(text, start, stop, active))
    return Markup("".join(out))
