from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self):
        from cms.security import admin_csp, checks  # noqa: F401 -- registers the deploy check

        admin_csp.install()
