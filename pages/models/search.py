"""Words residents use for the same thing, so the site search finds what they mean.

Residents write "e-ktp", "akte kelahiran" or "bikin ktp" where the content says "KTP-el",
"akta kelahiran" and "membuat KTP". Staff keep the groups of words that mean the same
(Snippets > Search synonyms); a search for any word or phrase of a group finds every page
with any other of the group. The starter groups come with the migration that creates the
table; staff may change or add to them.
"""

import re

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet

# Hyphens, dots and slashes join the parts of one word as residents write it ("e-ktp",
# "ktp.el"); for matching, the parts are read as separate words.
_JOINERS = re.compile(r"[\s\-./_]+")


def normalise_words(text: str) -> tuple[str, ...]:
    """Return the lower-case words of `text`, split at spaces and joiners."""
    return tuple(word for word in _JOINERS.split(text.lower()) if word)


@register_snippet
class SearchSynonym(models.Model):
    """One group of words or phrases that mean the same to a resident."""

    words = models.CharField(
        _("words that mean the same"),
        max_length=300,
        unique=True,
        help_text=_(
            "Separated by commas, for example: KTP, e-KTP, KTP-el, kartu tanda penduduk. "
            "A search for any of them also finds pages with the others."
        ),
    )

    panels = [FieldPanel("words")]

    class Meta:
        ordering = ["words"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")

    def __str__(self):
        return self.words

    @property
    def phrases(self) -> list[tuple[str, ...]]:
        """The group's entries, each as its normalised words, empty ones left out."""
        found = [normalise_words(part) for part in self.words.split(",")]
        return [phrase for phrase in found if phrase]
