"""Photograph a running site's home page for the manifest's narrow screenshot (docs/pwa.md).

    make run                                           # the demo site, in another terminal
    .venv/bin/python tools/pwa_screenshot.py [URL]     # default http://127.0.0.1:8000/

Writes frontend/static/pwa/screenshot-narrow.png (540 x 1170, the size manifest.json states),
in 256 colours like the icons `manage.py pwa_images` draws. A development tool, kept out of the
production package: it drives Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) through
Playwright with the flags the browser tests use.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402

from frontend.management.commands.pwa_images import OUT, save_png  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

DEFAULT_URL = "http://127.0.0.1:8000/"
SCREENSHOT = OUT / "screenshot-narrow.png"
VIEWPORT = {"width": 360, "height": 780}  # x1.5 = 540 x 1170 px (ratio 2.17 <= 2.3)
SCALE = 1.5


def screenshot(browser, url: str, path: Path = SCREENSHOT) -> Path:
    """Photograph `url` in `browser` (Playwright) on a phone-sized viewport into `path` (PNG,
    256 colours); return `path`."""
    page = browser.new_page(viewport=VIEWPORT, device_scale_factor=SCALE)
    page.goto(url, wait_until="networkidle")
    page.screenshot(path=str(path))
    page.close()
    with Image.open(path) as shot:
        save_png(shot.convert("RGB"), path)
    return path


def main(url: str) -> Path:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return screenshot(browser, url)
        finally:
            browser.close()


if __name__ == "__main__":
    written = main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_URL)
    print(f"{written.relative_to(ROOT)}: {written.stat().st_size} bytes")
