from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def vapid_key_check(app_configs, **kwargs):
    """Production without a VAPID key has no push: `check --deploy` says so (docs/push.md)."""
    if settings.VAPID_PRIVATE_KEY or settings.VAPID_DEV_KEY_FILE:
        return []
    return [
        Error(
            "DJANGO_VAPID_PRIVATE_KEY is not set: residents cannot subscribe to push.",
            hint="Make a pair with `manage.py vapid_keys` and set DJANGO_VAPID_PRIVATE_KEY.",
            id="push.E001",
        )
    ]
