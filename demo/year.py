"""A believable past year for the demo's transparency page: complaints and survey answers
spread over the last twelve months, made through the real services, once.

Without it /transparansi/ shows dashes for the satisfaction index and a monthly table of
zeros. Every item has a fixed idempotency key (`demo-tahun-...`, `demo-skm-...`), so a second
run creates nothing; the numbers are drawn from a seeded generator, so every load is alike.
About 50 complaints and 150 answers: a second or two of `load_demo`.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from cms.complaints import services as complaint_services
from cms.complaints.models import Complaint, ComplaintCategory, ComplaintEvent
from cms.surveys import services as survey_services
from cms.surveys.models import SurveyResponse
from cms.surveys.selectors import survey_services as surveyed_pages

Status = Complaint.Status

# category, what the resident wrote (a place is added), kind
COMPLAINTS = [
    (
        "jalan-jembatan",
        "Jalan desa rusak dan berlubang, menyulitkan anak berangkat sekolah.",
        "pengaduan",
    ),
    ("penerangan-jalan", "Lampu jalan di gang ini mati sudah dua minggu.", "pengaduan"),
    ("sampah-kebersihan", "Sampah menumpuk di pinggir jalan dan belum diangkut.", "pengaduan"),
    (
        "layanan-kantor",
        "Loket pelayanan surat sudah tutup sebelum jam yang tertulis di papan pengumuman.",
        "pengaduan",
    ),
    ("air-drainase", "Saluran air tersumbat, halaman warga tergenang saat hujan.", "pengaduan"),
    ("lainnya", "Usul taman bermain anak di lahan kosong dekat balai desa.", "aspirasi"),
]
PLACES = [
    "Desa Sukamaju RT 01/RW 03",
    "Desa Cibodas RT 04/RW 01",
    "Kelurahan Mekarsari RW 05",
    "Desa Margahayu RT 02/RW 02",
    "Desa Sukasari RT 03/RW 04",
]
SUGGESTIONS = [
    "",
    "",
    "",
    "Antrean lebih cepat di pagi hari.",
    "Petugas ramah, terima kasih.",
    "Papan persyaratan di loket kurang jelas.",
    "",
]


def _months(today: datetime.date) -> list[datetime.date]:
    """The first days of the twelve months before this one, oldest first."""
    first = today.replace(day=1)
    months = []
    for _ in range(12):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
        months.append(first)
    return months[::-1]


def _moment(month: datetime.date, rng: random.Random) -> datetime.datetime:
    day = month + datetime.timedelta(days=rng.randrange(27))
    at = datetime.datetime.combine(day, datetime.time(8 + rng.randrange(8), rng.randrange(60)))
    return timezone.make_aware(at)


@transaction.atomic
def ensure_demo_year(officer, now=None) -> tuple[int, int]:
    """Create the year's complaints and survey answers that are missing; return how many."""
    now = now or timezone.now()
    rng = random.Random(2026)
    # Kecamatan Sukamaju's (the default site's) topics: the year behind its /transparansi/.
    categories = {
        category.slug: category
        for category in ComplaintCategory.objects.filter(site__is_default_site=True)
    }
    pages = list(surveyed_pages())
    complaints = answers = 0
    with complaint_services.notifications_muted():
        for index, month in enumerate(_months(timezone.localdate(now))):
            for number in range(3 + index % 3):
                slug, text, kind = COMPLAINTS[(index + number) % len(COMPLAINTS)]
                if slug in categories:
                    complaints += _complaint(
                        f"demo-tahun-{month:%Y-%m}-{number}",
                        categories[slug],
                        text,
                        kind,
                        PLACES[(index * 3 + number) % len(PLACES)],
                        _moment(month, rng),
                        officer,
                        rng,
                    )
            for number in range(9 + (index * 5) % 7 if pages else 0):
                answers += _answer(
                    f"demo-skm-{month:%Y-%m}-{number}",
                    pages[number % len(pages)],
                    _moment(month, rng),
                    rng,
                )
    return complaints, answers


def _complaint(key, category, text, kind, place, received, officer, rng) -> int:
    if Complaint.objects.filter(idempotency_key=key).exists():
        return 0
    complaint, _ = complaint_services.complaint_submit(
        site=category.site,
        data={"kind": kind, "description": text, "location_text": place, "privacy": "anonymous"},
        category=category,
        idempotency_key=key,
    )
    Complaint.objects.filter(pk=complaint.pk).update(created_at=received)
    complaint.events.update(created_at=received)
    # Most are finished within a week or two; a few were not ours to handle.
    steps = [Status.VERIFIED, Status.DONE] if rng.random() > 0.1 else [Status.NOT_COMPETENT]
    at = received
    for status in steps:
        complaint.refresh_from_db()
        extra = {"referral": "SP4N-LAPOR! di lapor.go.id"} if status == Status.NOT_COMPETENT else {}
        note = "Sudah kami tangani. Terima kasih atas laporannya." if status == Status.DONE else ""
        complaint_services.complaint_change_status(
            complaint=complaint, to=status, officer=officer, note=note, **extra
        )
        at = at + datetime.timedelta(days=1 + rng.randrange(9), hours=rng.randrange(6))
        ComplaintEvent.objects.filter(complaint=complaint, new_status=status).update(created_at=at)
        if status == Status.VERIFIED:
            Complaint.objects.filter(pk=complaint.pk).update(verified_at=at)
        if status in Complaint.CLOSED:
            Complaint.objects.filter(pk=complaint.pk).update(closed_at=at, updated_at=at)
    return 1


def _answer(key, page, submitted, rng) -> int:
    if SurveyResponse.objects.filter(idempotency_key=key).exists():
        return 0
    # Mostly "good" (3) with some "very good" (4) and a few "not so good" (2): an index of
    # about 80, grade B, as many kecamatan report.
    scores = [rng.choices([2, 3, 4], weights=[1, 6, 3])[0] for _ in range(9)]
    profile = {
        "age_band": rng.choice(SurveyResponse.AgeBand.values),
        "sex": rng.choice(SurveyResponse.Sex.values),
        "education": rng.choice(SurveyResponse.Education.values),
        "occupation": rng.choice(SurveyResponse.Occupation.values),
    }
    response, created = survey_services.survey_submit(
        service=page,
        answers=scores,
        profile=profile,
        suggestion=rng.choice(SUGGESTIONS),
        idempotency_key=key,
    )
    if created:
        SurveyResponse.objects.filter(pk=response.pk).update(submitted_at=submitted)
    return int(created)
