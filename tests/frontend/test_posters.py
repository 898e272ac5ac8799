"""Staff print an A4 poster with a QR code that brings residents from a notice board to a page."""

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from PIL import Image, ImageDraw
from wagtail.models import GroupPagePermission

from frontend import posters
from pages.models import KecamatanSettings
from tests.factories import (
    AnnouncementPageFactory,
    EventPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    StandardPageFactory,
    translate,
)
from tests.utils import qr_texts

pytestmark = pytest.mark.django_db

BASE = "http://localhost"  # the default Site of the test tree
A4_POINTS = (595.28, 841.89)

CONTENT_FACTORIES = {
    "announcement": AnnouncementPageFactory,
    "infographic": InfographicPageFactory,
    "guide": GuidePageFactory,
    "service": ServicePageFactory,
    "event": EventPageFactory,
    "standard": StandardPageFactory,
}
TREE_PAGES = ("home", "announcements", "infographics", "guides", "services", "events")


def poster_url(page, kind="halaman", fmt="png") -> str:
    return f"/admin/poster/{page.pk}/{kind}.{fmt}"


def open_png(response) -> Image.Image:
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image


def pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """Return the (width, height) in points of every page object of a PDF."""
    pages = []
    for chunk in data.split(b"endobj"):
        if re.search(rb"/Type\s*/Page\b(?!s)", chunk):
            box = re.search(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", chunk)
            pages.append((float(box[3]) - float(box[1]), float(box[4]) - float(box[2])))
    return pages


def qr_width_mm(image) -> float:
    """Return the printed width of the QR code in `image`, without its quiet zone."""
    import zxingcpp

    [result] = zxingcpp.read_barcodes(image.convert("L"))
    position = result.position
    return (position.top_right.x - position.top_left.x) * 25.4 / posters.DPI


def assert_png_poster(response, url: str):
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("attachment;")
    image = open_png(response)
    assert image.size == (1654, 2339)  # A4 at 200 dpi
    assert image.info["dpi"] == pytest.approx((200, 200), abs=0.01)
    assert qr_texts(image) == [url]
    assert qr_width_mm(image) >= 85


def assert_pdf_poster(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    data = response.content
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    [(width, height)] = pdf_pages(data)
    assert width == pytest.approx(A4_POINTS[0], abs=0.5)
    assert height == pytest.approx(A4_POINTS[1], abs=0.5)


@pytest.mark.parametrize("name", TREE_PAGES)
def test_home_and_every_list_get_a_poster(client, site_tree, superuser, name):
    """The home page and each list: a PNG whose QR code reads back as the page's address."""
    page = getattr(site_tree, name)
    client.force_login(superuser)

    assert_png_poster(client.get(poster_url(page)), BASE + page.url)
    assert_pdf_poster(client.get(poster_url(page, fmt="pdf")))


@pytest.mark.parametrize("name", CONTENT_FACTORIES)
def test_every_content_page_type_gets_a_poster(client, site_tree, superuser, name):
    """Every kind of content page: PNG and PDF, A4, the QR code gives the canonical address."""
    page = CONTENT_FACTORIES[name](summary="Bawa KTP dan kartu keluarga ke balai desa.")
    client.force_login(superuser)

    assert_png_poster(client.get(poster_url(page)), f"{BASE}{page.url}")
    assert_pdf_poster(client.get(poster_url(page, fmt="pdf")))


def test_english_page_poster_points_to_its_english_address(client, site_tree, superuser):
    page = AnnouncementPageFactory(parent=site_tree.announcements, slug="jadwal-posyandu")
    english = translate(page, title="Posyandu schedule")
    client.force_login(superuser)

    response = client.get(poster_url(english))

    assert_png_poster(response, f"{BASE}/en/pengumuman/jadwal-posyandu/")


def test_app_poster_points_to_the_home_page_in_its_language(
    client, site_tree, site_tree_en, superuser
):
    """The home page's header offers the app poster; its QR code opens the app's start page."""
    client.force_login(superuser)

    assert_png_poster(client.get(poster_url(site_tree.home, "aplikasi")), f"{BASE}/")
    assert_png_poster(client.get(poster_url(site_tree_en.home, "aplikasi")), f"{BASE}/en/")
    assert_pdf_poster(client.get(poster_url(site_tree.home, "aplikasi", "pdf")))


def test_app_poster_speaks_the_home_page_language(rf, site_tree, site_tree_en):
    from django.utils import translation

    from frontend.poster_views import app_poster_content

    kecamatan = KecamatanSettings(name="Kecamatan Sukamaju")
    request = rf.get("/")
    with translation.override("id"):
        indonesian = app_poster_content(request, site_tree.home, kecamatan)
    with translation.override("en"):
        english = app_poster_content(request, site_tree_en.home, kecamatan)

    assert indonesian.title == "Pasang aplikasi Kecamatan Sukamaju di ponsel Anda"
    assert english.title == "Install the Kecamatan Sukamaju app on your phone"


def test_only_a_home_page_has_an_app_poster(client, site_tree, superuser):
    client.force_login(superuser)

    assert client.get(poster_url(site_tree.announcements, "aplikasi")).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/poster/999999/halaman.png",  # no such page
        "/admin/poster/{pk}/halaman.gif",  # no such format
        "/admin/poster/{pk}/sampul.png",  # no such kind
    ],
)
def test_unknown_poster_is_not_found(client, site_tree, superuser, path):
    client.force_login(superuser)

    assert client.get(path.format(pk=site_tree.guides.pk)).status_code == 404


def test_unpublished_page_has_no_poster(client, site_tree, superuser):
    """A draft has no public address to put on a QR code."""
    draft = AnnouncementPageFactory(parent=site_tree.announcements, publish=False)
    client.force_login(superuser)

    assert client.get(poster_url(draft)).status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(client, site_tree):
    response = client.get(poster_url(site_tree.announcements))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.fixture
def editor(django_user_model, site_tree):
    """A staff member who may edit the announcements, and nothing else."""
    user = django_user_model.objects.create_user("editor", "editor@kecamatan.local", "x")
    group = Group.objects.create(name="Penyunting pengumuman")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=site_tree.announcements,
        permission=Permission.objects.get(codename="change_page"),
    )
    user.groups.add(group)
    return user


def test_editor_gets_posters_only_of_pages_they_may_edit(client, site_tree, editor):
    announcement = AnnouncementPageFactory(parent=site_tree.announcements)
    guide = GuidePageFactory(parent=site_tree.guides)
    client.force_login(editor)

    assert_png_poster(client.get(poster_url(announcement)), BASE + announcement.url)
    # Wagtail's answer to a page one may not touch: back to the dashboard, with a message.
    for url in (poster_url(guide), poster_url(site_tree.home, "aplikasi")):
        response = client.get(url, follow=True)
        assert response.redirect_chain == [("/admin/", 302)]
        assert "tidak memiliki izin" in response.content.decode()


def test_edit_view_offers_poster_downloads(client, site_tree, superuser):
    """One click in the page's header menu downloads the poster."""
    page = ServicePageFactory(parent=site_tree.services)
    client.force_login(superuser)

    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    home = client.get(f"/admin/pages/{site_tree.home.pk}/edit/").content.decode()

    assert poster_url(page) in html and poster_url(page, fmt="pdf") in html
    assert poster_url(page, "aplikasi") not in html
    assert poster_url(site_tree.home, "aplikasi") in home
    assert poster_url(site_tree.home, "aplikasi", "pdf") in home


def test_page_listing_offers_poster_downloads_for_live_pages_only(client, site_tree, superuser):
    live = AnnouncementPageFactory(parent=site_tree.announcements)
    draft = AnnouncementPageFactory(parent=site_tree.announcements, publish=False)
    client.force_login(superuser)

    html = client.get(f"/admin/pages/{site_tree.announcements.pk}/").content.decode()

    assert poster_url(live) in html
    assert poster_url(draft) not in html


def test_listing_buttons_cost_no_query_per_page(client, site_tree, superuser, editor):
    """The buttons read only what the listing already loaded (permissions are cached)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from frontend.wagtail_hooks import poster_listing_buttons

    pages = [AnnouncementPageFactory(parent=site_tree.announcements) for _ in range(3)]
    for user in (superuser, editor):
        list(poster_listing_buttons(pages[0], user))  # the user's permissions, once
        with CaptureQueriesContext(connection) as queries:
            buttons = [list(poster_listing_buttons(page, user)) for page in pages]
        assert len(queries.captured_queries) == 0
        assert [len(row) for row in buttons] == [2, 2, 2]


def test_second_download_comes_from_the_cache(client, site_tree, superuser, monkeypatch):
    """Drawn once per content; a change to the page draws it again."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Kerja bakti")
    drawn = []
    draw = posters.draw_poster
    monkeypatch.setattr(posters, "draw_poster", lambda *a, **k: drawn.append(1) or draw(*a, **k))
    client.force_login(superuser)

    first = client.get(poster_url(page)).content
    second = client.get(poster_url(page)).content
    assert first == second and len(drawn) == 1

    page.title = "Kerja bakti diundur"
    page.save_revision().publish()
    third = client.get(poster_url(page)).content
    assert third != first and len(drawn) == 2
    assert qr_texts(Image.open(io.BytesIO(third))) == [BASE + page.url]


# The drawing itself -----------------------------------------------------------------------------


def test_long_words_and_titles_wrap_inside_the_page():
    """A title of Wagtail's maximum length and a word longer than a line stay inside."""
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = posters._font(34, bold=True)
    width = posters.mm(178)
    title = "Sosialisasi " + "Penyelenggaraan" * 6 + " pelayanan administrasi terpadu " * 7

    lines = posters.wrap(draw, title, font, width, 3)

    assert len(lines) == 3
    assert all(draw.textlength(line, font=font) <= width for line in lines)
    assert lines[0] == "Sosialisasi"  # the long word starts a line of its own, then is cut
    assert lines[-1].endswith("…")


def test_long_address_breaks_after_a_slash_or_a_hyphen():
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = posters._font(14)
    url = "https://sukamaju.go.id/pengumuman/" + "jadwal-posyandu-balita-" * 4 + "oktober/"

    lines = posters.wrap(draw, url, font, posters.mm(178), 3, breaks=posters.URL_BREAKS)

    assert "".join(lines) == url and len(lines) == 3
    assert all(line[-1] in "/-" for line in lines)
    assert all(draw.textlength(line, font=font) <= posters.mm(178) for line in lines)


def test_an_address_breaks_after_its_slash_rather_than_inside_the_slug():
    """Someone typing the address from the notice board must not take a break for a "-"."""
    draw = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    font = posters._font(14)
    width = posters.mm(178)
    url = "http://127.0.0.1:8078/pengumuman/peringatan-dini-banjir-sungai-cisaruni/"
    while draw.textlength(url, font=font) <= width:  # just too long for one line
        url = url.replace("http://", "http://kecamatan-")

    lines = posters.wrap(draw, url, font, width, 3, breaks=posters.URL_BREAKS)

    assert "".join(lines) == url and len(lines) == 2
    assert lines[0].endswith("/pengumuman/")


def test_poster_with_logo_long_title_and_long_address_still_scans(site_tree):
    """The worst case: the logo, a 255-character title, a long text and a long address."""
    logo = ImageFactory(width=600, height=600, title="Logo")
    kecamatan = KecamatanSettings(
        name="Kecamatan Sukamaju Kidul Baru",
        regency="Kabupaten Bandung Barat",
        province="Jawa Barat",
        logo=logo,
        theme_color="#7a1f1f",
    )
    url = "http://localhost/pengumuman/" + "a" * 180 + "/"
    content = posters.PosterContent(
        title=("Jadwal pelayanan keliling perekaman KTP elektronik " * 6)[:255],
        text="Dibuka pukul 08.00 sampai 15.00. " * 20,
        url=url,
        call_to_action="Pindai untuk membaca di ponsel Anda",
        kicker="Kegiatan · Sabtu, 12 Oktober 2026, 08:00 · Aula kantor kecamatan",
        footnote="Catatan kaki yang panjang. " * 10,
    )

    image = posters.draw_poster(content, kecamatan)

    assert image.size == posters.PAGE_SIZE
    assert qr_texts(image) == [url]
    assert qr_width_mm(image) >= 80  # still large enough to scan from a step away
    margin = posters.mm(16)
    assert image.getpixel((margin + 10, margin + 10)) == (11, 93, 59)  # the logo, in its colour


# Pages with view restrictions (Wagtail's Privacy: password, signed-in users, groups) have no
# poster: its QR code would lead residents to a page they cannot open, and print its title.

RESTRICTIONS = [
    {"restriction_type": "password", "password": "rahasia-desa"},
    {"restriction_type": "login"},
    {"restriction_type": "groups"},
]


def restrict(page, restriction_type, **fields):
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, **fields
    )
    if restriction_type == "groups":
        restriction.groups.add(Group.objects.get(name="Editor Konten"))
    return restriction


@pytest.mark.parametrize("restriction", RESTRICTIONS, ids=lambda r: r["restriction_type"])
def test_a_restricted_page_and_its_descendants_have_no_poster(
    client, site_tree, superuser, restriction
):
    index = site_tree.announcements
    child = AnnouncementPageFactory(parent=index)
    restrict(index, **restriction)
    client.force_login(superuser)

    for page in (index, child):
        for fmt in ("png", "pdf"):
            response = client.get(poster_url(page, fmt=fmt), follow=True)
            assert response.redirect_chain == [(f"/admin/pages/{page.pk}/edit/", 302)]
            assert "Halaman ini dibatasi" in response.content.decode()
            assert not response.get("Content-Disposition")


def test_a_restricted_site_has_no_app_poster(client, site_tree, superuser):
    restrict(site_tree.home, "login")
    client.force_login(superuser)

    response = client.get(poster_url(site_tree.home, "aplikasi"))

    assert response.status_code == 302 and not response.get("Content-Disposition")


def test_restricted_pages_offer_no_poster_buttons(client, site_tree, superuser):
    index = site_tree.announcements
    child = AnnouncementPageFactory(parent=index)
    open_page = GuidePageFactory(parent=site_tree.guides)
    restrict(index, "login")
    client.force_login(superuser)

    listing = client.get(f"/admin/pages/{index.pk}/").content.decode()
    edit = client.get(f"/admin/pages/{child.pk}/edit/").content.decode()
    guides = client.get(f"/admin/pages/{site_tree.guides.pk}/").content.decode()

    assert poster_url(child) not in listing and poster_url(child) not in edit
    assert poster_url(open_page) in guides


def test_a_restricted_service_has_no_survey_or_survey_poster(client, site_tree, superuser):
    service = ServicePageFactory(parent=site_tree.services, slug="layanan-internal")
    restrict(site_tree.services, "password", password="rahasia-desa")
    client.force_login(superuser)

    for fmt in ("", "png", "pdf"):
        response = client.get(f"/admin/survei/poster/{service.slug}/", {"format": fmt})
        assert response.status_code == 404
    assert client.get(f"/survei/{service.slug}/").status_code == 404
