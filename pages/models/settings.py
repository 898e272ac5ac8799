"""The kecamatan's own details, edited in Settings > Kecamatan."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class KecamatanSettings(BaseSiteSetting):
    name = models.CharField(_("kecamatan name"), max_length=100, default="Kecamatan")
    regency = models.CharField(_("regency or city"), max_length=100, blank=True)
    province = models.CharField(_("province"), max_length=100, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Square, at least 512 x 512 pixels."),
    )
    address = models.TextField(_("office address"), blank=True, max_length=300)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    whatsapp = models.CharField(
        _("WhatsApp number"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^\+?[0-9][0-9 -]{6,}$", _("Digits only, e.g. 0812 3456 7890 or 62812 3456 7890.")
            )
        ],
        help_text=_("E.g. 0812 3456 7890; links use the international form (62...)."),
    )
    email = models.EmailField(_("email"), blank=True)
    office_hours = models.TextField(
        _("office hours"), blank=True, max_length=300, help_text=_("One line per day range.")
    )
    office_hours_en = models.TextField(
        _("office hours in English"),
        blank=True,
        max_length=300,
        help_text=_("Shown on the English pages; empty: the office hours above."),
    )
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    x_url = models.URLField(_("X (Twitter)"), blank=True)
    # UU PDP: the data protection officer (pejabat pelindungan data pribadi), on /privasi/.
    dpo_name = models.CharField(
        _("data protection officer"),
        max_length=100,
        blank=True,
        help_text=_("Name or position, e.g. Sekretaris Kecamatan."),
    )
    dpo_email = models.EmailField(_("data protection officer's email"), blank=True)
    dpo_phone = models.CharField(_("data protection officer's phone"), max_length=30, blank=True)
    theme_color = models.CharField(
        _("theme colour"),
        max_length=7,
        default="#0b5d3b",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #0b5d3b."))],
        help_text=_("Hex colour, e.g. #0b5d3b"),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("regency"), FieldPanel("province"), FieldPanel("logo")],
            heading=_("Identity"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("whatsapp"),
                FieldPanel("email"),
                FieldPanel("office_hours"),
                FieldPanel("office_hours_en"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("youtube_url"),
                FieldPanel("x_url"),
            ],
            heading=_("Social media"),
        ),
        MultiFieldPanel(
            [FieldPanel("dpo_name"), FieldPanel("dpo_email"), FieldPanel("dpo_phone")],
            heading=_("Personal data protection"),
        ),
        FieldPanel("theme_color"),
    ]

    class Meta:
        verbose_name = _("kecamatan")

    @property
    def full_name(self) -> str:
        return ", ".join(part for part in [self.name, self.regency] if part)

    @property
    def office_hours_lines(self) -> list[str]:
        """Return the office hours in the active language, one day range a line."""
        english = (get_language() or "").startswith("en") and self.office_hours_en.strip()
        hours = self.office_hours_en if english else self.office_hours
        return [line.strip() for line in hours.splitlines() if line.strip()]

    @property
    def whatsapp_url(self) -> str:
        """Return the wa.me link; wa.me needs the international form (62...), not 08..."""
        digits = "".join(ch for ch in self.whatsapp if ch.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}" if digits else ""
