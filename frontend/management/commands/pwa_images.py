"""Draw the app icons and /favicon.ico with Pillow.

    manage.py pwa_images

The PNGs are committed in frontend/static/pwa/; run this again only to change the drawing.
The manifest's screenshot is a photograph of the running site: tools/pwa_screenshot.py takes
it (a development tool: Chromium and Playwright stay out of the production package).
"""

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parents[2] / "static" / "pwa"
GREEN = (11, 93, 59, 255)  # the default theme colour of KecamatanSettings
WHITE = (255, 255, 255, 255)
SCALE = 4  # draw large, then shrink: smooth edges without an anti-aliasing library


def draw_hall(draw: ImageDraw.ImageDraw, box: tuple[float, float, float, float]) -> None:
    """Draw a white pavilion (roof, four pillars, steps): the kecamatan office, in `box`."""
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    draw.polygon([(x0, y0 + 0.38 * h), (x0 + w / 2, y0), (x1, y0 + 0.38 * h)], fill=WHITE)
    draw.rectangle([x0 + 0.06 * w, y0 + 0.38 * h, x1 - 0.06 * w, y0 + 0.46 * h], fill=WHITE)
    pillar = 0.1 * w
    for i in range(4):
        left = x0 + 0.14 * w + i * (0.72 * w - pillar) / 3
        draw.rectangle([left, y0 + 0.5 * h, left + pillar, y0 + 0.84 * h], fill=WHITE)
    draw.rectangle([x0 + 0.04 * w, y0 + 0.88 * h, x1 - 0.04 * w, y1], fill=WHITE)


def icon(size: int, *, maskable: bool) -> Image.Image:
    """Return the app icon; a maskable one is full-bleed with the drawing in the safe zone."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        # Launchers crop to any shape inside the centred circle of 80 % diameter.
        draw.rectangle([0, 0, big, big], fill=GREEN)
        margin = 0.27 * big  # half-diagonal 0.33 < 0.4: inside the circle
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=0.18 * big, fill=GREEN)
        margin = 0.18 * big
    draw_hall(draw, (margin, margin, big - margin, big - margin))
    return image.resize((size, size), Image.LANCZOS)


def shortcut_icon(kind: str, size: int = 96) -> Image.Image:
    """Return a round shortcut icon with a simple white sign for `kind`."""
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.ellipse([0, 0, big - 1, big - 1], fill=GREEN)
    u = big / 96  # drawing unit: coordinates below are on a 96 grid
    if kind == "new":  # a speech bubble with a plus
        d.rounded_rectangle([22 * u, 24 * u, 74 * u, 62 * u], radius=8 * u, fill=WHITE)
        d.polygon([(34 * u, 60 * u), (30 * u, 74 * u), (46 * u, 60 * u)], fill=WHITE)
        d.rectangle([45 * u, 32 * u, 51 * u, 54 * u], fill=GREEN)
        d.rectangle([37 * u, 40 * u, 59 * u, 46 * u], fill=GREEN)
    elif kind == "track":  # a magnifying glass
        d.ellipse([24 * u, 22 * u, 62 * u, 60 * u], outline=WHITE, width=int(7 * u))
        d.line([(56 * u, 54 * u), (72 * u, 72 * u)], fill=WHITE, width=int(9 * u))
    elif kind == "news":  # a megaphone
        d.polygon(
            [(26 * u, 40 * u), (62 * u, 24 * u), (62 * u, 70 * u), (26 * u, 56 * u)], fill=WHITE
        )
        d.rectangle([20 * u, 40 * u, 30 * u, 56 * u], fill=WHITE)
        d.rectangle([30 * u, 56 * u, 40 * u, 72 * u], fill=WHITE)
        d.line([(68 * u, 40 * u), (76 * u, 36 * u)], fill=WHITE, width=int(4 * u))
        d.line([(68 * u, 54 * u), (76 * u, 58 * u)], fill=WHITE, width=int(4 * u))
    elif kind == "guide":  # an open book
        d.polygon(
            [(20 * u, 30 * u), (46 * u, 34 * u), (46 * u, 70 * u), (20 * u, 66 * u)], fill=WHITE
        )
        d.polygon(
            [(50 * u, 34 * u), (76 * u, 30 * u), (76 * u, 66 * u), (50 * u, 70 * u)], fill=WHITE
        )
    else:
        raise ValueError(kind)
    return image.resize((size, size), Image.LANCZOS)


def save_png(image: Image.Image, path: Path) -> None:
    # 256-colour PNGs: a fraction of the size of full colour, and icons have few colours.
    image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)


def save_favicon(path: Path) -> None:
    """Write /favicon.ico (16, 32 and 48 px): browsers ask for it on answers with no icon link."""
    sizes = (16, 32, 48)
    drawn = {size: icon(size, maskable=False) for size in sizes}
    largest = drawn[sizes[-1]]
    largest.save(
        path,
        format="ICO",
        sizes=[(size, size) for size in sizes],
        append_images=[drawn[size] for size in sizes[:-1]],
    )


class Command(BaseCommand):
    help = "Draw the PWA icons and favicon into frontend/static/pwa/."

    def handle(self, *args, **options):
        OUT.mkdir(parents=True, exist_ok=True)
        images = {
            "icon-192.png": icon(192, maskable=False),
            "icon-512.png": icon(512, maskable=False),
            "icon-maskable-512.png": icon(512, maskable=True),
            # iOS ignores the manifest's icons and takes this one; it adds its own corners.
            "apple-touch-icon.png": icon(180, maskable=True),
        }
        for kind in ("new", "track", "news", "guide"):
            images[f"shortcut-{kind}.png"] = shortcut_icon(kind)
        for name, image in images.items():
            save_png(image, OUT / name)
            self.stdout.write(f"{name}: {(OUT / name).stat().st_size} bytes")
        save_favicon(OUT / "favicon.ico")
        self.stdout.write(f"favicon.ico: {(OUT / 'favicon.ico').stat().st_size} bytes")
