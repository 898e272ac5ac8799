"""The survey in the Wagtail admin: figures, printable report, responses (voiding) and the
number of service users per period (a snippet). The QR poster of each service desk is
registered by frontend/wagtail_hooks.py (`surveys_admin_poster`)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import ServiceUserCount


@hooks.register("register_admin_urls")
def register_survey_urls():
    return [
        path("survei/", admin_views.figures_view, name="surveys_admin_figures"),
        path("survei/laporan/", admin_views.report_view, name="surveys_admin_report"),
        path("survei/respons/", admin_views.responses_view, name="surveys_admin_responses"),
        path("survei/respons/<int:pk>/batal/", admin_views.void_view, name="surveys_admin_void"),
    ]


class SurveyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("surveys.view_surveyresponse")


@hooks.register("register_admin_menu_item")
def register_survey_menu_item():
    return SurveyMenuItem(
        _("Satisfaction survey"),
        reverse("surveys_admin_figures"),
        icon_name="success",
        order=310,
    )


class ServiceUserCountViewSet(SnippetViewSet):
    model = ServiceUserCount
    icon = "group"
    menu_label = _("Service users")
    list_display = ["period", "service", "users"]
    add_to_admin_menu = False


register_snippet(ServiceUserCountViewSet)
