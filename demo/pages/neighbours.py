"""Two more demo kecamatan of the same regency, each its own site under `.localhost`.

Browsers and curl send names under `.localhost` to the loopback (RFC 6761), so the one dev
server answers http://cibodas.localhost:8000/ and http://mekarsari.localhost:8000/ beside
http://127.0.0.1:8000/; the host picks the site. Each gets the tree every new kecamatan gets
(pages.kecamatan_sites, as `manage.py add_kecamatan` makes it) and a little content of its
own, so a visitor sees that nothing of one kecamatan shows on another.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail.models import Site

from pages.kecamatan_sites import create_kecamatan_site, create_regency_site
from pages.models import AnnouncementIndexPage, AnnouncementPage, EventIndexPage, EventPage

from . import content
from .loader import demo_address


@dataclass(frozen=True)
class Neighbour:
    name: str
    host: str
    announcements: tuple  # (title, summary, urgency)
    event: tuple  # (title, summary, days ahead, location)


NEIGHBOURS = [
    Neighbour(
        "Kecamatan Cibodas",
        "cibodas.localhost",
        (
            (
                "Waspada banjir: Sungai Cibodas siaga 2",
                "Tinggi muka air naik sejak pagi. Warga bantaran sungai di Desa Cibodas Hilir "
                "bersiap mengungsi ke balai desa bila diminta petugas.",
                AnnouncementPage.Urgency.EMERGENCY,
            ),
            (
                "Pelayanan KTP-el keliling di Desa Cikaret",
                "Perekaman KTP-el untuk warga yang baru berusia 17 tahun, Sabtu pukul 08.00 "
                "sampai 12.00 di balai desa. Bawa fotokopi Kartu Keluarga.",
                AnnouncementPage.Urgency.NORMAL,
            ),
        ),
        (
            "Posyandu lansia Desa Cibodas Hilir",
            "Pemeriksaan tekanan darah dan gula darah gratis untuk warga lanjut usia.",
            5,
            "Balai Desa Cibodas Hilir",
        ),
    ),
    Neighbour(
        "Kecamatan Mekarsari",
        "mekarsari.localhost",
        (
            (
                "Pendaftaran bantuan bibit padi dibuka",
                "Kelompok tani mendaftar di kantor kecamatan sampai akhir bulan, dengan daftar "
                "anggota dan luas sawah yang ditandatangani kepala desa.",
                AnnouncementPage.Urgency.IMPORTANT,
            ),
        ),
        (
            "Musyawarah perencanaan pembangunan kecamatan",
            "Usulan desa untuk tahun depan dibahas bersama; warga boleh hadir dan bicara.",
            12,
            "Aula Kantor Kecamatan Mekarsari",
        ),
    ),
]


# The regency's own site: the urgent news of all three kecamatan and their directory.
REGENCY_HOST = "kabupaten.localhost"


def neighbour_urls() -> list[tuple[str, str]]:
    """Return (name, address) of the demo's other kecamatan and of the regency, that exist."""
    _host, port = demo_address()
    found = {site.hostname: site for site in Site.objects.filter(port=port)}
    hosts = [(neighbour.name, neighbour.host) for neighbour in NEIGHBOURS]
    hosts.append((content.REGENCY, REGENCY_HOST))
    return [(name, found[host].root_url + "/") for name, host in hosts if host in found]


def ensure_regency() -> bool:
    """Create the demo regency's site unless it exists; return whether it was made."""
    _host, port = demo_address()
    if Site.objects.filter(hostname=REGENCY_HOST, port=port).exists():
        return False
    create_regency_site(content.REGENCY, REGENCY_HOST, port=port, province=content.PROVINCE)
    return True


def ensure_neighbours() -> int:
    """Create the demo's other kecamatan that do not exist yet; return how many were made."""
    _host, port = demo_address()
    made = 0
    for neighbour in NEIGHBOURS:
        if Site.objects.filter(hostname=neighbour.host, port=port).exists():
            continue
        site = create_kecamatan_site(
            neighbour.name,
            neighbour.host,
            port=port,
            regency=content.REGENCY,
            province=content.PROVINCE,
        )
        home = site.root_page
        announcements = AnnouncementIndexPage.objects.child_of(home).get()
        today = timezone.localdate()
        for title, summary, urgency in neighbour.announcements:
            page = AnnouncementPage(
                title=title,
                summary=summary,
                urgency=urgency,
                display_date=today,
                valid_until=timezone.now() + datetime.timedelta(days=7)
                if urgency == AnnouncementPage.Urgency.EMERGENCY
                else None,
                body=[("paragraph", f"<p>{summary}</p>")],
                locale=home.locale,
            )
            announcements.add_child(instance=page)
            page.save_revision().publish()
        title, summary, days, location = neighbour.event
        start = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
        event = EventPage(
            title=title,
            summary=summary,
            start=start + datetime.timedelta(days=days),
            place=location,
            body=[("paragraph", f"<p>{summary}</p>")],
            locale=home.locale,
        )
        EventIndexPage.objects.child_of(home).get().add_child(instance=event)
        event.save_revision().publish()
        made += 1
    return made
