"""Draw the demo images with Pillow: listing cards, the logo and tall infographics.

Every function returns encoded bytes (JPEG or PNG) ready to be saved as a Wagtail image.
Text uses Pillow's bundled font (`ImageFont.load_default(size=...)`), so no font files are
needed and nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

WHITE = (255, 255, 255)
INK = (26, 36, 32)
MUTED = (84, 96, 90)
PAPER = (247, 248, 245)
LINE = (214, 220, 214)
GOLD = (242, 183, 5)
ALERT = (198, 40, 40)

CARD_SIZE = (1600, 900)
INFOGRAPHIC_WIDTH = 1440
MARGIN = 80


@cache
def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def shade(colour: tuple[int, int, int], factor: float) -> tuple[int, int, int]:
    """Return `colour` darkened (factor < 1) or lightened towards white (factor > 1)."""
    if factor <= 1:
        return tuple(round(c * factor) for c in colour)
    return tuple(round(c + (255 - c) * (factor - 1)) for c in colour)


def wrap(text: str, size: int, width: int) -> list[str]:
    """Return `text` broken into lines no wider than `width` pixels at font `size`."""
    face = font(size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}".strip()
            if line and face.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def draw_lines(draw, xy, lines, size, fill, spacing=1.25) -> int:
    """Draw `lines` from `xy` downwards; return the y just below the last line."""
    x, y = xy
    for line in lines:
        draw.text((x, y), line, font=font(size), fill=fill)
        y += round(size * spacing)
    return y


def gradient(size: tuple[int, int], top, bottom) -> Image.Image:
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def encode(image: Image.Image, fmt: str) -> bytes:
    buffer = BytesIO()
    if fmt == "JPEG":
        image.convert("RGB").save(buffer, "JPEG", quality=80, optimize=True, progressive=True)
    else:
        # Flat colours and text: a 96-colour palette keeps the PNG small and sharp.
        image.convert("RGB").quantize(colors=96).save(buffer, "PNG", compress_level=9)
    return buffer.getvalue()


# Listing cards -----------------------------------------------------------------------------


def _motif(draw: ImageDraw.ImageDraw, motif: str, box: tuple[int, int, int, int]) -> None:
    """Draw a simple pictogram for `motif` in translucent white inside `box`."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    solid, soft = (255, 255, 255, 235), (255, 255, 255, 90)
    if motif == "document":
        draw.rounded_rectangle(box, radius=28, fill=soft, outline=solid, width=10)
        for i in range(5):
            y = y0 + h * (0.22 + i * 0.14)
            draw.rounded_rectangle(
                (x0 + w * 0.15, y, x1 - w * (0.15 + 0.1 * (i % 2)), y + 18), 9, fill=solid
            )
    elif motif == "health":
        draw.ellipse(box, fill=soft)
        t = w * 0.16
        cx, cy = x0 + w / 2, y0 + h / 2
        draw.rectangle((cx - t, y0 + h * 0.2, cx + t, y1 - h * 0.2), fill=solid)
        draw.rectangle((x0 + w * 0.2, cy - t, x1 - w * 0.2, cy + t), fill=solid)
    elif motif == "book":
        mid = x0 + w / 2
        draw.polygon(
            [(x0, y0 + h * 0.15), (mid, y0 + h * 0.25), (mid, y1), (x0, y1 - h * 0.1)], fill=soft
        )
        draw.polygon(
            [(x1, y0 + h * 0.15), (mid, y0 + h * 0.25), (mid, y1), (x1, y1 - h * 0.1)], fill=solid
        )
    elif motif == "people":
        for i, scale in enumerate((0.8, 1.0, 0.8)):
            cx = x0 + w * (0.2 + 0.3 * i)
            r = w * 0.1 * scale
            top = y0 + h * (0.3 if scale == 1.0 else 0.38)
            draw.ellipse((cx - r, top - r, cx + r, top + r), fill=solid)
            draw.pieslice(
                (cx - 2 * r, top + 1.3 * r, cx + 2 * r, top + 5.3 * r), 180, 360, fill=soft
            )
    elif motif == "road":
        draw.polygon([(x0 + w * 0.35, y0), (x0 + w * 0.65, y0), (x1, y1), (x0, y1)], fill=soft)
        for i in range(4):
            y = y0 + h * (0.08 + i * 0.24)
            draw.rectangle((x0 + w * 0.48, y, x0 + w * 0.52, y + h * 0.12), fill=solid)
    elif motif == "leaf":
        draw.ellipse((x0, y0 + h * 0.1, x1, y1 - h * 0.1), fill=soft)
        draw.line((x0 + w * 0.1, y1 - h * 0.2, x1 - w * 0.1, y0 + h * 0.2), fill=solid, width=14)
    elif motif == "wave":
        for i in range(3):
            y = y0 + h * (0.25 + i * 0.25)
            for j in range(4):
                x = x0 + j * w / 4
                draw.arc((x, y - h * 0.1, x + w / 4, y + h * 0.1), 180, 360, fill=solid, width=14)
    elif motif == "building":
        draw.polygon([(x0, y0 + h * 0.3), (x0 + w / 2, y0), (x1, y0 + h * 0.3)], fill=solid)
        for i in range(4):
            x = x0 + w * (0.1 + i * 0.23)
            draw.rectangle((x, y0 + h * 0.38, x + w * 0.1, y1 - h * 0.12), fill=soft)
        draw.rectangle((x0, y1 - h * 0.1, x1, y1), fill=solid)
    elif motif == "phone":
        draw.rounded_rectangle(
            (x0 + w * 0.22, y0, x1 - w * 0.22, y1), radius=40, fill=soft, outline=solid, width=12
        )
        draw.ellipse((x0 + w / 2 - 16, y1 - 70, x0 + w / 2 + 16, y1 - 38), fill=solid)
    elif motif == "calendar":
        draw.rounded_rectangle(box, radius=24, fill=soft, outline=solid, width=10)
        draw.rectangle((x0, y0, x1, y0 + h * 0.22), fill=solid)
        for row in range(3):
            for col in range(4):
                x = x0 + w * (0.1 + col * 0.22)
                y = y0 + h * (0.34 + row * 0.2)
                draw.rectangle((x, y, x + w * 0.12, y + h * 0.1), fill=solid)
    elif motif == "shop":
        draw.rectangle((x0, y0 + h * 0.35, x1, y1), fill=soft)
        for i in range(5):
            x = x0 + i * w / 5
            colour = solid if i % 2 == 0 else soft
            draw.pieslice((x, y0 + h * 0.15, x + w / 5, y0 + h * 0.45), 0, 180, fill=colour)
            draw.rectangle((x, y0 + h * 0.1, x + w / 5, y0 + h * 0.3), fill=colour)
        draw.rectangle((x0 + w * 0.4, y0 + h * 0.6, x0 + w * 0.6, y1), fill=solid)
    else:  # "chart"
        for i, frac in enumerate((0.45, 0.7, 0.55, 0.9)):
            x = x0 + i * w / 4 + w * 0.03
            draw.rectangle(
                (x, y1 - h * frac, x + w / 4 - w * 0.08, y1), fill=solid if i % 2 else soft
            )


def card(title: str, kicker: str, colour: str, motif: str) -> bytes:
    """Return a 1600x900 JPEG: a gradient in `colour`, a pictogram and a big title."""
    base = rgb(colour)
    image = gradient(CARD_SIZE, shade(base, 1.0), shade(base, 0.55)).convert("RGBA")
    overlay = Image.new("RGBA", CARD_SIZE, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    draw.ellipse((1020, -260, 1860, 580), fill=(255, 255, 255, 28))
    draw.ellipse((1180, 420, 1780, 1020), fill=(255, 255, 255, 20))
    _motif(draw, motif, (1130, 250, 1490, 610))
    image = Image.alpha_composite(image, overlay).convert("RGB")
    draw = ImageDraw.Draw(image)
    draw.rectangle((MARGIN, 110, MARGIN + 120, 124), fill=GOLD)
    draw.text((MARGIN, 150), kicker.upper(), font=font(40), fill=WHITE)
    lines = wrap(title, 84, 960)[:4]
    draw_lines(draw, (MARGIN, 240), lines, 84, WHITE, spacing=1.2)
    draw.text((MARGIN, 800), "Kecamatan Sukamaju", font=font(36), fill=shade(base, 1.75))
    return encode(image, "JPEG")


def logo(colour: str) -> bytes:
    """Return a 512x512 PNG emblem: a shield with a rice stalk and the kecamatan's name."""
    base = rgb(colour)
    image = Image.new("RGBA", (512, 512), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, 504, 504), fill=base, outline=GOLD, width=14)
    shield = [(146, 110), (366, 110), (366, 260), (256, 380), (146, 260)]
    draw.polygon(shield, fill=WHITE)
    draw.line((256, 140, 256, 350), fill=base, width=10)
    for i in range(6):
        y = 150 + i * 30
        draw.ellipse((262, y, 312, y + 22), fill=GOLD)
        draw.ellipse((200, y + 12, 250, y + 34), fill=GOLD)
    text = "SUKAMAJU"
    width = font(52).getlength(text)
    draw.text(((512 - width) / 2, 398), text, font=font(52), fill=WHITE)
    buffer = BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# Infographics ------------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    value: float
    display: str


@dataclass
class Section:
    """One block of an infographic: a bar chart, numbered steps or key figures."""

    heading: str
    kind: str  # "bars", "steps" or "facts"
    bars: list[Bar] = field(default_factory=list)
    steps: list[tuple[str, str]] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    target: tuple[float, str] | None = None  # a reference line on a bar chart
    note: str = ""


@dataclass
class Infographic:
    title: str
    subtitle: str
    colour: str
    sections: list[Section]
    source: str
    date_text: str


def _bars(draw, section: Section, y: int, colour) -> int:
    label_width, x_start = 360, MARGIN + 400
    widest_value = max(font(34).getlength(bar.display) for bar in section.bars)
    x_end = INFOGRAPHIC_WIDTH - MARGIN - round(widest_value) - 20
    top = max(bar.value for bar in section.bars)
    if section.target:
        top = max(top, section.target[0])
    rows = []
    for bar in section.bars:
        lines = wrap(bar.label, 32, label_width)
        rows.append((bar, lines, max(86, len(lines) * 40 + 30)))
    height = sum(row for _bar, _lines, row in rows)
    if section.target:
        # The reference line goes first so the value labels stay readable on top of it.
        value, label = section.target
        x = x_start + round((x_end - x_start) * value / top)
        for dash in range(y, y + height, 24):
            draw.line((x, dash, x, dash + 12), fill=ALERT, width=5)
        draw.text(
            (x - font(28).getlength(label) / 2, y + height + 8), label, font=font(28), fill=ALERT
        )
    for i, (bar, lines, row) in enumerate(rows):
        middle = y + row // 2
        draw_lines(draw, (MARGIN, middle - len(lines) * 20 + 2), lines, 32, INK, spacing=1.25)
        length = max(8, round((x_end - x_start) * bar.value / top))
        fill = colour if i % 2 == 0 else shade(colour, 1.35)
        draw.rounded_rectangle((x_start, middle - 30, x_start + length, middle + 30), 10, fill=fill)
        text_x = x_start + length + 16
        box = draw.textbbox((text_x, middle - 20), bar.display, font=font(34))
        draw.rectangle((box[0] - 6, box[1] - 4, box[2] + 6, box[3] + 4), fill=PAPER)
        draw.text((text_x, middle - 20), bar.display, font=font(34), fill=INK)
        y += row
    return y + (50 if section.target else 0)


def _steps(draw, section: Section, y: int, colour) -> int:
    for number, (title, text) in enumerate(section.steps, start=1):
        text_lines = wrap(text, 30, INFOGRAPHIC_WIDTH - 2 * MARGIN - 190)
        title_lines = wrap(title, 40, INFOGRAPHIC_WIDTH - 2 * MARGIN - 190)
        height = 50 + len(title_lines) * 50 + len(text_lines) * 38 + 30
        draw.rounded_rectangle(
            (MARGIN, y, INFOGRAPHIC_WIDTH - MARGIN, y + height),
            24,
            fill=WHITE,
            outline=LINE,
            width=3,
        )
        draw.ellipse((MARGIN + 30, y + 30, MARGIN + 130, y + 130), fill=colour)
        digits = str(number)
        draw.text(
            (MARGIN + 80 - font(56).getlength(digits) / 2, y + 48),
            digits,
            font=font(56),
            fill=WHITE,
        )
        text_y = draw_lines(draw, (MARGIN + 160, y + 36), title_lines, 40, INK)
        draw_lines(draw, (MARGIN + 160, text_y + 6), text_lines, 30, MUTED)
        y += height
        if number < len(section.steps):
            cx = INFOGRAPHIC_WIDTH // 2
            draw.polygon([(cx - 26, y + 12), (cx + 26, y + 12), (cx, y + 44)], fill=colour)
            y += 56
    return y + 10


def _facts(draw, section: Section, y: int, colour) -> int:
    per_row = 2 if len(section.facts) % 3 else 3
    gap = 30
    width = (INFOGRAPHIC_WIDTH - 2 * MARGIN - gap * (per_row - 1)) // per_row
    height = 210
    size = 64  # one size for every figure of the section, small enough for the longest
    while size > 36 and max(font(size).getlength(v) for v, _l in section.facts) > width - 64:
        size -= 4
    for i, (value, label) in enumerate(section.facts):
        col, row = i % per_row, i // per_row
        x = MARGIN + col * (width + gap)
        top = y + row * (height + gap)
        draw.rounded_rectangle((x, top, x + width, top + height), 24, fill=shade(colour, 1.85))
        draw.text(
            (x + 32, top + 28 + (64 - size) // 2), value, font=font(size), fill=shade(colour, 0.7)
        )
        draw_lines(draw, (x + 32, top + 116), wrap(label, 30, width - 64)[:2], 30, INK, spacing=1.2)
    rows = (len(section.facts) + per_row - 1) // per_row
    return y + rows * (height + gap)


def infographic(spec: Infographic) -> bytes:
    """Return a tall PNG, 1440 pixels wide, drawing every section of `spec` in order."""
    colour = rgb(spec.colour)
    canvas = Image.new("RGB", (INFOGRAPHIC_WIDTH, 6000), PAPER)
    title_lines = wrap(spec.title, 76, INFOGRAPHIC_WIDTH - 2 * MARGIN)
    subtitle_lines = wrap(spec.subtitle, 36, INFOGRAPHIC_WIDTH - 2 * MARGIN)
    header_height = 150 + len(title_lines) * 92 + len(subtitle_lines) * 46 + 60
    canvas.paste(gradient((INFOGRAPHIC_WIDTH, header_height), colour, shade(colour, 0.6)))
    draw = ImageDraw.Draw(canvas)
    draw.text((MARGIN, 70), "KECAMATAN SUKAMAJU", font=font(34), fill=GOLD)
    y = draw_lines(draw, (MARGIN, 130), title_lines, 76, WHITE, spacing=1.2)
    draw_lines(draw, (MARGIN, y + 16), subtitle_lines, 36, WHITE)
    y = header_height + 70
    for section in spec.sections:
        for line in wrap(section.heading, 48, INFOGRAPHIC_WIDTH - 2 * MARGIN):
            draw.text((MARGIN, y), line, font=font(48), fill=shade(colour, 0.7))
            y += 62
        draw.rectangle((MARGIN, y + 4, MARGIN + 100, y + 12), fill=GOLD)
        y += 44
        y = {"bars": _bars, "steps": _steps, "facts": _facts}[section.kind](
            draw, section, y, colour
        )
        if section.note:
            y = draw_lines(draw, (MARGIN, y + 10), wrap(section.note, 30, 1280), 30, MUTED)
        y += 70
    draw.rectangle((0, y, INFOGRAPHIC_WIDTH, y + 4), fill=LINE)
    y = draw_lines(draw, (MARGIN, y + 40), wrap(f"Sumber: {spec.source}", 30, 1280), 30, MUTED)
    y = draw_lines(draw, (MARGIN, y + 4), [f"Keadaan data: {spec.date_text}"], 30, MUTED)
    return encode(canvas.crop((0, 0, INFOGRAPHIC_WIDTH, y + 60)), "PNG")
