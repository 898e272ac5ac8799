"""Wagtail's users app with our user views (cms/security/users.py: least privilege).

In INSTALLED_APPS instead of "wagtail.users". A module of its own: a second AppConfig in
cms/security/apps.py would stop Django from picking SecurityConfig for "cms.security"."""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "cms.security.users.UserViewSet"
