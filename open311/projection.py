"""A complaint as a GeoReport v2 service request, from the domain's public view of it
(cms.complaints.selectors.complaint_public_view): the same rules as every public face.

Status: `open` while our workflow goes on, `closed` once done, rejected, not ours or a
duplicate; the steps themselves are in `status_notes`, in plain words. Position: the
coordinates rounded to about 110 m, and only for a public complaint; `address` is the
village chosen from the kecamatan's list, never what the resident typed.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from cms.complaints.models import Complaint, ComplaintCategory
from cms.complaints.selectors import PublicComplaint

from .formats import w3c

# Keys of a service request, in the spec's order.
REQUEST_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)


def status_notes(view: PublicComplaint) -> str:
    """Return the public timeline as lines of plain words: "2026-12-01 Status: Verified: ..."."""
    lines = []
    for entry in view.timeline:
        line = f"{timezone.localtime(entry.at):%Y-%m-%d} {entry.title}"
        lines.append(f"{line}: {entry.message}" if entry.message else line)
    return "\n".join(lines)


def expected(complaint: Complaint) -> str | None:
    """Return when the next step is due by the SLA clock (the end of that working day)."""
    due = complaint.due_date
    if due is None:
        return None
    end = datetime.datetime.combine(due, datetime.time(23, 59, 59))
    return w3c(timezone.make_aware(end))


def service_item(category: ComplaintCategory, group: str) -> dict:
    """Return a category as a GeoReport v2 service."""
    return {
        "service_code": category.slug,
        "service_name": category.display_name,
        "description": category.description,
        # Every service has optional attributes (privacy, kind, desa); some a required NIK.
        "metadata": True,
        "type": "realtime",
        "keywords": ", ".join(category.slug.split("-")),
        "group": group,
    }


def request_item(request, view: PublicComplaint, agency: str) -> dict:
    """Return the public view of a complaint as a GeoReport v2 service request."""
    complaint = view.complaint
    closed = complaint.is_closed
    updated = complaint.closed_at if closed and complaint.closed_at else complaint.updated_at
    media_url = None
    if view.photo_is_public:
        media_url = request.build_absolute_uri(
            reverse("complaint-photo", args=[complaint.tracking_code])
        )
    latitude, longitude = view.area if view.area else (None, None)
    return {
        "service_request_id": complaint.tracking_code,
        "status": "closed" if closed else "open",
        "status_notes": status_notes(view),
        "service_name": complaint.category.display_name,
        "service_code": complaint.category.slug,
        "description": view.description,
        "agency_responsible": agency,
        "service_notice": None,
        "requested_datetime": w3c(complaint.created_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": expected(complaint),
        "address": view.desa,
        "address_id": None,
        "zipcode": None,
        "lat": float(latitude) if latitude is not None else None,
        "long": float(longitude) if longitude is not None else None,
        "media_url": media_url,
    }
