"""Bad input gets a 400 in the shared error shape, naming the problem; nothing reaches a 500."""

import pytest

from tests.factories import AnnouncementPageFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
ANNOUNCEMENTS = PAGES + "?type=pages.AnnouncementPage"


def assert_error_shape(response, status=400):
    assert response.status_code == status, response.content
    data = response.json()
    assert set(data) == {"message", "errors"}
    assert isinstance(data["message"], str) and data["message"]
    assert isinstance(data["errors"], dict)
    return data


@pytest.mark.parametrize(
    ("url", "named"),
    [
        (PAGES + "?colour=red", "colour"),
        (ANNOUNCEMENTS + "&fields=colour", "colour"),
        (ANNOUNCEMENTS + "&fields=body", "body"),
        (PAGES + "?type=pages.NoSuchPage", "pages.NoSuchPage"),
        (PAGES + "?type=nonsense", "nonsense"),
        (PAGES + "?locale=fr", "fr"),
        (PAGES + "?limit=ten", "limit"),
        (PAGES + "?limit=-1", "limit"),
        (PAGES + "?offset=x", "offset"),
        (PAGES + "?offset=99999999999999999999999", "offset"),
        (PAGES + "?order=colour", "colour"),
        (PAGES + "?urgent=true", "urgent"),
        (ANNOUNCEMENTS + "&urgent=maybe", "urgent"),
        (ANNOUNCEMENTS + "&pinned=maybe", "pinned"),
        (ANNOUNCEMENTS + "&upcoming=true", "upcoming"),
        (ANNOUNCEMENTS + "&display_date=yesterday", "display_date"),
        (ANNOUNCEMENTS + "&body=x", "body"),
        (PAGES + "?category=kesehatan", "category"),
    ],
)
def test_bad_query_is_400_naming_the_problem(client, site_tree, url, named):
    """The message names the parameter or value that is wrong."""
    AnnouncementPageFactory(parent=site_tree.announcements)

    data = assert_error_shape(client.get(url))

    assert named in data["message"]


def test_errors_map_the_parameter_to_its_problems(client, site_tree):
    """`errors` says which parameter was wrong, as a form would."""
    data = assert_error_shape(client.get(PAGES + "?locale=xx"))

    assert list(data["errors"]) == ["locale"]


def test_huge_limit_is_capped_not_refused(client, site_tree):
    """?limit=1000000 gives at most 100 items, not an error."""
    for _ in range(3):
        AnnouncementPageFactory(parent=site_tree.announcements, publish=False, live=True)

    response = client.get(ANNOUNCEMENTS + "&limit=1000000")

    assert response.status_code == 200
    assert len(response.json()["items"]) == 3


def test_unknown_page_is_404_in_the_same_shape(client, site_tree):
    """A page that does not exist (or is not public) is a 404 with the shared shape."""
    assert_error_shape(client.get(PAGES + "999999/"), status=404)


@pytest.mark.parametrize(
    "query",
    [
        "?search=%00",
        "?search=" + "a" * 5000,
        "?type=pages.AnnouncementPage&search=a&order=title",
        "?fields=*,-title,_",
        "?fields=(",
        "?child_of=abc",
        "?descendant_of=-5",
        "?translation_of=x",
        "?type=pages.AnnouncementPage&valid_until=2026-13-45",
        "?type=pages.EventPage&start=%00",
        "?type=pages.AnnouncementPage,pages.EventPage",
        "?type=pages.AnnouncementPage&category=%00",
        "?type=pages.AnnouncementPage&urgency=%00",
        "?title=a%00b",
        "?order=random&offset=1",
        "?limit=%00",
    ],
)
def test_odd_input_never_reaches_500(client, site_tree, query):
    """Whatever the query string, the answer is a 200 or a 4xx in the shared shape."""
    response = client.get(PAGES + query)

    assert response.status_code < 500
    if response.status_code >= 400:
        assert_error_shape(response, status=response.status_code)


def test_writes_are_not_allowed(client, site_tree):
    """Content is read-only: a POST is refused in the shared shape."""
    assert_error_shape(client.post(PAGES, {}), status=405)
