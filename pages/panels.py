"""Panels of the page editor that show what other apps know about a page.

The content knows no workflow (README, "Dependencies run one way"): a panel here asks a Wagtail
hook, and the app that knows registers it. `PageInfoPanel("announcement_info")` on the
announcement shows, for example, what Web Push sent of it (cms/push/wagtail_hooks.py).
"""

from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.admin.panels import Panel


class PageInfoPanel(Panel):
    """Read-only: the HTML each function registered under the hook `hook_name` returns for
    (page, request); not shown when all of them return nothing (a page not saved yet too)."""

    def __init__(self, hook_name: str, **kwargs):
        super().__init__(**kwargs)
        self.hook_name = hook_name

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "hook_name": self.hook_name}

    class BoundPanel(Panel.BoundPanel):
        template_name = "pages/panels/page_info.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            parts = []
            if self.instance is not None and self.instance.pk:
                parts = [
                    fn(self.instance, self.request) for fn in hooks.get_hooks(self.panel.hook_name)
                ]
            self.content = format_html_join("", "{}", ((part,) for part in parts if part))

        def is_shown(self):
            return bool(self.content) and super().is_shown()
