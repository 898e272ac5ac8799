import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pages.models import EventIndexPage, EventPage, HomePage
from tests.factories import EventPageFactory, translate
from tests.utils import main_links, main_text, shown, soup

pytestmark = pytest.mark.django_db

JAKARTA = zoneinfo.ZoneInfo("Asia/Jakarta")


def days(n: float) -> datetime.timedelta:
    return datetime.timedelta(days=n)


def test_event_lives_only_under_event_list(site_tree):
    assert EventPage.allowed_parent_page_models() == [EventIndexPage]
    assert EventPage.can_create_at(site_tree.events)
    assert not EventPage.can_create_at(site_tree.home)
    assert not EventPage.can_create_at(site_tree.announcements)


def test_event_list_lives_once_under_home(site_tree):
    assert EventIndexPage.allowed_parent_page_models() == [HomePage]
    assert not EventIndexPage.can_create_at(site_tree.home)  # one exists already


def test_event_page_shows_place_time_and_audience(client, site_tree):
    start = datetime.datetime(2099, 3, 2, 9, 0, tzinfo=JAKARTA)
    page = EventPageFactory(
        title="Sosialisasi gizi balita",
        start=start,
        end=start + datetime.timedelta(hours=3),
        place="Balai Desa Sukamaju",
        audience="Ibu rumah tangga",
        what_to_bring="Buku KIA",
    )

    response = client.get(page.url)

    assert response.status_code == 200
    text = main_text(response)
    assert "Balai Desa Sukamaju" in text
    assert shown(start, "l, j F Y, H:i") in text
    assert "12:00" in text  # same-day end: the time only
    assert "Ibu rumah tangga" in text
    assert "Buku KIA" in text
    times = [t["datetime"] for t in soup(response).select("main dl time")]
    assert times[0] == shown(start, "c")


def test_event_that_ended_says_so(client, site_tree):
    page = EventPageFactory(
        start=timezone.now() - days(3), end=timezone.now() - days(3) + days(0.1)
    )

    assert page.is_past
    assert soup(client.get(page.url)).select_one("main .notice") is not None


def test_event_list_shows_upcoming_soonest_first_by_default(client, site_tree):
    later = EventPageFactory(start=timezone.now() + days(10))
    sooner = EventPageFactory(start=timezone.now() + days(2))
    ongoing = EventPageFactory(start=timezone.now() - days(0.1), end=timezone.now() + days(0.1))
    past = EventPageFactory(start=timezone.now() - days(5))

    links = main_links(client.get(site_tree.events.url))

    listed = [link for link in links if link in {later.url, sooner.url, ongoing.url, past.url}]
    assert listed == [ongoing.url, sooner.url, later.url]


def test_event_list_shows_past_events_latest_first_with_waktu_lalu(client, site_tree):
    upcoming = EventPageFactory(start=timezone.now() + days(2))
    older = EventPageFactory(start=timezone.now() - days(20))
    recent = EventPageFactory(start=timezone.now() - days(3))
    no_end = EventPageFactory(start=timezone.now() - days(1), end=None)

    response = client.get(site_tree.events.url, {"waktu": "lalu"})

    assert response.status_code == 200
    links = main_links(response)
    listed = [link for link in links if link in {upcoming.url, older.url, recent.url, no_end.url}]
    assert listed == [no_end.url, recent.url, older.url]


def test_past_events_keep_their_filter_across_pages(client, site_tree):
    for n in range(11):
        EventPageFactory(start=timezone.now() - days(n + 1), publish=False, live=True)

    response = client.get(site_tree.events.url, {"waktu": "lalu"})

    assert soup(response).find("a", rel="next")["href"] == "?waktu=lalu&halaman=2"


def test_event_end_before_start_is_refused(site_tree):
    start = timezone.now() + days(1)
    event = EventPage(title="X", summary="X", start=start, end=start - days(0.5), place="Aula")

    with pytest.raises(ValidationError) as error:
        event.clean()

    assert "end" in error.value.message_dict


def test_event_is_found_by_its_place(client, site_tree):
    page = EventPageFactory(place="Gedung Serbaguna Cibeureum")

    assert page.url in main_links(client.get("/cari/", {"q": "Cibeureum"}))


def test_event_renders_in_english(client, site_tree_en, site_tree):
    page = EventPageFactory()
    english = translate(page, title="Nutrition talk", place="Sukamaju village hall")

    response = client.get(english.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert "Sukamaju village hall" in main_text(response)
    assert shown(page.start, "l, j F Y", "en") in main_text(response)
