"""Tiny charts drawn on the server as inline SVG: no chart library, no JavaScript.

Each chart has a <title> for screen readers, and every page showing one also shows the same
numbers in a table right below it, so nothing depends on seeing the picture. Colours come from
CSS classes (site.css), so they follow the site's palette and print well.

Every text stays inside the viewBox whatever the names and numbers: the server cannot measure
text, so `text_width` estimates it generously (DejaVu Sans, the widest of the usual phone and
desktop system fonts) and the layout makes room for it. A label is written above its bar, across
the whole width, rather than beside it: service names are long and phones are narrow.
"""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 360  # drawn at about phone width, so 11 px text stays readable
FONT = 11  # px, as .chart__label and .chart__value in site.css
LABEL_ROW = 14  # a label line above its bar
BAR = 12
ROW = LABEL_ROW + BAR + 8
GAP = 4  # between a bar's end and its value

# Advance widths in em (DejaVu Sans, rounded up); anything not listed counts as WIDE.
NARROW = set("iljI.,:;'!|()[]ft ")
DIGITS = set("0123456789")
UPPER = set("ABCDEFGHJKLNOPQRSTUVXYZ")
WIDE_LETTERS = set("mwMW…%")
WIDE = 0.72


def text_width(text: str, size: int = FONT) -> float:
    """Return a generous estimate of the width of `text` in px at `size` px."""
    em = 0.0
    for char in text:
        if char in NARROW:
            em += 0.34
        elif char in DIGITS:
            em += 0.64
        elif char in WIDE_LETTERS:
            em += 1.0
        elif char in UPPER:
            em += 0.78
        elif char.isalpha() and char.islower():
            em += 0.62
        else:
            em += WIDE
    return em * size


def fit(text: str, width: float) -> str:
    """Return `text`, cut with an ellipsis if needed, so it is at most `width` px wide."""
    if text_width(text) <= width:
        return text
    while text and text_width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _number(value) -> str:
    """Return the value as the active language writes it (86,11 in Indonesian)."""
    if isinstance(value, float):
        return number_format(value, decimal_pos=2)
    return str(value)


def _open(title: str, height: int) -> list[str]:
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]


def bar_chart(items, *, title: str, maximum=None) -> str:
    """Return horizontal bars for [(label, value)], each label on its own line above its bar."""
    items = [(label, value) for label, value in items if value is not None]
    if not items:
        return ""
    top = maximum or max(value for _label, value in items) or 1
    widest_value = max(text_width(_number(value)) for _label, value in items)
    bar_space = WIDTH - widest_value - GAP - 2
    height = ROW * len(items) + 4
    parts = _open(title, height)
    for index, (label, value) in enumerate(items):
        y = 2 + index * ROW
        length = max(1, round(bar_space * min(float(value) / float(top), 1)))
        bar_y = y + LABEL_ROW + 2
        parts.append(
            # x=2: a glyph like J reaches left of its origin.
            f'<text x="2" y="{y + LABEL_ROW - 3}" class="chart__label">'
            f"{escape(fit(str(label), WIDTH - 4))}</text>"
            f'<rect x="0" y="{bar_y}" width="{length}" height="{BAR}" class="chart__bar"/>'
            f'<text x="{length + GAP}" y="{bar_y + BAR - 2}" class="chart__value">'
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
    # The axis starts after the largest number written left of it.
    left = max(30, round(text_width(str(top))) + 8)
    step = (WIDTH - left - 6) / len(trend)  # 12 months
    bar = step / 2 - 3
    title = _("Complaints received and finished per month, last 12 months")
    parts = _open(title, height) + [
        f'<line x1="{left}" y1="{base}" x2="{WIDTH - 2}" y2="{base}" class="chart__axis"/>',
        f'<text x="{left - 4}" y="{top_pad + 4}" text-anchor="end" class="chart__value">'
        f"{top}</text>",
    ]
    scale = (base - top_pad) / top
    for index, row in enumerate(trend):
        x = left + 4 + index * step
        for offset, (value, css) in enumerate(
            ((row["received"], "chart__bar"), (row["finished"], "chart__bar chart__bar--alt"))
        ):
            bar_height = round(value * scale, 1)
            parts.append(
                f'<rect x="{x + offset * (bar + 2):.1f}" y="{base - bar_height:.1f}" '
                f'width="{bar:.1f}" height="{bar_height}" class="{css}"/>'
            )
        parts.append(
            f'<text x="{x + bar + 1:.1f}" y="{base + 16}" text-anchor="middle" '
            f'class="chart__label">{escape(row["month"][5:])}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
