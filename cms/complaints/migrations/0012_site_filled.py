"""Every complaint and category stored before sites mattered belongs to the default site: the
one kecamatan the install served until then. An empty database has nothing to fill."""

from django.db import migrations


def default_site(apps):
    """Return the default site (else the first), making Wagtail's own default when none exists."""
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        # As Wagtail's initial data makes it: localhost serving the tree's first home.
        Page = apps.get_model("wagtailcore", "Page")
        root = Page.objects.filter(depth=2).order_by("path").first()
        root = root or Page.objects.order_by("path").first()
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=root, is_default_site=True
        )
    return site


def fill(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Category = apps.get_model("complaints", "ComplaintCategory")
    if not (
        Category.objects.filter(site__isnull=True).exists()
        or Complaint.objects.filter(site__isnull=True).exists()
    ):
        return
    site = default_site(apps)
    Category.objects.filter(site__isnull=True).update(site=site)
    Complaint.objects.filter(site__isnull=True).update(site=site)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0011_site_added")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
