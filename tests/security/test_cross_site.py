"""Another site's page cannot make residents' browsers post our forms (cms/security/cross_site.py).

Every resident form and every form-encoded or multipart API post is tried with the headers a
browser sends for a post from a hostile page, and with those of our own pages, of the person
(a share into the app) and of a server with neither header.
"""

import json
from urllib.parse import urlencode

import pytest

from cms.complaints.models import Complaint, ComplaintEvent, DataRequest
from cms.surveys.models import SurveyResponse
from tests.complaints.helpers import VALID, advance, officer, submit
from tests.surveys.helpers import service_page
from tests.utils import main_text, soup

pytestmark = pytest.mark.django_db
Status = Complaint.Status

OWN = "http://testserver"
HOSTILE = {
    "Sec-Fetch-Site cross-site": {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": OWN},
    "another Origin": {"HTTP_ORIGIN": "https://hadiah-gratis.example"},
    "Origin null": {"HTTP_ORIGIN": "null"},
    "cross-site, no Origin": {"HTTP_SEC_FETCH_SITE": "cross-site"},
    # Another subdomain of the same domain, or another port of the same host, is another site
    # (another kecamatan's site, a forum on the same domain).
    "same-site, a sibling subdomain": {
        "HTTP_SEC_FETCH_SITE": "same-site",
        "HTTP_ORIGIN": "http://cibodas.testserver",
    },
    "same-site, another port": {
        "HTTP_SEC_FETCH_SITE": "same-site",
        "HTTP_ORIGIN": "http://testserver:8202",
    },
    "same-site, no Origin": {"HTTP_SEC_FETCH_SITE": "same-site"},
}
FRIENDLY = {
    "same-origin": {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": OWN},
    "same-site with this site's Origin": {"HTTP_SEC_FETCH_SITE": "same-site", "HTTP_ORIGIN": OWN},
    "none (a share into the app)": {"HTTP_SEC_FETCH_SITE": "none", "HTTP_ORIGIN": "null"},
    "own Origin, no Sec-Fetch-Site": {"HTTP_ORIGIN": OWN},
    "own Origin with its default port": {"HTTP_ORIGIN": "http://TestServer:80"},
    "no header (a server)": {},
}
ANSWERS = {f"u{number}": "4" for number in range(1, 10)}
KEY = "cross-site-key-0001"


def _complaint_form(site_tree, path):
    return path, {**VALID, "idempotency_key": KEY}, Complaint.objects.count


def _track_reply(site_tree):
    complaint = submit()
    return (
        f"/pengaduan/lacak/{complaint.tracking_code}/",
        {
            "action": "reply",
            "message": "Sekarang ada genangan air.",
            "reply_secret": complaint.reply_code,
        },
        ComplaintEvent.objects.filter(kind="resident_reply").count,
    )


def _survey_service(site_tree):
    service = service_page(site_tree)
    return f"/survei/{service.slug}/", {**ANSWERS, "idempotency_key": KEY}, _responses


def _closed_complaint():
    return advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())


def _survey_complaint(site_tree):
    service_page(site_tree)
    complaint = _closed_complaint()
    data = {**ANSWERS, "idempotency_key": KEY, "reply_secret": complaint.reply_code}
    return f"/survei/pengaduan/{complaint.tracking_code}/", data, _responses


def _data_request(site_tree):
    complaint = submit()
    data = {
        "tracking_code": complaint.tracking_code,
        "contact": VALID["reporter_phone"],
        "kind": DataRequest.Kind.ACCESS,
        "message": "Saya ingin melihat data saya.",
    }
    return "/privasi/permintaan/", data, DataRequest.objects.count


def _responses():
    return SurveyResponse.objects.count()


WEB_FORMS = {
    "complaint form (kirim)": lambda tree: _complaint_form(tree, "/pengaduan/kirim/"),
    "complaint form (baru)": lambda tree: _complaint_form(tree, "/pengaduan/baru/"),
    "tracking reply": _track_reply,
    "survey of a service": _survey_service,
    "survey after a complaint": _survey_complaint,
    "personal data request": _data_request,
}


def _api_complaints(site_tree):
    data = {key: value for key, value in VALID.items()}
    return "/api/v1/complaints/", data, Complaint.objects.count


def _api_survey(site_tree):
    service = service_page(site_tree)
    data = {"service": service.slug, "answers": [4, 3, 3, 4, 3, 4, 4, 3, 3]}
    return "/api/v1/surveys/", data, _responses


def _api_reply(site_tree):
    complaint = submit()
    return (
        f"/api/v1/complaints/{complaint.tracking_code}/replies/",
        {"message": "Sekarang ada genangan air.", "reply_secret": complaint.reply_code},
        ComplaintEvent.objects.filter(kind="resident_reply").count,
    )


def _api_confirm(site_tree):
    complaint = _closed_complaint()
    return (
        f"/api/v1/complaints/{complaint.tracking_code}/confirmation/",
        {"solved": "true", "reply_secret": complaint.reply_code},
        lambda: Complaint.objects.filter(resident_confirmed=True).count(),
    )


API_POSTS = {
    "complaint": _api_complaints,
    "survey": _api_survey,
    "reply": _api_reply,
    "confirmation": _api_confirm,
}
BODIES = ["multipart", "urlencoded"]
# The survey endpoint takes no multipart (no photo to send); every other pair is stored.
ACCEPTED = [
    pytest.param(endpoint, body, id=f"{name}-{body}")
    for name, endpoint in API_POSTS.items()
    for body in BODIES
    if (name, body) != ("survey", "multipart")
]


def _post_api(client, url, data, body, headers):
    headers = {"HTTP_IDEMPOTENCY_KEY": KEY, **headers}
    if body == "multipart":
        return client.post(url, data, **headers)
    if body == "json":
        return client.post(url, json.dumps(data), content_type="application/json", **headers)
    return client.post(
        url,
        urlencode(data, doseq=True),
        content_type="application/x-www-form-urlencoded",
        **headers,
    )


@pytest.mark.parametrize("headers", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("form", WEB_FORMS.values(), ids=WEB_FORMS.keys())
def test_a_form_posted_from_another_site_is_refused_in_indonesian(client, site_tree, form, headers):
    url, data, stored = form(site_tree)
    before = stored()

    response = client.post(url, data, **headers)

    assert response.status_code == 403
    assert "Formulir tidak terkirim" in main_text(response)
    assert "dikirim dari situs web lain" in main_text(response)
    link = soup(response).select_one("main a[href='/pengaduan/baru/']")
    assert link.get_text(strip=True) == "Kirim pengaduan atau permohonan"  # no English left
    assert stored() == before


@pytest.mark.parametrize("headers", FRIENDLY.values(), ids=FRIENDLY.keys())
@pytest.mark.parametrize("form", WEB_FORMS.values(), ids=WEB_FORMS.keys())
def test_a_form_posted_from_this_site_or_no_page_is_stored(client, site_tree, form, headers):
    url, data, stored = form(site_tree)
    before = stored()

    response = client.post(url, data, **headers)

    assert response.status_code == 302, main_text(response)
    assert stored() == before + 1


@pytest.mark.parametrize("headers", HOSTILE.values(), ids=HOSTILE.keys())
@pytest.mark.parametrize("body", BODIES)
@pytest.mark.parametrize("endpoint", API_POSTS.values(), ids=API_POSTS.keys())
def test_an_api_form_post_from_another_site_is_refused_in_the_shared_shape(
    client, site_tree, endpoint, body, headers
):
    url, data, stored = endpoint(site_tree)
    before = stored()

    response = _post_api(client, url, data, body, headers)

    assert response.status_code == 403
    assert response.json() == {"message": response.json()["message"], "errors": {}}
    assert "situs web lain" in response.json()["message"]
    assert stored() == before


@pytest.mark.parametrize("headers", FRIENDLY.values(), ids=FRIENDLY.keys())
@pytest.mark.parametrize(("endpoint", "body"), ACCEPTED)
def test_an_api_form_post_from_this_site_or_a_server_is_stored(
    client, site_tree, endpoint, body, headers
):
    url, data, stored = endpoint(site_tree)
    before = stored()

    response = _post_api(client, url, data, body, headers)

    assert response.status_code in (200, 201), response.content
    assert stored() == before + 1


@pytest.mark.parametrize(
    "headers", [{}, HOSTILE["Sec-Fetch-Site cross-site"]], ids=["server", "page"]
)
@pytest.mark.parametrize("endpoint", API_POSTS.values(), ids=API_POSTS.keys())
def test_json_with_an_idempotency_key_keeps_working(client, site_tree, endpoint, headers):
    """JSON is judged by CORS instead: a page elsewhere needs a preflight the site refuses."""
    url, data, stored = endpoint(site_tree)
    if "solved" in data:
        data = {**data, "solved": True}
    before = stored()

    response = _post_api(client, url, data, "json", headers)

    assert response.status_code in (200, 201), response.content
    assert stored() == before + 1


def test_reading_is_never_refused(client, site_tree):
    response = client.get("/pengaduan/baru/", HTTP_SEC_FETCH_SITE="cross-site")

    assert response.status_code == 200
