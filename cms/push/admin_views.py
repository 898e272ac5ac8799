"""Staff side of push in the Wagtail admin: what each sending of an announcement reached, and
"Kirim ulang peringatan", sending a corrected warning again (docs/push.md)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from pages.models import AnnouncementPage

from .models import Broadcast
from .tasks import push_broadcast_start

URGENT = (AnnouncementPage.Urgency.EMERGENCY, AnnouncementPage.Urgency.IMPORTANT)
SHOWN = 10


def resend_allowed(page, user) -> bool:
    """Return whether `user` may send `page` again: a live, unexpired Darurat or Penting
    announcement that the user may publish."""
    return (
        isinstance(page, AnnouncementPage)
        and page.live
        and page.urgency in URGENT
        and not page.is_expired
        and page.permissions_for_user(user).can_publish()
    )


def sendings_panel(page, request) -> str:
    """Return the HTML listing the page's sendings, latest first ("" when there is none)."""
    if not isinstance(page, AnnouncementPage):
        return ""
    sendings = list(
        Broadcast.objects.filter(page__translation_key=page.translation_key).select_related(
            "requested_by"
        )[: SHOWN + 1]
    )
    can_resend = resend_allowed(page, request.user)
    if not sendings and not can_resend:
        return ""
    return render_to_string(
        "push/admin/sendings_panel.html",
        {
            "sendings": sendings[:SHOWN],
            "more": len(sendings) > SHOWN,
            "page": page,
            "can_resend": can_resend,
        },
        request=request,
    )


@require_http_methods(["GET", "POST"])
def resend_view(request, page_id):
    """Ask to confirm (GET), then queue the sending again (POST, with the CSRF token); 403 for
    a page that is no live urgent announcement or a user who may not publish it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not resend_allowed(page, request.user):
        # An answer of its own: Wagtail's admin would turn PermissionDenied into a redirect.
        return TemplateResponse(
            request, "push/admin/resend_confirm.html", {"page": page, "refused": True}, status=403
        )
    if request.method == "POST":
        push_broadcast_start(page=page, requested_by=request.user, resend=True)
        messages.success(
            request,
            _(
                "The warning “%(title)s” is being sent again to the phones that chose it. "
                "The counts appear under “Notifications sent” on the announcement."
            )
            % {"title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    latest = Broadcast.objects.filter(page__translation_key=page.translation_key).first()
    return TemplateResponse(
        request, "push/admin/resend_confirm.html", {"page": page, "latest": latest}
    )
