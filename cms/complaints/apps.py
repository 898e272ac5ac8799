from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "cms.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self):
        from . import sites  # noqa: F401  (a new site gets its complaint categories)
