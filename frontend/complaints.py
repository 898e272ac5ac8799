"""Complaint pages for residents: submit, receipt, track, follow up, the public list, photos.

Longer than 400 lines because the form's post, its receipt and the tracking page's actions
share the rate limits, the idempotency and the reply code's cookie; splitting them would spread
one flow over modules.

Everything works without JavaScript (post, then redirect). Residents have no account: a
tracking code identifies a complaint and is enough to read it; acting on it (add information,
confirm, reopen) needs the reporter's reply code (cms/complaints/reply_codes.py). These forms
carry no CSRF token (one tied to a cookie would have expired in the copy the service worker
keeps offline); posts that another site's page makes a browser send are refused from the
browser's own headers instead (same_site_posts_only, cms/security/cross_site.py). The only
cookie is the reply code, handed to the browser that sent the form and sent back only to that
complaint's receipt and tracking page. Abuse is held back by rate limits, a honeypot and
idempotency.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from cms.complaints import selectors, services
from cms.complaints.codes import tracking_code_normalize
from cms.complaints.errors import (
    ComplaintError,
    IdempotencyConflict,
    NotTheReporter,
    TooManyReplies,
)
from cms.complaints.forms import (
    ComplaintSubmitForm,
    idempotency_key_clean,
    request_body_complete,
)
from cms.complaints.lookup import Lookup, complaint_lookup, complaint_lookup_failed
from cms.complaints.models import Complaint
from cms.complaints.ratelimit import rate_limit_hit, rate_limit_peek
from cms.complaints.reply_codes import reply_code_matches
from cms.complaints.sites import complaint_site
from cms.complaints.wording import resident_overdue_label, resident_status_label
from cms.security.models import PersonalDataAccess
from frontend.cross_site import same_site_posts_only

PAGE_SIZE = 20


def _limited(request, template, context, wait):
    context["blocked_message"] = _(
        "Too many attempts from your connection. Please wait %(minutes)d minutes and try again."
    ) % {"minutes": max(1, round(wait / 60))}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(wait)
    return response


@csrf_exempt
@same_site_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_new(request):
    """Show the complaint form; on a valid post store it and redirect to the receipt.

    The form posts to /pengaduan/kirim/ (this view too): browsers drop their copy of the
    address a post went to, so posting to the form's own address would make Back reload the
    form with a new key and the kept text, and Send again would store a second complaint. With
    the copy kept, Back shows it with its key, and sending again gives the first receipt.
    /pengaduan/baru/ still takes posts (a share into the app without the worker, old copies).
    """
    if request.method != "POST":
        if request.resolver_match and request.resolver_match.url_name == "complaint-send":
            return redirect("complaint-new")
        initial = {}
        if request.GET.get("kategori"):
            initial["category"] = request.GET["kategori"]
        if request.GET.get("jenis") in Complaint.Kind.values:
            initial["kind"] = request.GET["jenis"]
        return _empty_form_page(
            request, ComplaintSubmitForm(initial=initial, site=complaint_site(request))
        )

    try:
        key = idempotency_key_clean(request.POST.get("idempotency_key"))
    except ValueError:
        key = None
    key = key or uuid.uuid4().hex
    site = complaint_site(request)
    form = ComplaintSubmitForm(data=request.POST, files=request.FILES, site=site)
    if not request_body_complete(request):  # a cut upload: never store half a complaint
        return _form_page(request, form, key, status=408)
    try:
        if not form.is_valid():
            # Not counted by the rate limit: fixing typing mistakes is not abuse.
            return _form_page(request, form, key, status=400)
        if form.is_bot():
            return _form_page(request, form, key, status=400, refused=True)
        stored = Complaint.objects.filter(site=site)  # another kecamatan's is never shown here
        existing = stored.filter(idempotency_key=key).first()
        if existing is not None and not services.complaint_is_repeat(
            existing, form.service_data(), form.cleaned_data
        ):
            # The same form page (kept by the browser or offline) used again for another
            # complaint: a key derived from both, so a double tap of it still stores one.
            key = services.complaint_derived_key(key, form.service_data(), form.cleaned_data)
            existing = stored.filter(idempotency_key=key).first()
        if existing is not None:
            # A double tap or a resent form: show what was stored (never counted as abuse).
            return _to_receipt(request, existing)
        wait = rate_limit_hit("submit", request, settings.COMPLAINT_SUBMIT_RATE, 3600)
        if wait:
            return _limited(request, "complaints/new.html", _form_context(form, key), wait)
        complaint, _created = services.complaint_submit(
            site=site,
            data=form.service_data(),
            category=form.cleaned_data["category"],
            photo=form.cleaned_data.get("photo"),
            idempotency_key=key,
            channel=Complaint.Channel.WEB,
        )
    except IdempotencyConflict:
        # The same form page was reused for a different text: treat it as a new complaint.
        return _form_page(request, form, uuid.uuid4().hex, status=400, resend=True)
    except ComplaintError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _form_page(request, form, key, status=400)
    except DatabaseError:
        try:
            return _form_page(request, form, key, status=503, unavailable=True)
        except DatabaseError:
            return _busy_page(request, key)
    return _to_receipt(request, complaint)


# The reply code reaches the browser that sent the form in a cookie that only the complaint's
# receipt sees (its path), then, from the receipt, one that only its tracking page sees: no
# other page gets a cookie, so they stay cacheable, and anyone else opening the receipt sees no
# reply code. (One response can set a cookie name once, hence the two steps.)
REPLY_COOKIE = "kode_balas"
REPLY_COOKIE_SECONDS = 30 * 24 * 3600


def _hand_reply_code(request, response, complaint, url_name):
    """Set the reply code cookie on `response` for the page `url_name` of `complaint` only."""
    if complaint.reply_code:
        response.set_cookie(
            REPLY_COOKIE,
            complaint.reply_code,
            max_age=REPLY_COOKIE_SECONDS,
            path=reverse(url_name, args=[complaint.tracking_code]),
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
    return response


def _to_receipt(request, complaint):
    """Redirect to the receipt, handing this browser the complaint's reply code."""
    response = redirect("complaint-receipt", code=complaint.tracking_code)
    return _hand_reply_code(request, response, complaint, "complaint-receipt")


def _kept_reply_code(request, complaint) -> str:
    """Return the reply code this browser was handed for `complaint`, or "" (none, or stale)."""
    kept = request.COOKIES.get(REPLY_COOKIE, "")
    if kept and reply_code_matches(complaint.tracking_code, complaint.reply_nonce, kept):
        return complaint.reply_code
    return ""


def _busy_page(request, key):
    """Answer 503 without touching the database: everything typed goes back in hidden fields.

    The page carries the same idempotency key, so sending it again stores the complaint once.
    """
    fields = [
        (name, value)
        for name, value in request.POST.items()
        if name not in ("idempotency_key", "website") and len(value) <= 5000
    ]
    response = render(
        request,
        "complaints/busy.html",
        {"fields": fields, "idempotency_key": key, "photo_lost": bool(request.FILES)},
        status=503,
    )
    response["Retry-After"] = "5"
    return response


def _form_context(form, key, **flags):
    photo_lost = bool(form.is_bound and form.files.get("photo"))
    return {
        "form": form,
        "idempotency_key": key,
        "photo_lost": photo_lost,
        "categories": selectors.complaint_categories(form.site),
        **flags,
    }


def _empty_form_page(request, form):
    """Answer the empty form; `304` when the reader's copy of it is still the current one.

    Each copy carries its own idempotency key (for the post without JavaScript), so the page is
    private to the browser, but its ETag is of the page without the key: a repeat visit costs a
    revalidation, and the browser keeps the copy and the key it has. A key used again for
    another complaint gets a derived one (complaint_new), so nothing is merged or lost.
    """
    key = uuid.uuid4().hex
    response = _form_page(request, form, key)
    keyless = response.content.replace(key.encode(), b"")
    etag = f'W/"{hashlib.md5(keyless, usedforsecurity=False).hexdigest()}"'
    response["ETag"] = etag
    patch_cache_control(response, private=True, no_cache=True)
    return get_conditional_response(request, etag=etag, response=response)


def _form_page(request, form, key, status=200, **flags):
    response = render(
        request, "complaints/new.html", _form_context(form, key, **flags), status=status
    )
    if status == 503:
        response["Retry-After"] = "5"
    return response


def _track_limited(request, code, wait):
    context = {"raw": code[:40]}
    if request.method == "POST":  # what the resident wrote is not lost while they wait
        context["kept_message"] = request.POST.get("message", "")[:2000]
    return _limited(request, "complaints/track_form.html", context, wait)


def complaint_receipt(request, code):
    found = complaint_lookup(request, code)
    if found.wait:
        return _track_limited(request, code, found.wait)
    complaint = found.complaint
    if complaint is None:
        raise Http404(code)
    if complaint.tracking_code != code:
        return redirect("complaint-receipt", code=complaint.tracking_code)
    context = {"complaint": complaint, "reply_secret": _kept_reply_code(request, complaint)}
    response = render(request, "complaints/receipt.html", context)
    response["Cache-Control"] = "no-store"
    if context["reply_secret"]:  # the sender's browser: its tracking page fills the code in
        _hand_reply_code(request, response, complaint, "complaint-track")
    return response


@require_safe
def complaint_mine(request):
    """Return the "My complaints" page: the same for everyone, filled from the phone's outbox."""
    return render(request, "complaints/mine.html")


def complaint_track_form(request):
    """Ask for a code; a valid one redirects to its tracking page."""
    raw = request.GET.get("kode", "")
    context = {"raw": raw[:40]}
    if raw:
        code = tracking_code_normalize(raw)
        if code is not None:
            return redirect("complaint-track", code=code)
        context["error"] = _(
            "This is not a valid tracking code. It looks like KCM-7QX4-9PAD: check each "
            "character on your receipt."
        )
    return render(request, "complaints/track_form.html", context, status=400 if raw else 200)


@csrf_exempt
@same_site_posts_only
@require_http_methods(["GET", "HEAD", "POST"])
def complaint_track(request, code):
    """Status and public timeline; the reporter's posts add information or answer "sudah
    selesai?" (each with the reply code: the tracking code alone only reads)."""
    found = complaint_lookup(request, code)
    if found.wait:
        return _track_limited(request, code, found.wait)
    complaint = found.complaint
    if complaint is None:
        context = {
            "raw": code[:40],
            "error": _("No complaint has this tracking code. Check the code on your receipt."),
        }
        return render(request, "complaints/track_form.html", context, status=404)
    if complaint.tracking_code != code:
        return redirect("complaint-track", code=complaint.tracking_code)

    context = {"complaint": complaint, "reply_secret": _kept_reply_code(request, complaint)}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        message = request.POST.get("message", "")
        proof = request.POST.get("reply_secret", "")
        # Whatever happens, what the resident typed goes back into the form.
        context.update(message=message[:2000], action=action, reply_secret=proof[:254])
        try:
            done = _track_act(request, complaint, action, message, proof)
            url = reverse("complaint-track", args=[complaint.tracking_code])
            return HttpResponseRedirect(f"{url}?terkirim={done}")
        except NotTheReporter as error:
            wait = complaint_lookup_failed(request)  # a wrong reply code is a failed guess
            status, message_shown = (429, _too_many(wait)) if wait else (403, error.message)
            context.update(
                action_error=message_shown, proof_error=True, reply_secret="", retry_after=wait
            )
        except TooManyReplies as error:
            status = 429
            context.update(action_error=error.message, retry_after=error.wait)
        except ComplaintError as error:
            status = 400
            context["action_error"] = error.message
        except DatabaseError:
            status = 400
            context["action_error"] = _("The service is busy right now. Please send it again.")
        complaint.refresh_from_db()
    context.update(_track_context(complaint))
    context["sent"] = request.GET.get("terkirim", "")
    response = render(request, "complaints/track.html", context, status=status)
    response["Cache-Control"] = "no-cache" if status == 200 else "no-store"
    if context["reply_secret"]:  # filled in for this browser: never for a shared cache
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
    if context.get("retry_after"):
        response["Retry-After"] = str(context["retry_after"])
    return response


def _too_many(wait):
    return _(
        "Too many attempts from your connection. Please wait %(minutes)d minutes and try again."
    ) % {"minutes": max(1, round(wait / 60))}


def _track_act(request, complaint, action, message, proof) -> str:
    """Do what the reporter asked; return the word for the page's notice. Raise ComplaintError."""
    if action == "reply":
        # Per client address (the complaint's own limit is the service's); only messages that
        # arrive are counted, so a refused one (a typo in the reply code) costs nothing here.
        wait = rate_limit_peek("reply", request, settings.COMPLAINT_REPLY_RATE, 3600)
        if wait:
            raise TooManyReplies(_too_many(wait), wait)
        services.complaint_resident_reply(complaint=complaint, message=message, proof=proof)
        rate_limit_hit("reply", request, settings.COMPLAINT_REPLY_RATE, 3600)
        return "balasan"
    if action in ("solved", "not_solved"):
        services.complaint_resident_confirm(
            complaint=complaint, solved=action == "solved", message=message, proof=proof
        )
        return "konfirmasi" if action == "solved" else "dibuka"
    raise ComplaintError(_("Choose what you want to do."))


def _track_context(complaint):
    public = selectors.complaint_is_public(complaint)
    can_reopen = services.complaint_can_reopen(complaint)
    return {
        "public": public,
        "timeline": selectors.complaint_public_timeline(complaint),
        "can_reply": not complaint.is_closed,
        # Asked only while "no" is still an answer: an old closed complaint gets what to do
        # instead (a new complaint naming its code), not a question with one answer.
        "can_confirm": complaint.status == Complaint.Status.DONE
        and complaint.resident_confirmed is None
        and can_reopen,
        "can_reopen": can_reopen,
        "reopen_days": settings.COMPLAINT_REOPEN_DAYS,
        "overdue_label": resident_overdue_label(),
    }


def complaint_list(request):
    """The public list: this site's verified public and anonymous complaints, filterable."""
    site = complaint_site(request)
    categories = list(selectors.complaint_categories(site))
    category = request.GET.get("kategori", "")
    status = request.GET.get("status", "")
    if category not in {item.slug for item in categories}:
        category = ""
    if status not in Complaint.Status.values:
        status = ""
    queryset = selectors.complaint_public_list(site=site, category=category, status=status)
    paginator = Paginator(queryset, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("halaman"))
    extra = "&".join(
        part
        for part in (
            f"kategori={category}" if category else "",
            f"status={status}" if status else "",
        )
        if part
    )
    return render(
        request,
        "complaints/list.html",
        {
            "complaints": page,
            "categories": categories,
            "statuses": [
                (value, resident_status_label(value))
                for value in Complaint.Status.values
                if value
                not in (
                    Complaint.Status.RECEIVED,
                    Complaint.Status.REJECTED,
                    Complaint.Status.DUPLICATE,
                )
            ],
            "category": category,
            "status": status,
            "extra_query": extra,
        },
    )


def complaint_photo(request, code):
    """Serve a complaint's photo to staff (of any site: the admin's host may be another), or to
    anyone once it is public and not hidden."""
    staff = request.user.is_authenticated and request.user.has_perm("complaints.view_complaint")
    if staff:
        found = Lookup(selectors.complaint_staff_get_by_code(code))
    else:
        found = complaint_lookup(request, code)
    if found.wait:
        response = HttpResponse(status=429)
        response["Retry-After"] = str(found.wait)
        return response
    complaint = found.complaint
    if complaint is None or not complaint.photo:
        raise Http404(code)
    public = selectors.complaint_is_public(complaint) and complaint.photo_is_public
    if not (staff or public):
        raise Http404(code)
    if staff:
        # A photo may show a home, a face, a house number: staff looking at it is logged like
        # opening the complaint (UU PDP), also once the public may see it.
        PersonalDataAccess.record(request.user, PersonalDataAccess.Action.PHOTO, complaint)
    response = FileResponse(complaint.photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = (
        "public, max-age=3600" if public and not staff else "private, no-store"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = f'inline; filename="{complaint.tracking_code}.jpg"'
    return response
