"""What Wagtail 8's admin needs to work under the strict Content-Security-Policy.

- Chooser widgets (image, document, page, snippet) end in an inline
  `<script>new ImageChooser(id, options);</script>`. `render_chooser` writes the same call as
  JSON data, which the browser does not run and the policy therefore allows;
  static/security/admin-init.js makes the call. The date and time widgets and the inline
  panels get the same treatment in our copies of their templates (templates/wagtailadmin/).
- The rich-text editor (Draftail) renders `<style>` elements whose text depends on the
  editor's block keys, so no hash can name them. Every admin page loads
  static/security/admin-style-nonce.js first (our templates/wagtailadmin/admin_base.html),
  with the page's nonce; it gives the nonce to each `<style>` element a script creates, and
  `style-src-elem` allows that nonce. A `<style>` in markup, `style=""` attributes and inline
  scripts stay refused.
- The focal-point cropper (Jcrop) probes for touch events by setting `ontouchstart="return;"`
  on a detached element: that one handler text is allowed by its hash.

docs/privacy.md lists this; tests/browser/test_csp.py proves it with the policy enforced.
"""

from csp.constants import NONCE
from django.utils.html import json_script
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser

ADMIN_PREFIX = "/admin/"
# sha256 of "return;" (Jcrop's touch probe): `printf 'return;' | openssl sha256 -binary | base64`
JCROP_TOUCH_PROBE = "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"


def admin_directives(directives: dict) -> dict:
    """Return the directives added under /admin/ to the site's `directives`.

    `style-src-elem` and `script-src-attr` take precedence over `style-src` and `script-src`
    for `<style>` elements and event-handler attributes only; style attributes and every
    script still follow the site's policy.
    """
    # The site's hash is for its 500 page only; NONCE becomes 'nonce-…' when the page used
    # request.csp_nonce (admin_base.html), and is dropped otherwise.
    styles = [source for source in directives["style-src"] if not source.startswith("'sha")]
    return {
        "style-src-elem": [*styles, NONCE],
        "script-src-attr": ["'unsafe-hashes'", JCROP_TOUCH_PROBE, "'report-sample'"],
    }


_wagtail_render_js_init = BaseChooser.render_js_init


def render_chooser(self, name, value, attrs=None, renderer=None):
    """BaseChooser.render, with its start-up call as data instead of an inline script."""
    if type(self).render_js_init is not _wagtail_render_js_init:
        return _original_render(self, name, value, attrs, renderer)  # a custom call: as is
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as error:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from error
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(id_, name, value_data)
    call = json_script({"name": self.js_constructor, "args": [id_, options]})
    call = call.replace("<script ", '<script data-lk-init="new" ', 1)
    return mark_safe(f"{widget_html}{call}")  # noqa: S308 (Wagtail's HTML and escaped JSON)


_original_render = BaseChooser.render


def install():
    """Make Wagtail's chooser widgets render without inline scripts (called once, at start)."""
    BaseChooser.render = render_chooser
