"""The site search's reading of what a resident typed: synonyms and near-misses.

`expand` turns the typed words into a search query in which every word or phrase of a
synonym group (pages.models.SearchSynonym) stands for the whole group. `suggestion` offers
the nearest known words when a search finds nothing ("pengumunan" -> "pengumuman"): the
database backends have no typo tolerance on SQLite, and on PostgreSQL only with an
extension, so the spelling is checked against the words of the site itself.
"""

import difflib

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.search.query import And, Or, PlainText

from pages.models.search import SearchSynonym, normalise_words

GROUPS_KEY = "search:synonym-groups"
VOCABULARY_KEY = "search:vocabulary:{language}"
VOCABULARY_SECONDS = 3600
# Words shorter than this are not corrected: too many short words are each other's typos.
SHORTEST_CORRECTED = 4


def synonym_groups() -> list[list[tuple[str, ...]]]:
    """Every group's phrases, kept in the cache until staff change a group."""
    groups = cache.get(GROUPS_KEY)
    if groups is None:
        groups = [group.phrases for group in SearchSynonym.objects.all()]
        cache.set(GROUPS_KEY, groups, None)
    return groups


@receiver(post_save, sender=SearchSynonym)
@receiver(post_delete, sender=SearchSynonym)
def _forget_groups(**kwargs):
    cache.delete(GROUPS_KEY)


def expand(terms: str):
    """Return the search query for `terms`: the text itself when no synonym applies, else an
    And of its words in which each phrase of a group is an Or of the whole group.

    Phrases are matched longest first, so "akte kelahiran" is read as one phrase before
    "akte" alone.
    """
    words = normalise_words(terms)
    by_phrase = {}
    for group in synonym_groups():
        for phrase in group:
            by_phrase.setdefault(phrase, group)
    longest = max((len(phrase) for phrase in by_phrase), default=0)
    parts, matched, i = [], False, 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            group = by_phrase.get(words[i : i + size])
            if group:
                parts.append(Or([PlainText(" ".join(phrase)) for phrase in group]))
                matched, i = True, i + size
                break
        else:
            parts.append(PlainText(words[i]))
            i += 1
    if not matched:
        return terms
    return parts[0] if len(parts) == 1 else And(parts)


def _vocabulary(pages, language: str) -> list[str]:
    key = VOCABULARY_KEY.format(language=language)
    words = cache.get(key)
    if words is None:
        found = set()
        for title in pages.values_list("title", flat=True)[:5000]:
            found.update(word for word in normalise_words(title) if word.isalpha())
        for group in synonym_groups():
            for phrase in group:
                found.update(phrase)
        words = sorted(found)
        cache.set(key, words, VOCABULARY_SECONDS)
    return words


def suggestion(terms: str, pages, language: str) -> str | None:
    """Return the typed words with each unknown one replaced by the nearest word of the site,
    or None when nothing near is found. `pages` are the pages the search looks in."""
    words = normalise_words(terms)
    vocabulary = _vocabulary(pages, language)
    known = set(vocabulary)
    corrected, changed = [], False
    for word in words:
        if word in known or len(word) < SHORTEST_CORRECTED or not word.isalpha():
            corrected.append(word)
            continue
        near = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.8)
        if near:
            corrected.append(near[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
