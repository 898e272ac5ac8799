"""Where complaint photos are stored: never anywhere with a public URL."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """Where complaint photos live: `STORAGES["private"]` (a private bucket, settings/base.py)
    when configured, else a folder outside MEDIA_ROOT (PRIVATE_MEDIA_ROOT); no public URL
    either way. Chosen when first used, and again after a test changes those settings."""

    def _setup(self):
        if "private" in settings.STORAGES:
            self._wrapped = storages["private"]
        else:
            self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


PRIVATE_STORAGE = PrivateStorage()


@receiver(setting_changed)
def private_storage_changed(setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        PRIVATE_STORAGE._wrapped = empty


def private_storage():
    """Storage with no public URL (PrivateStorage)."""
    return PRIVATE_STORAGE
