"""Which groups a staff member may give: never one that grants more than they hold themselves.

A group grants more than its model permissions (auth.Permission). Wagtail adds permissions held
on part of a tree or on one site, and access that comes with membership itself:

- page permissions on a page and everything under it (GroupPagePermission);
- image and document permissions on a collection and the collections under it
  (GroupCollectionPermission);
- site settings permissions on one site (GroupSitePermission);
- approving pages in a workflow task (GroupApprovalTask);
- reading private pages and collections restricted to groups (Page/CollectionViewRestriction).

A grant is covered when the actor holds the same thing: the model permission itself, the same
permission on the same page, collection or site or on one above it, or membership of a group
named by the same task or restriction. A superuser covers everything.
"""

from django.contrib.auth.models import Group
from wagtail.models import (
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    PageViewRestriction,
)

# Each grant is a tuple: (kind, permission or object id, tree path or site id, or "").
TREE_KINDS = {"page", "collection"}  # a grant at a path covers the paths under it


def _perm(app_label: str, codename: str) -> str:
    return f"{app_label}.{codename}"


def group_grants(group_ids=None) -> dict[int, set[tuple]]:
    """Return what each group grants (all groups, or those of `group_ids`), by group id.

    Seven queries, whatever the number of groups."""
    grants: dict[int, set[tuple]] = {}

    def only(queryset, field="group_id"):
        return queryset if group_ids is None else queryset.filter(**{f"{field}__in": group_ids})

    rows = only(Group.permissions.through.objects).values_list(
        "group_id", "permission__content_type__app_label", "permission__codename"
    )
    for group_id, app_label, codename in rows:
        grants.setdefault(group_id, set()).add(("model", _perm(app_label, codename), ""))
    rows = only(GroupPagePermission.objects).values_list(
        "group_id", "permission__content_type__app_label", "permission__codename", "page__path"
    )
    for group_id, app_label, codename, path in rows:
        grants.setdefault(group_id, set()).add(("page", _perm(app_label, codename), path))
    rows = only(GroupCollectionPermission.objects).values_list(
        "group_id",
        "permission__content_type__app_label",
        "permission__codename",
        "collection__path",
    )
    for group_id, app_label, codename, path in rows:
        grants.setdefault(group_id, set()).add(("collection", _perm(app_label, codename), path))
    rows = only(GroupSitePermission.objects).values_list(
        "group_id", "permission__content_type__app_label", "permission__codename", "site_id"
    )
    for group_id, app_label, codename, site_id in rows:
        grants.setdefault(group_id, set()).add(("site", _perm(app_label, codename), site_id))
    memberships = (
        ("task", GroupApprovalTask.groups.through, "groupapprovaltask_id"),
        ("page_view", PageViewRestriction.groups.through, "pageviewrestriction_id"),
        (
            "collection_view",
            CollectionViewRestriction.groups.through,
            "collectionviewrestriction_id",
        ),
    )
    for kind, through, other in memberships:
        for group_id, object_id in only(through.objects).values_list("group_id", other):
            grants.setdefault(group_id, set()).add((kind, object_id, ""))
    return grants


def _covered(grant: tuple, held: set[tuple], model_perms: set[str]) -> bool:
    kind, what, where = grant
    if grant in held:
        return True
    if kind in ("model", "site") and what in model_perms:
        return True  # a site permission held on every site, as a model permission
    if kind in TREE_KINDS:
        return any(k == kind and w == what and where.startswith(p) for k, w, p in held)
    return False


def grantable_group_ids(actor) -> set[int]:
    """Return the ids of the groups `actor` may give to an account (their own power or less)."""
    if actor.is_superuser:
        return set(Group.objects.values_list("pk", flat=True))
    grants = group_grants()
    own_groups = set(actor.groups.values_list("pk", flat=True))
    held = set().union(*(grants.get(pk, set()) for pk in own_groups))
    model_perms = actor.get_all_permissions()
    return {
        pk
        for pk in Group.objects.values_list("pk", flat=True)
        if all(_covered(grant, held, model_perms) for grant in grants.get(pk, ()))
    }
