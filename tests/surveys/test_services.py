"""Storing and voiding responses: the rules against ballot stuffing."""

import pytest

from cms.complaints.models import Complaint
from cms.surveys import selectors, services
from cms.surveys.errors import SurveyError
from cms.surveys.models import SurveyResponse
from cms.surveys.periods import period_current
from tests.complaints.helpers import VALID, advance, officer, submit

from .helpers import respond, service_page

pytestmark = pytest.mark.django_db
Status = Complaint.Status


def closed_complaint():
    complaint = submit()
    return advance(complaint, Status.VERIFIED, Status.DONE, actor=officer())


def test_a_response_is_stored_with_its_nine_scores(site_tree):
    service = service_page(site_tree)
    response = respond(service, [4, 3, 3, 2, 4, 4, 4, 3, 1], suggestion="  Antrean panjang. ")
    assert response.scores == [4, 3, 3, 2, 4, 4, 4, 3, 1]
    assert response.suggestion == "Antrean panjang."
    assert response.channel == "layanan"


@pytest.mark.parametrize(
    "answers", [[4] * 8, [4] * 10, [0] + [4] * 8, [5] + [4] * 8, [True] * 9, ["4"] * 9, None]
)
def test_anything_but_nine_scores_1_to_4_is_refused(site_tree, answers):
    with pytest.raises(SurveyError) as error:
        respond(service_page(site_tree), answers)
    assert error.value.field == "answers"
    assert not SurveyResponse.objects.exists()


def test_unknown_profile_value_is_refused(site_tree):
    with pytest.raises(SurveyError):
        respond(service_page(site_tree), [3] * 9, profile={"sex": "X"})


def test_same_key_counts_once(site_tree):
    service = service_page(site_tree)
    first, created = services.survey_submit(
        service=service, answers=[3] * 9, idempotency_key="k" * 12
    )
    again, created_again = services.survey_submit(
        service=service, answers=[3] * 9, idempotency_key="k" * 12
    )
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk and SurveyResponse.objects.count() == 1


def test_one_response_per_closed_complaint(site_tree):
    complaint = closed_complaint()
    proof = complaint.reply_code
    response = respond(None, [3] * 9, complaint=complaint, proof=proof)
    assert response.channel == "pengaduan"
    with pytest.raises(SurveyError) as error:
        respond(None, [4] * 9, complaint=complaint, proof=proof)
    assert error.value.code == "already_answered"
    assert SurveyResponse.objects.count() == 1
    assert selectors.survey_complaint_state(complaint) == "answered"


def test_only_the_reporter_rates_a_complaint(site_tree):
    """The public tracking code is not enough; the reply code is, and for a complaint made
    before reply codes, the contact given."""
    complaint = closed_complaint()
    for proof in ("", "AAAAA-AAAAA", complaint.tracking_code):
        with pytest.raises(SurveyError) as error:
            respond(None, [1] * 9, complaint=complaint, proof=proof)
        assert (error.value.code, error.value.field) == ("not_the_reporter", "reply_secret")
    assert SurveyResponse.objects.count() == 0
    old = advance(
        submit(),
        Complaint.Status.VERIFIED,
        Complaint.Status.DONE,
        actor=officer("petugas-2", "petugas2@kecamatan.id"),
    )
    Complaint.objects.filter(pk=old.pk).update(reply_nonce=None)
    old.refresh_from_db()
    with pytest.raises(SurveyError):
        respond(None, [1] * 9, complaint=old, proof="0899 0000 1111")
    respond(None, [4] * 9, complaint=old, proof=VALID["reporter_phone"])
    assert SurveyResponse.objects.get().complaint == old


def test_an_open_complaint_cannot_be_rated_yet(site_tree):
    complaint = submit()
    with pytest.raises(SurveyError) as error:
        respond(None, [3] * 9, complaint=complaint)
    assert error.value.code == "not_closed"
    assert selectors.survey_complaint_state(complaint) == "open"


def test_a_voided_response_no_longer_counts(site_tree, superuser):
    service = service_page(site_tree)
    respond(service, [4] * 9)
    stuffed = respond(service, [1] * 9)
    period = period_current("year")
    assert selectors.ikm_for(period, service).respondents == 2

    services.survey_void(response=stuffed, user=superuser, reason="Sepuluh kali dari satu HP")

    stuffed.refresh_from_db()
    assert stuffed.voided_by == superuser and stuffed.void_reason == "Sepuluh kali dari satu HP"
    result = selectors.ikm_for(period, service)
    assert result.respondents == 1 and str(result.ikm) == "100.00"


def test_voiding_needs_a_reason_and_happens_once(site_tree, superuser):
    response = respond(service_page(site_tree), [4] * 9)
    with pytest.raises(SurveyError):
        services.survey_void(response=response, user=superuser, reason="  ")
    services.survey_void(response=response, user=superuser, reason="Duplikat jelas")
    with pytest.raises(SurveyError):
        services.survey_void(response=response, user=superuser, reason="Duplikat jelas")
    services.survey_restore(response=response, user=superuser)
    assert selectors.ikm_for(period_current("year")).respondents == 1


def test_the_english_slug_finds_the_indonesian_service(site_tree, site_tree_en):
    service = service_page(site_tree)
    assert selectors.survey_service_by_slug(service.slug) == service
    assert selectors.survey_service_by_slug("tidak-ada") is None
