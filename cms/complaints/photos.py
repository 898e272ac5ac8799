"""Resident photos: verified with Pillow, stripped of metadata, resized, re-encoded as JPEG.

Re-encoding from pixels drops everything else the file carried (EXIF with GPS position and
phone model, XMP, comments, thumbnails), which matters because a photo can reveal where a
reporter lives (reference/domain.md 3.4).
"""

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
# A 10 MB file may legitimately hold a 50-megapixel photo; anything far beyond is a bomb.
MAX_PIXELS = 60_000_000
JPEG_QUALITY = 82

# Pillow format name -> file extensions that may carry it.
FORMATS = {
    "JPEG": {"jpg", "jpeg", "jfif"},
    "PNG": {"png"},
    "WEBP": {"webp"},
    "HEIF": {"heic", "heif"},
}

try:  # HEIC photos from iPhones; pillow-heif comes with Wagtail's image library.
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - then HEIC is refused like any unknown format
    FORMATS.pop("HEIF")

from .errors import PhotoError  # noqa: E402


def photo_process(upload) -> ContentFile:
    """Return a clean JPEG of at most MAX_SIDE pixels; raise PhotoError with a resident message."""
    if upload.size > MAX_BYTES:
        raise PhotoError(_("The photo is larger than 10 MB. Choose a smaller photo."))
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                image_format = probe.format
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise Image.DecompressionBombError("too many pixels")
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(_("This image is too large to process. Send a normal photo.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError(
            _("This file is not a photo we can read. Send a JPEG, PNG, WebP or HEIC photo.")
        ) from None
    if image_format not in FORMATS:
        raise PhotoError(_("Send the photo as JPEG, PNG, WebP or HEIC."))
    if extension not in FORMATS[image_format]:
        raise PhotoError(
            _("The file name ends in .%(ext)s but the file is a %(format)s image.")
            % {"ext": extension or "?", "format": image_format}
        )

    # Turn the pixels upright as the phone meant, then forget every tag.
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, "white")
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="photo.jpg")
