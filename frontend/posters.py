"""Printable A4 posters that bring people from a notice board to a page (or to the app).

A poster is drawn with Pillow: the kecamatan's logo and name, a title, a short text, a large QR
code of the page's canonical address (segno, drawn here, nothing fetched from outside), that
address in print under it and a call to action. Staff download it as PNG or PDF from the page's
admin view (frontend/wagtail_hooks.py) and print it for the village office, the mosque or the
posyandu.

Resolution: 200 dpi, 1654 x 2339 pixels. The QR code (80 to 110 mm wide) is then 12 to 30
pixels a module, far more than any phone needs, and the smallest print (10 pt) is 28 pixels
high, which an office laser printer renders cleanly. On the demo site's 58 pages the PNG is
100 to 160 KB and the PDF 240 to 390 KB, drawn in under a second; the picture is 12 MB of
pixels while it is drawn. 300 dpi would hold 26 MB (a production worker must stay under
250 MB, ../shared/DESIGN.md) and make files about 1.6 times larger, for detail nobody reads
from a notice board.
"""

import dataclasses
import hashlib
import io

import segno
from django.core.cache import cache
from PIL import Image, ImageDraw, ImageFont

from pages.models import KecamatanSettings

DPI = 200
A4_MM = (210, 297)
FORMATS = {"png": "image/png", "pdf": "application/pdf"}
# Bump when the drawing changes, so cached posters are drawn again.
RENDER_VERSION = 1
CACHE_SECONDS = 7 * 86400

INK = (17, 17, 17)
GREY = (70, 70, 70)
WHITE = (255, 255, 255)
URL_BREAKS = "/?&=-._"  # in order of preference

FONT_PATHS = {
    True: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
    False: (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ),
}


@dataclasses.dataclass(frozen=True)
class PosterContent:
    """What one poster says, already in the poster's language."""

    title: str
    text: str
    url: str
    call_to_action: str
    kicker: str = ""  # a short line above the title, e.g. "Survei Kepuasan Masyarakat"
    footnote: str = ""  # small print at the bottom, e.g. the regulation behind a survey


def mm(value: float) -> int:
    """Return `value` millimetres in pixels at the poster's resolution."""
    return round(value * DPI / 25.4)


def pt(value: float) -> int:
    """Return a type size of `value` points in pixels at the poster's resolution."""
    return round(value * DPI / 72)


PAGE_SIZE = (mm(A4_MM[0]), mm(A4_MM[1]))


def _font(size_pt: float, *, bold: bool = False):
    size = pt(size_pt)
    for path in FONT_PATHS[bold]:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    # Pillow's own scalable font (FreeType); only when the system has neither family.
    return ImageFont.load_default(size)


def _hex(colour: str) -> tuple[int, int, int]:
    colour = (colour or "#0b5d3b").lstrip("#")
    try:
        return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return (11, 93, 59)


def _split_word(draw, word: str, font, width: int, breaks: str) -> list[str]:
    """Return `word` cut into pieces no wider than `width`, after a character of `breaks`
    where there is one (a URL breaks after "/"), else anywhere."""
    pieces, piece = [], ""
    for char in word:
        if piece and draw.textlength(piece + char, font=font) > width:
            # The first of `breaks` (in order of preference) found late enough in the line:
            # an address breaks after "/" rather than inside a slug's "-".
            cuts = [piece.rfind(b) for b in breaks]
            cut = next((c for c in cuts if c > len(piece) // 3), max(cuts, default=-1))
            if 0 < cut < len(piece) - 1:
                pieces.append(piece[: cut + 1])
                piece = piece[cut + 1 :]
            else:
                pieces.append(piece)
                piece = ""
        piece += char
    if piece:
        pieces.append(piece)
    return pieces


def wrap(draw, text: str, font, width: int, max_lines: int, *, breaks: str = "-/") -> list[str]:
    """Return `text` in at most `max_lines` lines no wider than `width` pixels.

    Lines break between words; a word too long for a line of its own (a URL, a long name) is
    cut, after one of `breaks` where it can be. Text that does not fit ends with an ellipsis.
    """
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if draw.textlength(word, font=font) > width:
            *full, line = _split_word(draw, word, font, width, breaks)
            lines.extend(full)
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last.rstrip(" .,;:") + "…", font=font) > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" .,;:") + "…"
    return lines


def _title_font(draw, title: str, width: int):
    """Return the largest title font (32 to 22 pt) at which `title` fits in three lines."""
    for size in (32, 29, 26, 24, 22):
        font = _font(size, bold=True)
        if len(wrap(draw, title, font, width, max_lines=99)) <= 3:
            return font
    return font


def _url_lines(draw, url: str, width: int):
    """Return the font and lines of the address printed in full under the QR code: 14 pt in
    up to two lines, smaller for a long address (an ellipsis only past four lines at 10 pt)."""
    for size, max_lines in ((14, 2), (12, 3), (10, 4)):
        font = _font(size)
        lines = wrap(draw, url, font, width, 99, breaks=URL_BREAKS)
        if len(lines) <= max_lines:
            return font, lines
    return font, wrap(draw, url, font, width, max_lines, breaks=URL_BREAKS)


def _line_height(font, factor: float = 1.25) -> int:
    ascent, descent = font.getmetrics()
    return round((ascent + descent) * factor)


def _draw_lines(draw, lines, font, x, y, *, fill, centre_width=None, factor=1.25) -> int:
    """Draw `lines` from `y` and return the y below them."""
    step = _line_height(font, factor)
    for line in lines:
        left = x
        if centre_width is not None:
            left = x + (centre_width - draw.textlength(line, font=font)) / 2
        draw.text((left, y), line, font=font, fill=fill)
        y += step
    return y


def _logo(kecamatan: KecamatanSettings, size: int):
    """Return the kecamatan's logo as an RGBA image at most `size` pixels square, or None."""
    if not kecamatan.logo_id:
        return None
    try:
        rendition = kecamatan.logo.get_rendition(f"max-{size}x{size}|format-png")
        with rendition.file.open("rb") as handle:
            logo = Image.open(handle)
            logo.load()
    except (OSError, ValueError):
        return None
    logo = logo.convert("RGBA")
    if max(logo.size) < size:  # a small logo is scaled up rather than left tiny
        ratio = size / max(logo.size)
        logo = logo.resize((round(logo.width * ratio), round(logo.height * ratio)))
    return logo


def qr_image(url: str, box: int) -> Image.Image:
    """Return the QR code of `url` as a square image at most `box` pixels wide.

    Error correction Q (a quarter of the code can be dirty or torn) and the standard quiet zone
    of four modules; every module is a whole number of pixels, so the edges stay sharp.
    """
    code = segno.make(url, error="q", micro=False)
    border = 4
    modules = code.symbol_size(scale=1, border=border)[0]
    scale = max(1, box // modules)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=border, dark="#000", light="#fff")
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def draw_poster(content: PosterContent, kecamatan: KecamatanSettings) -> Image.Image:
    """Return the A4 poster as an RGB image at DPI dots per inch."""
    poster = Image.new("RGB", PAGE_SIZE, WHITE)
    draw = ImageDraw.Draw(poster)
    theme = _hex(kecamatan.theme_color)
    margin = mm(14)
    width = PAGE_SIZE[0] - 2 * margin
    bottom = PAGE_SIZE[1] - margin

    # Header: logo, the kecamatan's name and where it is, a rule in the theme colour.
    y = margin
    logo = _logo(kecamatan, mm(20))
    text_left = margin
    if logo is not None:
        poster.paste(logo, (margin, y), logo)
        text_left = margin + logo.width + mm(5)
    name_font = _font(20, bold=True)
    detail_font = _font(13)
    name_lines = wrap(draw, kecamatan.name, name_font, PAGE_SIZE[0] - margin - text_left, 2)
    header_y = _draw_lines(draw, name_lines, name_font, text_left, y, fill=theme, factor=1.15)
    detail = ", ".join(part for part in (kecamatan.regency, kecamatan.province) if part)
    if detail:
        header_y = _draw_lines(
            draw,
            wrap(draw, detail, detail_font, PAGE_SIZE[0] - margin - text_left, 1),
            detail_font,
            text_left,
            header_y + mm(1),
            fill=GREY,
        )
    y = max(header_y, y + (logo.height if logo is not None else 0)) + mm(4)
    draw.rectangle((margin, y, PAGE_SIZE[0] - margin, y + mm(1.5)), fill=theme)
    y += mm(1.5) + mm(7)

    # Title and text.
    if content.kicker:
        kicker_font = _font(15, bold=True)
        y = _draw_lines(
            draw,
            wrap(draw, content.kicker, kicker_font, width, 2),
            kicker_font,
            margin,
            y,
            fill=theme,
        )
        y += mm(1)
    title_font = _title_font(draw, content.title, width)
    y = _draw_lines(
        draw,
        wrap(draw, content.title, title_font, width, 3),
        title_font,
        margin,
        y,
        fill=INK,
        factor=1.15,
    )
    if content.text:
        text_font = _font(15)
        y += mm(3)
        y = _draw_lines(
            draw,
            wrap(draw, content.text, text_font, width, 4),
            text_font,
            margin,
            y,
            fill=GREY,
            factor=1.35,
        )
    # The QR code's own quiet zone (four modules, about 10 mm) keeps the text away from it.
    y += mm(2)

    # From the bottom up: footnote, address in print, call to action; the QR code gets the rest.
    footnote_font, action_font = _font(10), _font(22, bold=True)
    url_font, url_lines = _url_lines(draw, content.url, width)
    footnote_lines = (
        wrap(draw, content.footnote, footnote_font, width, 2) if content.footnote else []
    )
    action_lines = wrap(draw, content.call_to_action, action_font, width, 2)
    below = (
        len(footnote_lines) * _line_height(footnote_font)
        + (mm(3) if footnote_lines else 0)
        + len(url_lines) * _line_height(url_font)
        + mm(2)
        + len(action_lines) * _line_height(action_font, 1.15)
    )
    box = min(mm(120), width, bottom - below - y)
    qr = qr_image(content.url, box)
    poster.paste(qr, (margin + (width - qr.width) // 2, y + (box - qr.height) // 2))
    y += box
    y = _draw_lines(
        draw, action_lines, action_font, margin, y, fill=theme, centre_width=width, factor=1.15
    )
    y = _draw_lines(draw, url_lines, url_font, margin, y + mm(2), fill=INK, centre_width=width)
    if footnote_lines:
        _draw_lines(
            draw, footnote_lines, footnote_font, margin, y + mm(3), fill=GREY, centre_width=width
        )
    return poster


def encode(image: Image.Image, fmt: str, *, title: str = "", author: str = "") -> bytes:
    """Return `image` as PNG or a one-page A4 PDF, both marked with the poster's resolution."""
    out = io.BytesIO()
    if fmt == "png":
        # Plain RGB: a 64-colour palette saved a third of the bytes but took three times as
        # long, and the file is small already.
        image.save(out, "PNG", dpi=(DPI, DPI))
    elif fmt == "pdf":
        image.save(
            out,
            "PDF",
            resolution=DPI,
            quality=85,
            subsampling=0,
            title=title,
            author=author,
            producer="Layanan Kecamatan",
        )
    else:
        raise ValueError(fmt)
    return out.getvalue()


def cache_key(content: PosterContent, kecamatan: KecamatanSettings, fmt: str, *, scope: str) -> str:
    """Return a cache key that changes with anything the poster shows."""
    logo = kecamatan.logo.file.name if kecamatan.logo_id else ""
    parts = [
        RENDER_VERSION,
        DPI,
        fmt,
        dataclasses.astuple(content),
        kecamatan.name,
        kecamatan.regency,
        kecamatan.province,
        kecamatan.theme_color,
        logo,
    ]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"poster:{scope}:{digest}"


def poster_file(content: PosterContent, kecamatan: KecamatanSettings, fmt: str, *, scope: str):
    """Return the poster's bytes in `fmt`, drawn once and then served from the cache."""
    key = cache_key(content, kecamatan, fmt, scope=scope)
    data = cache.get(key)
    if data is None:
        image = draw_poster(content, kecamatan)
        data = encode(image, fmt, title=content.title, author=kecamatan.name)
        cache.set(key, data, CACHE_SECONDS)
    return data
