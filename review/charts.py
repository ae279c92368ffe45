"""Small SVG bar charts drawn on the server (no chart library, no CDN).
Every label is escaped; the charts are inline SVG in the page."""
from __future__ import annotations

from markupsafe import Markup, escape

BAR_HEIGHT, GAP, LABEL_WIDTH, BAR_WIDTH, VALUE_WIDTH = 20, 6, 220, 320, 70
COLUMN_WIDTH, COLUMN_GAP, CHART_HEIGHT, LEFT_MARGIN = 34, 8, 160, 48


def fmt(value: float) -> str:
    return f"{value:.2f}" if isinstance(value, float) and not value.is_integer() else f"{int(value):,}".replace(",", " ")


def hbars(items: list[tuple[str, float]], css: str = "bar", maximum: float | None = None,
          title: str = "") -> Markup:
    """Horizontal bars, one row per (label, value)."""
    if not items:
        return Markup('<p class="empty">Нет данных.</p>')
    top = maximum or max(v for _, v in items) or 1
    height = len(items) * (BAR_HEIGHT + GAP)
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = []
    for i, (label, value) in enumerate(items):
        y = i * (BAR_HEIGHT + GAP)
        length = max(BAR_WIDTH * value / top, 1 if value else 0)
        short = label if len(label) <= 32 else label[:31] + "…"
        rows.append(
            f'<g><title>{escape(label)}: {fmt(value)}</title>'
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end">{escape(short)}</text>'
            f'<rect class="{escape(css)}" x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" '
            f'height="{BAR_HEIGHT}" rx="3"/>'
            f'<text x="{LABEL_WIDTH + length + 6:.1f}" y="{y + 15}">{fmt(value)}</text></g>')
    return svg(title, width, height, rows)


def columns(items: list[tuple[str, float]], css: str = "bar", title: str = "") -> Markup:
    """Vertical columns (e.g. documents per month), labels below."""
    if not items:
        return Markup('<p class="empty">Нет данных.</p>')
    top = max(v for _, v in items) or 1
    width = LEFT_MARGIN + len(items) * (COLUMN_WIDTH + COLUMN_GAP)
    height = CHART_HEIGHT + 100
    parts = []
    for i, (label, value) in enumerate(items):
        x = LEFT_MARGIN + i * (COLUMN_WIDTH + COLUMN_GAP)
        h = CHART_HEIGHT * value / top
        y = CHART_HEIGHT - h + 16
        cx = x + COLUMN_WIDTH / 2
        parts.append(
            f'<g><title>{escape(label)}: {fmt(value)}</title>'
            f'<rect class="{escape(css)}" x="{x}" y="{y:.1f}" width="{COLUMN_WIDTH}" height="{h:.1f}" rx="2"/>'
            f'<text x="{cx}" y="{y - 3:.1f}" text-anchor="middle">{fmt(value)}</text>'
            f'<text class="tick" x="{cx}" y="{CHART_HEIGHT + 30}" text-anchor="end" '
            f'transform="rotate(-45 {cx} {CHART_HEIGHT + 30})">{escape(label)}</text></g>')
    return svg(title, width, height, parts)


def svg(title: str, width: int, height: int, pieces: list[str]) -> Markup:
    """The chart frame shared by every chart: pieces are already escaped SVG."""
    return Markup(f'<svg class="chart" role="img" aria-label="{escape(title)}" '
                  f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
                  + "".join(pieces) + "</svg>")
