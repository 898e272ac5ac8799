"""The small, deliberate set of blocks editors build page bodies from."""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "components/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Link text"),
        required=False,
        help_text=_("Leave empty to use the document's title."),
    )

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "components/blocks/document.html"


def validate_link(value: str) -> None:
    """Accept a web address, a mailto:/tel: link or a path on this site (/pengaduan/baru/)."""
    if value.startswith("/") and not value.startswith("//"):
        return
    if value.startswith(("mailto:", "tel:")):
        return
    URLValidator(schemes=["http", "https"])(value)


class LinkBlock(blocks.StructBlock):
    """Abstract: a link to a page of the site or to an address, exactly one of the two."""

    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.CharBlock(
        label=_("Or an address"),
        required=False,
        validators=[validate_link],
        help_text=_("A full address (https://...), or a path on this site starting with /."),
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Choose a page or enter an address."))}
            )
        return value


class CallToActionBlock(LinkBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "components/blocks/cta.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=120)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "components/blocks/callout.html"


def youtube_id(url: str) -> str:
    """Return the YouTube video id of `url`, or "" when it is not a YouTube address."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        return parsed.path.lstrip("/").split("/")[0]
    if host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            return parse_qs(parsed.query).get("v", [""])[0]
        parts = parsed.path.strip("/").split("/")
        if len(parts) == 2 and parts[0] in {"embed", "shorts", "live"}:
            return parts[1]
    return ""


class VideoBlock(blocks.StructBlock):
    """A video that downloads nothing from a third party until the reader taps it."""

    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube address."))
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    thumbnail = ImageChooserBlock(label=_("Thumbnail"), required=False)

    class Meta:
        icon = "media"
        label = _("Video (loads on tap)")
        template = "components/blocks/video.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["youtube_id"] = youtube_id(value["url"])
        return context


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=150)
    text = blocks.RichTextBlock(
        label=_("Explanation"), required=False, features=["bold", "italic", "link", "ul", "ol"]
    )
    image = ImageChooserBlock(label=_("Image"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("Paragraph"))
    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=120,
        form_classname="title",
        template="components/blocks/heading.html",
    )
    image = ImageWithCaptionBlock()
    document = DocumentLinkBlock()
    cta = CallToActionBlock()
    callout = CalloutBlock()
    video = VideoBlock()


class QuickLinkBlock(LinkBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Quick link")
