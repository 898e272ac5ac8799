"""The content API's shared cache (api/cache.py): kept like pages, compressed, never personal."""

import gzip
import json

import brotli
import pytest
from django.test import override_settings
from wagtail.models import Collection, CollectionViewRestriction

from tests.factories import AnnouncementPageFactory, DocumentFactory, ImageFactory

pytestmark = pytest.mark.django_db

ANNOUNCEMENTS = "/api/v2/pages/?type=pages.AnnouncementPage&fields=*"
PORTAL = "https://portal.kabupaten.go.id"


def kept(client, url, **headers):
    """Request `url` until it comes from the cache (the first answer may make renditions)."""
    for _ in range(3):
        response = client.get(url, headers=headers)
        assert response.status_code in (200, 302), (url, response.status_code)
        if response["X-Api-Cache"] == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache: {response['X-Api-Cache']}")


@pytest.fixture
def content(site_tree):
    image = ImageFactory()
    page = AnnouncementPageFactory(parent=site_tree.announcements, listing_image=image)
    document = DocumentFactory()
    return {
        "list": ANNOUNCEMENTS,
        "every page": "/api/v2/pages/?limit=20",
        "detail": f"/api/v2/pages/{page.pk}/",
        "images": "/api/v2/images/",
        "image": f"/api/v2/images/{image.pk}/",
        "documents": "/api/v2/documents/",
        "document": f"/api/v2/documents/{document.pk}/",
        "find": f"/api/v2/pages/find/?html_path={page.url}",
    }


def test_a_kept_answer_is_served_without_a_single_query(client, content, django_assert_num_queries):
    """Lists, details and find of pages, images and documents: a hit costs no query."""
    for name, url in content.items():
        first = kept(client, url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response["X-Api-Cache"] == "hit", name
        assert response.content == first.content, name
        assert response.status_code == first.status_code, name
        if response.status_code == 200:
            assert response["ETag"] == first["ETag"], name
            assert response["Cache-Control"].startswith("public"), name


def test_a_matching_if_none_match_on_a_hit_is_a_304_without_a_query(
    client, content, django_assert_num_queries
):
    for name in ("list", "detail", "images"):
        first = kept(client, content[name])
        with django_assert_num_queries(0):
            response = client.get(content[name], headers={"if-none-match": first["ETag"]})
        assert response.status_code == 304, name
        assert response.content == b"", name
        assert response["ETag"] == first["ETag"], name
        assert response["Cache-Control"] == first["Cache-Control"], name
        assert "Accept-Language" in response["Vary"], name
        with django_assert_num_queries(0):
            stale = client.get(content[name], headers={"if-none-match": '"old"'})
        assert stale.status_code == 200, name


@pytest.mark.parametrize(
    ("encoding", "decompress"), [("br", brotli.decompress), ("gzip", gzip.decompress)]
)
def test_json_comes_compressed_when_asked(client, content, encoding, decompress):
    """Brotli or gzip, kept with the answer; the same JSON inside, several times smaller."""
    plain = kept(client, ANNOUNCEMENTS)

    response = client.get(ANNOUNCEMENTS, headers={"accept-encoding": f"{encoding}, deflate"})

    assert response["X-Api-Cache"] == "hit"
    assert response["Content-Encoding"] == encoding
    assert json.loads(decompress(response.content)) == plain.json()
    assert len(response.content) < len(plain.content) / 2
    assert "Accept-Encoding" in response["Vary"]
    assert int(response["Content-Length"]) == len(response.content)
    assert response["ETag"] in (plain["ETag"], "W/" + plain["ETag"])


def test_compressed_copies_are_made_once(client, content, monkeypatch):
    made = []
    real = brotli.compress
    monkeypatch.setattr(brotli, "compress", lambda data, **kw: made.append(1) or real(data, **kw))
    kept(client, ANNOUNCEMENTS)
    made.clear()

    for _ in range(3):
        client.get(ANNOUNCEMENTS, headers={"accept-encoding": "br"})

    assert made == []


def test_a_new_publish_changes_the_answer_at_once(client, site_tree, content):
    """The content version is in the key: no stale list or detail after a publish."""
    before = kept(client, ANNOUNCEMENTS)
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Jalan ditutup")

    after = client.get(ANNOUNCEMENTS)

    assert after["X-Api-Cache"] == "miss"
    assert after["ETag"] != before["ETag"]
    assert page.pk in [item["id"] for item in after.json()["items"]]

    detail = kept(client, f"/api/v2/pages/{page.pk}/")
    page.title = "Jalan dibuka lagi"
    page.save_revision().publish()
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Jalan dibuka lagi"
    assert detail.json()["title"] == "Jalan ditutup"


def test_a_restricted_collection_leaves_the_image_list_at_once(client, content):
    """A collection made private bumps the content version: its images leave kept lists."""
    assert kept(client, "/api/v2/images/").json()["meta"]["total_count"] == 1
    collection = Collection.get_first_root_node()
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type="password", password="rahasia"
    )

    assert client.get("/api/v2/images/").json()["meta"]["total_count"] == 0


def test_each_language_and_host_is_kept_apart(client, content):
    """Content-Language follows Accept-Language, URLs in the answer name the host."""
    indonesian = kept(client, content["detail"])
    english = kept(client, content["detail"], **{"accept-language": "en"})
    other_host = client.get(content["detail"], headers={"host": "127.0.0.1"})

    assert indonesian["Content-Language"] == "id"
    assert english["Content-Language"] == "en"
    vary = indonesian["Vary"]
    assert "Accept-Language" in vary and "Accept-Encoding" in vary and "Accept" in vary
    assert other_host["X-Api-Cache"] == "miss"
    assert "//127.0.0.1" in other_host.content.decode()
    assert "//127.0.0.1" not in indonesian.content.decode()


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_a_hit_carries_cors_headers_for_its_own_origin_only(client, content):
    kept(client, ANNOUNCEMENTS, origin=PORTAL)

    mine = client.get(ANNOUNCEMENTS, headers={"origin": PORTAL})
    other = client.get(ANNOUNCEMENTS, headers={"origin": "https://elsewhere.example"})
    none = client.get(ANNOUNCEMENTS)

    assert mine["X-Api-Cache"] == other["X-Api-Cache"] == none["X-Api-Cache"] == "hit"
    assert mine["Access-Control-Allow-Origin"] == PORTAL
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in none


@pytest.mark.parametrize(
    ("url", "headers"),
    [
        (ANNOUNCEMENTS + "&search=banjir", {}),
        (ANNOUNCEMENTS, {"authorization": "Bearer x"}),
        ("/api/v2/pages/?type=pages.Tidak", {}),  # a 400
        ("/api/v2/pages/999999/", {}),  # a 404
    ],
)
def test_searches_errors_and_credentials_are_never_kept(client, content, url, headers):
    for _ in range(3):
        response = client.get(url, headers=headers)
        assert response.get("X-Api-Cache", "off") == "off", url


def test_a_session_cookie_skips_the_cache(client, content):
    kept(client, ANNOUNCEMENTS)
    client.cookies["sessionid"] = "someone"

    assert client.get(ANNOUNCEMENTS)["X-Api-Cache"] == "off"


def test_the_browsable_page_is_never_kept(client, content):
    for _ in range(3):
        response = client.get(ANNOUNCEMENTS, headers={"accept": "text/html"})
        assert response["Content-Type"].startswith("text/html")
        assert response.get("X-Api-Cache", "off") == "off"


def test_resident_endpoints_are_not_touched(client, site_tree):
    for _ in range(2):
        response = client.get("/api/v1/complaint-categories/")
        assert "X-Api-Cache" not in response


def test_json_not_kept_is_compressed_once_in_the_encoding_asked(client, site_tree, monkeypatch):
    """A search (never kept) is still compressed: once, in the one encoding the client takes."""
    made = []
    real_brotli, real_gzip = brotli.compress, gzip.compress
    monkeypatch.setattr(
        brotli, "compress", lambda d, **kw: made.append("br") or real_brotli(d, **kw)
    )
    monkeypatch.setattr(gzip, "compress", lambda d, **kw: made.append("gzip") or real_gzip(d, **kw))
    for _ in range(3):
        AnnouncementPageFactory(parent=site_tree.announcements, title="Banjir di Desa Sukamaju")
    url = ANNOUNCEMENTS + "&search=banjir"
    plain = client.get(url)
    assert len(plain.json()["items"]) == 3
    made.clear()

    response = client.get(url, headers={"accept-encoding": "gzip, br"})

    assert response["X-Api-Cache"] == "off"
    assert made == ["br"]
    assert json.loads(brotli.decompress(response.content)) == plain.json()


@override_settings(PAGE_CACHE_SECONDS=0)
def test_with_the_cache_off_answers_are_still_validated(client, content):
    first = client.get(ANNOUNCEMENTS)
    second = client.get(ANNOUNCEMENTS, headers={"if-none-match": first["ETag"]})

    assert first["X-Api-Cache"] == "off"
    assert second.status_code == 304
