"""Builders for survey tests: service pages under the shared tree, responses through services."""

from cms.surveys import services
from cms.surveys.models import SurveyResponse
from tests.factories import ServicePageFactory


def service_page(site_tree, slug="surat-keterangan-domisili", title="Surat Keterangan Domisili"):
    return ServicePageFactory(parent=site_tree.services, slug=slug, title=title)


def answers_with_total(respondents: int, total: int) -> list[list[int]]:
    """Return `respondents` rows of nine scores 1 to 4 adding up to `total` (hand-checkable:
    the rows are as equal as possible)."""
    assert 9 * respondents <= total <= 36 * respondents
    cells = 9 * respondents
    base, extra = divmod(total, cells)
    flat = [base + (1 if index < extra else 0) for index in range(cells)]
    return [flat[row * 9 : row * 9 + 9] for row in range(respondents)]


def sums_of(rows) -> list[int]:
    return [sum(row[index] for row in rows) for index in range(9)]


def respond(service, scores, **kwargs) -> SurveyResponse:
    response, _created = services.survey_submit(service=service, answers=scores, **kwargs)
    return response
