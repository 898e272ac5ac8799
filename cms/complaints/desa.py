"""Which listed village a free-text location names: for complaints sent before residents chose
their desa from the list (the data migration and `manage.py match_complaint_desa`).

Only an exact name counts, in any case: "Desa Sukamaju RT 02" or "sukamaju" finds Sukamaju,
"Ds. Sukamaju Kidul" finds Sukamaju Kidul if listed; a name not on the list finds nothing (the
complaint stays without a desa, counted as "not stated / other"), so whatever a resident typed
never becomes a village in the public figures.
"""

import re

# The word(s) after "Desa", "Kelurahan", "Kel." or "Ds.", up to a comma, a number or "RT/RW".
NAMED = re.compile(
    r"\b(?:desa|kelurahan|kel\.|ds\.)\s*([A-Za-z][A-Za-z'\- ]*?)\s*(?=$|[,;.(/0-9]|\bRT\b|\bRW\b)",
    re.IGNORECASE,
)


def desa_key(name: str) -> str:
    """Return the form two names are compared in: lower case, single spaces."""
    return " ".join((name or "").lower().split())


def desa_named_in(text: str, listed: dict[str, int]) -> int | None:
    """Return the id of the listed village `text` names exactly, or None.

    `listed` maps desa_key(name) to the village's id. The whole text may be the name, or the
    name follows "Desa"/"Kelurahan"/"Kel."/"Ds.", possibly followed by RT/RW, a number or a
    comma; longer names win ("Sukamaju Kidul" over "Sukamaju").
    """
    whole = desa_key(text)
    if whole in listed:
        return listed[whole]
    for match in NAMED.finditer(text or ""):
        words = desa_key(match.group(1)).split()
        # "Desa Sukamaju depan SDN 2": try the longest run of words that is a listed name.
        for end in range(len(words), 0, -1):
            candidate = " ".join(words[:end])
            if candidate in listed:
                return listed[candidate]
    return None
