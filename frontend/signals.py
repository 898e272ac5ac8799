"""Renditions are asked of the task worker when an image is uploaded and a page is published."""

from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.signals import page_published

from pages.models import KecamatanSettings

from .renditions import UPLOAD_ROLES, page_image_specs, renditions_enqueue, role_specs


def image_saved(sender, instance, created, **kwargs):
    """A new image, or a new file or focal point for one: make what any page may show."""
    if kwargs.get("raw"):
        return
    renditions_enqueue(instance.pk, role_specs(*UPLOAD_ROLES))


def page_published_renditions(sender, instance, **kwargs):
    for image_id, specs in page_image_specs(instance).items():
        renditions_enqueue(image_id, specs)


def settings_saved(sender, instance, **kwargs):
    if instance.logo_id:
        renditions_enqueue(instance.logo_id, role_specs("logo"))


post_save.connect(image_saved, sender=get_image_model(), dispatch_uid="frontend-image-renditions")
page_published.connect(page_published_renditions, dispatch_uid="frontend-page-renditions")
post_save.connect(settings_saved, sender=KecamatanSettings, dispatch_uid="frontend-logo-renditions")
