"""Fields and behaviour every page type shares."""

import re
from datetime import datetime, time

from django.core.paginator import Paginator
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.api_fields import CategoryField, ImageRenditionsField
from pages.forms import PageForm

PAGE_SIZE = 10
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,60}")


def for_cards(queryset):
    """Return `queryset` with what a listing card shows (image, its renditions, category) joined.

    A fixed number of queries, whatever the number of cards.
    """
    return queryset.select_related("listing_image", "category").prefetch_related(
        "listing_image__renditions"
    )


@register_snippet
class Category(index.Indexed, models.Model):
    """A topic shared by every kind of content (Kependudukan, Kesehatan, ...)."""

    name = models.CharField(_("name"), max_length=60, unique=True)
    name_en = models.CharField(_("name in English"), max_length=60, blank=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """Return the name in the active language (Indonesian when no English name is set)."""
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class BasePage(Page):
    """Abstract: what every page has for listings, sharing and the API."""

    base_form_class = PageForm

    summary = models.TextField(
        _("summary"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_("One or two sentences shown in listings, search results and shared links."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown in listings and when the page is shared. At least 1200 x 630 pixels."),
    )
    # An image is shared by the page's translations, its description is in one language: the
    # alt text in the page's own language lives on the page, translated with it.
    listing_image_alt = models.CharField(
        _("listing image alt text"),
        max_length=255,
        blank=True,
        help_text=_(
            "What the image shows, in this page's language, for readers who cannot see it. "
            "Empty: the image's own description."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    api_fields = [
        APIField("summary"),
        APIField("listing_image", serializer=ImageRenditionsField()),
    ]
    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("listing_image"),
        FieldPanel("listing_image_alt"),
    ]

    class Meta:
        abstract = True

    @property
    def listing_image_alt_text(self) -> str:
        """Return the listing image's alt text in this page's language, else its description."""
        if self.listing_image_alt:
            return self.listing_image_alt
        return self.listing_image.default_alt_text if self.listing_image else ""

    def paginate(self, request, queryset, per_page: int = PAGE_SIZE):
        """Return the requested page of `queryset`; a missing or bad number gives a valid page."""
        return Paginator(queryset, per_page).get_page(request.GET.get("halaman"))


class ContentPage(BasePage):
    """Abstract: a piece of content residents read (announcement, guide, ...)."""

    display_date = models.DateField(
        _("date shown to readers"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("The date residents see; listings are ordered by it, newest first."),
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    search_fields = [
        *BasePage.search_fields,
        index.FilterField("display_date"),
        index.FilterField("category_id"),
        index.RelatedFields("category", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("display_date"),
        APIField("category", serializer=CategoryField()),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("category"),
        FieldPanel("display_date"),
    ]

    class Meta:
        abstract = True

    @property
    def published_at(self):
        """When the page was published, as readers see it: the date shown (`display_date`),
        at the time of first publication when that was the same day, else at midnight.

        Feeds, structured data and the page itself all give this date, so a reader, a feed
        reader and a search engine agree on it and feeds stay in the listing's order.
        """
        first = self.first_published_at
        if first is not None and timezone.localtime(first).date() == self.display_date:
            return first
        return timezone.make_aware(datetime.combine(self.display_date, time.min))


class IndexPage(BasePage):
    """Abstract: a listing of one kind of content, paginated, optionally by category."""

    intro = models.TextField(_("introduction"), blank=True, max_length=500)

    content_panels = [*BasePage.content_panels, FieldPanel("intro")]
    api_fields = [*BasePage.api_fields, APIField("intro")]
    max_count_per_parent = 1
    parent_page_types = ["pages.HomePage"]
    show_in_menus_default = True

    class Meta:
        abstract = True

    def items(self):
        """Return the live, public children of this listing, newest first."""
        child_model = self.specific_class.allowed_subpage_models()[0]
        return for_cards(
            child_model.objects.child_of(self).live().public().order_by("-display_date", "-pk")
        )

    def filter_items(self, request, items):
        """Narrow `items` by the query string; unknown values are ignored, never an error."""
        slug = request.GET.get("kategori", "")
        # Anything that cannot be a slug (a NUL byte breaks PostgreSQL) is simply unknown.
        valid = SLUG.fullmatch(slug) is not None
        category = Category.objects.filter(slug=slug).first() if valid else None
        if category is not None:
            items = items.filter(category=category)
        return items, {"active_category": category}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items, extra = self.filter_items(request, self.items())
        context.update(extra)
        context["items"] = self.paginate(request, items)
        context["categories"] = Category.objects.filter(pk__in=self.items().values("category_id"))
        return context
