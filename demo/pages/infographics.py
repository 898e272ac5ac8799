"""The four demo infographics: one data set each, drawn as an image and written out as text.

The image and its text equivalent come from the same `Infographic` value, so the text always
states everything the image says.
"""

from __future__ import annotations

import datetime as dt
import html

from .images import Bar, Infographic, Section
from .text import Dates, bulan, num, rupiah_juta, tgl

# Population per village (desa), from the civil registry's half-yearly consolidated data.
POPULATION = [
    ("Sukamaju", 9842, 3105),
    ("Mekarjaya", 8127, 2561),
    ("Sukasari", 7315, 2298),
    ("Cibeureum", 6480, 2047),
    ("Margahayu", 5936, 1893),
    ("Karangmulya", 5618, 1772),
    ("Sindangsari", 4712, 1508),
    ("Tanjungwangi", 3985, 1297),
]
AREA_KM2 = 48.6

# Complete basic immunisation (imunisasi dasar lengkap) of babies: (desa, target babies, done).
IMMUNISATION = [
    ("Sukamaju", 152, 148),
    ("Mekarjaya", 126, 122),
    ("Sukasari", 113, 106),
    ("Cibeureum", 101, 90),
    ("Margahayu", 92, 84),
    ("Karangmulya", 87, 81),
    ("Sindangsari", 73, 70),
    ("Tanjungwangi", 68, 59),
]
IMMUNISATION_TARGET = 95.0

INCOME = [
    ("Dana Desa", 1_084_312_000),
    ("Alokasi Dana Desa (ADD)", 612_450_000),
    ("Bantuan keuangan provinsi", 130_000_000),
    ("Bagi hasil pajak dan retribusi daerah", 58_200_000),
    ("Pendapatan asli desa", 45_000_000),
]
SPENDING = [
    ("Pelaksanaan pembangunan desa", 798_500_000),
    ("Penyelenggaraan pemerintahan desa", 642_180_000),
    ("Pemberdayaan masyarakat", 186_000_000),
    ("Penanggulangan bencana, keadaan darurat dan mendesak", 176_000_000),
    ("Pembinaan kemasyarakatan", 142_300_000),
]

PATEN_STEPS = [
    (
        "Ambil nomor antrean",
        "Di mesin antrean ruang pelayanan. Siapkan berkas sesuai persyaratan layanan yang "
        "tercantum di katalog layanan.",
    ),
    (
        "Serahkan berkas di loket",
        "Petugas memeriksa kelengkapan berkas. Berkas yang belum lengkap langsung dikembalikan "
        "dengan catatan apa saja yang kurang.",
    ),
    (
        "Verifikasi dan proses",
        "Petugas memeriksa data dan menyiapkan dokumen. Lama proses mengikuti standar pelayanan "
        "masing-masing layanan.",
    ),
    (
        "Penandatanganan",
        "Dokumen diparaf Kepala Seksi Pelayanan Umum lalu ditandatangani camat.",
    ),
    (
        "Ambil dokumen dan isi survei",
        "Dokumen diserahkan di Loket 4. Mohon isi survei kepuasan masyarakat (SKM) agar "
        "pelayanan kami terus membaik.",
    ),
]


def population(d: Dates, lang: str = "id") -> tuple[Infographic, dt.date]:
    data_date = dt.date(d.today.year - 1, 12, 31)
    total = sum(people for _desa, people, _kk in POPULATION)
    families = sum(kk for _desa, _people, kk in POPULATION)
    density = total / AREA_KM2
    bars = [Bar(desa, people, num(people, lang)) for desa, people, _kk in POPULATION]
    if lang == "en":
        spec = Infographic(
            title="Population per village",
            subtitle=f"Sukamaju sub-district, second half of {data_date.year}",
            colour="#0b5d3b",
            sections=[
                Section(
                    "Key figures",
                    "facts",
                    facts=[
                        (num(total, lang), "residents in total"),
                        (num(families, lang), "families (Kartu Keluarga)"),
                        (
                            num(density, lang),
                            f"residents per square km ({num(AREA_KM2, lang, 1)} square km)",
                        ),
                        ("8", "villages (desa)"),
                    ],
                ),
                Section("Residents per village", "bars", bars=bars),
            ],
            source="Civil Registry Office (Disdukcapil) of Sumber Makmur Regency, "
            f"consolidated data for the second half of {data_date.year}",
            date_text=f"31 December {data_date.year}",
        )
        return spec, data_date
    spec = Infographic(
        title="Jumlah penduduk per desa",
        subtitle=f"Kecamatan Sukamaju, semester II tahun {data_date.year}",
        colour="#0b5d3b",
        sections=[
            Section(
                "Angka utama",
                "facts",
                facts=[
                    (num(total), "jiwa penduduk"),
                    (num(families), "kepala keluarga (KK)"),
                    (
                        num(density),
                        f"jiwa per km persegi (luas {num(AREA_KM2, decimals=1)} km persegi)",
                    ),
                    ("8", "desa"),
                ],
            ),
            Section("Penduduk per desa (jiwa)", "bars", bars=bars),
        ],
        source="Disdukcapil Kabupaten Sumber Makmur, data konsolidasi semester II "
        f"tahun {data_date.year}",
        date_text=tgl(data_date, weekday=False),
    )
    return spec, data_date


def immunisation(d: Dates) -> tuple[Infographic, dt.date]:
    data_date = d.today.replace(day=1) - dt.timedelta(days=1)
    target = sum(t for _desa, t, _done in IMMUNISATION)
    done = sum(x for _desa, _t, x in IMMUNISATION)
    rows = sorted(IMMUNISATION, key=lambda row: row[2] / row[1], reverse=True)
    bars = [Bar(desa, 100 * x / t, f"{num(100 * x / t, decimals=1)}%") for desa, t, x in rows]
    below = [desa for desa, t, x in rows if 100 * x / t < IMMUNISATION_TARGET]
    spec = Infographic(
        title="Capaian vaksinasi: imunisasi dasar lengkap bayi",
        subtitle=f"Kecamatan Sukamaju, Januari sampai {bulan(data_date)}",
        colour="#1565c0",
        sections=[
            Section(
                "Angka utama",
                "facts",
                facts=[
                    (num(target), "bayi sasaran"),
                    (num(done), "bayi sudah imunisasi dasar lengkap"),
                    (f"{num(100 * done / target, decimals=1)}%", "capaian kecamatan"),
                    (f"{num(IMMUNISATION_TARGET)}%", "target kabupaten"),
                ],
            ),
            Section(
                "Capaian per desa",
                "bars",
                bars=bars,
                target=(IMMUNISATION_TARGET, f"Target {num(IMMUNISATION_TARGET)}%"),
                note=(
                    f"Desa di bawah target: {', '.join(below)}. Jadwal imunisasi kejar ada di "
                    "posyandu masing-masing desa, gratis."
                ),
            ),
        ],
        source="Puskesmas Sukamaju, laporan imunisasi bulanan",
        date_text=tgl(data_date, weekday=False),
    )
    return spec, data_date


def paten_flow(d: Dates) -> tuple[Infographic, dt.date]:
    data_date = dt.date(d.today.year, 1, 2)
    spec = Infographic(
        title="Alur layanan PATEN",
        subtitle="Pelayanan Administrasi Terpadu Kecamatan: dari permohonan sampai dokumen "
        "terbit di satu tempat",
        colour="#6a1b9a",
        sections=[
            Section("Lima langkah di kantor kecamatan", "steps", steps=PATEN_STEPS),
            Section(
                "Yang perlu Anda ketahui",
                "facts",
                facts=[
                    ("Rp0", "biaya semua layanan PATEN"),
                    ("4 loket", "perizinan, non-perizinan, adminduk, pengambilan"),
                    ("1 hari", "waktu penyelesaian sebagian besar layanan"),
                ],
                note="Pengaduan: menu Pengaduan di aplikasi ini, kotak saran di ruang tunggu, "
                "atau SP4N-LAPOR! (www.lapor.go.id, SMS 1708).",
            ),
        ],
        source="Standar Pelayanan Kecamatan Sukamaju; Permendagri Nomor 4 Tahun 2010 "
        "tentang Pedoman PATEN",
        date_text=tgl(data_date, weekday=False),
    )
    return spec, data_date


def village_budget(d: Dates) -> tuple[Infographic, dt.date]:
    year = d.today.year
    data_date = dt.date(year, 1, 15)
    income, spending = sum(v for _n, v in INCOME), sum(v for _n, v in SPENDING)
    financing = spending - income
    spec = Infographic(
        title=f"APBDes Desa Sukamaju tahun {year}",
        subtitle="Anggaran Pendapatan dan Belanja Desa: dari mana uang desa berasal dan untuk "
        "apa digunakan",
        colour="#b45309",
        sections=[
            Section(
                "Ringkasan",
                "facts",
                facts=[
                    (rupiah_juta(income), "pendapatan desa"),
                    (rupiah_juta(spending), "belanja desa"),
                    (rupiah_juta(financing), "pembiayaan dari sisa anggaran tahun lalu (SiLPA)"),
                ],
            ),
            Section(
                "Pendapatan",
                "bars",
                bars=[Bar(name, v, rupiah_juta(v)) for name, v in INCOME],
            ),
            Section(
                "Belanja per bidang",
                "bars",
                bars=[Bar(name, v, rupiah_juta(v)) for name, v in SPENDING],
                note="Bidang penanggulangan bencana, keadaan darurat dan mendesak termasuk "
                "Bantuan Langsung Tunai (BLT) Dana Desa.",
            ),
        ],
        source=f"Peraturan Desa Sukamaju tentang APBDes Tahun Anggaran {year}",
        date_text=tgl(data_date, weekday=False),
    )
    return spec, data_date


def text_equivalent(spec: Infographic, lang: str = "id") -> str:
    """Return rich text stating everything the image of `spec` says, in reading order."""
    e = html.escape
    source, as_of = ("Sumber", "Keadaan data") if lang == "id" else ("Source", "Data as of")
    parts = [f"<p><b>{e(spec.title)}</b>. {e(spec.subtitle)}.</p>"]
    for section in spec.sections:
        parts.append(f"<h2>{e(section.heading)}</h2>")
        if section.kind == "bars":
            rows = "".join(f"<li>{e(b.label)}: {e(b.display)}</li>" for b in section.bars)
            parts.append(f"<ul>{rows}</ul>")
            if section.target:
                line = "Garis merah putus-putus" if lang == "id" else "Red dashed line"
                parts.append(f"<p>{line}: {e(section.target[1])}.</p>")
        elif section.kind == "steps":
            rows = "".join(f"<li><b>{e(t)}</b>. {e(x)}</li>" for t, x in section.steps)
            parts.append(f"<ol>{rows}</ol>")
        else:
            rows = "".join(f"<li>{e(v)}: {e(label)}</li>" for v, label in section.facts)
            parts.append(f"<ul>{rows}</ul>")
        if section.note:
            parts.append(f"<p>{e(section.note)}</p>")
    parts.append(f"<p>{source}: {e(spec.source)}. {as_of}: {e(spec.date_text)}.</p>")
    return "".join(parts)
