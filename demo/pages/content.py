"""What the demo kecamatan says: settings, categories, images, documents and pages.

Everything a resident reads is Indonesian; pages with an `en` part also get an English
translation. Dates are relative to the day the demo is loaded. Long because it is data (the
words of some sixty pages), not logic: the code that loads it is loader.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import infographics as ig
from .images import Infographic
from .services_en import SERVICES_EN
from .text import (
    Dates,
    DocRef,
    ImageRef,
    PageRef,
    callout,
    cta,
    date_en,
    document,
    heading,
    image,
    items,
    ol,
    p,
    paragraph,
    quick_link,
    steps,
    tgl,
    ul,
    video,
)

THEME = "#0b5d3b"
NAME = "Kecamatan Sukamaju"
REGENCY = "Kabupaten Sumber Makmur"
PROVINCE = "Jawa Barat"
ADDRESS = (
    "Jl. Raya Sukamaju No. 12, Desa Sukamaju, Kecamatan Sukamaju, "
    "Kabupaten Sumber Makmur, Jawa Barat 43172"
)
PHONE = "(0263) 555 0123"
WHATSAPP = "6281234567890"
WHATSAPP_TEXT = "0812-3456-7890"
EMAIL = "kec.sukamaju@sumbermakmurkab.go.id"
OFFICE_HOURS = (
    "Senin–Kamis: 08.00–15.30 WIB\n"
    "Jumat: 08.00–11.30 dan 13.00–16.00 WIB\n"
    "Sabtu: 08.00–12.00 WIB (khusus loket PATEN)\n"
    "Minggu dan hari libur nasional: tutup"
)
OFFICE_HOURS_EN = (
    "Monday to Thursday: 08:00–15:30 WIB\n"
    "Friday: 08:00–11:30 and 13:00–16:00 WIB\n"
    "Saturday: 08:00–12:00 WIB (PATEN desks only)\n"
    "Sundays and national holidays: closed"
)
EMERGENCY_PHONE = "(0263) 555 0112"

SETTINGS = {
    "name": NAME,
    "regency": REGENCY,
    "province": PROVINCE,
    "address": ADDRESS,
    "phone": PHONE,
    "whatsapp": WHATSAPP,
    "email": EMAIL,
    "office_hours": OFFICE_HOURS,
    "office_hours_en": OFFICE_HOURS_EN,
    "facebook_url": "https://www.facebook.com/kecamatan.sukamaju.demo",
    "instagram_url": "https://www.instagram.com/kecamatan.sukamaju.demo",
    "youtube_url": "https://www.youtube.com/@kecamatan.sukamaju.demo",
    "x_url": "https://x.com/kec_sukamaju_demo",
    "theme_color": THEME,
}

# slug: (name, name_en, colour, pictogram)
CATEGORIES = {
    "kependudukan": ("Kependudukan", "Civil registration", "#0b5d3b", "document"),
    "kesehatan": ("Kesehatan", "Health", "#1565c0", "health"),
    "pendidikan": ("Pendidikan", "Education", "#5e35b1", "book"),
    "sosial": ("Sosial", "Social welfare", "#00838f", "people"),
    "infrastruktur": ("Infrastruktur", "Infrastructure", "#455a64", "road"),
    "lingkungan": ("Lingkungan", "Environment", "#2e7d32", "leaf"),
    "perizinan-usaha": ("Perizinan dan Usaha", "Permits and business", "#b45309", "shop"),
    "pemerintahan": ("Pemerintahan", "Government", "#6a1b9a", "building"),
    "kebencanaan": ("Kebencanaan", "Disasters", "#b71c1c", "wave"),
}

COMPLAINTS = ul(
    "Menu <b>Pengaduan</b> di aplikasi ini; identitas Anda dapat dirahasiakan.",
    "Kotak saran di ruang tunggu PATEN.",
    f"WhatsApp pengaduan {WHATSAPP_TEXT} pada jam kerja.",
    'SP4N-LAPOR! di <a href="https://www.lapor.go.id">www.lapor.go.id</a> atau SMS 1708.',
    "Langsung kepada Kepala Seksi Pelayanan Umum di ruang pelayanan lantai 1.",
)
COMPLAINTS_EN = ul(
    "The <b>Complaints</b> menu of this app; your identity can be kept confidential.",
    "The suggestion box in the PATEN waiting room.",
    f"WhatsApp {WHATSAPP_TEXT} during office hours.",
    'SP4N-LAPOR! at <a href="https://www.lapor.go.id">www.lapor.go.id</a> or SMS 1708.',
    "In person to the Head of Public Services, service hall, ground floor.",
)
FREE_ADMINDUK = "Gratis (UU 24/2013 Pasal 79A)"
CONTACT = f"WhatsApp {WHATSAPP_TEXT} (jam kerja)"
CONTACT_EN = f"WhatsApp {WHATSAPP_TEXT} (office hours)"


@dataclass
class ImageSpec:
    key: str
    title: str
    description: str  # the alt text
    kind: str  # "card", "logo" or "infographic"
    card: tuple[str, str, str, str] | None = None  # title, kicker, colour, pictogram
    infographic: Infographic | None = None
    description_en: str = ""  # the alt text on English pages that show it as listing image


@dataclass
class DocumentSpec:
    key: str
    title: str
    filename: str
    heading: str
    lines: list[str]


@dataclass
class PageSpec:
    """One demo page. `fields` are Indonesian; `en`, when given, makes an English translation.

    `after` (and `en_after`) are set once every page exists, for links to later pages.
    """

    key: str
    model: str
    parent: str | None
    slug: str
    fields: dict
    en: dict | None = None
    after: dict = field(default_factory=dict)
    en_after: dict = field(default_factory=dict)


# Images --------------------------------------------------------------------------------------


def image_specs(d: Dates) -> list[ImageSpec]:
    specs = [
        ImageSpec(
            "logo",
            "Logo Kecamatan Sukamaju",
            "Logo Kecamatan Sukamaju: perisai putih bergambar padi kuning di atas lingkaran hijau",
            "logo",
        ),
        ImageSpec(
            "hero",
            "Beranda: Layanan Kecamatan Sukamaju",
            "Kartu hijau bertuliskan Layanan Kecamatan Sukamaju dengan gambar gedung kantor",
            "card",
            description_en="A green card reading Layanan Kecamatan Sukamaju "
            "with an office building",
            card=("Layanan Kecamatan Sukamaju", "Selamat datang", THEME, "building"),
        ),
        ImageSpec(
            "kantor",
            "Kantor Kecamatan Sukamaju",
            "Kartu hijau bertuliskan Kantor Kecamatan Sukamaju, Jl. Raya Sukamaju No. 12",
            "card",
            description_en="A green card reading Kantor Kecamatan Sukamaju, "
            "Jl. Raya Sukamaju No. 12",
            card=(
                "Kantor Kecamatan Sukamaju, Jl. Raya Sukamaju No. 12",
                "Tentang",
                THEME,
                "building",
            ),
        ),
        ImageSpec(
            "aplikasi",
            "Video: cara memakai aplikasi Layanan Kecamatan",
            "Kartu ungu bertuliskan Cara memakai aplikasi Layanan Kecamatan dengan gambar ponsel",
            "card",
            description_en="A purple card reading Cara memakai aplikasi Layanan Kecamatan "
            "with a phone",
            card=("Cara memakai aplikasi Layanan Kecamatan", "Video panduan", "#6a1b9a", "phone"),
        ),
        ImageSpec(
            "kegiatan",
            "Kegiatan Kecamatan Sukamaju",
            "Kartu biru bertuliskan Sosialisasi dan pelatihan dengan gambar kalender",
            "card",
            description_en="A blue card reading Sosialisasi dan pelatihan with a calendar",
            card=("Sosialisasi dan pelatihan untuk warga", "Kegiatan", "#1565c0", "calendar"),
        ),
        ImageSpec(
            "infografis",
            "Infografis Kecamatan Sukamaju",
            "Kartu oranye bertuliskan Data kecamatan dalam gambar dengan diagram batang",
            "card",
            description_en="An orange card reading Data kecamatan dalam gambar with a bar chart",
            card=("Data kecamatan dalam gambar", "Infografis", "#b45309", "chart"),
        ),
    ]
    for slug, (name, name_en, colour, motif) in CATEGORIES.items():
        specs.append(
            ImageSpec(
                f"cat-{slug}",
                f"Kategori {name}",
                f"Kartu bertuliskan {name}, Kecamatan Sukamaju",
                "card",
                description_en=f"A card reading {name} ({name_en}), Kecamatan Sukamaju",
                card=(f"Informasi {name.lower()} untuk warga", name, colour, motif),
            )
        )
    for key, (spec, _date) in infographic_data(d).items():
        specs.append(
            ImageSpec(
                key,
                f"Infografis: {spec.title}",
                f"Infografis {spec.title}. Isi lengkapnya ada pada teks di bawah gambar.",
                "infographic",
                infographic=spec,
            )
        )
    return specs


def infographic_data(d: Dates) -> dict:
    return {
        "ig-penduduk": ig.population(d),
        "ig-imunisasi": ig.immunisation(d),
        "ig-paten": ig.paten_flow(d),
        "ig-apbdes": ig.village_budget(d),
    }


# Documents -----------------------------------------------------------------------------------


def keliling_schedule(d: Dates) -> list[tuple[str, str]]:
    """Return (date, village) pairs of the mobile KTP-el recording, one working day each."""
    villages = [desa for desa, _people, _kk in ig.POPULATION]
    return list(zip(d.workdays(3, len(villages)), villages, strict=True))


def document_specs(d: Dates) -> list[DocumentSpec]:
    schedule = keliling_schedule(d)
    return [
        DocumentSpec(
            "maklumat",
            "Maklumat Pelayanan Kecamatan Sukamaju",
            "maklumat-pelayanan-kecamatan-sukamaju.pdf",
            "MAKLUMAT PELAYANAN KECAMATAN SUKAMAJU",
            [
                "Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar "
                "pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap "
                "menerima sanksi sesuai peraturan perundang-undangan yang berlaku.",
                "",
                "Janji layanan kami:",
                "1. Melayani dengan ramah, cepat, tepat dan tanpa biaya di luar ketentuan.",
                "2. Memberi informasi persyaratan, waktu dan biaya layanan secara terbuka.",
                "3. Menanggapi setiap pengaduan paling lambat 5 hari kerja.",
                "",
                f"Sukamaju, {tgl(d.day(-60), weekday=False)}",
                "Camat Sukamaju,",
                "",
                "Drs. H. Asep Saepudin, M.Si.",
            ],
        ),
        DocumentSpec(
            "jadwal-ktp",
            "Jadwal perekaman KTP-el keliling",
            "jadwal-perekaman-ktp-el-keliling.pdf",
            "JADWAL PEREKAMAN KTP-EL KELILING KECAMATAN SUKAMAJU",
            [
                "Pukul 08.30-14.00 WIB di balai desa masing-masing. Gratis.",
                "Bawa Kartu Keluarga (asli dan fotokopi).",
                "",
                *[f"{tgl(day)}: Desa {desa}" for day, desa in schedule],
                "",
                f"Informasi: WhatsApp {WHATSAPP_TEXT} (jam kerja).",
            ],
        ),
    ]


# Pages ---------------------------------------------------------------------------------------


def cat_image(slug: str) -> ImageRef:
    return ImageRef(f"cat-{slug}")


def page_specs(d: Dates) -> list[PageSpec]:
    return [
        *structure_pages(),
        *service_pages(),
        *guide_pages(),
        *announcement_pages(d),
        *infographic_pages(d),
        *event_pages(d),
    ]


def structure_pages() -> list[PageSpec]:
    """Return the home page, the five listings and the about page."""
    home = PageSpec(
        "home",
        "HomePage",
        None,
        "beranda",
        {
            "title": "Beranda",
            "summary": "Informasi dan layanan Kecamatan Sukamaju, Kabupaten Sumber Makmur: "
            "pengumuman, panduan mengurus dokumen, katalog layanan PATEN dan pengaduan warga.",
            "listing_image": ImageRef("hero"),
            "hero_title": "Urus keperluan Anda di Kecamatan Sukamaju dengan lebih mudah",
            "hero_text": "Cek persyaratan sebelum datang, baca pengumuman terbaru, dan sampaikan "
            "pengaduan kapan saja. Semua layanan PATEN gratis.",
        },
        en={
            "title": "Home",
            "summary": "Information and services of Sukamaju sub-district, Sumber Makmur "
            "Regency: announcements, how-to guides, the PATEN service catalogue and complaints.",
            "hero_title": "Get things done at Sukamaju sub-district, more easily",
            "hero_text": "Check the requirements before you come, read the latest announcements "
            "and send a complaint at any time. Every PATEN service is free of charge.",
        },
        after={
            "quick_links": [
                quick_link("Katalog layanan", PageRef("services")),
                quick_link("Panduan warga", PageRef("guides")),
                quick_link("Cara melapor pengaduan", PageRef("guide-pengaduan")),
                quick_link("Pengumuman", PageRef("announcements")),
            ],
            "featured_pages": [
                {"page": PageRef("guide-ktp")},
                {"page": PageRef("guide-pengaduan")},
                {"page": PageRef("ig-penduduk")},
            ],
        },
        en_after={
            "quick_links": [
                quick_link("Service catalogue", PageRef("services")),
                quick_link("Guides", PageRef("guides")),
                quick_link("How to file a complaint", PageRef("guide-pengaduan")),
                quick_link("Announcements", PageRef("announcements")),
            ],
            "featured_pages": [
                {"page": PageRef("guide-ktp")},
                {"page": PageRef("guide-pengaduan")},
                {"page": PageRef("ig-penduduk")},
            ],
        },
    )
    indexes = [
        PageSpec(
            "announcements",
            "AnnouncementIndexPage",
            "home",
            "pengumuman",
            {
                "show_in_menus": True,
                "title": "Pengumuman",
                "summary": "Pengumuman resmi Kecamatan Sukamaju: jadwal layanan, peringatan dini, "
                "bantuan sosial dan kegiatan desa.",
                "intro": "Pengumuman yang masih berlaku, terbaru di atas. Pengumuman darurat juga "
                "tampil sebagai pita merah di setiap halaman sampai masa berlakunya habis.",
                "listing_image": cat_image("pemerintahan"),
            },
            en={
                "title": "Announcements",
                "summary": "Official announcements of Sukamaju sub-district: service schedules, "
                "early warnings, social assistance and village activities.",
                "intro": "Announcements that are still valid, newest first. Emergency "
                "announcements also show as a red banner on every page until they expire.",
            },
        ),
        PageSpec(
            "infographics",
            "InfographicIndexPage",
            "home",
            "infografis",
            {
                "show_in_menus": True,
                "title": "Infografis",
                "summary": "Data Kecamatan Sukamaju dalam gambar: penduduk, kesehatan, anggaran "
                "desa dan alur layanan, lengkap dengan teksnya.",
                "intro": "Setiap infografis disertai teks lengkap, sehingga tetap dapat dibaca "
                "dengan pembaca layar atau saat sinyal lemah.",
                "listing_image": ImageRef("infografis"),
            },
            en={
                "title": "Infographics",
                "summary": "Sukamaju sub-district in pictures: population, health, village "
                "budgets and how services work, each with its full text.",
                "intro": "Every infographic comes with its full text, so it can be read with a "
                "screen reader or on a weak connection.",
            },
        ),
        PageSpec(
            "guides",
            "GuideIndexPage",
            "home",
            "panduan",
            {
                "show_in_menus": True,
                "title": "Panduan",
                "summary": "Langkah demi langkah mengurus KTP-el, akta kelahiran, surat "
                "domisili, izin usaha mikro dan pengaduan.",
                "intro": "Baca persyaratan dan langkahnya sebelum berangkat, supaya cukup datang "
                "sekali ke kantor desa atau kecamatan.",
                "listing_image": cat_image("kependudukan"),
            },
            en={
                "title": "Guides",
                "summary": "Step-by-step guides to identity cards, birth certificates, domicile "
                "letters, micro business permits and complaints.",
                "intro": "Read the requirements and steps before you go, so that one visit to "
                "the village or sub-district office is enough.",
            },
        ),
        PageSpec(
            "services",
            "ServiceIndexPage",
            "home",
            "layanan",
            {
                "show_in_menus": True,
                "title": "Katalog layanan",
                "summary": "Standar pelayanan PATEN Kecamatan Sukamaju: persyaratan, prosedur, "
                "waktu, biaya dan produk setiap layanan.",
                "intro": "Layanan Pelayanan Administrasi Terpadu Kecamatan (PATEN) dilayani di "
                "satu ruang pelayanan, dari permohonan sampai dokumen terbit. Semua layanan "
                "tidak dipungut biaya.",
                "listing_image": cat_image("perizinan-usaha"),
            },
            en={
                "title": "Service catalogue",
                "summary": "PATEN service standards of Sukamaju sub-district: requirements, "
                "procedure, time, cost and product of each service.",
                "intro": "Integrated sub-district administrative services (PATEN) are handled "
                "in one service hall, from application to finished document. All services are "
                "free of charge.",
            },
        ),
        PageSpec(
            "events",
            "EventIndexPage",
            "home",
            "kegiatan",
            {
                "show_in_menus": True,
                "title": "Kegiatan",
                "summary": "Sosialisasi, pelatihan dan pertemuan warga yang diadakan Kecamatan "
                "Sukamaju bersama desa dan puskesmas.",
                "intro": "Kegiatan yang akan datang, paling dekat di atas. Kegiatan yang sudah "
                "lewat tetap dapat dibaca beserta ringkasan hasilnya.",
                "listing_image": ImageRef("kegiatan"),
            },
            en={
                "title": "Events",
                "summary": "Information sessions, training and community meetings held by "
                "Sukamaju sub-district with the villages and the health centre.",
                "intro": "Upcoming events, soonest first. Past events stay available with a "
                "short report.",
            },
        ),
    ]
    about = PageSpec(
        "about",
        "StandardPage",
        "home",
        "tentang",
        {
            "show_in_menus": True,
            "title": "Tentang Kecamatan Sukamaju",
            "summary": "Kecamatan Sukamaju terdiri atas 8 desa dengan sekitar 52 ribu penduduk. "
            "Kenali wilayah, visi, misi dan cara menghubungi kantor kecamatan.",
            "listing_image": ImageRef("kantor"),
            "body": [
                paragraph(
                    p(
                        "Kecamatan Sukamaju adalah salah satu kecamatan di Kabupaten Sumber "
                        "Makmur, Provinsi Jawa Barat. Wilayahnya seluas 48,6 km persegi, "
                        "sebagian besar berupa sawah, kebun dan permukiman di sepanjang "
                        "Sungai Cisaruni.",
                        "Sebagian besar warga bekerja sebagai petani, pedagang dan pelaku usaha "
                        "mikro.",
                    )
                ),
                image(
                    ImageRef("kantor"),
                    "Kantor Kecamatan Sukamaju, Jl. Raya Sukamaju No. 12.",
                    alt_text="Gambar bertuliskan Kantor Kecamatan Sukamaju dengan ikon gedung",
                ),
                heading("Wilayah"),
                paragraph(
                    p("Kecamatan Sukamaju terdiri atas delapan desa:")
                    + ul(*(f"Desa {desa}" for desa, _people, _kk in ig.POPULATION))
                ),
                heading("Visi"),
                paragraph(
                    p(
                        "Terwujudnya pelayanan kecamatan yang cepat, terbuka dan ramah untuk "
                        "seluruh warga Sukamaju."
                    )
                ),
                heading("Misi"),
                paragraph(
                    ol(
                        "Memberikan pelayanan administrasi terpadu (PATEN) yang mudah, pasti dan "
                        "tanpa biaya.",
                        "Membina dan mengoordinasikan pemerintahan desa.",
                        "Menanggapi pengaduan warga dengan cepat dan terbuka.",
                        "Mendorong pemberdayaan masyarakat dan usaha mikro.",
                    )
                ),
                heading("Kontak"),
                callout(
                    p(f"{ADDRESS}.")
                    + p(f"Telepon {PHONE}, WhatsApp {WHATSAPP_TEXT}, email {EMAIL}.")
                    + p(
                        "Senin–Kamis 08.00–15.30 WIB, Jumat 08.00–11.30 dan 13.00–16.00 WIB, "
                        "Sabtu 08.00–12.00 WIB khusus loket PATEN."
                    ),
                    title="Kantor Kecamatan Sukamaju",
                ),
                cta("Lihat katalog layanan", PageRef("services")),
            ],
        },
        en={
            "title": "About Sukamaju sub-district",
            "summary": "Sukamaju sub-district has 8 villages and about 52 thousand residents. "
            "Learn about the area, its vision and mission, and how to reach the office.",
            "body": [
                paragraph(
                    p(
                        "Sukamaju is a sub-district (kecamatan) of Sumber Makmur Regency, West "
                        "Java. It covers 48.6 square kilometres, mostly rice fields, gardens and "
                        "villages along the Cisaruni river.",
                        "Most residents are farmers, traders and micro business owners.",
                    )
                ),
                image(
                    ImageRef("kantor"),
                    "The sub-district office, Jl. Raya Sukamaju No. 12.",
                    alt_text="A card reading Kantor Kecamatan Sukamaju with a building icon",
                ),
                heading("Area"),
                paragraph(
                    p("The sub-district is made up of eight villages (desa):")
                    + ul(*(f"Desa {desa}" for desa, _people, _kk in ig.POPULATION))
                ),
                heading("Vision"),
                paragraph(p("Fast, open and friendly sub-district services for every resident.")),
                heading("Mission"),
                paragraph(
                    ol(
                        "Provide integrated administrative services (PATEN) that are easy, "
                        "predictable and free of charge.",
                        "Guide and coordinate the village governments.",
                        "Answer residents' complaints quickly and openly.",
                        "Support community development and micro businesses.",
                    )
                ),
                heading("Contact"),
                callout(
                    p(f"{ADDRESS}.")
                    + p(f"Phone {PHONE}, WhatsApp {WHATSAPP_TEXT}, email {EMAIL}.")
                    + p(
                        "Monday to Thursday 08:00–15:30, Friday 08:00–11:30 and 13:00–16:00, "
                        "Saturday 08:00–12:00 (PATEN desks only), Western Indonesian Time."
                    ),
                    title="Sukamaju sub-district office",
                ),
                cta("See the service catalogue", PageRef("services")),
            ],
        },
    )
    return [home, *indexes, about]


def service(key, slug, group, category, fields, en=None) -> PageSpec:
    fields = {
        "group": group,
        "category": category,
        "listing_image": cat_image(category),
        "complaint_handling": COMPLAINTS,
        "contact": CONTACT,
        **fields,
    }
    en = en or SERVICES_EN.get(key)
    if en is not None:
        en = {"complaint_handling": COMPLAINTS_EN, "contact": CONTACT_EN, "body": [], **en}
    return PageSpec(key, "ServicePage", "services", slug, fields, en=en)


def service_pages() -> list[PageSpec]:
    return [
        service(
            "svc-ktp",
            "fasilitasi-perekaman-ktp-el",
            "adminduk",
            "kependudukan",
            {
                "title": "Fasilitasi perekaman KTP-el",
                "summary": "Perekaman foto, sidik jari dan iris mata untuk KTP-el bagi warga "
                "berusia 17 tahun atau yang sudah menikah, serta penggantian KTP-el hilang atau "
                "rusak. Gratis.",
                "requirements": ul(
                    "Berusia 17 tahun atau lebih, atau sudah/pernah menikah.",
                    "Kartu Keluarga (KK) asli dan fotokopinya, yang sudah memuat NIK Anda.",
                    "Untuk KTP-el hilang: surat keterangan kehilangan dari kepolisian.",
                    "Untuk KTP-el rusak: KTP-el yang rusak.",
                ),
                "procedure": ol(
                    "Ambil nomor antrean dan serahkan KK kepada petugas Loket 3.",
                    "Petugas memeriksa data Anda di SIAK (Sistem Informasi Administrasi "
                    "Kependudukan).",
                    "Lakukan perekaman foto, tanda tangan, sidik jari dan iris mata.",
                    "Terima tanda bukti perekaman.",
                    "KTP-el dicetak Disdukcapil. Petugas mengabari lewat WhatsApp bila KTP-el "
                    "sudah dapat diambil di Loket 4.",
                ),
                "duration": "Perekaman 15 menit; KTP-el dapat diambil 7 hari kerja kemudian",
                "cost": FREE_ADMINDUK,
                "product": "KTP-el yang diterbitkan Disdukcapil Kabupaten Sumber Makmur",
                "desk": "Loket 3 Administrasi Kependudukan",
                "body": [
                    callout(
                        p(
                            "Semua dokumen kependudukan tidak dipungut biaya. Bila ada yang "
                            "meminta uang, laporkan lewat menu Pengaduan; identitas Anda dapat "
                            "dirahasiakan."
                        ),
                        title="Tidak ada biaya",
                        kind="warning",
                    )
                ],
            },
            en={
                "title": "Identity card (KTP-el) recording",
                "summary": "Photo, fingerprint and iris recording for the electronic identity "
                "card (KTP-el) for residents aged 17 or married, and replacement of lost or "
                "damaged cards. Free.",
                "requirements": ul(
                    "Aged 17 or over, or married (now or before).",
                    "Your family card (Kartu Keluarga) and a photocopy; it must show your "
                    "national identity number (NIK).",
                    "For a lost card: a police report of the loss.",
                    "For a damaged card: the damaged card.",
                ),
                "procedure": ol(
                    "Take a queue number and hand your family card to the officer at Desk 3.",
                    "The officer checks your data in the civil registry system (SIAK).",
                    "Your photo, signature, fingerprints and iris are recorded.",
                    "You receive a recording receipt.",
                    "The card is printed by the civil registry office (Disdukcapil). We send you "
                    "a WhatsApp message when it can be collected at Desk 4.",
                ),
                "duration": "Recording 15 minutes; the card can be collected 7 working days later",
                "cost": "Free (Law 24/2013, Article 79A)",
                "product": "An electronic identity card (KTP-el) issued by the civil registry "
                "office of Sumber Makmur Regency",
                "desk": "Desk 3, Civil registration",
                "contact": CONTACT_EN,
                "complaint_handling": COMPLAINTS_EN,
                "body": [
                    callout(
                        p(
                            "Civil registration documents are always free. If anyone asks you "
                            "for money, report it through the Complaints menu; your identity "
                            "can be kept confidential."
                        ),
                        title="No fees",
                        kind="warning",
                    )
                ],
            },
        ),
        service(
            "svc-kk",
            "fasilitasi-kartu-keluarga",
            "adminduk",
            "kependudukan",
            {
                "title": "Fasilitasi Kartu Keluarga baru dan perubahan data",
                "summary": "Pembuatan KK baru setelah menikah atau pindah, dan perubahan data KK "
                "seperti penambahan anggota keluarga, pendidikan atau pekerjaan. Gratis.",
                "requirements": ul(
                    "Surat pengantar dari desa.",
                    "Formulir biodata keluarga (F-1.01) yang sudah diisi; tersedia di loket.",
                    "KK lama asli (untuk perubahan data atau pisah KK).",
                    "Buku nikah atau akta perkawinan (untuk KK baru setelah menikah).",
                    "Dokumen pendukung perubahan data: akta kelahiran, ijazah, akta kematian "
                    "atau surat pindah.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 3.",
                    "Petugas memeriksa dan mengirim data ke Disdukcapil lewat aplikasi SIAK.",
                    "KK ditandatangani secara elektronik oleh Kepala Disdukcapil.",
                    "KK dicetak di kertas HVS dan diserahkan di Loket 4, atau dikirim ke "
                    "WhatsApp Anda dalam bentuk PDF.",
                ),
                "duration": "3 hari kerja setelah berkas lengkap",
                "cost": FREE_ADMINDUK,
                "product": "Kartu Keluarga (KK) dengan tanda tangan elektronik",
                "desk": "Loket 3 Administrasi Kependudukan",
            },
        ),
        service(
            "svc-akta",
            "fasilitasi-akta-kelahiran-dan-kematian",
            "adminduk",
            "kependudukan",
            {
                "title": "Fasilitasi akta kelahiran dan akta kematian",
                "summary": "Kecamatan menerima dan meneruskan permohonan akta kelahiran dan akta "
                "kematian ke Disdukcapil, sehingga warga tidak perlu ke kabupaten. Gratis.",
                "requirements": ul(
                    "Akta kelahiran: surat keterangan lahir dari bidan, puskesmas atau rumah "
                    "sakit.",
                    "Akta kelahiran: buku nikah atau akta perkawinan orang tua; bila tidak ada, "
                    "Surat Pernyataan Tanggung Jawab Mutlak (SPTJM) kebenaran pasangan suami "
                    "istri.",
                    "Akta kematian: surat keterangan kematian dari desa atau rumah sakit.",
                    "KK dan KTP-el pelapor.",
                    "Formulir pelaporan (F-2.01) yang sudah diisi; tersedia di loket.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 3.",
                    "Petugas memeriksa berkas dan mengunggahnya ke Disdukcapil.",
                    "Disdukcapil menerbitkan akta dengan tanda tangan elektronik.",
                    "Akta dicetak di kecamatan atau dikirim ke WhatsApp Anda dalam bentuk PDF.",
                ),
                "duration": "5 hari kerja setelah berkas lengkap",
                "cost": FREE_ADMINDUK,
                "product": "Kutipan akta kelahiran atau akta kematian dari Disdukcapil",
                "desk": "Loket 3 Administrasi Kependudukan",
            },
        ),
        service(
            "svc-nib",
            "izin-usaha-mikro-nib",
            "perizinan",
            "perizinan-usaha",
            {
                "title": "Izin usaha mikro: pendampingan NIB (dulu IUMK)",
                "summary": "Petugas membantu pelaku usaha mikro mendapatkan Nomor Induk Berusaha "
                "(NIB) lewat sistem OSS. NIB menggantikan Izin Usaha Mikro Kecil (IUMK). Gratis.",
                "requirements": ul(
                    "KTP-el pemilik usaha.",
                    "Nomor HP aktif dan alamat email yang bisa dibuka saat itu juga.",
                    "NPWP, bila sudah punya.",
                    "Alamat dan jenis usaha, serta perkiraan modal usaha.",
                ),
                "procedure": ol(
                    "Datang ke Loket 1 dan sampaikan jenis usaha Anda.",
                    "Petugas membantu membuat akun di oss.go.id.",
                    "Isi data usaha dan pilih kode KBLI yang sesuai bersama petugas.",
                    "NIB terbit dari sistem OSS dan dicetak saat itu juga.",
                ),
                "duration": "Sekitar 1 jam; NIB terbit di hari yang sama",
                "cost": "Gratis",
                "product": "Nomor Induk Berusaha (NIB) dari sistem OSS",
                "desk": "Loket 1 Perizinan",
                "body": [
                    paragraph(
                        p(
                            "Sejak berlakunya perizinan berusaha berbasis risiko (PP Nomor 5 Tahun "
                            "2021), izin usaha mikro dan kecil yang dulu diterbitkan camat "
                            "digantikan oleh NIB dari sistem OSS. Kecamatan tetap membantu "
                            "pelaku usaha mikro mendaftar."
                        )
                    )
                ],
            },
        ),
        service(
            "svc-keramaian",
            "rekomendasi-izin-keramaian",
            "perizinan",
            "pemerintahan",
            {
                "title": "Rekomendasi izin keramaian",
                "summary": "Rekomendasi camat untuk hajatan, pertunjukan atau acara yang "
                "mengundang banyak orang, sebagai syarat izin keramaian dari Polsek Sukamaju.",
                "requirements": ul(
                    "Surat pengantar dari desa.",
                    "Surat permohonan berisi jenis acara, tanggal, jam, tempat, perkiraan jumlah "
                    "tamu dan hiburan yang ditampilkan.",
                    "Fotokopi KTP-el penanggung jawab acara.",
                    "Surat pernyataan tidak keberatan dari tetangga sekitar.",
                    "Denah lokasi dan rencana parkir, untuk acara dengan lebih dari 500 tamu.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 1 paling lambat 7 hari sebelum acara.",
                    "Petugas memeriksa berkas dan berkoordinasi dengan desa.",
                    "Camat menandatangani surat rekomendasi.",
                    "Bawa surat rekomendasi ke Polsek Sukamaju untuk mengurus izin keramaian.",
                ),
                "duration": "1 hari kerja",
                "cost": "Gratis",
                "product": "Surat rekomendasi camat untuk izin keramaian",
                "desk": "Loket 1 Perizinan",
            },
        ),
        service(
            "svc-dispensasi-nikah",
            "rekomendasi-dispensasi-nikah",
            "non-perizinan",
            "kependudukan",
            {
                "title": "Rekomendasi dispensasi nikah",
                "summary": "Dispensasi camat bagi calon pengantin yang akad nikahnya kurang dari "
                "10 hari kerja sejak pendaftaran di KUA.",
                "requirements": ul(
                    "Surat permohonan dispensasi dari calon pengantin.",
                    "Surat pemberitahuan kekurangan hari dari KUA Kecamatan Sukamaju.",
                    "Fotokopi KTP-el kedua calon pengantin.",
                    "Fotokopi KK kedua calon pengantin.",
                    "Surat pengantar nikah dari desa.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 2.",
                    "Petugas memeriksa berkas dan menyiapkan surat dispensasi.",
                    "Camat menandatangani surat dispensasi.",
                    "Serahkan surat dispensasi ke KUA.",
                ),
                "duration": "15 menit setelah berkas lengkap",
                "cost": "Gratis",
                "product": "Surat dispensasi nikah yang ditandatangani camat",
                "desk": "Loket 2 Non-perizinan",
                "body": [
                    callout(
                        p(
                            "Layanan ini bukan dispensasi kawin bagi calon pengantin yang belum "
                            "berusia 19 tahun. Dispensasi kawin diajukan ke Pengadilan Agama."
                        ),
                        title="Perhatikan",
                    ),
                    paragraph(
                        p(
                            "Dasar hukum: Peraturan Menteri Agama Nomor 20 Tahun 2019 tentang "
                            "Pencatatan Pernikahan."
                        )
                    ),
                ],
            },
        ),
        service(
            "svc-domisili-usaha",
            "surat-keterangan-domisili-usaha",
            "non-perizinan",
            "perizinan-usaha",
            {
                "title": "Surat keterangan domisili usaha",
                "summary": "Surat keterangan bahwa usaha Anda berada di wilayah Kecamatan "
                "Sukamaju, untuk keperluan bank, koperasi atau lelang.",
                "requirements": ul(
                    "Surat pengantar dari desa.",
                    "Fotokopi KTP-el dan KK pemilik usaha.",
                    "Foto tempat usaha tampak depan.",
                    "Bukti lunas PBB tahun berjalan, atau surat perjanjian sewa tempat usaha.",
                    "Surat pernyataan tidak keberatan dari tetangga, untuk usaha yang dapat "
                    "menimbulkan bising atau bau.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 2.",
                    "Petugas memeriksa berkas; bila perlu, petugas desa meninjau lokasi usaha.",
                    "Camat menandatangani surat keterangan.",
                    "Ambil surat di Loket 4.",
                ),
                "duration": "1 hari kerja",
                "cost": "Gratis",
                "product": "Surat keterangan domisili usaha (SKDU)",
                "desk": "Loket 2 Non-perizinan",
                "body": [
                    paragraph(
                        p(
                            "Usaha yang sudah memiliki NIB mencantumkan alamat usahanya di NIB. "
                            "Tanyakan dahulu kepada instansi tujuan apakah SKDU masih diperlukan."
                        )
                    )
                ],
            },
        ),
        service(
            "svc-legalisasi",
            "legalisasi-dokumen",
            "non-perizinan",
            "pemerintahan",
            {
                "title": "Legalisasi dokumen",
                "summary": "Pengesahan fotokopi dokumen yang diterbitkan atau ditandatangani "
                "camat dan desa, seperti surat keterangan dan rekomendasi.",
                "requirements": ul(
                    "Dokumen asli.",
                    "Fotokopi dokumen yang akan dilegalisasi, paling banyak 10 lembar per dokumen.",
                ),
                "procedure": ol(
                    "Serahkan dokumen asli dan fotokopinya di Loket 2.",
                    "Petugas mencocokkan fotokopi dengan dokumen asli.",
                    "Fotokopi diberi cap dan ditandatangani pejabat kecamatan.",
                    "Dokumen asli dan fotokopi yang sudah dilegalisasi dikembalikan.",
                ),
                "duration": "30 menit",
                "cost": "Gratis",
                "product": "Fotokopi dokumen yang telah dilegalisasi",
                "desk": "Loket 2 Non-perizinan",
                "body": [
                    callout(
                        p(
                            "KK, akta dan dokumen kependudukan lain yang sudah bertanda tangan "
                            "elektronik tidak perlu dilegalisasi. Hasil cetak sendiri di kertas "
                            "HVS sudah sah."
                        ),
                        title="Dokumen kependudukan tidak perlu dilegalisasi",
                    )
                ],
            },
        ),
        service(
            "svc-skck",
            "surat-pengantar-skck",
            "non-perizinan",
            "pemerintahan",
            {
                "title": "Surat pengantar SKCK",
                "summary": "Surat pengantar camat untuk mengurus Surat Keterangan Catatan "
                "Kepolisian (SKCK) di Polsek Sukamaju, misalnya untuk melamar kerja.",
                "requirements": ul(
                    "Surat pengantar dari desa.",
                    "Fotokopi KTP-el dan KK.",
                    "Pas foto 4x6 berlatar merah, 2 lembar.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 2.",
                    "Petugas memeriksa berkas dan menyiapkan surat pengantar.",
                    "Surat pengantar ditandatangani Sekretaris Camat atas nama camat.",
                    "Bawa surat pengantar ke Polsek Sukamaju.",
                ),
                "duration": "15 menit setelah berkas lengkap",
                "cost": "Gratis (biaya SKCK di kepolisian mengikuti ketentuan PNBP)",
                "product": "Surat pengantar camat untuk permohonan SKCK",
                "desk": "Loket 2 Non-perizinan",
            },
        ),
        service(
            "svc-ahli-waris",
            "surat-keterangan-ahli-waris",
            "non-perizinan",
            "pemerintahan",
            {
                "title": "Surat keterangan ahli waris",
                "summary": "Penguatan camat atas surat keterangan ahli waris, untuk mengurus "
                "balik nama sertifikat tanah, pencairan tabungan atau pensiun almarhum.",
                "requirements": ul(
                    "Surat pernyataan ahli waris bermeterai, ditandatangani semua ahli waris dan "
                    "dua orang saksi, serta dibenarkan kepala desa.",
                    "Fotokopi akta kematian pewaris.",
                    "Fotokopi buku nikah pewaris.",
                    "Fotokopi KTP-el, KK dan akta kelahiran semua ahli waris.",
                    "Surat pengantar dari desa.",
                ),
                "procedure": ol(
                    "Serahkan berkas di Loket 2.",
                    "Petugas memeriksa kelengkapan dan kebenaran data ahli waris.",
                    "Bila diperlukan, ahli waris dan saksi diminta hadir untuk klarifikasi.",
                    "Camat menandatangani penguatan surat keterangan ahli waris.",
                    "Ambil surat di Loket 4.",
                ),
                "duration": "3 hari kerja setelah berkas lengkap",
                "cost": "Gratis (meterai Rp10.000 disiapkan pemohon)",
                "product": "Surat keterangan ahli waris yang dikuatkan camat",
                "desk": "Loket 2 Non-perizinan",
            },
        ),
    ]


def guide(key, slug, category, fields, en=None) -> PageSpec:
    fields = {"category": category, "listing_image": cat_image(category), **fields}
    return PageSpec(key, "GuidePage", "guides", slug, fields, en=en)


def guide_pages() -> list[PageSpec]:
    return [
        guide(
            "guide-ktp",
            "cara-mengurus-ktp-el",
            "kependudukan",
            {
                "title": "Cara mengurus KTP-el",
                "summary": "Sudah berusia 17 tahun atau KTP-el hilang? Begini cara merekam dan "
                "mengambil KTP-el di Kecamatan Sukamaju, tanpa biaya.",
                "requirements": items(
                    "Kartu Keluarga (asli dan fotokopi) yang sudah memuat NIK Anda",
                    "Surat keterangan kehilangan dari kepolisian, bila KTP-el hilang",
                    "KTP-el yang rusak, bila KTP-el rusak",
                ),
                "steps": steps(
                    (
                        "Periksa Kartu Keluarga",
                        p(
                            "Pastikan nama, tanggal lahir dan NIK Anda di KK sudah benar. Bila ada "
                            "yang salah, perbaiki dulu KK lewat desa."
                        ),
                    ),
                    (
                        "Datang ke kantor kecamatan",
                        p(
                            "Datang ke Loket 3 pada jam kerja, atau ikuti perekaman KTP-el "
                            "keliling di balai desa. Jadwalnya ada di halaman Pengumuman."
                        ),
                    ),
                    (
                        "Rekam data diri",
                        p(
                            "Petugas merekam foto, tanda tangan, sidik jari dan iris mata. "
                            "Perekaman sekitar 15 menit. Simpan tanda bukti perekaman."
                        ),
                    ),
                    (
                        "Tunggu kabar lewat WhatsApp",
                        p(
                            "KTP-el dicetak Disdukcapil. Kami mengirim pesan WhatsApp bila "
                            "KTP-el sudah bisa diambil, biasanya 7 hari kerja."
                        ),
                    ),
                    (
                        "Ambil KTP-el",
                        p(
                            "Ambil sendiri di Loket 4 dengan membawa tanda bukti perekaman. "
                            "Periksa kembali data yang tercetak sebelum pulang."
                        ),
                    ),
                ),
                "estimated_time": "15 menit di loket; KTP-el jadi sekitar 7 hari kerja",
                "estimated_cost": "Gratis",
                "related_service": PageRef("svc-ktp"),
            },
            en={
                "title": "How to get an electronic identity card (KTP-el)",
                "summary": "Just turned 17, or lost your card? Here is how to record your data "
                "and collect your KTP-el at Sukamaju sub-district, free of charge.",
                "requirements": items(
                    "Your family card (original and a photocopy) showing your NIK",
                    "A police report of the loss, if your card was lost",
                    "The damaged card, if your card is damaged",
                ),
                "steps": steps(
                    (
                        "Check your family card",
                        p(
                            "Make sure your name, date of birth and NIK are correct on the family "
                            "card. If something is wrong, have it corrected at the village office "
                            "first."
                        ),
                    ),
                    (
                        "Come to the sub-district office",
                        p(
                            "Go to Desk 3 during office hours, or join the mobile recording at "
                            "your village hall. The schedule is in Announcements."
                        ),
                    ),
                    (
                        "Record your data",
                        p(
                            "The officer records your photo, signature, fingerprints and iris. It "
                            "takes about 15 minutes. Keep the recording receipt."
                        ),
                    ),
                    (
                        "Wait for a WhatsApp message",
                        p(
                            "The card is printed by the civil registry office. We send you a "
                            "WhatsApp message when it is ready, usually after 7 working days."
                        ),
                    ),
                    (
                        "Collect your card",
                        p(
                            "Collect it yourself at Desk 4 with your recording receipt. Check the "
                            "printed data before you leave."
                        ),
                    ),
                ),
                "estimated_time": "15 minutes at the desk; the card is ready in about 7 "
                "working days",
                "estimated_cost": "Free",
                "related_service": PageRef("svc-ktp"),
            },
        ),
        guide(
            "guide-akta",
            "cara-mengurus-akta-kelahiran",
            "kependudukan",
            {
                "title": "Cara mengurus akta kelahiran",
                "summary": "Akta kelahiran anak dapat diurus lewat kecamatan tanpa ke kabupaten. "
                "Siapkan surat keterangan lahir dan buku nikah orang tua.",
                "requirements": items(
                    "Surat keterangan lahir dari bidan, puskesmas atau rumah sakit",
                    "Buku nikah atau akta perkawinan orang tua (fotokopi)",
                    "Kartu Keluarga dan KTP-el orang tua",
                    "Formulir F-2.01 (tersedia di loket dan kantor desa)",
                ),
                "steps": steps(
                    (
                        "Minta surat keterangan lahir",
                        p("Surat ini diberikan bidan, puskesmas atau rumah sakit tempat lahir."),
                    ),
                    (
                        "Isi formulir F-2.01",
                        p(
                            "Isi data anak dan orang tua. Bila orang tua tidak memiliki buku "
                            "nikah, isi juga SPTJM kebenaran pasangan suami istri."
                        ),
                    ),
                    (
                        "Serahkan berkas di Loket 3",
                        p("Petugas memeriksa berkas lalu mengunggahnya ke Disdukcapil."),
                    ),
                    (
                        "Terima akta",
                        p(
                            "Akta kelahiran bertanda tangan elektronik dikirim ke WhatsApp Anda "
                            "dalam bentuk PDF atau dapat dicetak di Loket 4. Cetak di kertas HVS "
                            "sudah sah."
                        ),
                    ),
                ),
                "estimated_time": "5 hari kerja",
                "estimated_cost": "Gratis",
                "related_service": PageRef("svc-akta"),
                "body": [
                    callout(
                        p(
                            "Laporkan kelahiran paling lambat 60 hari setelah anak lahir agar "
                            "prosesnya lebih sederhana."
                        ),
                        title="Jangan ditunda",
                    )
                ],
            },
        ),
        guide(
            "guide-domisili",
            "cara-mengurus-surat-keterangan-domisili",
            "kependudukan",
            {
                "title": "Cara mengurus surat keterangan domisili",
                "summary": "Surat keterangan domisili diterbitkan desa tempat Anda tinggal. Bila "
                "instansi tujuan memintanya, surat itu dapat dilegalisasi di kecamatan.",
                "requirements": items(
                    "Surat pengantar RT dan RW",
                    "Fotokopi KTP-el dan Kartu Keluarga",
                    "Bagi pendatang: surat keterangan pindah atau surat keterangan kontrak rumah",
                ),
                "steps": steps(
                    (
                        "Minta pengantar RT dan RW",
                        p("Sampaikan keperluan surat domisili kepada ketua RT, lalu ketua RW."),
                    ),
                    (
                        "Datang ke kantor desa",
                        p("Serahkan surat pengantar dan fotokopi KTP-el serta KK."),
                    ),
                    (
                        "Terima surat keterangan domisili",
                        p("Surat ditandatangani kepala desa, biasanya di hari yang sama."),
                    ),
                    (
                        "Legalisasi di kecamatan, bila diminta",
                        p(
                            "Bila instansi tujuan meminta legalisasi camat, bawa surat asli dan "
                            "fotokopinya ke Loket 2."
                        ),
                    ),
                ),
                "estimated_time": "1 hari",
                "estimated_cost": "Gratis",
                "related_service": PageRef("svc-legalisasi"),
            },
        ),
        guide(
            "guide-nib",
            "cara-mendaftar-izin-usaha-mikro-nib",
            "perizinan-usaha",
            {
                "title": "Cara mendaftar izin usaha mikro (NIB)",
                "summary": "Warung, usaha katering atau bengkel kecil bisa punya NIB gratis dalam "
                "sehari. NIB membuka akses ke KUR, sertifikasi halal dan pengadaan.",
                "requirements": items(
                    "KTP-el pemilik usaha",
                    "Nomor HP aktif dan alamat email",
                    "NPWP, bila sudah punya",
                    "Alamat, jenis usaha dan perkiraan modal",
                ),
                "steps": steps(
                    (
                        "Siapkan data usaha",
                        p("Catat alamat usaha, jenis barang atau jasa, dan perkiraan modal."),
                    ),
                    (
                        "Buat akun OSS",
                        p(
                            'Buka <a href="https://oss.go.id">oss.go.id</a> dan daftar sebagai '
                            "pelaku usaha mikro dan kecil, atau minta dibantu petugas di Loket 1."
                        ),
                    ),
                    (
                        "Isi data dan pilih KBLI",
                        p(
                            "Pilih kode KBLI yang paling sesuai dengan usaha Anda. Petugas dapat "
                            "membantu mencarikan kodenya."
                        ),
                    ),
                    (
                        "Terbitkan dan cetak NIB",
                        p("NIB langsung terbit. Unduh, cetak dan simpan baik-baik."),
                    ),
                ),
                "estimated_time": "Sekitar 1 jam",
                "estimated_cost": "Gratis",
                "related_service": PageRef("svc-nib"),
            },
        ),
        guide(
            "guide-aplikasi",
            "cara-menggunakan-aplikasi-layanan-kecamatan",
            "pemerintahan",
            {
                "title": "Cara menggunakan aplikasi Layanan Kecamatan",
                "summary": "Pasang aplikasi ini di layar HP tanpa Play Store, baca panduan saat "
                "tidak ada sinyal, dan kirim pengaduan yang tetap terkirim walau jaringan putus.",
                "listing_image": ImageRef("aplikasi"),
                "requirements": items(
                    "HP Android atau iPhone dengan browser Chrome, Safari atau sejenisnya",
                    "Koneksi internet saat pertama kali membuka aplikasi",
                ),
                "steps": steps(
                    (
                        "Buka alamat situs kecamatan",
                        p("Ketik alamat situs Kecamatan Sukamaju di browser HP Anda."),
                    ),
                    (
                        "Pasang di layar utama",
                        p(
                            "Di Chrome, ketuk menu titik tiga lalu <b>Instal aplikasi</b> atau "
                            "<b>Tambahkan ke layar utama</b>. Di iPhone, ketuk tombol Bagikan "
                            "lalu <b>Tambahkan ke Layar Utama</b>."
                        ),
                    ),
                    (
                        "Cari layanan dan panduan",
                        p("Gunakan menu atau kotak pencarian, misalnya ketik <i>KTP</i>."),
                    ),
                    (
                        "Baca tanpa sinyal",
                        p(
                            "Halaman yang pernah Anda buka tersimpan dan tetap bisa dibaca saat "
                            "tidak ada sinyal."
                        ),
                    ),
                    (
                        "Kirim dan lacak pengaduan",
                        p(
                            "Pengaduan yang ditulis saat sinyal putus akan terkirim otomatis "
                            "begitu HP tersambung lagi. Simpan kode lacaknya."
                        ),
                    ),
                ),
                "estimated_time": "5 menit",
                "estimated_cost": "Gratis, hanya kuota internet",
                "video": [
                    video(
                        "https://www.youtube.com/watch?v=DEMOvideo01",
                        "Video: cara memasang dan memakai aplikasi Layanan Kecamatan",
                        ImageRef("aplikasi"),
                    )
                ],
            },
        ),
        guide(
            "guide-pengaduan",
            "cara-melapor-pengaduan",
            "pemerintahan",
            {
                "title": "Cara melapor pengaduan",
                "summary": "Jalan rusak, lampu jalan mati, atau pelayanan yang tidak sesuai? "
                "Laporkan lewat aplikasi, pantau prosesnya dengan kode lacak.",
                "requirements": items(
                    "Uraian singkat masalahnya: apa, di mana dan sejak kapan",
                    "Alamat atau patokan lokasi (desa, RT/RW)",
                    "Foto, bila ada (tidak wajib)",
                    "Nomor HP atau email bila ingin dikabari (tidak wajib)",
                ),
                "steps": steps(
                    (
                        "Buka formulir pengaduan",
                        p(
                            'Buka menu <a href="/pengaduan/baru/">Pengaduan</a> di bagian atas '
                            "halaman, atau tombol Kirim pengaduan di beranda."
                        ),
                    ),
                    (
                        "Pilih jenis dan kategori",
                        p(
                            "Pilih pengaduan, aspirasi, permintaan informasi atau permohonan, "
                            "lalu kategori yang paling sesuai. Bila ragu, pilih <i>Lainnya</i>."
                        ),
                    ),
                    (
                        "Tulis uraian dan lokasi",
                        p(
                            "Jelaskan masalahnya dengan singkat dan jelas. Tambahkan foto dan "
                            "tekan Gunakan lokasi saya bila Anda berada di tempatnya."
                        ),
                    ),
                    (
                        "Pilih siapa yang boleh melihat",
                        p(
                            "<b>Publik</b>: pengaduan tampil dengan nama Anda. <b>Anonim</b>: "
                            "tampil tanpa nama. <b>Rahasia</b>: hanya petugas yang dapat melihat."
                        ),
                    ),
                    (
                        "Kirim dan simpan kode lacak",
                        p(
                            "Setelah terkirim, Anda mendapat kode lacak. Simpan atau foto layar "
                            "kode tersebut."
                        ),
                    ),
                    (
                        "Pantau tindak lanjutnya",
                        p(
                            'Masukkan kode lacak di halaman <a href="/pengaduan/lacak/">Lacak '
                            "pengaduan</a> untuk melihat prosesnya. Kami memeriksa pengaduan "
                            "paling lambat 3 hari kerja dan menanggapinya paling lambat 5 hari "
                            "kerja sesudahnya."
                        ),
                    ),
                ),
                "estimated_time": "5 sampai 10 menit",
                "estimated_cost": "Gratis",
                "body": [
                    paragraph(
                        p(
                            "Anda juga dapat melapor melalui SP4N-LAPOR! di "
                            '<a href="https://www.lapor.go.id">www.lapor.go.id</a> atau SMS ke '
                            "1708."
                        )
                    )
                ],
            },
            en={
                "title": "How to file a complaint",
                "summary": "A damaged road, a broken street light or poor service? Report it in "
                "the app and follow it up with your tracking code.",
                "requirements": items(
                    "A short description: what, where and since when",
                    "The address or a landmark (village, RT/RW neighbourhood)",
                    "A photo, if you have one (optional)",
                    "A phone number or email if you want updates (optional)",
                ),
                "steps": steps(
                    (
                        "Open the complaint form",
                        p(
                            'Open the <a href="/en/pengaduan/baru/">Complaints</a> menu at the '
                            "top of the page, or the Send a complaint button on the home page."
                        ),
                    ),
                    (
                        "Choose the type and category",
                        p(
                            "Choose complaint, suggestion, information request or application, "
                            "then the closest category. If unsure, choose <i>Other</i>."
                        ),
                    ),
                    (
                        "Describe the problem and the place",
                        p(
                            "Explain the problem briefly and clearly. Add a photo and mark the "
                            "place: tap Use my location if you are there."
                        ),
                    ),
                    (
                        "Choose who may see it",
                        p(
                            "<b>Public</b>: shown with your name. <b>Anonymous</b>: shown without "
                            "your name. <b>Confidential</b>: only officers can see it."
                        ),
                    ),
                    (
                        "Send it and keep the tracking code",
                        p("Once sent, you get a tracking code. Note it down or take a screenshot."),
                    ),
                    (
                        "Follow it up",
                        p(
                            'Enter the code on the <a href="/pengaduan/lacak/">Track a complaint'
                            "</a> page to see its progress. We check it within 3 working days and "
                            "answer within 5 more."
                        ),
                    ),
                ),
                "estimated_time": "5 to 10 minutes",
                "estimated_cost": "Free",
                "body": [
                    paragraph(
                        p(
                            "You can also report through the national SP4N-LAPOR! service at "
                            '<a href="https://www.lapor.go.id">www.lapor.go.id</a> or by SMS to '
                            "1708."
                        )
                    )
                ],
            },
        ),
    ]


def announcement(key, slug, category, fields, en=None) -> PageSpec:
    fields = {"category": category, "listing_image": cat_image(category), **fields}
    return PageSpec(key, "AnnouncementPage", "announcements", slug, fields, en=en)


def announcement_pages(d: Dates) -> list[PageSpec]:
    flood_until = d.day(3)
    outage_day = d.day(-12)
    schedule = keliling_schedule(d)
    pbb_due = d.day(40)
    musrenbang_due = d.workday(21)
    cleanup_day = d.next_weekday(7, 6)
    posyandu_days = d.workdays(2, 8)
    road_end = d.day(25)
    return [
        announcement(
            "ann-banjir",
            "peringatan-dini-banjir-sungai-cisaruni",
            "kebencanaan",
            {
                "title": "Peringatan dini banjir: warga bantaran Sungai Cisaruni diminta waspada",
                "summary": f"Hujan lebat diperkirakan berlanjut sampai {tgl(flood_until)}. Warga "
                "bantaran Sungai Cisaruni di Desa Cibeureum, Margahayu dan Sindangsari diminta "
                "bersiap mengungsi bila air naik.",
                "urgency": "darurat",
                "valid_until": d.at(flood_until, 23, 59),
                "display_date": d.today,
                "body": [
                    paragraph(
                        p(
                            "Berdasarkan peringatan dini cuaca dari BMKG, hujan lebat disertai "
                            "angin kencang diperkirakan masih terjadi di wilayah Kecamatan "
                            f"Sukamaju sampai {tgl(flood_until)}. Tinggi muka air Sungai "
                            "Cisaruni di pos pantau Jembatan Cibeureum pagi ini berstatus "
                            "<b>Siaga</b>."
                        )
                    ),
                    heading("Yang perlu dilakukan warga"),
                    paragraph(
                        ul(
                            "Simpan dokumen penting (KTP-el, KK, akta, ijazah, sertifikat) dalam "
                            "kantong plastik tertutup di tempat yang tinggi.",
                            "Matikan listrik dari meteran bila air mulai masuk rumah.",
                            "Dahulukan lansia, ibu hamil, anak-anak dan penyandang disabilitas "
                            "saat mengungsi.",
                            "Jauhi aliran sungai dan jangan menyeberangi jembatan yang tergenang.",
                        )
                    ),
                    heading("Tempat pengungsian sementara"),
                    paragraph(
                        ul(
                            "Aula Kantor Kecamatan Sukamaju, Jl. Raya Sukamaju No. 12",
                            "SDN 1 Cibeureum",
                            "Masjid Jami Al-Ikhlas, Desa Margahayu",
                        )
                    ),
                    callout(
                        p(
                            f"Posko Siaga Bencana Kecamatan: <b>{EMERGENCY_PHONE}</b> (24 jam). "
                            "Panggilan darurat: <b>112</b>. Bila melihat warga terjebak banjir, "
                            "segera hubungi nomor ini."
                        ),
                        title="Nomor darurat",
                        kind="warning",
                    ),
                ],
            },
            en={
                "title": "Flood warning: residents along the Cisaruni river, please stay alert",
                "summary": f"Heavy rain is expected to continue until {date_en(flood_until)}. "
                "Residents along the Cisaruni river in Cibeureum, Margahayu and Sindangsari "
                "villages should be ready to evacuate if the water rises.",
                "body": [
                    paragraph(
                        p(
                            "According to the weather warning of the national meteorological "
                            "agency (BMKG), heavy rain and strong winds are expected in Sukamaju "
                            f"until {date_en(flood_until)}. This morning the Cisaruni river at "
                            "the Cibeureum bridge gauge is at <b>Alert</b> level."
                        )
                    ),
                    heading("What to do"),
                    paragraph(
                        ul(
                            "Keep important documents (identity card, family card, certificates) "
                            "in a sealed plastic bag in a high place.",
                            "Switch off the electricity at the meter if water enters the house.",
                            "Help the elderly, pregnant women, children and people with "
                            "disabilities first when evacuating.",
                            "Stay away from the river and do not cross flooded bridges.",
                        )
                    ),
                    heading("Temporary shelters"),
                    paragraph(
                        ul(
                            "Sub-district office hall, Jl. Raya Sukamaju No. 12",
                            "SDN 1 Cibeureum primary school",
                            "Al-Ikhlas Mosque, Margahayu village",
                        )
                    ),
                    callout(
                        p(
                            f"Sub-district disaster post: <b>{EMERGENCY_PHONE}</b> (24 hours). "
                            "Emergency calls: <b>112</b>. If you see anyone trapped by the "
                            "flood, call at once."
                        ),
                        title="Emergency numbers",
                        kind="warning",
                    ),
                ],
            },
        ),
        announcement(
            "ann-listrik",
            "pemadaman-listrik-mekarjaya-karangmulya",
            "infrastruktur",
            {
                "title": "Pemadaman listrik terencana di Desa Mekarjaya dan Karangmulya",
                "summary": f"PLN ULP Sumber Makmur memelihara jaringan pada {tgl(outage_day)}, "
                "pukul 08.00–15.00 WIB. Listrik di sebagian Desa Mekarjaya dan Karangmulya "
                "padam selama pekerjaan.",
                "valid_until": d.at(outage_day, 15, 0),
                "display_date": d.day(-16),
                "body": [
                    paragraph(
                        p(
                            f"PLN ULP Sumber Makmur memberitahukan pemadaman listrik pada "
                            f"{tgl(outage_day)} pukul 08.00–15.00 WIB untuk penggantian tiang "
                            "dan perapian jaringan."
                        )
                    ),
                    paragraph(
                        ul(
                            "Desa Mekarjaya: Dusun Cikadu, Dusun Babakan dan sekitarnya.",
                            "Desa Karangmulya: sepanjang Jl. Karangmulya–Tanjungwangi.",
                        )
                    ),
                    paragraph(
                        p(
                            "Mohon isi daya HP dan siapkan penerangan cadangan. Informasi "
                            "gangguan listrik: PLN Mobile atau call center 123."
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-maklumat",
            "maklumat-pelayanan-kecamatan-sukamaju",
            "pemerintahan",
            {
                "title": "Maklumat Pelayanan Kecamatan Sukamaju",
                "summary": "Janji kami kepada warga: melayani sesuai standar pelayanan, terbuka "
                "soal persyaratan, waktu dan biaya, serta siap menerima sanksi bila ingkar.",
                "pinned": True,
                "display_date": d.day(-60),
                "body": [
                    paragraph(
                        p(
                            "<i>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan "
                            "sesuai standar pelayanan yang telah ditetapkan dan apabila tidak "
                            "menepati janji ini, kami siap menerima sanksi sesuai peraturan "
                            "perundang-undangan yang berlaku.</i>"
                        )
                    ),
                    heading("Janji layanan kami"),
                    paragraph(
                        ol(
                            "Melayani dengan ramah, cepat, tepat dan tidak memungut biaya di luar "
                            "ketentuan.",
                            "Memberi informasi persyaratan, waktu dan biaya layanan secara "
                            "terbuka.",
                            "Menanggapi setiap pengaduan paling lambat 5 hari kerja.",
                        )
                    ),
                    cta("Lihat standar pelayanan setiap layanan", PageRef("services")),
                ],
                "attachments": [
                    {"document": DocRef("maklumat"), "title": "Maklumat pelayanan (PDF)"}
                ],
            },
            en={
                "title": "Service pledge of Sukamaju sub-district",
                "summary": "Our promise to residents: to serve according to the service "
                "standards, to be open about requirements, time and cost, and to accept "
                "sanctions if we fail.",
                "body": [
                    paragraph(
                        p(
                            "<i>We hereby declare that we are able to provide services according "
                            "to the service standards we have set, and that if we do not keep "
                            "this promise, we are ready to accept sanctions under the laws and "
                            "regulations in force.</i>"
                        )
                    ),
                    heading("Our service promises"),
                    paragraph(
                        ol(
                            "To serve in a friendly, fast and accurate way, and never to charge "
                            "fees beyond the rules.",
                            "To be open about the requirements, time and cost of every service.",
                            "To answer every complaint within 5 working days.",
                        )
                    ),
                    cta("See the standard of every service", PageRef("services")),
                ],
                "attachments": [
                    {"document": DocRef("maklumat"), "title": "Service pledge (PDF, Indonesian)"}
                ],
            },
        ),
        announcement(
            "ann-ktp-keliling",
            "perekaman-ktp-el-keliling",
            "kependudukan",
            {
                "title": "Perekaman KTP-el keliling ke delapan desa",
                "summary": f"Mulai {tgl(schedule[0][0])}, petugas merekam KTP-el di balai desa "
                "secara bergiliran. Warga yang sudah 17 tahun dan belum merekam diminta datang "
                "membawa Kartu Keluarga.",
                "urgency": "penting",
                "valid_until": d.at(schedule[-1][0], 14, 0),
                "display_date": d.day(-2),
                "body": [
                    paragraph(
                        p(
                            "Kecamatan Sukamaju bersama Disdukcapil Kabupaten Sumber Makmur "
                            "mengadakan perekaman KTP-el keliling, terutama untuk pelajar yang "
                            "sudah berusia 17 tahun, lansia dan penyandang disabilitas."
                        )
                    ),
                    heading("Jadwal"),
                    paragraph(ul(*(f"{tgl(day)}: Balai Desa {desa}" for day, desa in schedule))),
                    paragraph(
                        p(
                            "Pukul 08.30–14.00 WIB. Bawa Kartu Keluarga asli dan fotokopinya. "
                            "Gratis."
                        )
                    ),
                    document(DocRef("jadwal-ktp"), "Unduh jadwal perekaman (PDF)"),
                    cta("Baca cara mengurus KTP-el", PageRef("guide-ktp")),
                ],
                "attachments": [{"document": DocRef("jadwal-ktp"), "title": ""}],
            },
        ),
        announcement(
            "ann-pbb",
            "penghapusan-denda-pbb-p2",
            "pemerintahan",
            {
                "title": "Penghapusan denda PBB-P2 untuk tunggakan tahun-tahun sebelumnya",
                "summary": "Lunasi pokok Pajak Bumi dan Bangunan (PBB-P2) yang tertunggak "
                f"paling lambat {tgl(pbb_due)} dan denda administrasinya dihapus. Bayar lewat "
                "bank, kantor pos, minimarket atau petugas desa.",
                "urgency": "penting",
                "valid_until": d.at(pbb_due, 23, 59),
                "display_date": d.day(-5),
                "body": [
                    paragraph(
                        p(
                            "Bapenda Kabupaten Sumber Makmur menghapus denda administrasi "
                            "PBB-P2 bagi wajib pajak yang melunasi pokok pajak tahun-tahun "
                            f"sebelumnya paling lambat {tgl(pbb_due)}. Denda dihapus otomatis "
                            "saat pembayaran; tidak perlu mengajukan permohonan."
                        )
                    ),
                    heading("Tempat pembayaran"),
                    paragraph(
                        ul(
                            "Bank BJB dan bank lain yang bekerja sama dengan Bapenda.",
                            "Kantor pos dan minimarket, dengan menyebut Nomor Objek Pajak (NOP).",
                            "Petugas pemungut PBB di desa, dengan tanda terima resmi.",
                        )
                    ),
                    paragraph(
                        p(
                            "Tidak tahu NOP atau besar tunggakan Anda? Tanyakan ke kantor desa "
                            "dengan membawa SPPT lama atau bukti pembayaran terakhir."
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-posyandu",
            "jadwal-posyandu",
            "kesehatan",
            {
                "title": "Jadwal posyandu balita di delapan desa",
                "summary": "Timbang, ukur tinggi badan, imunisasi dan vitamin A untuk balita. "
                "Bawa buku KIA. Semua layanan posyandu gratis.",
                "valid_until": d.at(posyandu_days[-1], 12, 0),
                "display_date": d.day(-3),
                "body": [
                    paragraph(
                        ul(
                            *(
                                f"{tgl(day)}: Desa {desa}"
                                for day, (desa, _people, _kk) in zip(
                                    posyandu_days, ig.POPULATION, strict=True
                                )
                            )
                        )
                    ),
                    paragraph(
                        p(
                            "Pukul 08.00–11.00 WIB di pos posyandu masing-masing dusun. Bawa buku "
                            "KIA (Kesehatan Ibu dan Anak). Ibu hamil juga dapat memeriksakan "
                            "kehamilan kepada bidan desa."
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-musrenbang",
            "usulan-musrenbang-kecamatan",
            "pemerintahan",
            {
                "title": f"Usulan Musrenbang Kecamatan tahun {d.today.year + 1} ditunggu",
                "summary": f"Desa menyerahkan usulan hasil musyawarah desa paling lambat "
                f"{tgl(musrenbang_due)}. Warga dapat menyampaikan usulan lewat kepala dusun "
                "atau menu Pengaduan, jenis aspirasi.",
                "display_date": d.day(-9),
                "body": [
                    paragraph(
                        p(
                            "Musyawarah Perencanaan Pembangunan (Musrenbang) Kecamatan menyusun "
                            "prioritas usulan pembangunan yang akan dibawa ke kabupaten."
                        )
                    ),
                    paragraph(
                        ul(
                            "Usulan dibahas dahulu dalam musyawarah desa.",
                            f"Berita acara dan daftar usulan desa diserahkan paling lambat "
                            f"{tgl(musrenbang_due)}.",
                            "Utamakan usulan yang mendesak: jalan, drainase, air bersih, "
                            "kesehatan ibu dan anak.",
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-bansos",
            "penyaluran-bantuan-pangan-beras",
            "sosial",
            {
                "title": "Penyaluran bantuan pangan beras 10 kg",
                "summary": "Keluarga penerima bantuan pangan menerima 10 kg beras di balai desa. "
                "Bawa undangan dan KTP-el atau KK. Tidak ada pungutan apa pun.",
                "display_date": d.day(-4),
                "body": [
                    paragraph(
                        p(
                            "Bantuan pangan beras disalurkan kepada keluarga penerima manfaat "
                            "yang terdaftar. Penyaluran dilakukan di balai desa sesuai undangan "
                            "dari desa."
                        )
                    ),
                    callout(
                        p(
                            "Bantuan ini gratis. Bila ada yang meminta uang atau memotong "
                            "bantuan, laporkan lewat menu Pengaduan."
                        ),
                        title="Tanpa pungutan",
                        kind="warning",
                    ),
                    paragraph(
                        p(
                            "Merasa layak menerima bantuan tetapi belum terdaftar? Ajukan usulan "
                            "lewat desa agar dibahas dalam musyawarah desa."
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-kerja-bakti",
            "kerja-bakti-saluran-air",
            "lingkungan",
            {
                "title": "Kerja bakti serentak membersihkan saluran air",
                "summary": f"Menjelang puncak musim hujan, kerja bakti serentak di semua desa "
                f"diadakan pada {tgl(cleanup_day)} mulai pukul 07.00 WIB.",
                "display_date": d.day(-1),
                "body": [
                    paragraph(
                        p(
                            "Saluran air yang tersumbat sampah menjadi penyebab utama genangan "
                            "di permukiman. Mari bersihkan selokan dan gorong-gorong di "
                            "lingkungan masing-masing."
                        )
                    ),
                    paragraph(
                        ul(
                            "Bawa cangkul, sekop, karung dan sarung tangan.",
                            "Sampah dikumpulkan di titik yang ditentukan RT untuk diangkut truk "
                            "sampah.",
                            "Jangan membakar sampah.",
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-jalan",
            "perbaikan-jalan-sukamaju-cibeureum",
            "infrastruktur",
            {
                "title": "Perbaikan jalan Sukamaju–Cibeureum, lalu lintas dialihkan",
                "summary": f"Jalan Sukamaju–Cibeureum sepanjang 1,8 km diperbaiki sampai "
                f"{tgl(road_end)}. Kendaraan roda empat dialihkan lewat Desa Margahayu.",
                "display_date": d.day(-7),
                "body": [
                    paragraph(
                        p(
                            "Dinas PUPR Kabupaten Sumber Makmur memperbaiki dan mengaspal ulang "
                            "jalan Sukamaju–Cibeureum. Pekerjaan berlangsung setiap hari pukul "
                            "07.00–17.00 WIB."
                        )
                    ),
                    paragraph(
                        ul(
                            "Sepeda motor tetap dapat lewat dengan buka-tutup.",
                            "Mobil dan truk dialihkan lewat Jl. Margahayu.",
                            "Hati-hati terhadap alat berat dan material di tepi jalan.",
                        )
                    ),
                ],
            },
        ),
        announcement(
            "ann-pip",
            "pencairan-program-indonesia-pintar",
            "pendidikan",
            {
                "title": "Pencairan dana Program Indonesia Pintar (PIP) lewat sekolah",
                "summary": "Siswa penerima PIP dapat mencairkan dana di bank penyalur dengan "
                "didampingi orang tua. Cek status penerima lewat sekolah.",
                "display_date": d.day(-11),
                "body": [
                    paragraph(
                        ul(
                            "Bawa surat keterangan dari kepala sekolah, KTP-el orang tua dan KK.",
                            "Pencairan tidak dipungut biaya.",
                            "Dana digunakan untuk keperluan sekolah: buku, seragam, sepatu dan "
                            "ongkos ke sekolah.",
                        )
                    )
                ],
            },
        ),
        announcement(
            "ann-sabtu",
            "paten-buka-sabtu-pagi",
            "pemerintahan",
            {
                "title": "Loket PATEN kini buka Sabtu pagi",
                "summary": "Untuk warga yang bekerja di hari kerja, loket PATEN buka setiap Sabtu "
                "pukul 08.00–12.00 WIB.",
                "display_date": d.day(-20),
                "body": [
                    paragraph(
                        p(
                            "Mulai bulan ini loket PATEN Kecamatan Sukamaju melayani setiap Sabtu "
                            "pukul 08.00–12.00 WIB. Semua layanan dalam katalog layanan dapat "
                            "diajukan, kecuali yang memerlukan tanda tangan camat di hari yang "
                            "sama."
                        )
                    ),
                    cta("Lihat katalog layanan", PageRef("services")),
                ],
            },
        ),
        announcement(
            "ann-nib",
            "pendampingan-nib-di-loket-paten",
            "perizinan-usaha",
            {
                "title": "Pelaku usaha mikro dapat dibantu mengurus NIB di loket PATEN",
                "summary": "Tidak perlu ke kabupaten: petugas Loket 1 membantu membuat NIB lewat "
                "OSS, gratis dan selesai di hari yang sama.",
                "display_date": d.day(-14),
                "body": [
                    paragraph(
                        p(
                            "NIB adalah identitas resmi usaha Anda, dibutuhkan untuk mengajukan "
                            "KUR, sertifikasi halal gratis, dan menjadi pemasok toko atau "
                            "pemerintah."
                        )
                    ),
                    cta("Baca cara mendaftar NIB", PageRef("guide-nib")),
                ],
            },
        ),
        announcement(
            "ann-dbd",
            "waspada-demam-berdarah",
            "kesehatan",
            {
                "title": "Waspada demam berdarah: lakukan PSN 3M Plus setiap pekan",
                "summary": "Kasus demam berdarah meningkat di musim hujan. Kuras, tutup dan daur "
                "ulang tempat air, dan segera ke puskesmas bila demam tinggi.",
                "display_date": d.day(-6),
                "body": [
                    paragraph(
                        ul(
                            "<b>Menguras</b> bak mandi dan tempat penampungan air seminggu sekali.",
                            "<b>Menutup</b> rapat tempat penampungan air.",
                            "<b>Mendaur ulang</b> barang bekas yang bisa menampung air hujan.",
                            "<b>Plus</b>: memakai lotion antinyamuk dan menanam tanaman pengusir "
                            "nyamuk.",
                        )
                    ),
                    callout(
                        p(
                            "Demam tinggi 2–7 hari, bintik merah di kulit, atau mimisan? Segera "
                            "periksa ke Puskesmas Sukamaju (buka 24 jam untuk gawat darurat)."
                        ),
                        title="Kenali gejalanya",
                        kind="warning",
                    ),
                ],
            },
        ),
    ]


def infographic_pages(d: Dates) -> list[PageSpec]:
    data = infographic_data(d)
    population_en, _date = ig.population(d, "en")
    pages = []
    summaries = {
        "ig-penduduk": (
            "jumlah-penduduk-per-desa",
            "kependudukan",
            "Berapa jumlah penduduk Kecamatan Sukamaju? Lihat sebaran penduduk dan kepala "
            "keluarga di delapan desa.",
        ),
        "ig-imunisasi": (
            "capaian-vaksinasi-imunisasi-dasar-lengkap",
            "kesehatan",
            "Capaian imunisasi dasar lengkap bayi di setiap desa dibandingkan target kabupaten.",
        ),
        "ig-paten": (
            "alur-layanan-paten",
            "pemerintahan",
            "Lima langkah mengurus layanan di kantor kecamatan, dari nomor antrean sampai "
            "dokumen selesai.",
        ),
        "ig-apbdes": (
            "apbdes-desa-sukamaju",
            "pemerintahan",
            "Dari mana uang Desa Sukamaju berasal dan untuk apa digunakan tahun ini.",
        ),
    }
    sources = {
        "ig-penduduk": "Disdukcapil Kabupaten Sumber Makmur",
        "ig-imunisasi": "Puskesmas Sukamaju",
        "ig-paten": "Standar Pelayanan Kecamatan Sukamaju",
        "ig-apbdes": "Peraturan Desa Sukamaju tentang APBDes",
    }
    for key, (spec, data_date) in data.items():
        slug, category, summary = summaries[key]
        pages.append(
            PageSpec(
                key,
                "InfographicPage",
                "infographics",
                slug,
                {
                    "title": spec.title,
                    "summary": summary,
                    "category": category,
                    "listing_image": ImageRef("infografis"),
                    "image": ImageRef(key),
                    "text_equivalent": ig.text_equivalent(spec),
                    "data_source": sources[key],
                    "data_date": data_date,
                    "display_date": d.day(-8 - 10 * len(pages)),
                },
                en=(
                    {
                        "title": "Population per village",
                        "summary": "How many people live in Sukamaju sub-district? See the "
                        "residents and families of each of the eight villages.",
                        "text_equivalent": ig.text_equivalent(population_en, "en"),
                        "data_source": "Civil Registry Office of Sumber Makmur Regency",
                    }
                    if key == "ig-penduduk"
                    else None
                ),
            )
        )
    return pages


def event_pages(d: Dates) -> list[PageSpec]:
    training_day = d.workday(6)
    nib_day = d.workday(13)
    stunting_day = d.workday(-20)
    register_by = training_day - (training_day - d.today) // 2
    return [
        PageSpec(
            "event-aplikasi",
            "EventPage",
            "events",
            "pelatihan-aplikasi-untuk-ibu-rumah-tangga",
            {
                "title": "Pelatihan penggunaan aplikasi Layanan Kecamatan untuk ibu rumah tangga",
                "summary": "Belajar memasang aplikasi di HP, mencari persyaratan layanan, dan "
                "mengirim pengaduan. Gratis, kuota 40 peserta.",
                "category": "pemerintahan",
                "listing_image": ImageRef("aplikasi"),
                "display_date": d.day(-2),
                "start": d.at(training_day, 9, 0),
                "end": d.at(training_day, 12, 0),
                "place": "Aula Kantor Kecamatan Sukamaju, Jl. Raya Sukamaju No. 12",
                "audience": "Ibu rumah tangga, anggota PKK dan kader posyandu",
                "what_to_bring": "HP Android atau iPhone yang baterainya terisi penuh\n"
                "KTP-el untuk daftar hadir\nAlat tulis",
                "body": [
                    paragraph(
                        p(
                            "Pelatihan ini untuk ibu-ibu yang ingin mengurus keperluan keluarga "
                            "tanpa bolak-balik ke kantor: cek persyaratan, baca pengumuman, dan "
                            "mengirim pengaduan dari HP."
                        )
                    ),
                    heading("Materi"),
                    paragraph(
                        ol(
                            "Memasang aplikasi di layar utama HP.",
                            "Mencari layanan dan panduan, misalnya KTP-el dan akta kelahiran.",
                            "Membaca halaman tanpa sinyal.",
                            "Mengirim dan melacak pengaduan.",
                        )
                    ),
                    callout(
                        p(
                            "Daftar lewat ketua PKK desa masing-masing atau WhatsApp "
                            f"{WHATSAPP_TEXT} paling lambat {tgl(register_by)}. Tersedia wifi "
                            "dan konsumsi. Tidak dipungut biaya."
                        ),
                        title="Pendaftaran",
                    ),
                ],
            },
            en={
                "title": "Training: using the sub-district services app, for homemakers",
                "summary": "Learn to install the app on your phone, find service requirements "
                "and send a complaint. Free, 40 places.",
                "place": "Sukamaju sub-district office hall, Jl. Raya Sukamaju No. 12",
                "audience": "Homemakers, PKK members and posyandu volunteers",
                "what_to_bring": "An Android phone or iPhone, fully charged\n"
                "Your identity card (KTP-el) for the attendance list\nSomething to write with",
                "body": [
                    paragraph(
                        p(
                            "This training is for women who want to take care of family "
                            "paperwork without repeated trips to the office: check requirements, "
                            "read announcements and send complaints from a phone."
                        )
                    ),
                    heading("Programme"),
                    paragraph(
                        ol(
                            "Installing the app on the home screen.",
                            "Finding services and guides, such as identity cards and birth "
                            "certificates.",
                            "Reading pages without a signal.",
                            "Sending and tracking a complaint.",
                        )
                    ),
                    callout(
                        p(
                            "Register with the PKK chair of your village or by WhatsApp "
                            f"{WHATSAPP_TEXT} by {date_en(register_by)}. Wi-fi and snacks are "
                            "provided. Free of charge."
                        ),
                        title="Registration",
                    ),
                ],
            },
        ),
        PageSpec(
            "event-nib",
            "EventPage",
            "events",
            "sosialisasi-nib-pelaku-usaha-mikro",
            {
                "title": "Sosialisasi pendaftaran NIB bagi pelaku usaha mikro",
                "summary": "Mengapa usaha mikro perlu NIB, dan praktik langsung mendaftar lewat "
                "OSS bersama petugas kecamatan dan Dinas Koperasi dan UKM.",
                "category": "perizinan-usaha",
                "listing_image": cat_image("perizinan-usaha"),
                "display_date": d.day(-1),
                "start": d.at(nib_day, 13, 0),
                "end": d.at(nib_day, 15, 30),
                "place": "Balai Desa Mekarjaya",
                "audience": "Pelaku usaha mikro dan kecil, pengurus BUMDes",
                "what_to_bring": "KTP-el\nHP dengan email yang aktif\nNPWP, bila sudah punya",
                "body": [
                    paragraph(
                        p(
                            "Narasumber dari Dinas Koperasi dan UKM Kabupaten Sumber Makmur "
                            "menjelaskan manfaat NIB: akses KUR, sertifikasi halal gratis, dan "
                            "kesempatan menjadi pemasok. Setelah itu peserta langsung praktik "
                            "mendaftar NIB."
                        )
                    ),
                    cta("Baca cara mendaftar NIB", PageRef("guide-nib")),
                ],
            },
        ),
        PageSpec(
            "event-stunting",
            "EventPage",
            "events",
            "sosialisasi-pencegahan-stunting",
            {
                "title": "Sosialisasi pencegahan stunting bersama kader posyandu",
                "summary": "Kader posyandu dari delapan desa belajar mengukur tinggi badan balita "
                "dengan benar dan memberi penyuluhan gizi kepada keluarga.",
                "category": "kesehatan",
                "listing_image": cat_image("kesehatan"),
                "display_date": d.day(-30),
                "start": d.at(stunting_day, 8, 30),
                "end": d.at(stunting_day, 11, 30),
                "place": "Aula Puskesmas Sukamaju",
                "audience": "Kader posyandu, bidan desa dan Tim Pendamping Keluarga",
                "what_to_bring": "Buku catatan kader\nData balita posyandu masing-masing",
                "body": [
                    heading("Hasil kegiatan"),
                    paragraph(
                        p(
                            f"Kegiatan pada {tgl(stunting_day)} diikuti 64 kader posyandu dari "
                            "delapan desa. Peserta berlatih mengukur panjang dan tinggi badan "
                            "balita dengan alat antropometri baru, dan menyepakati kunjungan "
                            "rumah bagi balita yang berat badannya tidak naik dua bulan berturut-"
                            "turut."
                        )
                    ),
                ],
            },
        ),
    ]
