"""Everything that reads complaints, and the only place deciding what the public may see."""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from .codes import tracking_code_normalize
from .hashing import lookup_hash
from .models import Complaint, ComplaintCategory, ComplaintEvent, DataRequest, Desa
from .nik import nik_normalize
from .wording import resident_status_label

Status = Complaint.Status
Event = ComplaintEvent.Kind


def _of_site(queryset: QuerySet, site: Site | None) -> QuerySet:
    """Return the rows of `queryset` that belong to `site`; none without a site."""
    return queryset.filter(site=site) if site is not None else queryset.none()


def complaint_categories(site: Site | None) -> QuerySet[ComplaintCategory]:
    """Return the categories `site` offers its residents, "Other" last."""
    return _of_site(ComplaintCategory.objects.filter(is_active=True), site).select_related(
        "service_page"
    )


def complaint_desa_choices() -> QuerySet[Desa]:
    """Return the villages offered to residents, in the order staff set."""
    return Desa.objects.filter(is_active=True)


def complaint_get_by_code(raw_code: str, site: Site | None) -> Complaint | None:
    """Return `site`'s complaint for a typed tracking code, or None (also for malformed codes
    and for another site's complaint: on this host that code is unknown)."""
    return _by_code(_of_site(Complaint.objects.all(), site), raw_code)


def complaint_staff_get_by_code(raw_code: str) -> Complaint | None:
    """Return the complaint of any site for a typed tracking code, or None (staff only)."""
    return _by_code(Complaint.objects.all(), raw_code)


def _by_code(queryset: QuerySet[Complaint], raw_code: str) -> Complaint | None:
    code = tracking_code_normalize(raw_code)
    if code is None:
        return None
    return (
        queryset.select_related("category", "desa", "duplicate_of")
        .filter(tracking_code=code)
        .first()
    )


@dataclass(frozen=True)
class TimelineEntry:
    """One public line of a complaint's history; it never names an officer or the resident."""

    at: datetime.datetime
    kind: str
    status: str
    status_label: str
    title: str
    message: str


def _entry_title(event: ComplaintEvent) -> str:
    if event.kind == Event.CREATED:
        return _("Complaint received")
    if event.kind == Event.REOPENED:
        return _("Reopened: the resident says it is not solved yet")
    if event.kind == Event.REPLY:
        return _("Reply from the kecamatan")
    if event.kind == Event.STATUS:
        return _("Status: %(status)s") % {"status": resident_status_label(event.new_status)}
    return ComplaintEvent.Kind(event.kind).label


PUBLIC_EVENT_FIELDS = ("kind", "new_status", "message", "created_at", "complaint_id")


def complaint_public_timeline(complaint: Complaint) -> list[TimelineEntry]:
    """Return the public events of a complaint, oldest first (one query; none when they were
    prefetched by `complaint_public_feed`)."""
    events = getattr(complaint, "public_events", None)
    if events is None:
        events = complaint.events.filter(is_public=True).only(*PUBLIC_EVENT_FIELDS)
    return [
        TimelineEntry(
            at=event.created_at,
            kind=event.kind,
            status=event.new_status,
            status_label=Status(event.new_status).label if event.new_status else "",
            title=_entry_title(event),
            message=event.message,
        )
        for event in events
    ]


def complaint_public_list(
    *, site: Site | None, category: str = "", status: str = ""
) -> QuerySet[Complaint]:
    """Return `site`'s complaints anyone may see: verified, public or anonymous, not
    confidential."""
    queryset = (
        _of_site(Complaint.objects.filter(is_public=True), site)
        .exclude(privacy=Complaint.Privacy.CONFIDENTIAL)
        .exclude(status__in=[Status.RECEIVED, Status.REJECTED, Status.DUPLICATE])
        .select_related("category", "desa")
        .only(
            "tracking_code",
            "kind",
            "status",
            "description",
            "public_description",
            "desa__name",
            "desa__kind",
            "privacy",
            "reporter_name",
            "created_at",
            "updated_at",
            "photo",
            "photo_hidden",
            "is_public",
            "closed_at",
            "verify_due",
            "respond_due",
            "area_latitude",
            "area_longitude",
            "category__name",
            "category__name_en",
            "category__slug",
        )
    )
    if category:
        queryset = queryset.filter(category__slug=category)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def complaint_is_public(complaint: Complaint) -> bool:
    return (
        complaint.is_public
        and complaint.privacy != Complaint.Privacy.CONFIDENTIAL
        and complaint.status not in (Status.RECEIVED, Status.REJECTED, Status.DUPLICATE)
    )


def complaint_public_feed(
    *,
    site: Site | None,
    codes: list[str] | None = None,
    categories: list[str] | None = None,
    closed: bool | None = None,
    since: datetime.datetime | None = None,
    until: datetime.datetime | None = None,
) -> QuerySet[Complaint]:
    """Return the public complaints (as `complaint_public_list`) with their public events
    prefetched: a list of any length costs the same few queries.

    `codes` (tracking codes) overrides the other filters; `closed` True keeps the finished
    ones, False the open ones; `since` and `until` bound the time it was received.
    """
    queryset = complaint_public_list(site=site).prefetch_related(
        Prefetch(
            "events",
            queryset=ComplaintEvent.objects.filter(is_public=True).only(*PUBLIC_EVENT_FIELDS),
            to_attr="public_events",
        )
    )
    if codes is not None:
        return queryset.filter(tracking_code__in=codes)
    if categories:
        queryset = queryset.filter(category__slug__in=categories)
    if closed is True:
        queryset = queryset.filter(status__in=Complaint.CLOSED)
    elif closed is False:
        queryset = queryset.exclude(status__in=Complaint.CLOSED)
    if since is not None:
        queryset = queryset.filter(created_at__gte=since)
    if until is not None:
        queryset = queryset.filter(created_at__lte=until)
    return queryset


@dataclass(frozen=True)
class PublicComplaint:
    """What anyone holding a complaint's code may see of it, whichever face shows it.

    Never the reporter's contact data, NIK, location text or exact coordinates. What the
    complaint says (description, village, rounded position, photo) only once it is public
    (verified, public or anonymous); otherwise None or False. The name only for a complaint
    sent as public.
    """

    complaint: Complaint
    is_public: bool
    description: str | None
    desa: str | None
    area: tuple | None  # (latitude, longitude) rounded to about 110 m
    photo_is_public: bool
    public_name: str
    timeline: list[TimelineEntry]


def complaint_public_view(complaint: Complaint) -> PublicComplaint:
    """Return the public projection of a complaint (the timeline costs one query unless
    prefetched)."""
    public = complaint_is_public(complaint)
    has_area = complaint.area_latitude is not None and complaint.area_longitude is not None
    return PublicComplaint(
        complaint=complaint,
        is_public=public,
        description=complaint.shown_description if public else None,
        desa=complaint.desa.display_name if public and complaint.desa else None,
        area=(complaint.area_latitude, complaint.area_longitude) if public and has_area else None,
        photo_is_public=public and complaint.photo_is_public,
        public_name=complaint.public_name if public else "",
        timeline=complaint_public_timeline(complaint),
    )


def complaint_overdue(queryset=None, today=None) -> QuerySet[Complaint]:
    """Return open complaints whose next step is late."""
    today = today or timezone.localdate()
    queryset = Complaint.objects.all() if queryset is None else queryset
    return queryset.exclude(status__in=Complaint.CLOSED).filter(
        Q(status=Status.RECEIVED, verify_due__lt=today)
        | (~Q(status=Status.RECEIVED) & Q(respond_due__lt=today))
    )


def complaint_due_today(queryset=None, today=None) -> QuerySet[Complaint]:
    today = today or timezone.localdate()
    queryset = Complaint.objects.all() if queryset is None else queryset
    return queryset.exclude(status__in=Complaint.CLOSED).filter(
        Q(status=Status.RECEIVED, verify_due=today)
        | (~Q(status=Status.RECEIVED) & Q(respond_due=today))
    )


def complaint_dashboard_counts(today=None) -> dict[str, int]:
    """Return the numbers for the admin dashboard panel in one query each."""
    today = today or timezone.localdate()
    return {
        "new": Complaint.objects.filter(status=Status.RECEIVED).count(),
        "overdue": complaint_overdue(today=today).count(),
        "due_today": complaint_due_today(today=today).count(),
        "open": Complaint.objects.exclude(status__in=Complaint.CLOSED).count(),
    }


def complaint_status_counts() -> dict[str, int]:
    rows = Complaint.objects.values("status").annotate(total=Count("id"))
    return {row["status"]: row["total"] for row in rows}


# --- Staff side (Wagtail admin) ---

STAFF_GROUP = "Petugas Pengaduan"


def complaint_staff_list() -> QuerySet[Complaint]:
    """Return every complaint with what the admin list shows joined in (no query per row)."""
    return Complaint.objects.select_related("category", "desa", "assigned_to")


def complaint_staff_search(
    queryset: QuerySet[Complaint], query: str, by_phone: bool = False
) -> QuerySet[Complaint]:
    """Return the complaints matching a typed tracking code (any spelling) or description text.

    A complete code, however typed ("kcm 7qx4 9pad", "7QX49PAD"), finds exactly that complaint;
    with `by_phone` (staff who may see personal data) a phone number, a NIK or the reporter's
    whole name finds their complaints through the keyed hash (the values are encrypted);
    anything else is looked for in the code and the description.
    """
    query = (query or "").strip()
    if not query:
        return queryset
    code = tracking_code_normalize(query)
    if code is not None:
        return queryset.filter(tracking_code=code)
    if by_phone and NIK_QUERY.match(nik_normalize(query)):
        # Sixteen digits: a NIK, or (rarely) a long phone number.
        return queryset.filter(
            Q(reporter_nik_hash=lookup_hash(query, "nik"))
            | Q(reporter_phone_hash=lookup_hash(query))
        )
    if by_phone and PHONE_QUERY.match(query):
        return queryset.filter(reporter_phone_hash=lookup_hash(query))
    found = Q(tracking_code__icontains=query.upper()) | Q(description__icontains=query)
    if by_phone and NAME_QUERY.match(query):
        # The reporter's whole name, as recorded (any case or spacing), or words of the text.
        found |= Q(reporter_name_hash=lookup_hash(query, "name"))
    return queryset.filter(found)


def complaint_search_term_hash(query: str, by_phone: bool = False) -> str:
    """Return the keyed hash the access log keeps of a search term, never the term itself.

    A phone number, NIK or name (searched by staff who may see personal data) is hashed as its
    complaint's look-up hash is, so the log shows whose complaints were looked for; any other
    term in lower case with single spaces, so one word typed differently gets one hash.
    """
    query = (query or "").strip()
    if by_phone and NIK_QUERY.match(nik_normalize(query)):
        return lookup_hash(query, "nik")
    if by_phone and PHONE_QUERY.match(query):
        return lookup_hash(query)
    if by_phone and NAME_QUERY.match(query):
        return lookup_hash(query, "name")
    return lookup_hash(" ".join(query.lower().split()), "search")


PHONE_QUERY = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")
NIK_QUERY = re.compile(r"^[0-9]{16}$")
# Letters (any script), spaces and what names carry: "Siti Rahayu", "Dr. A'ang", "Nur-Aini".
NAME_QUERY = re.compile(r"^[^\W\d_]+(?:[ .'\-]+[^\W\d_]+)*\.?$")


def complaint_officers():
    """Return the active members of the complaint officers' group, by name."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=STAFF_GROUP)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def complaint_staff_history(complaint: Complaint) -> QuerySet[ComplaintEvent]:
    """Return every event of a complaint for staff, internal notes included, oldest first."""
    return complaint.events.select_related("actor").order_by("created_at", "id")


# --- Residents' personal data requests (UU PDP) ---


def data_request_staff_list() -> QuerySet[DataRequest]:
    """Return every data request with its complaint and handler joined (no query per row)."""
    return DataRequest.objects.select_related("complaint", "handled_by").defer("message")


def data_request_open_count() -> int:
    return DataRequest.objects.filter(status=DataRequest.Status.OPEN).count()
