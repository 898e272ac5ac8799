"""The service worker and static/js/pwa.js: each one file for the browser, joined from parts.

The parts in frontend/scripts/ are what a person reads and edits, each about one concern; the
browser gets one file per script, as before (no extra request, nothing to bundle, no eval).
They are joined in the fixed order below, all in one scope: a part may use what another
defines (each part's header says what it uses). No build tool: the worker is joined by its view
on request (frontend/pwa_views.py); pwa.js by `manage.py pwa_script`, which writes
static/js/pwa.js, served by WhiteNoise like any static file; a test fails when it is stale.
docs/pwa.md explains the choice.
"""

import functools
from pathlib import Path

FRONTEND = Path(__file__).resolve().parent
SCRIPTS = FRONTEND / "scripts"
PWA_JS = FRONTEND / "static" / "js" / "pwa.js"

WORKER_PARTS = [
    "worker/base.js",
    "caches.js",
    "worker/lifecycle.js",
    "worker/fetch.js",
    "worker/pages.js",
    "worker/low-data.js",
    "worker/messages.js",
    "worker/outbox-sync.js",
    "worker/push.js",
]
PWA_JS_PARTS = [
    "caches.js",
    "pwa/core.js",
    "pwa/registration.js",
    "pwa/install.js",
    "pwa/saved-pages.js",
    "pwa/save-offline.js",
    "pwa/offline-page.js",
]
PWA_JS_HEAD = """\
// Layanan Kecamatan: the installable app, page side (docs/pwa.md). Only enhancements: without
// JavaScript or a service worker every page works the same, online.
// Made by `manage.py pwa_script` from frontend/scripts/ (PWA_JS_PARTS in frontend/bundles.py):
// edit those parts and run it again; tests/frontend fails while this file is stale.
(function () {
"use strict";
"""


@functools.lru_cache(maxsize=64)
def _text(path: Path, mtime_ns: int, size: int) -> str:
    return path.read_text()


def read_part(name: str) -> str:
    """Return the text of frontend/scripts/<name>, read again only when the file changes."""
    path = SCRIPTS / name
    stat = path.stat()
    return _text(path, stat.st_mtime_ns, stat.st_size)


def without_head(text: str) -> str:
    """Return a part without its opening /* ... */ comment (what it is for, what it uses).

    That comment is for the person editing the part; phones download the rest.
    """
    if text.startswith("/*"):
        text = text[text.index("*/") + 2 :].lstrip("\n")
    return text


def join(parts: list[str]) -> str:
    """Return the parts one after the other, each behind a line naming its file."""
    return "".join(
        f"// ---- frontend/scripts/{name} ----\n{without_head(read_part(name))}" for name in parts
    )


def worker_source() -> str:
    """Return the service worker's code (without its config line, which pwa_views adds)."""
    return join(WORKER_PARTS)


def pwa_js() -> str:
    """Return static/js/pwa.js as `manage.py pwa_script` writes it: its parts in one function."""
    return PWA_JS_HEAD + join(PWA_JS_PARTS) + "})();\n"
