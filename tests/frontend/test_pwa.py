"""The installable app on the server side: manifest, worker, offline page, install help."""

import ast
import gzip
import io
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image
from wagtail.models import Site

from frontend import bundles
from pages.models import KecamatanSettings
from tests.factories import AnnouncementPageFactory, GuidePageFactory, InfographicPageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db


def worker_config(response) -> dict:
    first_line = response.content.decode().split("\n", 1)[0]
    assert first_line.startswith("self.LK = ") and first_line.endswith(";")
    return json.loads(first_line.removeprefix("self.LK = ").removesuffix(";"))


def test_manifest_describes_the_installable_app_in_indonesian(client, site_tree):
    KecamatanSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"name": "Kecamatan Sukamaju", "theme_color": "#123abc"},
    )

    response = client.get("/manifest.json")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json; charset=utf-8"
    manifest = response.json()
    assert manifest["id"] == "/" and manifest["scope"] == "/" and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] == "Layanan Kecamatan Sukamaju"
    assert manifest["short_name"] == "Kec. Sukamaju"
    assert manifest["description"].startswith("Pengumuman, infografis, panduan")
    assert len(manifest["description"]) <= 300
    assert manifest["lang"] == "id"
    assert manifest["theme_color"] == "#123abc"  # from the site settings
    assert manifest["background_color"] == "#ffffff"
    icons = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert icons == {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")}
    assert manifest["screenshots"][0]["form_factor"] == "narrow"
    assert [(s["name"], s["url"]) for s in manifest["shortcuts"]] == [
        ("Pengaduan baru", "/pengaduan/baru/"),
        ("Lacak pengaduan", "/pengaduan/lacak/"),
        ("Pengumuman", site_tree.announcements.url),
        ("Panduan", site_tree.guides.url),
    ]
    assert manifest["share_target"] == {
        "action": "/pengaduan/baru/",
        "method": "POST",
        "enctype": "multipart/form-data",
        "params": {"text": "description", "files": [{"name": "photo", "accept": ["image/*"]}]},
    }


def test_no_pwa_package_publishes_its_default_icons_and_fonts():
    """The manifest and worker are ours: no package's sample icons, splash screens or Bootstrap
    fonts (django-pwa's 850 KB) are collected into STATIC_ROOT and served."""
    for name in [
        "images/icons/icon-72x72.png",
        "fonts/bootstrap/glyphicons-halflings-regular.woff",
    ]:
        assert finders.find(name) is None


def test_manifest_is_revalidated_cheaply(client, site_tree):
    first = client.get("/manifest.json")

    again = client.get("/manifest.json", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Cache-Control"] == "no-cache"
    assert again.status_code == 304


def test_manifest_images_are_pngs_of_their_stated_size(client, site_tree):
    manifest = client.get("/manifest.json").json()
    images = manifest["icons"] + manifest["screenshots"]
    images += [icon for shortcut in manifest["shortcuts"] for icon in shortcut["icons"]]

    for item in images:
        path = finders.find(item["src"].removeprefix("/static/"))
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert "{}x{}".format(*image.size) == item["sizes"], item["src"]


def test_maskable_icon_is_opaque_to_its_edges(site_tree):
    """A maskable icon must fill its square: launchers crop it to their own shape."""
    with Image.open(finders.find("pwa/icon-maskable-512.png")) as image:
        rgba = image.convert("RGBA")
        corners = [rgba.getpixel(xy) for xy in [(0, 0), (511, 0), (0, 511), (511, 511)]]
    assert all(pixel[3] == 255 for pixel in corners)


def test_favicon_is_the_app_icon_cacheable_for_a_week(client, site_tree):
    """Browsers ask for /favicon.ico on answers without an icon link: never a 404."""
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response["Cache-Control"] == "public, max-age=604800"
    with Image.open(io.BytesIO(response.content)) as icon:
        assert icon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
        assert icon.convert("RGBA").getpixel((24, 24))[3] == 255  # drawn, not empty
    again = client.get("/favicon.ico", headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304
    assert client.head("/favicon.ico").status_code == 200
    assert client.post("/favicon.ico").status_code == 405


def test_worker_is_served_from_the_root_and_never_kept_stale(client, site_tree):
    response = client.get("/serviceworker.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert client.get("/serviceworker.js", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    assert client.post("/serviceworker.js").status_code == 405


@pytest.mark.parametrize("url", ["/serviceworker.js", "/manifest.json"])
def test_worker_and_manifest_travel_gzipped_and_still_revalidate(client, site_tree, url):
    plain = client.get(url)

    packed = client.get(url, headers={"accept-encoding": "gzip, deflate, br"})

    assert packed["Content-Encoding"] == "gzip"
    assert gzip.decompress(packed.content) == plain.content
    assert len(packed.content) < len(plain.content) / 2
    assert packed["ETag"] == "W/" + plain["ETag"]
    for tag in (packed["ETag"], plain["ETag"]):
        again = client.get(url, headers={"accept-encoding": "gzip", "if-none-match": tag})
        assert again.status_code == 304


def test_worker_config_lists_the_shell_and_the_pages_every_app_keeps(client, site_tree):
    config = worker_config(client.get("/serviceworker.js"))

    assert len(config["version"]) == 12
    assert "/static/css/site.css" in config["shell"] and "/static/js/pwa.js" in config["shell"]
    assert {"/offline/", "/en/offline/", "/manifest.json"} <= set(config["shell"])
    assert config["pages"] == ["/", site_tree.announcements.url]
    assert config["optionalPages"] == ["/pengaduan/baru/", "/pengaduan/saya/", "/notifikasi/"]
    assert config["offline"] == {"id": "/offline/", "en": "/en/offline/"}
    assert {"/admin/", "/api/"} <= set(config["networkOnly"])
    # The complaint outbox: the worker imports the page's own outbox code, and catches the
    # share_target post to the form in both languages.
    assert config["outbox"] == "/static/js/outbox.js" and config["outbox"] in config["shell"]
    assert config["complaintForms"] == ["/pengaduan/baru/", "/en/pengaduan/baru/"]
    assert "importScripts(LK.outbox)" in client.get("/serviceworker.js").content.decode()


def test_worker_version_follows_the_shell_files(client, site_tree, monkeypatch, tmp_path):
    """Change a precached file and the worker's version changes, so browsers update it."""
    before = worker_config(client.get("/serviceworker.js"))["version"]
    assert worker_config(client.get("/serviceworker.js"))["version"] == before  # stable

    changed = tmp_path / "site.css"
    changed.write_text(Path(finders.find("css/site.css")).read_text() + "\n.new { color: red }")
    real_find = finders.find
    monkeypatch.setattr(
        finders,
        "find",
        lambda name, **kw: str(changed) if name == "css/site.css" else real_find(name, **kw),
    )

    assert worker_config(client.get("/serviceworker.js"))["version"] != before


def test_worker_version_follows_its_own_source(client, site_tree, monkeypatch, tmp_path):
    """Change any part of the worker and its version changes (the parts are kept in memory)."""
    before = client.get("/serviceworker.js")
    scripts = tmp_path / "scripts"
    shutil.copytree(bundles.SCRIPTS, scripts)
    monkeypatch.setattr(bundles, "SCRIPTS", scripts)
    assert client.get("/serviceworker.js").content == before.content  # same files, same worker

    with (scripts / "worker" / "pages.js").open("a") as part:
        part.write("// changed\n")
    response = client.get("/serviceworker.js")

    assert worker_config(response)["version"] != worker_config(before)["version"]
    assert (
        "// changed\n// ---- frontend/scripts/worker/low-data.js ----" in response.content.decode()
    )


def test_worker_is_its_parts_in_order(client, site_tree):
    body = client.get("/serviceworker.js").content.decode()

    starts = [
        body.index(f"// ---- frontend/scripts/{part} ----\n") for part in bundles.WORKER_PARTS
    ]
    assert starts == sorted(starts)
    for part in bundles.WORKER_PARTS:
        assert body.count(bundles.without_head(bundles.read_part(part))) == 1


@pytest.mark.parametrize(
    "folder, parts", [("worker", bundles.WORKER_PARTS), ("pwa", bundles.PWA_JS_PARTS)]
)
def test_every_script_part_is_joined_and_readable_in_one_sitting(folder, parts):
    """No part is forgotten in its list, and none grows past 250 lines."""
    on_disk = {f"{folder}/{path.name}" for path in (bundles.SCRIPTS / folder).glob("*.js")}

    assert on_disk == {part for part in parts if part.startswith(f"{folder}/")}
    for part in parts:
        text = (bundles.SCRIPTS / part).read_text()
        assert text.startswith("/*"), f"{part}: say what it is for and what it uses"
        assert len(text.splitlines()) <= 250, part


def test_pwa_js_is_what_its_parts_make():
    """static/js/pwa.js is written by `manage.py pwa_script`: edit the parts, then run it."""
    call_command("pwa_script", "--check", stdout=StringIO())

    assert bundles.PWA_JS.read_text() == bundles.pwa_js()


def test_pwa_script_rewrites_a_stale_file_and_check_fails_on_one(monkeypatch, tmp_path):
    stale = tmp_path / "pwa.js"
    stale.write_text("// an old copy\n")
    monkeypatch.setattr(bundles, "PWA_JS", stale)

    with pytest.raises(CommandError, match="stale"):
        call_command("pwa_script", "--check", stdout=StringIO())
    assert stale.read_text() == "// an old copy\n"
    call_command("pwa_script", stdout=StringIO())

    assert stale.read_text() == bundles.pwa_js()
    assert stale.read_text().count("// ---- frontend/scripts/") == len(bundles.PWA_JS_PARTS)
    call_command("pwa_script", "--check", stdout=StringIO())


def test_worker_and_manifest_cost_a_few_queries(client, site_tree, django_assert_max_num_queries):
    for n in range(5):
        AnnouncementPageFactory(parent=site_tree.announcements, title=f"Pengumuman {n}")
    # Warm the site root cache and create the settings row, as on any running site.
    client.get("/serviceworker.js")
    client.get("/manifest.json")

    with django_assert_max_num_queries(4):
        client.get("/serviceworker.js")
    with django_assert_max_num_queries(6):
        client.get("/manifest.json")


def test_precached_shell_fits_its_budget(site_tree):
    """Everything precached at install is at most 150 KB (printed for docs/pwa.md)."""
    out = StringIO()

    call_command("pwa_shell_size", stdout=out)

    print(out.getvalue())
    total = out.getvalue().strip().splitlines()[-1]
    assert "total" in total
    assert int(total.split()[0].replace(",", "")) <= 150 * 1024


def test_our_javascript_fits_its_budget():
    """All our JavaScript on any page together is at most 20 KB compressed.

    The complaint form carries the most: every page's two files plus the outbox's three.
    """
    names = ["js/site.js", "js/pwa.js", "js/outbox.js", "js/outbox-ui.js", "js/complaint.js"]
    total = sum(len(gzip.compress(Path(finders.find(name)).read_bytes(), 9)) for name in names)

    assert total <= 20 * 1024


def test_the_frontend_package_imports_no_test_code_and_no_browser():
    """Production code needs neither the test suite nor Playwright (tools/pwa_screenshot.py
    photographs the site for the manifest instead of a management command)."""
    found = []
    for path in sorted(bundles.FRONTEND.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            found += [
                f"{path.name}: {name}"
                for name in names
                if name.split(".")[0] in {"tests", "playwright", "pytest"}
            ]

    assert found == []


def test_every_page_links_the_manifest_and_the_app_script(client, site_tree):
    html = soup(client.get("/"))

    assert html.find("link", rel="manifest")["href"] == "/manifest.json"
    assert html.find("link", rel="apple-touch-icon") is not None
    assert html.find("script", src="/static/js/pwa.js").has_attr("defer")
    banner = html.find("template", id="install-banner")
    assert "Pasang aplikasi" in banner.decode_contents()


def test_offline_page_is_indonesian_and_lists_saved_pages(client, site_tree):
    response = client.get("/offline/")

    assert response.status_code == 200
    html = soup(response)
    assert html.html["lang"] == "id"
    assert html.find("h1").get_text() == "Tidak ada sambungan internet"
    assert html.find(attrs={"data-saved-list": True})["data-remove-label"] == "Hapus"
    assert html.find(attrs={"data-read-list": True}) is not None


def test_offline_page_in_english(client, site_tree_en):
    response = client.get("/en/offline/")

    assert response.status_code == 200
    assert soup(response).find("h1").get_text() == "No connection"


def test_install_help_is_illustrated_inline_in_indonesian(client, site_tree):
    response = client.get("/pasang-aplikasi/")

    assert response.status_code == 200
    main = soup(response).find("main")
    assert main.find("h1").get_text() == "Pasang aplikasi"
    assert len(main.find_all("svg")) == 5
    assert main.find("img") is None  # nothing to download: the pictures are inline SVG
    assert "Tambah ke Layar Utama" in main.get_text()


@pytest.mark.parametrize("factory", [GuidePageFactory, InfographicPageFactory])
def test_guides_and_infographics_offer_saving_hidden_until_script_shows_it(
    client, site_tree, factory
):
    parent = site_tree.guides if factory is GuidePageFactory else site_tree.infographics
    page = factory(parent=parent)

    box = soup(client.get(page.url)).find(attrs={"data-save-offline": True})

    assert box.has_attr("hidden")
    assert (
        box.find("button", attrs={"data-save": True}).get_text()
        == "Simpan untuk dibaca tanpa sinyal"
    )


def test_announcements_have_no_save_button(client, site_tree):
    page = AnnouncementPageFactory(parent=site_tree.announcements)

    assert soup(client.get(page.url)).find(attrs={"data-save-offline": True}) is None
