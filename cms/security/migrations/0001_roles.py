"""Staff roles as groups with least privilege (docs/privacy.md).

- Editor Konten: writes and publishes pages, images and documents; no complaints, no users.
- Petugas Pengaduan: made by complaints 0002 (complaints and reporters' personal data only).
- Admin: manages staff accounts, groups and site settings and may reset two-factor sign-in;
  reads complaints with personal data (to answer residents' data requests) but is not a
  superuser.
"""

from django.db import migrations

EDITOR = "Editor Konten"
ADMIN = "Admin"

PAGE_EDITOR = ["add", "change", "publish", "lock", "unlock"]
PAGE_ADMIN = PAGE_EDITOR + ["bulk_delete"]
IMAGES = ("wagtailimages", "image", ["add", "change", "choose"])
DOCUMENTS = ("wagtaildocs", "document", ["add", "change", "choose"])

EDITOR_PERMISSIONS = [
    ("wagtailadmin", "admin", ["access"]),
    ("wagtail_localize", "translation", ["submit"]),
]
ADMIN_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("auth", "user", ["add", "change", "delete", "view"]),
    ("auth", "group", ["add", "change", "delete", "view"]),
    ("pages", "kecamatansettings", ["change"]),
    ("wagtailredirects", "redirect", ["add", "change", "delete"]),
    ("complaints", "complaint", ["view", "view_personal_data"]),
    ("complaints", "complaintcategory", ["view", "add", "change"]),
    ("complaints", "holiday", ["view", "add", "change", "delete"]),
]
CODENAMES = {
    ("wagtailadmin", "admin", "access"): "access_admin",
    ("wagtail_localize", "translation", "submit"): "submit_translation",
    ("complaints", "complaint", "view_personal_data"): "view_personal_data",
}


def _permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = CODENAMES.get((app_label, model, action), f"{action}_{model}")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename}
    )
    return permission


def _role(apps, name, model_permissions, page_actions):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=name)
    for app_label, model, actions in model_permissions:
        for action in actions:
            group.permissions.add(_permission(apps, app_label, model, action))
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for action in page_actions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_permission(apps, "wagtailcore", "page", action)
            )
    collection = Collection.objects.filter(depth=1).first()
    if collection is not None:
        for app_label, model, actions in (IMAGES, DOCUMENTS):
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=_permission(apps, app_label, model, action),
                )


def forwards(apps, schema_editor):
    _role(apps, EDITOR, EDITOR_PERMISSIONS, PAGE_EDITOR)
    _role(apps, ADMIN, ADMIN_PERMISSIONS, PAGE_ADMIN)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITOR, ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0002_starter_data"),
        ("pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
