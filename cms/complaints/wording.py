"""The words residents read for a complaint's status, apart from the staff's words.

Staff keep the office terms of SP4N-LAPOR! (Complaint.Status labels: "Didisposisikan",
"Bukan wewenang kami"); a resident reads what the status means for them. The Indonesian of
both lives in the catalogue under its own context (pgettext), so translators can tell them
apart. The terms are listed in docs/panduan-editor.md ("Kata yang sama di mana-mana").
"""

from django.utils.translation import pgettext, pgettext_lazy

# Keyed by the stored values of Complaint.Status and Complaint.Privacy: the model reads these
# words (Complaint.resident_status), so this module cannot import it back (one-way imports,
# tests/test_dependencies.py); tests/complaints/test_resident_words.py checks every value has
# its words.
RESIDENT_STATUS = {
    "diterima": pgettext_lazy("status for residents", "Received, waiting to be checked"),
    "diverifikasi": pgettext_lazy("status for residents", "Checked by an officer"),
    "didisposisikan": pgettext_lazy("status for residents", "Passed to the officer in charge"),
    "diproses": pgettext_lazy("status for residents", "Being worked on"),
    "selesai": pgettext_lazy("status for residents", "Done"),
    "ditolak": pgettext_lazy("status for residents", "Cannot be handled"),
    "bukan_wewenang": pgettext_lazy(
        "status for residents", "Not for the kecamatan: see where to go"
    ),
    "duplikat": pgettext_lazy("status for residents", "Already reported: follow the same report"),
}


def resident_status_label(status: str) -> str:
    """Return what `status` means to a resident, in the active language."""
    return str(RESIDENT_STATUS.get(status, ""))


def resident_overdue_label() -> str:
    """Return the badge of a complaint past its deadline: the kecamatan is late, not you."""
    return pgettext("status for residents", "Past our deadline")


# The answers to "Who may see your complaint?", in the words of the question (staff keep
# Public / Anonymous / Confidential).
RESIDENT_PRIVACY = [
    ("public", pgettext_lazy("privacy for residents", "Everyone, with my name")),
    (
        "anonymous",
        pgettext_lazy("privacy for residents", "Everyone, without my name"),
    ),
    ("confidential", pgettext_lazy("privacy for residents", "Only the officers")),
]
