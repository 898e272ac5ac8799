"""Demo complaints for Kecamatan Sukamaju, and a few for its neighbours Cibodas and Mekarsari
(each sent to its own site), made through the real services, once.

Each has a fixed idempotency key (`demo-...`), so a second run finds them and creates nothing.
Dates are set relative to the day of loading: one complaint is already overdue.
"""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from cms.complaints import services, sla
from cms.complaints.desa import desa_key, desa_named_in
from cms.complaints.models import Complaint, ComplaintCategory, ComplaintEvent, DataRequest, Desa

OFFICER_USERNAME = "petugas"
OFFICER_PASSWORD = "petugas-demo-2026"
Status = Complaint.Status

# key, days ago, category, kind, privacy, description, location, name, phone, email, steps
DEMO = [
    (
        "demo-jalan-berlubang",
        12,
        "jalan-jembatan",
        "pengaduan",
        "public",
        "Jalan poros Desa Sukamaju di depan SDN 2 berlubang besar dan tergenang saat hujan. "
        "Sudah dua pengendara motor jatuh minggu ini.",
        "Desa Sukamaju RT 03/RW 02, depan SDN 2",
        "Ahmad Fauzi",
        "0812 1111 2222",
        "",
        [
            (Status.VERIFIED, "Laporan sudah kami cek di lokasi."),
            (Status.ASSIGNED, "Diteruskan ke Seksi Pembangunan."),
            (Status.IN_PROGRESS, "Penambalan dijadwalkan minggu ini bersama UPT Jalan."),
        ],
    ),
    (
        "demo-lampu-jalan",
        20,
        "penerangan-jalan",
        "pengaduan",
        "anonymous",
        "Tiga lampu penerangan jalan di Jalan Melati mati sejak sebulan. Malam hari sangat "
        "gelap dan rawan.",
        "Kelurahan Mekarsari, Jalan Melati",
        "Dewi Lestari",
        "",
        "dewi.lestari@contoh.id",
        [
            (Status.VERIFIED, ""),
            (Status.DONE, "Lampu sudah diganti oleh petugas PJU pada hari Senin."),
        ],
    ),
    (
        "demo-sampah-pasar",
        3,
        "sampah-kebersihan",
        "aspirasi",
        "public",
        "Usul agar jadwal pengangkutan sampah di Pasar Sukamaju ditambah menjadi dua kali "
        "sehari, karena sore hari sampah menumpuk.",
        "Pasar Sukamaju",
        "Rina Wulandari",
        "",
        "",
        [(Status.VERIFIED, "Terima kasih, usulan kami teruskan ke UPT Persampahan.")],
    ),
    (
        "demo-ktp-belum-jadi",
        9,
        "adminduk",
        "permohonan",
        "confidential",
        "Saya sudah merekam KTP-el dua bulan lalu tetapi belum jadi. Mohon informasi kapan "
        "bisa diambil.",
        "Desa Cibodas",
        "Budi Santoso",
        "0813 3333 4444",
        "",
        [(Status.VERIFIED, "")],
    ),
    (
        "demo-bansos",
        6,
        "bantuan-sosial",
        "informasi",
        "anonymous",
        "Bagaimana cara mendaftar bantuan sosial untuk lansia yang tinggal sendiri?",
        "Desa Sukamaju",
        "",
        "0857 5555 6666",
        "",
        [
            (
                Status.NOT_COMPETENT,
                "Pendaftaran bantuan sosial lansia dilakukan melalui Dinas Sosial kabupaten.",
            )
        ],
    ),
    (
        "demo-drainase",
        8,
        "air-drainase",
        "pengaduan",
        "public",
        "Saluran air di gang belakang masjid tersumbat sampah, air meluap ke rumah warga "
        "saat hujan deras.",
        "Desa Cibodas RT 01/RW 04, belakang Masjid Al-Ikhlas",
        "",
        "",
        "",
        [],
    ),
    (
        "demo-pelayanan-kantor",
        1,
        "layanan-kantor",
        "pengaduan",
        "anonymous",
        "Antrean di loket PATEN pagi ini sangat panjang dan nomor antrean habis pukul 09.00.",
        "Kantor Kecamatan Sukamaju",
        "",
        "",
        "",
        [],
    ),
]


# The demo's civil-registration topic asks for the NIK (ComplaintCategory.requires_nik).
NIK_CATEGORY = "adminduk"
# Made up: a plausible shape (32 Jawa Barat, 01 Kab. Bogor, born 15-07-1990, serial 0001) in a
# district code, 99, that Kab. Bogor does not have (it has 40 kecamatan), so no one's real NIK.
DEMO_NIK = {"demo-ktp-belum-jadi": "3201991507900001"}
# One open request from a resident to correct their data, to show the admin's handling.
DEMO_DATA_REQUEST = (
    "demo-ktp-belum-jadi",
    DataRequest.Kind.CORRECTION,
    "Nomor HP saya sudah ganti, mohon diperbarui menjadi 0813 7777 8888.",
)


def demo_officer():
    """Return the demo complaint officer (created once; an existing account is left alone)."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=OFFICER_USERNAME).first()
    if user is None:
        user = user_model.objects.create_user(
            OFFICER_USERNAME,
            "petugas.pengaduan@sumbermakmurkab.go.id",
            OFFICER_PASSWORD,
            first_name="Petugas",
            last_name="Pengaduan",
        )
        user.groups.add(Group.objects.get(name="Petugas Pengaduan"))
    return user


@transaction.atomic
def ensure_demo_complaints(now=None) -> int:
    """Create the demo complaints that are missing; return how many were created."""
    with services.notifications_muted():
        return _create(now or timezone.now())


# The villages of the demo Kecamatan Sukamaju (name, kind, slug), as its staff would list them.
DEMO_DESA = [
    ("Sukamaju", "desa", "sukamaju"),
    ("Sukamaju Kidul", "desa", "sukamaju-kidul"),
    ("Mekarsari", "kelurahan", "mekarsari"),
    ("Cibodas", "desa", "cibodas"),
    ("Margahayu", "desa", "margahayu"),
    ("Sukasari", "desa", "sukasari"),
]


def ensure_demo_desa() -> dict[str, int]:
    """Create the demo villages that are missing; return {desa_key(name): id} of the list."""
    for order, (name, kind, slug) in enumerate(DEMO_DESA):
        Desa.objects.get_or_create(
            slug=slug, defaults={"name": name, "kind": kind, "sort_order": order}
        )
    return {desa_key(name): pk for pk, name in Desa.objects.values_list("pk", "name")}


def _link_service_pages(site):
    """Point the civil-registration topic at the demo's KTP service page, if both exist."""
    from wagtail.models import Page

    page = Page.objects.filter(slug="fasilitasi-perekaman-ktp-el", locale__language_code="id")
    ComplaintCategory.objects.filter(site=site, slug="adminduk", service_page=None).update(
        service_page=page.first()
    )


def _backdate(complaint, category, received) -> None:
    """Date a demo complaint (and its first events) as received at `received`, its SLA dates
    counted from that day, as if it had come in then."""
    day = timezone.localdate(received)
    Complaint.objects.filter(pk=complaint.pk).update(
        created_at=received,
        verify_due=sla.add_working_days(day, category.verify_days),
        respond_due=sla.add_working_days(day, category.verify_days + category.respond_days),
    )
    complaint.events.update(created_at=received)


def _create(now) -> int:
    site = Site.objects.get(is_default_site=True)  # Kecamatan Sukamaju
    _link_service_pages(site)
    # Every kecamatan's copy of the topic: civil registration needs the NIK everywhere.
    ComplaintCategory.objects.filter(slug=NIK_CATEGORY).update(requires_nik=True)
    officer = demo_officer()
    listed = ensure_demo_desa()
    created = 0
    for key, days_ago, slug, kind, privacy, text, place, name, phone, email, steps in DEMO:
        if Complaint.objects.filter(idempotency_key=key).exists():
            continue
        category = ComplaintCategory.objects.get(site=site, slug=slug)
        complaint, _ = services.complaint_submit(
            site=site,
            data={
                "kind": kind,
                "description": text,
                # As the resident would have chosen it in the form's list.
                "desa": Desa.objects.filter(pk=desa_named_in(place, listed)).first(),
                "location_text": place,
                "privacy": privacy,
                "reporter_name": name,
                "reporter_phone": phone,
                "reporter_email": email,
                "reporter_nik": DEMO_NIK.get(key, ""),
            },
            category=category,
            idempotency_key=key,
        )
        received = now - datetime.timedelta(days=days_ago, hours=3)
        _backdate(complaint, category, received)
        for step, (status, note) in enumerate(steps, start=1):
            complaint.refresh_from_db()
            extra = {}
            if status == Status.ASSIGNED:
                extra["assigned_to"] = officer
            if status == Status.NOT_COMPETENT:
                extra["referral"] = (
                    "Dinas Sosial Kabupaten Sumber Makmur, atau SP4N-LAPOR! di lapor.go.id"
                )
            services.complaint_change_status(
                complaint=complaint, to=status, officer=officer, note=note, **extra
            )
            at = received + datetime.timedelta(days=min(step, days_ago), hours=2)
            ComplaintEvent.objects.filter(complaint=complaint, new_status=status).update(
                created_at=at
            )
            if status == Status.VERIFIED:
                Complaint.objects.filter(pk=complaint.pk).update(verified_at=at)
            if status in Complaint.CLOSED:
                Complaint.objects.filter(pk=complaint.pk).update(closed_at=at)
        created += 1
    _create_data_request(now)
    return created + _create_neighbours(now, officer)


# The neighbours' own complaints (host, key, days ago, category, privacy, description, steps):
# each is sent to its kecamatan's site, as a resident on that host would.
NEIGHBOUR_DEMO = [
    (
        "cibodas.localhost",
        "demo-cibodas-tanggul",
        6,
        "air-drainase",
        "public",
        "Tanggul kecil di bantaran Sungai Cibodas dekat jembatan gantung retak dan rembes "
        "saat air naik. Warga khawatir jebol bila hujan deras lagi.",
        [
            (Status.VERIFIED, "Petugas sudah meninjau tanggul bersama kepala desa."),
            (Status.IN_PROGRESS, "Karung pasir dipasang sementara; perbaikan diusulkan ke BPBD."),
        ],
    ),
    (
        "cibodas.localhost",
        "demo-cibodas-ktp-keliling",
        3,
        "layanan-kantor",
        "anonymous",
        "Jadwal pelayanan KTP-el keliling di Desa Cikaret belum diumumkan di papan desa, "
        "banyak warga tidak tahu harus datang jam berapa.",
        [(Status.VERIFIED, "")],
    ),
    (
        "mekarsari.localhost",
        "demo-mekarsari-irigasi",
        9,
        "air-drainase",
        "anonymous",
        "Saluran irigasi tersier di blok sawah Mekarsari Wetan tertutup sampah dan lumpur, "
        "air tidak sampai ke sawah di ujung saluran.",
        [
            (Status.VERIFIED, ""),
            (Status.DONE, "Saluran sudah dibersihkan bersama kelompok tani hari Sabtu."),
        ],
    ),
    (
        "mekarsari.localhost",
        "demo-mekarsari-bibit",
        1,
        "bantuan-sosial",
        "confidential",
        "Nama kelompok tani kami tidak ada di daftar penerima bantuan bibit padi padahal "
        "sudah mendaftar sebelum batas waktu.",
        [],
    ),
]


def _create_neighbours(now, officer) -> int:
    """Create the neighbours' complaints that are missing (for the sites that exist)."""
    created = 0
    for host, key, days_ago, slug, privacy, text, steps in NEIGHBOUR_DEMO:
        site = Site.objects.filter(hostname=host).first()
        if site is None or Complaint.objects.filter(idempotency_key=key).exists():
            continue
        category = ComplaintCategory.objects.filter(site=site, slug=slug).first()
        if category is None:
            continue
        complaint, _ = services.complaint_submit(
            site=site,
            data={"kind": "pengaduan", "description": text, "privacy": privacy},
            category=category,
            idempotency_key=key,
        )
        received = now - datetime.timedelta(days=days_ago, hours=2)
        _backdate(complaint, category, received)
        for step, (status, note) in enumerate(steps, start=1):
            complaint.refresh_from_db()
            services.complaint_change_status(
                complaint=complaint, to=status, officer=officer, note=note
            )
            at = received + datetime.timedelta(days=min(step, days_ago), hours=1)
            ComplaintEvent.objects.filter(complaint=complaint, new_status=status).update(
                created_at=at
            )
            if status == Status.VERIFIED:
                Complaint.objects.filter(pk=complaint.pk).update(verified_at=at)
            if status in Complaint.CLOSED:
                Complaint.objects.filter(pk=complaint.pk).update(closed_at=at)
        created += 1
    return created


def _create_data_request(now):
    key, kind, message = DEMO_DATA_REQUEST
    complaint = Complaint.objects.filter(idempotency_key=key).first()
    if complaint is None or complaint.data_requests.exists():
        return
    services.data_request_submit(
        code=complaint.tracking_code, contact=complaint.reporter_phone, kind=kind, message=message
    )
    # Received a day ago, so the list shows a deadline coming up.
    complaint.data_requests.update(created_at=now - datetime.timedelta(days=1))
