"""Low-data mode on the server: with `Save-Data: on`, images wait behind tap-to-load links."""

import pytest
from wagtail.models import Site

from pages.models import KecamatanSettings
from tests.factories import (
    AnnouncementPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    paragraph,
    step,
)
from tests.utils import soup

pytestmark = pytest.mark.django_db

SAVE_DATA = {"save-data": "on"}


def images_outside_templates(response) -> list:
    """Return the <img>, <source> and <iframe> a browser would load from this page."""
    page = soup(response)
    for held in page.find_all("template"):
        held.decompose()
    return page.find_all(["img", "source", "iframe"])


def site_with_images(site_tree):
    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = ImageFactory(width=64, height=64)
    settings.save()
    image = ImageFactory(width=1200, height=675)
    announcement = AnnouncementPageFactory(
        listing_image=image,
        body=[
            paragraph("<p>Isi.</p>"),
            {"type": "image", "value": {"image": ImageFactory(width=800, height=600).pk}},
        ],
    )
    infographic = InfographicPageFactory(image=ImageFactory(width=720, height=1280))
    with_photo = {**step("Datang ke loket"), "value": {**step("x")["value"], "image": image.pk}}
    guide = GuidePageFactory(steps=[with_photo, step("Serahkan berkas"), step("Terima")])
    return ["/", site_tree.announcements.url, announcement.url, infographic.url, guide.url]


def test_save_data_pages_load_no_image_until_tapped(client, site_tree):
    for url in site_with_images(site_tree):
        normal = client.get(url)
        saving = client.get(url, headers=SAVE_DATA)

        assert images_outside_templates(normal), url
        assert images_outside_templates(saving) == [], url
        links = soup(saving).select(".lowdata--off a.lowdata__load")
        assert links, url
        for link in links:
            assert (
                link.get_text().startswith("Gambar ")
                and "KB – ketuk untuk memuat" in link.get_text()
            )
            assert link["href"].startswith("/media/images/")  # without JavaScript: the image itself
            assert link.find_next_sibling("template").find("img")


def test_the_placeholder_shows_the_size_of_the_image_a_phone_loads(client, site_tree):
    page = AnnouncementPageFactory(listing_image=ImageFactory(width=1600, height=900))
    rendition = page.listing_image.get_rendition("format-webp|fill-800x450")

    box = soup(client.get(page.url, headers=SAVE_DATA)).select_one(".hero .lowdata")

    assert int(box["data-bytes"]) == rendition.file.size
    kilobytes = max(1, round(rendition.file.size / 1024))
    assert box.a.get_text() == f"Gambar {kilobytes} KB – ketuk untuk memuat"


def test_save_data_pages_are_cached_apart_and_vary_on_it(client, site_tree):
    url = site_with_images(site_tree)[2]
    for _ in range(3):
        normal = client.get(url)
        saving = client.get(url, headers=SAVE_DATA)
    assert normal["X-Page-Cache"] == saving["X-Page-Cache"] == "hit"
    assert "Save-Data" in saving["Vary"] and "Save-Data" in normal["Vary"]
    assert images_outside_templates(saving) == []
    assert images_outside_templates(normal)
    assert normal["ETag"] != saving["ETag"]


def test_the_switch_is_in_the_footer_and_hidden_without_javascript(client, site_tree):
    switch = soup(client.get("/")).select_one(".site-footer [data-lowdata-switch]")

    assert switch.has_attr("hidden")
    assert switch.button["aria-pressed"] == "false"
    assert switch.button.get_text() == "Mode hemat data"
    assert (
        soup(client.get("/", headers=SAVE_DATA)).select_one("[data-lowdata-switch] button")[
            "aria-pressed"
        ]
        == "true"
    )
