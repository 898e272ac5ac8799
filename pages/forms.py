"""The admin form every page type edits with: Wagtail's, with a slug message that helps."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm


class PageForm(WagtailAdminPageForm):
    def clean(self):
        """When the slug is taken by an unpublished sibling, say so and link it.

        Leaving the "add page" form can leave a draft behind (autosave); a second try then
        met a bare "slug already in use" with nothing to show which page holds it.
        """
        slug = self.cleaned_data.get("slug")  # Wagtail's error takes it out of cleaned_data
        cleaned_data = super().clean()
        if not slug or "slug" not in self.errors or self.parent_page is None:
            return cleaned_data
        draft = (
            self.parent_page.get_children()
            .filter(slug=slug, live=False)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if draft is not None:
            self.errors["slug"] = self.error_class(
                [
                    format_html(
                        _(
                            "An unpublished draft, “{title}”, already uses the slug “{slug}” "
                            'here (perhaps left from an earlier try). <a href="{url}">Open the '
                            "draft</a> to finish or delete it, or choose another slug."
                        ),
                        title=draft.title,
                        slug=slug,
                        url=reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                    )
                ]
            )
        return cleaned_data
