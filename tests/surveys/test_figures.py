"""The transparency figures against hand-counted fixtures; open data without personal data;
query counts that do not grow with the data; cache renewed on change."""

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Site

from cms.complaints.models import Complaint, Desa
from cms.surveys.figures import build_figures
from cms.surveys.models import ServiceUserCount
from cms.surveys.periods import period_parse
from tests.complaints.helpers import PERSONAL, advance, officer, submit
from tests.utils import main_text

from .helpers import respond, service_page


def default_site():
    return Site.objects.get(is_default_site=True)


pytestmark = pytest.mark.django_db
Status = Complaint.Status
TZ_NOW = timezone.now


def at(year, month, day, hour=9):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def seed_complaints():
    """Complaints of March 2025, counted by hand:

        A  jalan, Desa Sukamaju         received 3 Mar, verified +1 day,  done +4 days (due 12 Mar)
        B  jalan, Desa Sukamaju Kidul   received 5 Mar, verified +3 days, done +20 days (late)
        C  sampah, Kelurahan Mekarsari  received 10 Mar, verified +2 days, still in progress, due
           long past -> overdue
        D  sampah, no desa chosen       received 20 Mar, never verified -> overdue (verify due)
        E  lainnya, no desa chosen,     received 25 Mar, rejected after 1 day
           typed "Desa Camatkorup Hore" (not on the list: never a desa in the figures)
        F  jalan, Desa Sukamaju         received 2 Apr (outside the month, inside the year)

    The list staff keep: Sukamaju, Sukamaju Kidul, Mekarsari (kelurahan), Cibodas (no complaint).

    March: received 5; finished 2 (A, B); in progress 2 (C, D); overdue 2 (C, D); closed
    otherwise 1 (E). Days to first response: A 1, B 3, C 2, E 1 -> median 1.5.
    Days to completion (finished only): A 4, B 20 -> median 12.0. Within target: A only
    (B closed after its respond-by date) -> 1 of 2 = 50.0 %.
    """
    staff = officer()
    listed = {
        name: Desa.objects.create(name=name, slug=name.lower().replace(" ", "-"), kind=kind)
        for name, kind in [
            ("Sukamaju", "desa"),
            ("Sukamaju Kidul", "desa"),
            ("Mekarsari", "kelurahan"),
            ("Cibodas", "desa"),
        ]
    }
    plan = [
        (
            "A",
            (2025, 3, 3),
            "jalan-jembatan",
            ("Sukamaju", "RT 02/RW 01, depan balai desa"),
            1,
            4,
            Status.DONE,
        ),
        (
            "B",
            (2025, 3, 5),
            "jalan-jembatan",
            ("Sukamaju Kidul", "gang mawar"),
            3,
            20,
            Status.DONE,
        ),
        (
            "C",
            (2025, 3, 10),
            "sampah-kebersihan",
            ("Mekarsari", "Jalan Melati"),
            2,
            None,
            Status.IN_PROGRESS,
        ),
        (
            "D",
            (2025, 3, 20),
            "sampah-kebersihan",
            (None, "depan pasar"),
            None,
            None,
            Status.RECEIVED,
        ),
        ("E", (2025, 3, 25), "lainnya", (None, "Desa Camatkorup Hore"), 1, None, Status.REJECTED),
        ("F", (2025, 4, 2), "jalan-jembatan", ("Sukamaju", ""), None, None, Status.RECEIVED),
    ]
    made = {}
    for name, day, category, (desa, location), verify_after, close_after, final in plan:
        received = at(*day)
        complaint = submit(category=category, desa=listed.get(desa), location_text=location)
        steps = {
            Status.DONE: [Status.VERIFIED, Status.DONE],
            Status.IN_PROGRESS: [Status.VERIFIED, Status.IN_PROGRESS],
            Status.REJECTED: [Status.REJECTED],
            Status.RECEIVED: [],
        }[final]
        for step in steps:
            complaint = advance(complaint, step, actor=staff)
        updates = {
            "created_at": received,
            "verify_due": received.date() + datetime.timedelta(days=3),
            "respond_due": received.date() + datetime.timedelta(days=9),
        }
        if verify_after is not None:
            updates["verified_at"] = received + datetime.timedelta(days=verify_after)
        if close_after is not None:
            updates["closed_at"] = received + datetime.timedelta(days=close_after)
        elif final == Status.REJECTED:
            updates["closed_at"] = received + datetime.timedelta(days=verify_after)
        Complaint.objects.filter(pk=complaint.pk).update(**updates)
        made[name] = complaint
    return made


def test_complaint_figures_match_the_hand_count(site_tree):
    seed_complaints()
    figures = build_figures(
        period_parse("2025-03"), default_site(), today=datetime.date(2025, 4, 10)
    )
    complaints = figures["complaints"]
    assert {
        key: complaints[key]
        for key in ("received", "finished", "in_progress", "overdue", "closed_other")
    } == {"received": 5, "finished": 2, "in_progress": 2, "overdue": 2, "closed_other": 1}
    assert complaints["median_days_to_response"] == 1.5
    assert complaints["median_days_to_completion"] == 12.0
    assert complaints["finished_within_target"] == 1
    assert complaints["finished_within_target_percent"] == 50.0

    by_category = {row["slug"]: row for row in complaints["by_category"]}
    assert by_category["jalan-jembatan"]["received"] == 2
    assert by_category["jalan-jembatan"]["finished"] == 2
    assert by_category["sampah-kebersihan"]["overdue"] == 2
    assert by_category["lainnya"]["received"] == 1

    by_desa = [(row["desa"], row["received"]) for row in complaints["by_desa"]]
    assert by_desa == [
        ("Mekarsari", 1),
        ("Sukamaju", 1),
        ("Sukamaju Kidul", 1),
        ("", 2),
    ]
    assert complaints["by_desa"][0]["name"] == "Kelurahan Mekarsari"
    assert complaints["by_desa"][-1]["name"] == "Tidak disebut / lainnya"

    year = build_figures(period_parse("2025"), default_site(), today=datetime.date(2025, 4, 10))
    assert year["complaints"]["received"] == 6


def test_trend_covers_twelve_months_with_the_hand_counted_ones(site_tree):
    seed_complaints()
    figures = build_figures(period_parse("2025"), default_site(), today=datetime.date(2025, 4, 10))
    trend = {row["month"]: row for row in figures["trend"]}
    assert list(trend)[0] == "2024-05" and list(trend)[-1] == "2025-04"
    assert (trend["2025-03"]["received"], trend["2025-03"]["finished"]) == (5, 2)
    assert trend["2025-04"]["received"] == 1 and trend["2025-01"]["received"] == 0


def test_ikm_figures_per_service_with_sample_size(site_tree):
    service = service_page(site_tree)
    other = service_page(site_tree, slug="legalisasi", title="Legalisasi")
    respond(service, [4, 4, 3, 3, 4, 4, 4, 3, 2])
    respond(service, [3] * 9)
    respond(other, [2] * 9)
    ServiceUserCount.objects.create(
        service=service, period=str(timezone.localdate().year), users=100
    )
    ServiceUserCount.objects.create(service=None, period=str(timezone.localdate().year), users=10)
    figures = build_figures(period_parse(str(timezone.localdate().year)), default_site())
    rows = {row["service"]: row for row in figures["satisfaction"]["services"]}
    assert rows[service.slug]["ikm"] == 80.56 and rows[service.slug]["grade"] == "B"
    assert rows[service.slug]["sample_size"] == 80 and rows[service.slug]["sample_met"] is False
    assert rows["legalisasi"]["ikm"] == 50.0 and rows["legalisasi"]["grade"] == "D"
    total = figures["satisfaction"]["kecamatan"]
    # (31 + 27 + 18) / 3 respondents / 9 elements x 25 = 76 / 27 x 25 = 70.370.. -> 70.37 C
    assert total["respondents"] == 3 and total["ikm"] == 70.37 and total["grade"] == "C"
    assert total["sample_size"] == 10 and total["sample_met"] is False


def test_dashboard_shows_the_figures_and_tables(client, site_tree):
    seed_complaints()
    respond(service_page(site_tree), [4] * 9)
    response = client.get("/transparansi/?periode=2025-03")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-figure="received">5<' in html
    assert "<svg" in html and "<table" in html and "<script" not in html.split("</header>", 2)[-1]
    assert "Transparansi" in html
    # When they were computed, in the kecamatan's time, as a reader writes it.
    assert re.search(r"Dihitung pada \d{1,2} \w+ \d{4}, \d\d:\d\d WIB\.", main_text(response))
    assert client.get("/en/transparansi/").status_code == 200
    assert client.get("/transparansi/?periode=kemarin").status_code == 400


def test_open_data_has_no_personal_data(client, site_tree):
    made = seed_complaints()
    respond(service_page(site_tree), [4] * 9, suggestion="Nama saya Siti Rahayu 0812 3456 7890")
    csv_text = client.get("/api/v1/transparency.csv?period=2025").content.decode()
    json_text = client.get("/api/v1/transparency/?period=2025").content.decode()
    json_now = client.get("/api/v1/transparency/").content.decode()
    for text in (csv_text, json_text, json_now):
        for secret in (*PERSONAL, "Siti", "balai desa", "gang mawar", made["A"].tracking_code):
            assert secret not in text
        # Typed by a resident, not on the staff's list: never a desa in public figures.
        assert "Camatkorup" not in text
    asked = client.get("/api/v1/transparency.csv?period=2025", HTTP_ACCEPT="text/csv")
    assert asked.status_code == 200 and asked["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(csv_text)))
    assert rows[0] == ["period", "section", "item", "measure", "value"]
    assert ["2025", "complaints", "all", "received", "6"] in rows
    assert len([row for row in rows if row[1] == "trend"]) == 12 * 4


def test_figures_are_cached_and_renewed_when_data_changes(client, site_tree):
    service = service_page(site_tree)
    respond(service, [4] * 9)
    url = f"/api/v1/ikm/?service={service.slug}"
    assert client.get(url).json()["items"][0]["respondents"] == 1
    with CaptureQueriesContext(connection) as cached:
        client.get(url)
    assert len(cached.captured_queries) <= 2  # only the service look-up (locale, page)
    respond(service, [1] * 9)
    assert client.get(url).json()["items"][0]["respondents"] == 2
    Complaint.objects.all().delete()  # any complaint change renews too; here none exist


def _count(client, url):
    """Return the queries of a request with the figures cache empty (a cold computation).

    The first request after new pages were made fills Wagtail's in-process caches (site root
    paths), so the count is taken on a second cold request.
    """
    from django.core.cache import cache

    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_query_counts_do_not_grow_with_the_data(client, site_tree):
    service = service_page(site_tree)
    respond(service, [3] * 9)
    submit()
    small = {url: _count(client, url) for url in ("/transparansi/", "/api/v1/transparency.csv")}
    seed_complaints()
    for index in range(5):
        extra = service_page(site_tree, slug=f"layanan-{index}", title=f"Layanan {index}")
        for _ in range(3):
            respond(extra, [2, 3, 4, 3, 2, 3, 4, 3, 2])
    for _ in range(10):
        submit(location_text="Desa Margahayu")
    large = {url: _count(client, url) for url in small}
    assert large == small
    assert small["/transparansi/"] <= 25  # 13 for the figures, the rest is the site chrome


def test_the_dashboard_speaks_a_residents_words(client, site_tree):
    """No statistics jargon on the public page (issue 16): the element names stay in the
    report and the open data, the page says what a figure means."""
    seed_complaints()
    respond(service_page(site_tree), [4] * 9)
    text = main_text(client.get("/transparansi/?periode=2025"))
    assert "separuhnya lebih cepat" in text and "tiap bagian layanan" in text
    for jargon in ("Median", "Krejcie", "NRR"):
        assert jargon not in text
