"""Signals the complaint app sends so that other apps can add to its work without it knowing them.

The complaint app imports no other domain app: an app that has something to say in a
complaint's notifications (the survey's link, say) connects a receiver here instead.
"""

from django.dispatch import Signal

# Sent by tasks.notify_resident while it writes the email about a public change, in the site's
# language, with `complaint` and `event` (the ComplaintEvent announced). A receiver returns a
# paragraph (text) to end the email with, or None for nothing. cms/surveys/signals.py answers
# with the survey's link once the complaint is closed.
resident_email_paragraphs = Signal()
