"""Every complaint and category stored before sites mattered belongs to the default site: the
one kecamatan the install served until then. An empty database has nothing to fill."""

from django.db import migrations


def default_site(apps):
    """Return the default site (else the first), making Wagtail's own default when none exists."""
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    if site is None:
        # As Wagtail's initial data makes it: localhost serving the tree's first home (or its
        # root, made here too when a database holds complaints but no page at all).
        Page = apps.get_model("wagtailcore", "Page")
        root = Page.objects.filter(depth=2).order_by("path").first()
        root = root or Page.objects.order_by("path").first() or tree_root(apps)
        site = Site.objects.create(
            hostname="localhost", port=80, root_page=root, is_default_site=True
        )
    return site


def tree_root(apps):
    """Return a new tree root page, made as Wagtail's own initial data migration makes it."""
    from django.conf import settings

    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    content_type, _created = ContentType.objects.get_or_create(
        model="page", app_label="wagtailcore"
    )
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    return apps.get_model("wagtailcore", "Page").objects.create(
        title="Root",
        slug="root",
        content_type=content_type,
        locale=locale,
        path="0001",
        depth=1,
        numchild=0,
        url_path="/",
    )


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
    dependencies = [("complaints", "0011_site_added"), ("contenttypes", "0002_remove_content_type_name")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
