"""The privacy page (/privasi/) and residents' personal data requests (/privasi/permintaan/)."""

from django.conf import settings
from django.db import DatabaseError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms.complaints import services
from cms.complaints.errors import ComplaintError
from cms.complaints.forms import DataRequestForm
from cms.complaints.models import DATA_REQUEST_RESPONSE_HOURS
from cms.complaints.ratelimit import rate_limit_hit, rate_limit_peek
from frontend.cross_site import same_site_posts_only

TEMPLATE = "privacy_request.html"
RATE_WINDOW = 3600


def privacy(request):
    years = settings.PERSONAL_DATA_RETENTION_DAYS / 365
    return render(
        request,
        "privacy.html",
        {
            "retention_years": int(years) if years == int(years) else round(years, 1),
            "response_hours": DATA_REQUEST_RESPONSE_HOURS,
        },
    )


def _page(request, form, status=200, **extra):
    context = {"form": form, "response_hours": DATA_REQUEST_RESPONSE_HOURS, **extra}
    response = render(request, TEMPLATE, context, status=status)
    # What was typed (a phone number or email) must not be kept by any cache.
    response["Cache-Control"] = "no-store"
    return response


@csrf_exempt  # like the complaint forms: residents have no account and get no cookie
@same_site_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def privacy_request(request):
    """Ask to see, correct or erase one's data; recorded only when code and proof match.

    A wrong code and a wrong phone or email get the same answer, so the form cannot tell
    anyone which codes exist or whose they are. Every checked attempt counts towards the
    client's limit (settings.DATA_REQUEST_RATE per hour); mistakes in filling in do not.
    """
    if request.method != "POST":
        if request.GET.get("terkirim"):
            return _page(request, DataRequestForm(), sent=True)
        initial = {"tracking_code": request.GET.get("kode", "")[:40]}
        return _page(request, DataRequestForm(initial=initial))

    form = DataRequestForm(data=request.POST)
    wait = rate_limit_peek("data-request", request, settings.DATA_REQUEST_RATE, RATE_WINDOW)
    if wait:
        return _limited(request, form, wait)
    if not form.is_valid():
        return _page(request, form, status=400)
    if form.is_bot():
        return _page(request, form, status=400, refused=True)
    wait = rate_limit_hit("data-request", request, settings.DATA_REQUEST_RATE, RATE_WINDOW)
    if wait:
        return _limited(request, form, wait)
    data = form.cleaned_data
    try:
        recorded = services.data_request_submit(
            code=data["tracking_code"],
            contact=data["contact"],
            kind=data["kind"],
            message=data["message"],
        )
    except ComplaintError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, form, status=400)
    except DatabaseError:
        return _page(request, form, status=503, unavailable=True)
    if recorded is None:
        form.add_error(
            None,
            _(
                "We could not match this tracking code with this phone number or email. "
                "Check both on your receipt and what you wrote in the complaint. If you gave "
                "no phone number or email, come to the kecamatan office with your receipt."
            ),
        )
        return _page(request, form, status=400)
    return redirect(f"{request.path}?terkirim=1")


def _limited(request, form, wait):
    message = _(
        "Too many attempts from your connection. Please wait %(minutes)d minutes and try again."
    ) % {"minutes": max(1, round(wait / 60))}
    response = _page(request, form, status=429, blocked_message=message)
    response["Retry-After"] = str(wait)
    return response
