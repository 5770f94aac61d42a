"""Server-rendered SVG of membership over time: a step line, no JavaScript, readable in any
language (dates and numbers formatted by amity.core.formatting)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from xml.sax.saxutils import escape

from amity.core import formatting
from amity.members.selectors import CountStep

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


def membership_chart_svg(
    steps: Sequence[CountStep], *, language: str, title: str, until: datetime.date | None = None
) -> str:
    """An accessible SVG (role="img" with a title) of the member count stepping over time."""
    safe_title = escape(title)
    if not steps:
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} 60" role="img" '
            f'aria-label="{safe_title}"><title>{safe_title}</title></svg>'
        )
    start = steps[0].day
    end = max(until or steps[-1].day, steps[-1].day)
    span = max((end - start).days, 1)
    top_count = max(step.count for step in steps)
    ymax = max(top_count, 1)

    def x(day: datetime.date) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span

    def y(count: int) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - count / ymax)

    points: list[str] = [f"{x(start):.1f},{y(0):.1f}"]
    previous = 0
    for step in steps:
        points.append(f"{x(step.day):.1f},{y(previous):.1f}")
        points.append(f"{x(step.day):.1f},{y(step.count):.1f}")
        previous = step.count
    points.append(f"{x(end):.1f},{y(previous):.1f}")

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{safe_title}" class="chart" direction="ltr">',
        f"<title>{safe_title}</title>",
        # Styles inside the picture, so that it looks the same inline and as an <img>.
        "<style>.axis{stroke:#5b6775;stroke-width:1}.line{stroke:#0b5cad;stroke-width:2.5}"
        ".dot{fill:#0b5cad}.tick{font:11px 'Noto Sans',sans-serif;fill:#5b6775}</style>",
        f'<line x1="{LEFT}" y1="{y(0):.1f}" x2="{WIDTH - RIGHT}" y2="{y(0):.1f}" class="axis"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{y(0):.1f}" class="axis"/>',
    ]
    for tick in sorted({0, ymax // 2, ymax}):
        parts.append(
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end" class="tick">'
            f"{escape(formatting.number(tick, language))}</text>"
        )
    years = range(start.year + (0 if start.month == 1 and start.day == 1 else 1), end.year + 1)
    for year in years:
        day = datetime.date(year, 1, 1)
        parts.append(
            f'<text x="{x(day):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" class="tick">'
            f"{escape(formatting.year(day, language))}</text>"
        )
    parts.append(f'<polyline points="{" ".join(points)}" class="line" fill="none"/>')
    # Month and year only: many dates of accession are known no better than that.
    for step in steps:
        label = f"{formatting.month_year(step.day, language)}: {formatting.number(step.count, language)}"
        parts.append(
            f'<circle cx="{x(step.day):.1f}" cy="{y(step.count):.1f}" r="3.5" class="dot">'
            f"<title>{escape(label)}</title></circle>"
        )
    parts.append("</svg>")
    return "".join(parts)
