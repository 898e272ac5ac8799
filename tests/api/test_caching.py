"""HTTP caching of the content API: validators, 304s, and ETags that follow the content."""

import datetime

import pytest
from django.utils import timezone
from django.utils.http import http_date, parse_http_date

from tests.factories import AnnouncementPageFactory, CategoryFactory, EventPageFactory, ImageFactory

pytestmark = pytest.mark.django_db

ANNOUNCEMENTS = "/api/v2/pages/?type=pages.AnnouncementPage"


def http_date_of(header: str) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(parse_http_date(header), tz=datetime.UTC)


def etag(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def test_list_carries_validators_and_cache_control(client, site_tree):
    """A list answers with ETag, Last-Modified and a short public Cache-Control."""
    AnnouncementPageFactory(parent=site_tree.announcements)

    response = client.get(ANNOUNCEMENTS)

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == "public, max-age=60"


def test_detail_cache_control_is_longer_than_lists(client, site_tree):
    """A single page may be kept longer than a list."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)

    response = client.get(f"/api/v2/pages/{page.pk}/")

    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"] and response["Last-Modified"]


@pytest.mark.parametrize("url", [ANNOUNCEMENTS, "detail", "/api/v2/images/"])
def test_matching_if_none_match_answers_304_without_body(client, site_tree, url):
    """Sending back the ETag gives 304 Not Modified with no body, validators repeated."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, listing_image=ImageFactory())
    url = f"/api/v2/pages/{page.pk}/" if url == "detail" else url
    first = client.get(url)

    second = client.get(url, headers={"if-none-match": first["ETag"]})

    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == first["Cache-Control"]


@pytest.mark.parametrize("query", ["limit=false", "offset=-1", "limit=1&limit=x"])
def test_conditional_request_with_a_bad_window_is_a_400_not_a_304(client, site_tree, query):
    """`If-None-Match: *` matches any copy, but a query that is a 400 without it stays a 400
    (found by the schema fuzz run: the 304 used to be answered before limit/offset were read)."""
    response = client.get(f"{ANNOUNCEMENTS}&{query}", headers={"if-none-match": "*"})

    assert response.status_code == 400
    assert response.json()["errors"]


def test_stale_if_none_match_gets_the_full_answer(client, site_tree):
    """An ETag that no longer matches gets a 200 with the content."""
    AnnouncementPageFactory(parent=site_tree.announcements)

    response = client.get(ANNOUNCEMENTS, headers={"if-none-match": '"old"'})

    assert response.status_code == 200
    assert response.json()["items"]


def test_if_modified_since_answers_304_when_nothing_changed(client, site_tree):
    """If-Modified-Since at or after Last-Modified gives 304; an older date gives 200."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    first = client.get(ANNOUNCEMENTS)

    unchanged = client.get(ANNOUNCEMENTS, headers={"if-modified-since": first["Last-Modified"]})
    older = http_date(page.last_published_at.timestamp() - 3600)
    changed = client.get(ANNOUNCEMENTS, headers={"if-modified-since": older})

    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert changed.status_code == 200


def test_publishing_a_page_changes_the_list_etag(client, site_tree):
    """A newly published announcement changes the ETag of the lists it appears in."""
    AnnouncementPageFactory(parent=site_tree.announcements)
    before = {url: etag(client, url) for url in [ANNOUNCEMENTS, "/api/v2/pages/"]}

    AnnouncementPageFactory(parent=site_tree.announcements)

    assert all(etag(client, url) != tag for url, tag in before.items())


def test_unpublishing_a_page_changes_the_list_etag(client, site_tree):
    """Unpublishing changes the list's ETag, and a conditional GET is no longer a 304."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    AnnouncementPageFactory(parent=site_tree.announcements)
    before = etag(client, ANNOUNCEMENTS)

    page.unpublish()

    response = client.get(ANNOUNCEMENTS, headers={"if-none-match": before})
    assert response.status_code == 200
    assert response["ETag"] != before


def test_editing_and_publishing_changes_list_and_detail_etags(client, site_tree):
    """A published edit changes the ETag of the page and of its list."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    detail = f"/api/v2/pages/{page.pk}/"
    before_list, before_detail = etag(client, ANNOUNCEMENTS), etag(client, detail)

    page.title = "Judul baru"
    page.save_revision().publish()

    assert etag(client, ANNOUNCEMENTS) != before_list
    assert etag(client, detail) != before_detail
    assert client.get(detail).json()["title"] == "Judul baru"


def test_each_query_has_its_own_etag(client, site_tree):
    """Two different questions about the same pages never share an ETag."""
    AnnouncementPageFactory(parent=site_tree.announcements, category=CategoryFactory(slug="a"))

    assert etag(client, ANNOUNCEMENTS) != etag(client, ANNOUNCEMENTS + "&fields=summary")


def test_editing_an_image_changes_the_etags_of_pages_that_show_it(client, site_tree):
    """New alt text on a listing image is a new answer: list and detail ETags change."""
    image = ImageFactory()
    page = AnnouncementPageFactory(parent=site_tree.announcements, listing_image=image)
    detail = f"/api/v2/pages/{page.pk}/"
    listing = ANNOUNCEMENTS + "&fields=listing_image"
    before_list, before_detail = etag(client, listing), etag(client, detail)

    image.description = "Warga antre di loket PATEN"
    image.save()

    assert etag(client, listing) != before_list
    assert etag(client, detail) != before_detail
    assert client.get(detail).json()["listing_image"]["alt"] == "Warga antre di loket PATEN"


class Clock:
    """Moves django.utils.timezone.now (which every expiry check reads) without sleeping."""

    def __init__(self, monkeypatch):
        self.offset = datetime.timedelta(0)
        real_now = timezone.now
        monkeypatch.setattr(timezone, "now", lambda: real_now() + self.offset)

    def advance(self, **delta):
        self.offset += datetime.timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.mark.parametrize(
    "url",
    [
        ANNOUNCEMENTS + "&fields=is_expired",
        ANNOUNCEMENTS + "&fields=*",
        ANNOUNCEMENTS + "&current=true",
        ANNOUNCEMENTS + "&current=false",
        ANNOUNCEMENTS,
    ],
)
def test_an_announcement_expiring_changes_the_list_validators(client, site_tree, clock, url):
    """When valid_until passes, nobody publishes anything, yet the answer changed:
    the ETag changes, If-None-Match and If-Modified-Since no longer get a 304."""
    AnnouncementPageFactory(parent=site_tree.announcements, title="Tetap")
    AnnouncementPageFactory(
        parent=site_tree.announcements,
        title="Sementara",
        valid_until=timezone.now() + datetime.timedelta(hours=1),
    )
    before = client.get(url)
    assert client.get(url, headers={"if-none-match": before["ETag"]}).status_code == 304

    clock.advance(hours=2)

    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    since = client.get(url, headers={"if-modified-since": before["Last-Modified"]})
    assert since.status_code == 200
    again = client.get(url, headers={"if-none-match": after["ETag"]})
    assert again.status_code == 304


def test_is_expired_flips_in_list_and_detail_with_new_etags(client, site_tree, clock):
    """The flipped is_expired is served at once, under new validators, in list and detail."""
    page = AnnouncementPageFactory(
        parent=site_tree.announcements, valid_until=timezone.now() + datetime.timedelta(hours=1)
    )
    listing, detail = ANNOUNCEMENTS + "&fields=is_expired", f"/api/v2/pages/{page.pk}/"
    first = {url: client.get(url) for url in (listing, detail)}
    assert first[listing].json()["items"][0]["is_expired"] is False
    assert first[detail].json()["is_expired"] is False

    clock.advance(hours=1, seconds=1)

    for url, response in first.items():
        changed = client.get(url, headers={"if-none-match": response["ETag"]})
        assert changed.status_code == 200, url
        body = changed.json()
        assert (body["items"][0] if "items" in body else body)["is_expired"] is True
        assert http_date_of(changed["Last-Modified"]) >= page.valid_until.replace(microsecond=0)


def test_an_event_ending_changes_the_upcoming_list_etag(client, site_tree, clock):
    """?upcoming=true drops an event once it ends: its ETag changes at that moment."""
    start = timezone.now() + datetime.timedelta(hours=1)
    EventPageFactory(parent=site_tree.events, start=start, end=start + datetime.timedelta(hours=2))
    EventPageFactory(parent=site_tree.events, start=start + datetime.timedelta(days=3))
    url = "/api/v2/pages/?type=pages.EventPage&upcoming=true"
    before = client.get(url)
    clock.advance(hours=1)  # started, not over: still upcoming, same answer
    assert client.get(url, headers={"if-none-match": before["ETag"]}).status_code == 304

    clock.advance(hours=3)

    after = client.get(url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["meta"]["total_count"] == 1
    since = client.get(url, headers={"if-modified-since": before["Last-Modified"]})
    assert since.status_code == 200


def test_time_passing_without_a_boundary_keeps_the_etag(client, site_tree, clock):
    """Lists whose items have nothing expiring keep their ETag as time passes (still 304)."""
    AnnouncementPageFactory(parent=site_tree.announcements)
    first = client.get(ANNOUNCEMENTS + "&current=true")

    clock.advance(days=30)

    assert client.get(ANNOUNCEMENTS + "&current=true")["ETag"] == first["ETag"]
