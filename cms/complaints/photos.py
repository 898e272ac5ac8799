"""Resident photos: verified with Pillow, stripped of metadata, resized, re-encoded as JPEG.

Re-encoding from pixels drops everything else the file carried (EXIF with GPS position and
phone model, XMP, comments, thumbnails), which matters because a photo can reveal where a
reporter lives (reference/domain.md 3.4).

Memory: one upload may raise a worker's resident memory by at most about 150 MB
(docs/performance.md, `benchmarks/upload_memory.py`). The header is read without decoding
and a photo with more pixels than its format's limit is refused before any pixel is decoded;
a JPEG is decoded already scaled down (libjpeg's `draft`) close to the 1600-pixel output; the
other formats are decoded whole once and reduced strip by strip, so no second full-size copy
is ever made.
"""

import io
import warnings

from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
MAX_SIDE = 1600
# Pixels a photo may have, per format. A JPEG is decoded at 1/2, 1/4 or 1/8 of its size, so
# 40 megapixels (more than any phone camera's default) cost about 25 MB. PNG is decoded whole
# (4 bytes a pixel), HEIC twice over (libheif's buffer, then Pillow's) and WebP three times
# (libwebp's canvas, its copy, Pillow's): their limits keep the worst accepted file within the
# 150 MB budget (benchmarks/upload_memory.py).
MAX_PIXELS = 40_000_000
MAX_PIXELS_BY_FORMAT = {
    "JPEG": MAX_PIXELS,
    "PNG": 25_000_000,
    "WEBP": 8_000_000,
    "HEIF": 16_000_000,
}
JPEG_QUALITY = 82
# Rows reduced at a time (times the reduction factor): each strip is a small temporary copy.
STRIP_ROWS = 128

# Pillow format name -> file extensions that may carry it.
FORMATS = {
    "JPEG": {"jpg", "jpeg", "jfif"},
    "PNG": {"png"},
    "WEBP": {"webp"},
    "HEIF": {"heic", "heif"},
}

# EXIF orientation -> the transpose that turns the picture upright (as ImageOps.exif_transpose).
ORIENTATION = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
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
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat it as an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            upload.seek(0)
            with Image.open(upload) as probe:  # reads the header only
                image_format = probe.format
                width, height = probe.size
                _photo_format_check(image_format, extension, width * height)
                probe.verify()
            upload.seek(0)
            image = Image.open(upload)
            clean = _photo_reduce(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError(_("This image is too large to process. Send a normal photo.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoError(
            _(
                "We cannot open this file as a photo. Choose a photo from your gallery "
                "or take one with the camera."
            )
        ) from None
    out = io.BytesIO()
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _photo_format_check(image_format, extension, pixels):
    """Refuse, from the header alone, a format we do not take or a photo with too many pixels."""
    if image_format not in FORMATS:
        raise PhotoError(
            _(
                "We cannot use this kind of picture. Choose a photo from your gallery "
                "or take one with the camera."
            )
        )
    if extension not in FORMATS[image_format]:
        # Its name says one kind of picture, its content another: a renamed file.
        raise PhotoError(
            _("This file is not the photo its name says. Choose the photo again from your gallery.")
        )
    limit = MAX_PIXELS_BY_FORMAT[image_format]
    if pixels > limit:
        raise PhotoError(
            _(
                "The photo is too large: %(pixels)s megapixels, at most %(limit)s megapixels. "
                "Send a photo straight from the phone's camera or make it smaller."
            )
            % {"pixels": round(pixels / 1_000_000), "limit": limit // 1_000_000}
        )


def _photo_reduce(image):
    """Return the upright RGB (or grey) picture fitting MAX_SIDE, without tags or transparency."""
    width, height = image.size
    scale = min(1.0, MAX_SIDE / max(width, height))
    target = (max(1, round(width * scale)), max(1, round(height * scale)))
    orientation = image.getexif().get(0x0112)
    if image.format == "JPEG":
        image.draft(None, target)  # decode at 1/2, 1/4 or 1/8 while still at least `target`
    image.load()
    width, height = image.size
    factor = max(1, min(width // target[0], height // target[1]))
    # At most twice the target each way and nothing to flatten: resized directly.
    direct = factor == 1 and image.mode in ("RGB", "L")
    reduced = image if direct else _photo_strips(image, factor)
    clean = reduced.resize(target, Image.Resampling.LANCZOS) if reduced.size != target else reduced
    if orientation in ORIENTATION:
        clean = clean.transpose(ORIENTATION[orientation])
    if clean is image:  # copy the pixels alone, so no tag of the file goes along
        clean = Image.new(image.mode, image.size)
        clean.paste(image)
    return clean


def _photo_strips(image, factor):
    """Return `image` flattened and reduced `factor` times, a strip of rows at a time."""
    width, height = image.size
    mode = "L" if image.mode == "L" else "RGB"
    reduced = Image.new(mode, (-(-width // factor), -(-height // factor)), "white")
    rows = STRIP_ROWS * factor
    for top in range(0, height, rows):
        strip = _photo_flatten(image.crop((0, top, width, min(height, top + rows))))
        if factor > 1:
            strip = strip.reduce(factor)
        reduced.paste(strip, (0, top // factor))
    return reduced


def _photo_flatten(strip):
    """Return `strip` as RGB or L, transparent parts on white."""
    if strip.mode in ("RGB", "L"):
        return strip
    background = Image.new("RGB", strip.size, "white")
    rgba = strip.convert("RGBA")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background
