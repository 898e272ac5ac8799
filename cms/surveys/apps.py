from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "cms.surveys"
    label = "surveys"
    verbose_name = _("Service satisfaction survey")

    def ready(self):
        from . import signals  # noqa: F401 (cache invalidation, the survey link in emails)
