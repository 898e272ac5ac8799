"""The complaints list in the Wagtail admin: filters, search, columns, query counts."""

import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cms.complaints.models import Complaint, Desa
from tests.factories import ComplaintCategoryFactory, ComplaintFactory
from tests.utils import soup, text_of

pytestmark = pytest.mark.django_db

Status = Complaint.Status
INDEX = "complaints:index"


def listed_codes(response) -> list[str]:
    return [text_of(cell) for cell in soup(response).select("table.listing tbody td.title")]


def rows(response) -> dict:
    """Return the list's rows by tracking code."""
    return {
        text_of(row.select_one("td.title")): row
        for row in soup(response).select("table.listing tbody tr")
    }


def get(client, **params):
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200
    return response


def test_list_shows_code_category_status_due_and_assignee(officer_client, officer):
    complaint = ComplaintFactory(
        status=Status.ASSIGNED, assigned_to=officer, assigned_unit="Seksi Trantib"
    )

    response = get(officer_client)

    row = text_of(rows(response)[complaint.tracking_code])
    assert complaint.tracking_code in row
    assert complaint.category.name in row
    assert "Budi / Seksi Trantib" in row
    link = reverse("complaints:inspect", args=[complaint.pk])
    assert soup(response).find("a", href=link) is not None


def test_list_shows_the_start_of_each_description_and_keeps_codes_whole(officer_client):
    long = "Lampu jalan   di gang Mawar RT 03 mati sejak pekan lalu, " * 5
    complaint = ComplaintFactory(description=long)

    row = rows(get(officer_client))[complaint.tracking_code]

    assert "Lampu jalan di gang Mawar RT 03 mati sejak pekan lalu," in text_of(row)
    assert long.strip() not in text_of(row)  # a snippet, not the whole text
    assert "complaint-code" in row.select_one("td.title")["class"]
    css = finders.find("complaints/admin.css")
    assert ".complaint-code, .complaint-code a { white-space: nowrap; }" in Path(css).read_text()


def test_list_flags_overdue_complaints(officer_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    late = ComplaintFactory(verify_due=yesterday)
    on_time = ComplaintFactory()

    response = get(officer_client)

    listed = rows(response)
    assert listed[late.tracking_code].select_one(".complaint-overdue") is not None
    assert listed[on_time.tracking_code].select_one(".complaint-overdue") is None


@pytest.mark.parametrize(
    "typed",
    ["{code}", "{lower}", "{spaced}", "{bare}"],
    ids=["display", "lowercase", "spaces", "without-prefix"],
)
def test_search_finds_a_tracking_code_however_typed(officer_client, typed):
    wanted = ComplaintFactory()
    ComplaintFactory()
    code = wanted.tracking_code
    query = typed.format(
        code=code,
        lower=code.lower(),
        spaced=code.replace("-", " "),
        bare=code.replace("KCM-", "").replace("-", ""),
    )

    response = get(officer_client, q=query)

    assert listed_codes(response) == [code]


def test_search_looks_in_the_description(officer_client):
    wanted = ComplaintFactory(description="Jembatan bambu di Dusun Krajan hampir roboh.")
    ComplaintFactory(description="Sampah menumpuk di pasar desa sejak Senin.")

    assert listed_codes(get(officer_client, q="jembatan bambu")) == [wanted.tracking_code]


def test_filters_by_status_kind_category_and_desa(officer_client):
    category = ComplaintCategoryFactory()
    mekarsari = Desa.objects.create(name="Mekarsari", slug="mekarsari", kind="kelurahan")
    wanted = ComplaintFactory(
        status=Status.VERIFIED,
        kind=Complaint.Kind.REQUEST,
        category=category,
        desa=mekarsari,
    )
    ComplaintFactory(
        status=Status.VERIFIED,
        kind=Complaint.Kind.REQUEST,
        category=category,
        location_text="Kelurahan Mekarsari RT 04",  # typed, not chosen: not that desa
    )
    ComplaintFactory(status=Status.RECEIVED, desa=mekarsari)

    assert set(listed_codes(get(officer_client, status="diverifikasi"))) == {
        wanted.tracking_code,
        *Complaint.objects.filter(status=Status.VERIFIED).values_list("tracking_code", flat=True),
    }
    response = get(
        officer_client,
        status="diverifikasi",
        kind="permohonan",
        category=category.pk,
        desa=mekarsari.pk,
    )
    assert listed_codes(response) == [wanted.tracking_code]


def test_filters_overdue_and_due_today(officer_client):
    today = timezone.localdate()
    late = ComplaintFactory(verify_due=today - datetime.timedelta(days=2))
    due_today = ComplaintFactory(verify_due=today)
    ComplaintFactory()  # due later
    ComplaintFactory(  # closed: never late
        status=Status.DONE, verify_due=today - datetime.timedelta(days=9)
    )

    assert listed_codes(get(officer_client, due="overdue")) == [late.tracking_code]
    assert listed_codes(get(officer_client, due="today")) == [due_today.tracking_code]


def test_filters_by_assigned_officer_or_nobody(officer_client, officer):
    mine = ComplaintFactory(status=Status.ASSIGNED, assigned_to=officer)
    nobodys = ComplaintFactory()

    assert listed_codes(get(officer_client, assigned_to=officer.pk)) == [mine.tracking_code]
    assert listed_codes(get(officer_client, assigned_to="null")) == [nobodys.tracking_code]


def test_filters_by_date_received(officer_client):
    now = timezone.now()
    old = ComplaintFactory(created_at=now - datetime.timedelta(days=40))
    recent = ComplaintFactory(created_at=now - datetime.timedelta(days=2))
    start = (now - datetime.timedelta(days=50)).date().isoformat()
    end = (now - datetime.timedelta(days=30)).date().isoformat()

    response = get(officer_client, created_at_from=start, created_at_to=end)

    assert listed_codes(response) == [old.tracking_code]
    assert recent.tracking_code not in listed_codes(response)


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        get(client)
    return len(queries)


def test_list_query_count_does_not_grow_with_rows(officer_client, officer):
    ComplaintFactory(status=Status.ASSIGNED, assigned_to=officer)
    get(officer_client)  # warm per-process caches (content types, site)
    one = _list_queries(officer_client)

    for _ in range(29):
        ComplaintFactory(status=Status.ASSIGNED, assigned_to=officer)
    thirty = _list_queries(officer_client)

    assert thirty == one
    assert one <= 20
