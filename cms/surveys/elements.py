"""The nine elements (unsur) of the SKM and their answer labels, after PermenPAN-RB 14/2017.

Order and names follow the regulation (Permen PANRB No. 14 Tahun 2017, Lampiran); the
questions and the four answers per element follow the standard questionnaire units publish
(the project's domain notes, section 4). Texts are written in English here and translated
in locale/id/LC_MESSAGES/django.po: the element names as the regulation writes them, the
questions in plain Indonesian with "Anda" (the regulation fixes the nine elements and the 1
to 4 scale; the "Bagaimana pendapat Saudara tentang ..." wording is the usual template's).
The cost labels ("Sangat mahal ... Gratis") are the usual template's; the regulation text
itself could not be checked for them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class Element:
    number: int  # 1 to 9, the regulation's order (U1 ... U9)
    code: str  # stable identifier for data and field names
    name: Promise
    question: Promise
    answers: tuple[Promise, Promise, Promise, Promise]  # scores 1, 2, 3, 4

    @property
    def field(self) -> str:
        return f"u{self.number}"


ELEMENTS = (
    Element(
        1,
        "persyaratan",
        pgettext_lazy("SKM element", "Requirements"),
        _("How well do the service requirements fit the kind of service?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable")),
    ),
    Element(
        2,
        "prosedur",
        pgettext_lazy("SKM element", "System, mechanism and procedure"),
        _("How easy is the service procedure in this unit?"),
        (_("Not easy"), _("Less easy"), _("Easy"), _("Very easy")),
    ),
    Element(
        3,
        "waktu",
        pgettext_lazy("SKM element", "Completion time"),
        _("How fast was the service delivered?"),
        (_("Not fast"), _("Less fast"), _("Fast"), _("Very fast")),
    ),
    Element(
        4,
        "biaya",
        pgettext_lazy("SKM element", "Cost/tariff"),
        _("How fair is the cost or tariff of the service?"),
        (_("Very expensive"), _("Rather expensive"), _("Cheap"), _("Free of charge")),
    ),
    Element(
        5,
        "produk",
        pgettext_lazy("SKM element", "Product specification of the service type"),
        _("How well does the product you received match what the service standard promises?"),
        (_("Not suitable"), _("Less suitable"), _("Suitable"), _("Very suitable")),
    ),
    Element(
        6,
        "kompetensi",
        pgettext_lazy("SKM element", "Competence of the staff"),
        _("How competent were the officers serving you?"),
        (_("Not competent"), _("Less competent"), _("Competent"), _("Very competent")),
    ),
    Element(
        7,
        "perilaku",
        pgettext_lazy("SKM element", "Behaviour of the staff"),
        _("How polite and friendly were the officers?"),
        (
            _("Not polite and friendly"),
            _("Less polite and friendly"),
            _("Polite and friendly"),
            _("Very polite and friendly"),
        ),
    ),
    Element(
        8,
        "pengaduan",
        pgettext_lazy("SKM element", "Handling of complaints, suggestions and feedback"),
        _("How are complaints from service users handled?"),
        (
            _("There is none"),
            _("Exists but does not work"),
            _("Works, but not fully"),
            _("Handled well"),
        ),
    ),
    Element(
        9,
        "sarana",
        pgettext_lazy("SKM element", "Facilities and infrastructure"),
        _("How good are the facilities and infrastructure?"),
        (_("Poor"), _("Adequate"), _("Good"), _("Very good")),
    ),
)
FIELDS = tuple(element.field for element in ELEMENTS)
assert len(ELEMENTS) == 9
