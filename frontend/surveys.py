"""Survey pages for residents (SKM) and the public transparency dashboard.

The survey is a plain POST form that works without JavaScript. Like the complaint forms it
carries no CSRF token (residents have no session or cookie, see frontend/complaints.py), and
like them it refuses posts another site's page makes a browser send (same_site_posts_only), so
no other site can stuff the satisfaction index through its visitors. It carries a hidden
idempotency key made when the page was served: a form sent twice (double tap, the back
button) is stored once. With JavaScript, static/js/survey.js keeps the answers in the phone's
outbox first and sends them to POST /api/v1/surveys/ (docs/surveys.md, "Offline").
"""

import uuid

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from cms.complaints.errors import IdempotencyConflict
from cms.complaints.forms import idempotency_key_clean
from cms.complaints.lookup import complaint_lookup, complaint_lookup_failed
from cms.complaints.ratelimit import rate_limit_hit
from cms.complaints.sites import complaint_site
from cms.push.models import Subscription
from cms.surveys import selectors, services
from cms.surveys.charts import bar_chart, trend_chart
from cms.surveys.errors import SurveyError
from cms.surveys.figures import element_rows, transparency_figures
from cms.surveys.forms import SurveyForm
from cms.surveys.models import SurveyResponse
from cms.surveys.periods import period_choices, period_current, period_parse
from frontend.cross_site import same_site_posts_only

Channel = SurveyResponse.Channel
# ?dari=layanan marks a link from the service page; the bare URL is the one on the QR poster.
CHANNELS = {"layanan": Channel.SERVICE_PAGE, "loket": Channel.DESK}


def _limited_message(wait):
    return _(
        "Too many attempts from your connection. Please wait %(minutes)d minutes and try again."
    ) % {"minutes": max(1, round(wait / 60))}


def _handle(request, *, service, complaint, channel, context):
    """Validate and store a posted survey; return a response (redirect or the form again)."""
    try:
        key = idempotency_key_clean(request.POST.get("idempotency_key"))
    except ValueError:
        key = None
    key = key or uuid.uuid4().hex
    form = SurveyForm(data=request.POST)
    context.update(form=form, idempotency_key=key)
    thanks = reverse("survey-thanks")
    try:
        if SurveyResponse.objects.filter(idempotency_key=key).exists():
            return redirect(thanks)  # sent before: count it once
        # Checked before the rate limit: fixing a missed answer is not abuse.
        if not form.is_valid():
            return render(request, "surveys/form.html", context, status=400)
        if form.is_bot():
            context["refused"] = True
            return render(request, "surveys/form.html", context, status=400)
        wait = rate_limit_hit("survey", request, settings.SURVEY_SUBMIT_RATE, 3600)
        if wait:
            context["blocked_message"] = _limited_message(wait)
            response = render(request, "surveys/form.html", context, status=429)
            response["Retry-After"] = str(wait)
            return response
        services.survey_submit(
            service=service,
            answers=form.answers(),
            profile=form.profile(),
            suggestion=form.cleaned_data.get("suggestion", ""),
            complaint=complaint,
            channel=channel,
            idempotency_key=key,
            proof=request.POST.get("reply_secret", "")[:254],
        )
    except IdempotencyConflict:
        return redirect(thanks)  # this form's key stored a moment ago by a twin request
    except SurveyError as error:
        if error.code == "already_answered":
            return redirect(f"{thanks}?sudah=1")
        if error.code == "not_the_reporter":
            # A wrong reply code is a failed guess, as on the tracking page.
            wait = complaint_lookup_failed(request)
            context.update(proof_error=True, proof_message=error.message, reply_secret="")
            if wait:
                context["blocked_message"] = _limited_message(wait)
                response = render(request, "surveys/form.html", context, status=429)
                response["Retry-After"] = str(wait)
                return response
            return render(request, "surveys/form.html", context, status=403)
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return render(request, "surveys/form.html", context, status=400)
    except DatabaseError:
        context["unavailable"] = True
        response = render(request, "surveys/form.html", context, status=503)
        response["Retry-After"] = "5"
        return response
    return redirect(thanks)


@csrf_exempt
@same_site_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def survey_service(request, slug):
    """The survey for one service; its bare URL is the one printed on the desk's QR poster."""
    service = selectors.survey_service_by_slug(slug)
    if service is None:
        raise Http404(slug)
    source = request.POST.get("dari") or request.GET.get("dari") or "loket"
    channel = CHANNELS.get(source, Channel.DESK)
    titles = selectors.service_titles([service])
    context = {
        "service": service,
        "service_title": titles[service.pk],
        "source": source if source in CHANNELS else "loket",
        "channel": channel,
        "action": reverse("survey-service", args=[slug]),
    }
    if request.method == "POST":
        return _handle(request, service=service, complaint=None, channel=channel, context=context)
    context.update(form=SurveyForm(), idempotency_key=uuid.uuid4().hex)
    return render(request, "surveys/form.html", context)


@csrf_exempt
@same_site_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def survey_complaint(request, code):
    """The survey after a closed complaint, reached from its tracking page or message."""
    # Over the limit of failed guesses, a known code is not found either (cms.complaints.lookup).
    complaint = complaint_lookup(request, code).complaint
    if complaint is None:
        raise Http404(code)
    if complaint.tracking_code != code:
        return redirect("survey-complaint", code=complaint.tracking_code)
    state = selectors.survey_complaint_state(complaint)
    if state == "answered":
        return redirect(reverse("survey-thanks") + "?sudah=1")
    service = selectors.survey_service_of_complaint(complaint)
    context = {
        "complaint": complaint,
        "service": service,
        "service_title": selectors.service_titles([service])[service.pk] if service else "",
        "channel": Channel.COMPLAINT,
        "action": reverse("survey-complaint", args=[complaint.tracking_code]),
    }
    if state == "open":
        return render(request, "surveys/not_yet.html", context)
    if request.method == "POST":
        return _handle(
            request,
            service=service,
            complaint=complaint,
            channel=Channel.COMPLAINT,
            context=context,
        )
    context.update(form=SurveyForm(), idempotency_key=uuid.uuid4().hex)
    response = render(request, "surveys/form.html", context)
    response["Cache-Control"] = "no-cache"
    return response


def survey_thanks(request):
    return render(request, "surveys/thanks.html", {"already": bool(request.GET.get("sudah"))})


def transparency(request):
    """The public dashboard: complaints and satisfaction figures of a period, no JS needed."""
    raw = request.GET.get("periode", "")
    try:
        period = period_parse(raw) if raw else period_current("year")
    except ValueError:
        period = period_current("year")
        raw_error = True
    else:
        raw_error = False
    figures = transparency_figures(period, complaint_site(request))  # its complaints only
    satisfaction = figures["satisfaction"]
    complaints = figures["complaints"]
    context = {
        "figures": figures,
        "period": period,
        "periods": period_choices(),
        "period_error": raw_error,
        "complaints": complaints,
        "satisfaction": satisfaction,
        "element_rows": element_rows(satisfaction),
        "trend_svg": trend_chart(figures["trend"]),
        "ikm_svg": bar_chart(
            [(row["name"], row["ikm"]) for row in satisfaction["services"] if row["ikm"]],
            maximum=100,
            title=_("IKM per service (25 to 100)"),
        ),
        "category_svg": bar_chart(
            [(row["name"], row["received"]) for row in complaints["by_category"]],
            title=_("Complaints received per category"),
        ),
        "trend": figures["trend"],
        "csv_url": reverse("api-transparency-csv") + f"?period={period.key}",
        "json_url": reverse("api-transparency") + f"?period={period.key}",
        # Phones that take this kecamatan's notifications now: a count, nothing about them.
        "push_subscriptions": Subscription.objects.filter(
            site=Site.find_for_request(request)
        ).count(),
    }
    response = render(
        request, "surveys/transparency.html", context, status=400 if raw_error else 200
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
