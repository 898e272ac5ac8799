"""What staff keep around complaints: the categories and villages residents choose from, the
public holidays the SLA clock skips, and the ready answers staff start a reply from."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Site


def default_site_id() -> int | None:
    """Return the default site's id: where a category made without naming a site belongs."""
    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


class ComplaintCategory(models.Model):
    """What a complaint is about, in plain words; staff keep the list short (about 20).

    Each kecamatan (Wagtail site) keeps its own list with its own SLA targets; a new site
    starts with copies of the default site's (cms/complaints/sites.py, docs/regency.md).
    """

    site = models.ForeignKey(
        Site,
        verbose_name=_("kecamatan (site)"),
        default=default_site_id,
        on_delete=models.CASCADE,
        related_name="complaint_categories",
    )
    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    # One per site: the same topic keeps the same slug on every kecamatan's site.
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.CharField(
        _("short explanation"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the name in the complaint form."),
    )
    service_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related service page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verify_days = models.PositiveSmallIntegerField(_("verify within (working days)"), default=3)
    respond_days = models.PositiveSmallIntegerField(
        _("respond within (working days)"),
        default=5,
        help_text=_("Counted from verification."),
    )
    is_other = models.BooleanField(
        _("catch-all category"),
        default=False,
        help_text=_('The "Other" choice, always listed last.'),
    )
    is_active = models.BooleanField(_("offered in the form"), default=True)
    requires_nik = models.BooleanField(
        _("asks for the NIK"),
        default=False,
        help_text=_(
            "Only for topics that cannot be handled without the resident's national ID number "
            "(e.g. civil registration). The form then asks for it and it is required."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("site"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("service_page"),
        FieldPanel("verify_days"),
        FieldPanel("respond_days"),
        FieldPanel("requires_nik"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
        FieldPanel("is_other"),
    ]

    class Meta:
        ordering = ["is_other", "sort_order", "name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "slug"],
                name="complaint_category_slug_per_site",
                violation_error_message=_("This kecamatan already has a category with this slug."),
            )
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Desa(models.Model):
    """A village (desa) or urban village (kelurahan) of the kecamatan, from the list staff keep.

    Residents choose one in the complaint form; the public figures count complaints per listed
    village only, never per what someone typed (docs/surveys.md).
    """

    class Kind(models.TextChoices):
        DESA = "desa", _("Village (desa)")
        KELURAHAN = "kelurahan", _("Urban village (kelurahan)")

    name = models.CharField(
        _("name"), max_length=80, unique=True, help_text=_('Without "Desa": e.g. Sukamaju.')
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.DESA)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    is_active = models.BooleanField(
        _("offered in the form"),
        default=True,
        help_text=_("Untick for a village that was merged or renamed: its figures stay."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("slug"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("village (desa/kelurahan)")
        verbose_name_plural = _("villages (desa/kelurahan)")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """Return "Desa Sukamaju" or "Kelurahan Mekarsari" (the words are the same in English)."""
        return f"{self.kind.title()} {self.name}"


class Holiday(models.Model):
    """A public holiday or collective leave day (cuti bersama): no working day for the SLA clock."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class ReplyTemplate(models.Model):
    """A ready answer staff start from; signed as the kecamatan when sent."""

    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"), max_length=2000)

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title
