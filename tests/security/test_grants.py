"""Which groups a staff member may give (cms/security/grants.py): their own power or less,
counting what Wagtail grants on part of the tree, on one site or by membership."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    PageViewRestriction,
    Site,
)

from cms.security.grants import grantable_group_ids

pytestmark = pytest.mark.django_db


def perm(codename, app_label=None):
    queryset = Permission.objects.filter(codename=codename)
    if app_label:
        queryset = queryset.filter(content_type__app_label=app_label)
    return queryset.get()


@pytest.fixture
def actor(django_user_model):
    """Edits the pages under the first home page's first child, nothing else."""
    user = django_user_model.objects.create_user("aktor", password="x")
    group = Group.objects.create(name="Penyunting cabang")
    group.permissions.add(perm("access_admin"))
    user.groups.add(group)
    return user


def page_group(name, page, codename="change_page"):
    group = Group.objects.create(name=name)
    GroupPagePermission.objects.create(group=group, page=page, permission=perm(codename))
    return group


def test_page_permissions_count_with_the_tree(actor):
    root = Page.objects.get(depth=1)
    home = Page.objects.get(depth=2)
    child = home.add_child(instance=Page(title="Cabang", slug="cabang"))
    grandchild = child.add_child(instance=Page(title="Ranting", slug="ranting"))
    actor.groups.get().page_permissions.create(page=child, permission=perm("change_page"))

    same = page_group("Sama", child)
    below = page_group("Di bawah", grandchild)
    above = page_group("Di atas", root)
    other_action = page_group("Terbit", grandchild, "publish_page")
    grantable = grantable_group_ids(actor)

    assert {same.pk, below.pk} <= grantable
    assert above.pk not in grantable and other_action.pk not in grantable


def test_model_collection_site_task_and_restriction_grants(actor):
    own = actor.groups.get()
    root = Collection.get_first_root_node()
    sub = root.add_child(name="Foto desa")
    GroupCollectionPermission.objects.create(
        group=own, collection=sub, permission=perm("add_image", "wagtailimages")
    )
    site = Site.objects.get(is_default_site=True)

    def make(name):
        return Group.objects.create(name=name)

    model = make("Model")
    model.permissions.add(perm("change_complaint"))
    collection_below = make("Koleksi di bawah")
    GroupCollectionPermission.objects.create(
        group=collection_below,
        collection=sub.add_child(name="Posyandu"),
        permission=perm("add_image", "wagtailimages"),
    )
    collection_root = make("Koleksi akar")
    GroupCollectionPermission.objects.create(
        group=collection_root, collection=root, permission=perm("add_image", "wagtailimages")
    )
    site_settings = make("Pengaturan situs")
    GroupSitePermission.objects.create(
        group=site_settings, site=site, permission=perm("change_kecamatansettings")
    )
    approvers = make("Penyetuju")
    GroupApprovalTask.objects.create(name="Setujui").groups.add(approvers)
    readers = make("Pembaca rahasia")
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(depth=2), restriction_type="groups"
    )
    restriction.groups.add(readers)
    empty = make("Kosong")

    grantable = grantable_group_ids(actor)
    assert {own.pk, collection_below.pk, empty.pk} <= grantable
    for group in (model, collection_root, site_settings, approvers, readers):
        assert group.pk not in grantable, group.name

    # Holding the same thing makes each of them grantable.
    own.permissions.add(perm("change_complaint"), perm("change_kecamatansettings"))
    restriction.groups.add(own)
    GroupApprovalTask.objects.get(name="Setujui").groups.add(own)
    actor = type(actor).objects.get(pk=actor.pk)  # no cached permissions
    grantable = grantable_group_ids(actor)
    assert {model.pk, site_settings.pk, approvers.pk, readers.pk} <= grantable
    assert collection_root.pk not in grantable


def test_a_superuser_gives_every_group_and_the_cost_does_not_grow(actor, django_user_model):
    boss = django_user_model.objects.create_superuser("camat", "c@kecamatan.id", "x")
    assert grantable_group_ids(boss) == set(Group.objects.values_list("pk", flat=True))
    grantable_group_ids(actor)
    with CaptureQueriesContext(connection) as few:
        grantable_group_ids(type(actor).objects.get(pk=actor.pk))
    home = Page.objects.get(depth=2)
    for number in range(20):
        page_group(f"Grup {number}", home)
    with CaptureQueriesContext(connection) as many:
        grantable_group_ids(type(actor).objects.get(pk=actor.pk))
    assert len(many.captured_queries) == len(few.captured_queries) <= 12
