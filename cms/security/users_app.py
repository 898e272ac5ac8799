"""Wagtail's users app with our user views and a superuser-only policy for groups
(cms/security/users.py: least privilege).

In INSTALLED_APPS instead of "wagtail.users". A module of its own: a second AppConfig in
cms/security/apps.py would stop Django from picking SecurityConfig for "cms.security"."""

from wagtail.users.apps import WagtailUsersAppConfig


class WagtailUsersConfig(WagtailUsersAppConfig):
    user_viewset = "cms.security.users.UserViewSet"

    def ready(self):
        super().ready()  # registers Wagtail's own policies for users and groups
        from django.contrib.auth.models import Group
        from wagtail.permissions import register_permission_policy

        from cms.security.users import SuperuserOnlyPolicy

        register_permission_policy(Group, SuperuserOnlyPolicy(Group))
