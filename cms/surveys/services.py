"""Everything that writes survey data: storing a response and voiding one."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.complaints.errors import IdempotencyConflict, NotTheReporter
from cms.complaints.models import Complaint
from cms.complaints.services.residents import complaint_reporter_check

from .elements import ELEMENTS
from .errors import SurveyError
from .models import SUGGESTION_MAX, SurveyResponse

PROFILE_FIELDS = {
    "age_band": SurveyResponse.AgeBand,
    "sex": SurveyResponse.Sex,
    "education": SurveyResponse.Education,
    "occupation": SurveyResponse.Occupation,
}
VOID_REASON_MIN = 5


def survey_scores_clean(answers) -> list[int]:
    """Return nine scores 1 to 4 in the regulation's order; raise SurveyError otherwise."""
    message = _("Answer all nine questions, each with a score from 1 to 4.")
    if not isinstance(answers, (list, tuple)) or len(answers) != len(ELEMENTS):
        raise SurveyError(message, field="answers")
    scores = []
    for value in answers:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
            raise SurveyError(message, field="answers")
        scores.append(value)
    return scores


def survey_submit(
    *,
    service,
    answers,
    profile: dict | None = None,
    suggestion: str = "",
    complaint: Complaint | None = None,
    channel: str = SurveyResponse.Channel.SERVICE_PAGE,
    idempotency_key: str | None = None,
    proof: str = "",
) -> tuple[SurveyResponse, bool]:
    """Store a response and return (response, True); a repeat key returns (stored, False).

    `service` is the (Indonesian) ServicePage or None when only `complaint` is known. Raise
    SurveyError for bad answers, an open complaint, or a complaint already answered;
    IdempotencyConflict when the key was used for a different response (as for complaints).

    Rating a complaint is the reporter's, as replying to it is: `proof` is the reply code (or,
    for a complaint made before reply codes, the contact given), checked as the tracking
    page's actions check it. A wrong proof raises SurveyError with code "not_the_reporter" on
    the field `reply_secret`. The public tracking code alone only reads.
    """
    scores = survey_scores_clean(answers)
    profile = profile or {}
    values = {}
    for name, choices in PROFILE_FIELDS.items():
        value = profile.get(name) or ""
        if value and value not in choices.values:
            raise SurveyError(_("Choose one of the answers in the list."), field=name)
        values[name] = value
    suggestion = (suggestion or "").strip()
    if len(suggestion) > SUGGESTION_MAX:
        raise SurveyError(
            _("Keep the suggestion under %(limit)d characters.") % {"limit": SUGGESTION_MAX},
            field="suggestion",
        )
    if service is None and complaint is None:
        raise SurveyError(_("Choose the service you used."), field="service")
    stored = {"service": service, "complaint": complaint, "scores": scores, **values}
    stored["suggestion"] = suggestion
    if idempotency_key:
        existing = SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _repeat(existing, stored), False
    if complaint is not None:
        if not complaint.is_closed:
            raise SurveyError(
                _("The survey opens when the complaint is closed."),
                field="tracking_code",
                code="not_closed",
            )
        try:
            complaint_reporter_check(complaint, proof)
        except NotTheReporter as error:
            raise SurveyError(
                error.message, field="reply_secret", code="not_the_reporter"
            ) from None
        answered = SurveyResponse.objects.filter(complaint=complaint).first()
        if answered is not None:
            # Stored a moment ago by a twin of this very request (the same key): a repeat.
            if idempotency_key and answered.idempotency_key == idempotency_key:
                return _repeat(answered, stored), False
            raise SurveyError(
                _("This complaint has already been rated. Thank you!"),
                field="tracking_code",
                code="already_answered",
            )
        channel = SurveyResponse.Channel.COMPLAINT if channel != "api" else channel
    response = SurveyResponse(
        service=service,
        complaint=complaint,
        channel=channel,
        suggestion=suggestion,
        submitted_at=timezone.now(),
        idempotency_key=idempotency_key or None,
        **values,
        **{element.field: score for element, score in zip(ELEMENTS, scores, strict=True)},
    )
    try:
        with transaction.atomic():
            response.save(force_insert=True)
    except IntegrityError:
        # Lost a race: the same key, or another response for this complaint, came first.
        if idempotency_key:
            existing = SurveyResponse.objects.filter(idempotency_key=idempotency_key).first()
            if existing is not None:
                return _repeat(existing, stored), False
        if complaint is not None:
            raise SurveyError(
                _("This complaint has already been rated. Thank you!"),
                field="tracking_code",
                code="already_answered",
            ) from None
        raise
    return response, True


def _repeat(existing: SurveyResponse, sent: dict) -> SurveyResponse:
    """Return `existing` if `sent` is the same response; raise IdempotencyConflict if not."""
    same = (
        existing.service_id == getattr(sent["service"], "pk", None)
        and existing.complaint_id == getattr(sent["complaint"], "pk", None)
        and existing.scores == sent["scores"]
        and existing.suggestion == sent["suggestion"]
        and all(getattr(existing, name) == sent[name] for name in PROFILE_FIELDS)
    )
    if not same:
        raise IdempotencyConflict(
            _(
                "This Idempotency-Key was already used for a different response. "
                "Use a new key for a new response."
            )
        )
    return existing


@transaction.atomic
def survey_void(*, response: SurveyResponse, user, reason: str) -> SurveyResponse:
    """Leave the response out of every figure from now on, recording who and why."""
    reason = (reason or "").strip()
    if len(reason) < VOID_REASON_MIN:
        raise SurveyError(_("Give the reason for voiding it."), field="reason")
    response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    if response.is_void:
        raise SurveyError(_("This response is already void."), field="reason")
    response.voided_at = timezone.now()
    response.voided_by = user
    response.void_reason = reason[:300]
    response.save(update_fields=["voided_at", "voided_by", "void_reason"])
    return response


@transaction.atomic
def survey_restore(*, response: SurveyResponse, user) -> SurveyResponse:
    """Count a voided response again (a mistake undone); the old reason stays in the log."""
    response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
    if not response.is_void:
        raise SurveyError(_("This response is not void."))
    response.voided_at = None
    response.voided_by = None
    response.save(update_fields=["voided_at", "voided_by"])
    return response
