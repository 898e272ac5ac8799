"""The public figures of a period, in one plain structure shared by the dashboard, the JSON and
CSV open data and the staff report. No personal data goes in: counts, medians and averages.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import complaint_figures, selectors
from .elements import ELEMENTS
from .figures_cache import figures_cached
from .ikm import IkmResult
from .periods import Period, _add_months, last_twelve_months


def _ikm(result: IkmResult, users: int | None) -> dict:
    return {
        "respondents": result.respondents,
        "elements": [None if value is None else float(value) for value in result.elements],
        "ikm": None if result.ikm is None else float(result.ikm),
        "grade": result.grade,
        **selectors.sample_status(users, result.respondents),
    }


def _number(value):
    return None if value is None else float(value)


def build_figures(period: Period, site, today: datetime.date | None = None) -> dict:
    """Compute every figure for `period` (no cache); a fixed number of queries. The complaint
    figures are `site`'s (or ALL_SITES'); the satisfaction ones the install's."""
    today = today or timezone.localdate()
    english = (get_language() or "").startswith("en")
    category_counts = complaint_figures.complaint_category_counts(period, today, site)
    complaints = complaint_figures.complaint_period_figures(period, today, site, category_counts)
    for key in (
        "finished_within_target_percent",
        "median_days_to_response",
        "median_days_to_completion",
    ):
        complaints[key] = _number(complaints[key])
    categories = complaint_figures.complaint_by_category(period, today, site, category_counts)
    for row in categories:
        row["name"] = row.pop("name_en") if english else row["name"]
        row.pop("name_en", None)
    desa = complaint_figures.complaint_by_desa(period, today, site)
    for row in desa:
        row["name"] = row.pop("display_name") or _("Not stated / other")

    users = selectors.service_users(period)
    by_service, total = selectors.ikm_by_service_with_total(period)
    services = list(selectors.survey_services())
    titles = selectors.service_titles(services)
    service_rows = []
    for page in services:
        result = by_service.get(page.pk) or IkmResult(0, [None] * len(ELEMENTS), None, None)
        service_rows.append(
            {"service": page.slug, "name": titles[page.pk], **_ikm(result, users.get(page.pk))}
        )

    months = last_twelve_months(today)
    next_day = _add_months(months[-1], 1)
    complaint_months = complaint_figures.complaint_by_month(months[0], next_day, site)
    survey_months = selectors.ikm_by_month(months[0], next_day)
    trend = []
    for first in months:
        key = f"{first:%Y-%m}"
        counts = complaint_months.get(key, {"received": 0, "finished": 0})
        ikm = survey_months.get(key)
        trend.append(
            {
                "month": key,
                "received": counts["received"],
                "finished": counts["finished"],
                "respondents": ikm.respondents if ikm else 0,
                "ikm": float(ikm.ikm) if ikm and ikm.ikm is not None else None,
            }
        )
    return {
        "period": {
            "key": period.key,
            "label": period.label,
            "first_day": period.first_day.isoformat(),
            "last_day": (period.next_day - datetime.timedelta(days=1)).isoformat(),
            "is_current": period.contains_today(),
        },
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "complaints": {**complaints, "by_category": categories, "by_desa": desa},
        "satisfaction": {
            "elements": [
                {"number": element.number, "code": element.code, "name": str(element.name)}
                for element in ELEMENTS
            ],
            "kecamatan": _ikm(total, users.get(None)),
            "services": service_rows,
        },
        "trend": trend,
    }


FIGURES_CACHE_NAME = "transparency"


def transparency_figures(period: Period, site) -> dict:
    """Return the figures of `period` for `site` (a Wagtail site, whose complaints are counted;
    complaint_figures.ALL_SITES for every complaint), from the shared cache when nothing
    changed since."""
    return figures_cached(
        FIGURES_CACHE_NAME,
        lambda: build_figures(period, site),
        period.key,
        complaint_figures.site_part(site),
        localized=True,
    )


CSV_HEADER = ["period", "section", "item", "measure", "value"]


def figures_csv_rows(figures: dict):
    """Yield the figures as tidy rows: period, section, item, measure, value."""
    key = figures["period"]["key"]
    complaints = figures["complaints"]
    for measure in (
        "received",
        "finished",
        "in_progress",
        "overdue",
        "closed_other",
        "finished_within_target",
        "finished_within_target_percent",
        "median_days_to_response",
        "median_days_to_completion",
    ):
        yield [key, "complaints", "all", measure, complaints[measure]]
    for row in complaints["by_category"]:
        for measure in ("received", "finished", "in_progress", "overdue"):
            yield [key, "complaints_by_category", row["slug"], measure, row[measure]]
    for row in complaints["by_desa"]:
        for measure in ("received", "finished", "in_progress", "overdue"):
            yield [key, "complaints_by_desa", row["slug"] or "-", measure, row[measure]]
    satisfaction = figures["satisfaction"]
    entries = [("kecamatan", satisfaction["kecamatan"])]
    entries += [(row["service"], row) for row in satisfaction["services"]]
    for item, row in entries:
        for measure in ("respondents", "ikm", "grade", "users", "sample_size", "sample_met"):
            yield [key, "ikm", item, measure, row[measure]]
        for element, value in zip(satisfaction["elements"], row["elements"], strict=True):
            yield [key, "ikm", item, f"nrr_u{element['number']}_{element['code']}", value]
    for row in figures["trend"]:
        for measure in ("received", "finished", "respondents", "ikm"):
            yield [row["month"], "trend", "kecamatan", measure, row[measure]]


def element_rows(satisfaction: dict) -> list:
    """Return [(element, kecamatan NRR, [NRR per service])] for the table of the nine scores."""
    return [
        (
            element,
            satisfaction["kecamatan"]["elements"][index],
            [service["elements"][index] for service in satisfaction["services"]],
        )
        for index, element in enumerate(satisfaction["elements"])
    ]
