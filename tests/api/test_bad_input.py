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


IMAGES, DOCUMENTS = "/api/v2/images/", "/api/v2/documents/"


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        (PAGES + "?fields=nope", "fields"),
        (PAGES + "?fields=(", "fields"),
        (PAGES + "?fields=title(x)", "fields"),
        (PAGES + "?foo=bar", "foo"),
        (PAGES + "?child_of=abc", "child_of"),
        (PAGES + "?child_of=999999", "child_of"),
        (PAGES + "?ancestor_of=-1", "ancestor_of"),
        (PAGES + "?descendant_of=1.5", "descendant_of"),
        (PAGES + "?child_of=root&descendant_of=root", "descendant_of"),
        (PAGES + "?translation_of=x", "translation_of"),
        (PAGES + "?order=nope", "order"),
        (PAGES + "?order=random&offset=2", "order"),
        (PAGES + "?type=nope", "type"),
        (PAGES + "?locale=xx", "locale"),
        (PAGES + "?limit=x", "limit"),
        (PAGES + "?limit=-5", "limit"),
        (PAGES + "?offset=1e3", "offset"),
        (PAGES + "?site=nowhere.example", "site"),
        (PAGES + "?site=host:port", "site"),
        (PAGES + "?rich_text_format=markdown-ish", "rich_text_format"),
        (PAGES + "?search=a&search_operator=xor", "search_operator"),
        (PAGES + "?pretty=sometimes", "pretty"),
        (ANNOUNCEMENTS + "&pinned=maybe", "pinned"),
        (IMAGES + "?fields=nope", "fields"),
        (IMAGES + "?foo=bar", "foo"),
        (IMAGES + "?order=nope", "order"),
        (IMAGES + "?limit=x", "limit"),
        (IMAGES + "?offset=-1", "offset"),
        (IMAGES + "?width=wide", "width"),
        (IMAGES + "?tags=a&search=b", "search"),
        (IMAGES + "find/?id=abc", "id"),
        (DOCUMENTS + "?fields=nope", "fields"),
        (DOCUMENTS + "?foo=bar", "foo"),
        (DOCUMENTS + "?order=-nope", "order"),
        (DOCUMENTS + "?offset=x", "offset"),
        (DOCUMENTS + "find/?id=-3", "id"),
    ],
)
def test_every_400_names_its_parameter_in_the_clients_language(client, site_tree, url, parameter):
    """Wagtail's own checks too: shared shape, `errors` keyed by the parameter, translated.

    Indonesian by default, English for Accept-Language: en (the only thing that decides).
    """
    indonesian = assert_error_shape(client.get(url))
    english = assert_error_shape(client.get(url, headers={"accept-language": "en"}))

    assert list(indonesian["errors"]) == [parameter]
    assert list(english["errors"]) == [parameter]
    assert indonesian["errors"][parameter] == [indonesian["message"]]
    assert indonesian["message"] != english["message"], "no Indonesian translation"
    assert parameter in english["message"] or parameter in ("foo",) or "(" in url


def test_language_cookie_does_not_change_api_messages(client, site_tree):
    """Only Accept-Language decides: a site visitor's language cookie does not leak in."""
    client.cookies["django_language"] = "en"

    response = client.get(PAGES + "?locale=xx")

    assert response.json()["message"].startswith("Bahasa")
    assert response["Content-Language"] == "id"
    assert "accept-language" in response["Vary"].lower()


def test_english_is_chosen_from_a_quality_list(client, site_tree):
    """Accept-Language: fr, en;q=0.8 gives English, the first language we speak."""
    response = client.get(PAGES + "?locale=xx", headers={"accept-language": "fr, en;q=0.8"})

    assert response.json()["message"].startswith("Unknown locale")


@pytest.mark.parametrize(
    "url",
    [
        PAGES + "abc/",
        PAGES + "12abc/",
        PAGES + "99999999999999999999999/",
        IMAGES + "abc/",
        IMAGES + "999999/",
        IMAGES + "99999999999999999999999/",
        DOCUMENTS + "abc/",
        DOCUMENTS + "999999/",
        "/api/v2/nothing/",
        "/api/nothing/",
    ],
)
def test_unknown_addresses_are_json_404s(client, site_tree, url):
    """Non-numeric or unknown ids, unknown endpoints: a JSON 404 in the shared shape."""
    response = client.get(url)

    assert response["Content-Type"] == "application/json"
    data = assert_error_shape(response, status=404)
    assert data == {"message": "Tidak ditemukan.", "errors": {}}
    english = client.get(url, headers={"accept-language": "en"}).json()
    assert english["message"] == "Not found."


@pytest.mark.parametrize("endpoint", [PAGES, ANNOUNCEMENTS + "&", IMAGES, DOCUMENTS])
@pytest.mark.parametrize(
    "query",
    [
        "search=%F0%9F%98%80%E2%80%AE",
        "title=%F0%9F%98%80",
        "search=" + "x" * 20000,
        "title=" + "y" * 20000,
        "order=" + "z" * 5000,
        "fields=" + "a," * 3000,
        "%00=1",
        "title=%00",
        "limit=-99999999999999999999",
        "offset=99999999999999999999999999999",
        "limit=%D9%A1%D9%A2",
        "id=99999999999999999999999",
        "id=-1",
        "order=-",
        "order=--title",
        "fields=-",
        "fields=*,*",
        "tags=%00",
        "child_of=%EF%BC%91",
        "locale=%00",
        "type=pages.Page",
        "type=" + "q" * 3000,
        "site=%00",
    ],
)
def test_nasty_input_never_reaches_500(client, site_tree, endpoint, query):
    """Unicode, very long values, NULs, huge and negative numbers: a 200 or a 4xx, never 500."""
    url = endpoint + ("" if endpoint.endswith("&") else "?") + query

    response = client.get(url)

    assert response.status_code < 500, response.content[:300]
    if response.status_code >= 400:
        data = assert_error_shape(response, status=response.status_code)
        assert len(data["message"]) < 500


@pytest.mark.parametrize("url", [IMAGES + "find/?id=abc", IMAGES + "find/?id=1e9"])
def test_find_with_a_bad_id_is_a_400_not_a_500(client, site_tree, url):
    """Wagtail's find view passed any id to the database; a malformed one now is a 400."""
    assert_error_shape(client.get(url), status=400)


@pytest.mark.parametrize(
    ("spelling", "pinned"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("ya", True),
        ("yes", True),
        ("false", False),
        ("0", False),
        ("tidak", False),
        ("No", False),
    ],
)
def test_boolean_filters_accept_every_spelling(client, site_tree, spelling, pinned):
    """true/false, 1/0, ya/tidak, yes/no, any case: the same answer for every boolean filter."""
    AnnouncementPageFactory(parent=site_tree.announcements, title="Disematkan", pinned=True)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Biasa", pinned=False)

    pinned_titles = client.get(ANNOUNCEMENTS + f"&pinned={spelling}").json()["items"]
    current = client.get(ANNOUNCEMENTS + f"&current={spelling}")

    assert [item["title"] for item in pinned_titles] == (["Disematkan"] if pinned else ["Biasa"])
    assert current.status_code == 200


@pytest.mark.parametrize("name", ["pinned", "urgent", "current", "show_in_menus"])
@pytest.mark.parametrize("value", ["maybe", "", "2", "y", "benar"])
def test_boolean_filters_refuse_anything_else(client, site_tree, name, value):
    """Any other spelling is a 400 naming the parameter and the spellings it accepts."""
    data = assert_error_shape(client.get(ANNOUNCEMENTS + f"&{name}={value}"))

    assert list(data["errors"]) == [name]
    assert "ya/tidak" in data["message"]
