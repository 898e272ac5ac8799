from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PushConfig(AppConfig):
    name = "cms.push"
    label = "push"
    verbose_name = _("Push notifications")

    def ready(self):
        from . import checks, signals  # noqa: F401 (deploy check; publish and complaint triggers)
