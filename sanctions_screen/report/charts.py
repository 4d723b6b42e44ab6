"""Inline SVG bar charts: no script, no font files, no network."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#b42318", "#c4320a", "#b54708", "#027a48", "#175cd3", "#5925dc", "#475467")
BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 210
BAR_WIDTH = 300


def bar_chart(title: str, data: Sequence[tuple[str, int]], *, limit: int = 12) -> str:
    """A horizontal bar chart of ``(label, count)``, largest first, as an ``<svg>`` element.

    >>> "<svg" in bar_chart("Alerts by regime", [("KP", 3), ("QD", 1)])
    True
    """
    rows = sorted(data, key=lambda kv: (-kv[1], kv[0]))[:limit]
    if not rows:
        return f'<p class="empty">{escape(title)}: nothing to chart.</p>'
    top = max(count for _, count in rows) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, count) in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        length = max(2, round(BAR_WIDTH * count / top))
        colour = PALETTE[i % len(PALETTE)]
        text_y = y + BAR_HEIGHT - 6
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{text_y}" text-anchor="end">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" height="{BAR_HEIGHT}" '
            f'rx="3" fill="{colour}"><title>{escape(label)}: {count}</title></rect>'
            f'<text x="{LABEL_WIDTH + length + 6}" y="{text_y}">{count}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, size: int = 30) -> str:
    return label if len(label) <= size else label[: size - 1] + "\u2026"
