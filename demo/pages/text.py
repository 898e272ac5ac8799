"""Small helpers to write demo content: dates in words, numbers, rich text and stream blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

DAYS_ID = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS_ID = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


# References, resolved by the loader once the object exists ----------------------------------


@dataclass(frozen=True)
class PageRef:
    """A demo page by key; in English content it resolves to the English translation."""

    key: str


@dataclass(frozen=True)
class ImageRef:
    key: str


@dataclass(frozen=True)
class DocRef:
    key: str


# Dates ---------------------------------------------------------------------------------------


class Dates:
    """Dates relative to the moment the demo is loaded, so it always looks current."""

    def __init__(self, now: dt.datetime | None = None):
        self.now = now or timezone.now()
        self.today = timezone.localtime(self.now).date()

    def day(self, offset: int) -> dt.date:
        return self.today + dt.timedelta(days=offset)

    def workday(self, offset: int) -> dt.date:
        """Return today + `offset` days, moved forward to a Monday if it falls on a weekend."""
        day = self.day(offset)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        return day

    def workdays(self, start_offset: int, count: int) -> list[dt.date]:
        days, day = [], self.workday(start_offset)
        while len(days) < count:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        return days

    def next_weekday(self, offset: int, weekday: int) -> dt.date:
        """Return the first date on or after today + `offset` that falls on `weekday` (0=Monday)."""
        day = self.day(offset)
        return day + dt.timedelta(days=(weekday - day.weekday()) % 7)

    @staticmethod
    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def tgl(day: dt.date, weekday: bool = True) -> str:
    """Return an Indonesian date: "Senin, 15 Desember 2025"."""
    text = f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"
    return f"{DAYS_ID[day.weekday()]}, {text}" if weekday else text


def date_en(day: dt.date, weekday: bool = True) -> str:
    """Return an English date: "Monday 15 December 2025"."""
    text = f"{day.day} {day:%B} {day.year}"
    return f"{day:%A} {text}" if weekday else text


def bulan(day: dt.date) -> str:
    return f"{MONTHS_ID[day.month - 1]} {day.year}"


# Numbers -------------------------------------------------------------------------------------


def num(value: float, lang: str = "id", decimals: int = 0) -> str:
    """Return `value` grouped the way readers expect: 9.842 and 97,2 in Indonesian."""
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def rupiah_juta(value: int, lang: str = "id") -> str:
    """Return an amount in millions of rupiah: "Rp1.084,3 juta" / "IDR 1,084.3 million"."""
    millions = num(value / 1_000_000, lang, 1)
    return f"Rp{millions} juta" if lang == "id" else f"IDR {millions} million"


# Rich text and stream blocks (raw JSON form) ------------------------------------------------


def p(*sentences: str) -> str:
    return f"<p>{' '.join(sentences)}</p>"


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def callout(text_html: str, title: str = "", kind: str = "info") -> dict:
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": text_html}}


def cta(text: str, page: PageRef) -> dict:
    return {"type": "cta", "value": {"text": text, "page": page, "url": ""}}


def image(ref: ImageRef, caption: str, alt_text: str) -> dict:
    """Return an image block; ImageBlock requires alt text unless the image is decorative."""
    value = {"image": ref, "decorative": False, "alt_text": alt_text}
    return {"type": "image", "value": {"image": value, "caption": caption}}


def document(ref: DocRef, title: str = "") -> dict:
    return {"type": "document", "value": {"document": ref, "title": title}}


def video(url: str, title: str, thumbnail: ImageRef | None = None) -> dict:
    return {"type": "video", "value": {"url": url, "title": title, "thumbnail": thumbnail}}


def items(*texts: str) -> list[dict]:
    """Return requirement items for a guide."""
    return [{"type": "item", "value": text} for text in texts]


def steps(*pairs: tuple[str, str]) -> list[dict]:
    """Return guide steps from (title, explanation HTML) pairs."""
    return [
        {"type": "step", "value": {"title": title, "text": text, "image": None}}
        for title, text in pairs
    ]


def quick_link(label: str, page: PageRef) -> dict:
    return {"type": "link", "value": {"label": label, "page": page, "url": ""}}
