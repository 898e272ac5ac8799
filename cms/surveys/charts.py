"""Tiny charts drawn on the server as inline SVG: no chart library, no JavaScript.

Each chart has a <title> for screen readers, and every page showing one also shows the same
numbers in a table right below it, so nothing depends on seeing the picture. Colours come from
CSS classes (site.css), so they follow the site's palette and print well.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

ROW = 24
LABEL_WIDTH = 150
WIDTH = 360  # drawn at about phone width, so 11 px text stays readable


def _number(value) -> str:
    """Return the value as the active language writes it (86,11 in Indonesian)."""
    if isinstance(value, float):
        return number_format(value, decimal_pos=2)
    return str(value)


def bar_chart(items, *, title: str, maximum=None) -> str:
    """Return horizontal bars for [(label, value)], labels cut at 24 characters."""
    items = [(label, value) for label, value in items if value is not None]
    if not items:
        return ""
    top = maximum or max(value for _label, value in items) or 1
    bar_space = WIDTH - LABEL_WIDTH - 40
    height = ROW * len(items) + 8
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(items):
        y = 4 + index * ROW
        length = max(1, round(bar_space * float(value) / float(top)))
        short = label if len(label) <= 24 else label[:23] + "…"
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 16}" text-anchor="end" class="chart__label">'
            f"{escape(short)}</text>"
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="{ROW - 10}" '
            f'class="chart__bar"/>'
            f'<text x="{LABEL_WIDTH + length + 4}" y="{y + 16}" class="chart__value">'
            f"{escape(_number(value))}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def trend_chart(trend) -> str:
    """Return columns of complaints received and finished per month for the last 12 months."""
    if not trend:
        return ""
    height, base, top_pad = 180, 150, 16
    top = max(max(row["received"], row["finished"]) for row in trend) or 1
    step = (WIDTH - 40) / len(trend)  # 12 months
    bar = step / 2 - 3
    title = _("Complaints received and finished per month, last 12 months")
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="30" y1="{base}" x2="{WIDTH - 6}" y2="{base}" class="chart__axis"/>',
        f'<text x="26" y="{top_pad + 4}" text-anchor="end" class="chart__value">{top}</text>',
    ]
    scale = (base - top_pad) / top
    for index, row in enumerate(trend):
        x = 34 + index * step
        for offset, (value, css) in enumerate(
            ((row["received"], "chart__bar"), (row["finished"], "chart__bar chart__bar--alt"))
        ):
            bar_height = round(value * scale, 1)
            parts.append(
                f'<rect x="{x + offset * (bar + 2):.1f}" y="{base - bar_height:.1f}" '
                f'width="{bar:.1f}" height="{bar_height}" class="{css}"/>'
            )
        parts.append(
            f'<text x="{x + bar:.1f}" y="{base + 16}" text-anchor="middle" '
            f'class="chart__label">{escape(row["month"][5:])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
