import io
import struct
import zlib

import pytest
from PIL import Image

from cms.complaints.errors import PhotoError
from cms.complaints.photos import photo_process

from .helpers import gps_exif, jpeg_bytes, png_zeros, upload


def _open(content_file):
    return Image.open(io.BytesIO(content_file.read()))


def test_location_and_camera_data_are_removed_and_photo_turned_upright():
    original = jpeg_bytes(size=(1200, 800), exif=gps_exif())
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS is really there

    image = _open(photo_process(upload(data=original)))

    assert image.format == "JPEG"
    assert dict(image.getexif()) == {}
    assert "exif" not in image.info and "xmp" not in image.info
    assert image.size == (800, 1200)  # orientation 6 applied, then the tag dropped


def test_large_photo_is_resized_to_1600_pixels():
    image = _open(photo_process(upload(data=jpeg_bytes(size=(4000, 3000)))))
    assert image.size == (1600, 1200)


def test_png_with_transparency_and_webp_are_accepted():
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (255, 0, 0, 0)).save(out, "PNG")
    assert _open(photo_process(upload("a.png", out.getvalue(), "image/png"))).mode == "RGB"
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "blue").save(out, "WEBP")
    assert _open(photo_process(upload("a.webp", out.getvalue(), "image/webp"))).size == (300, 200)


def test_heic_from_an_iphone_is_accepted():
    pillow_heif = pytest.importorskip("pillow_heif")
    out = io.BytesIO()
    heif = pillow_heif.from_pillow(Image.new("RGB", (640, 480), "green"))
    heif.save(out, quality=60)
    image = _open(photo_process(upload("IMG_0001.HEIC", out.getvalue(), "image/heic")))
    assert image.format == "JPEG" and image.size == (640, 480)


def test_a_file_that_is_not_an_image_is_refused_in_plain_words():
    with pytest.raises(PhotoError) as raised:
        photo_process(upload("foto.jpg", b"%PDF-1.4 not an image at all", "image/jpeg"))
    # What to do, not file-format names a resident does not know (issue 16).
    assert str(raised.value.message) == (
        "Berkas ini tidak dapat kami buka sebagai foto. Pilih foto dari galeri "
        "atau ambil dengan kamera."
    )


def test_a_wrong_extension_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "PNG")
    with pytest.raises(PhotoError) as raised:
        photo_process(upload("foto.jpg", out.getvalue()))
    assert "PNG" not in raised.value.message and "galeri" in raised.value.message


def _png_header_only(width, height) -> bytes:
    """A tiny PNG that claims a huge size: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_decompression_bomb_is_refused():
    bomb = _png_header_only(40_000, 40_000)
    assert len(bomb) < 2000
    with pytest.raises(PhotoError):
        photo_process(upload("bomb.png", bomb, "image/png"))


def test_more_than_10_mb_is_refused_before_reading():
    big = upload("big.jpg", b"\xff" * (10 * 1024 * 1024 + 1))
    with pytest.raises(PhotoError) as raised:
        photo_process(big)
    assert "10 MB" in raised.value.message


@pytest.fixture(scope="module")
def hostile_png():
    data = png_zeros(7745, 7745)
    with Image.open(io.BytesIO(data)) as image:  # a real PNG, as Pillow sees it
        assert (image.format, image.size, image.mode) == ("PNG", (7745, 7745), "RGBA")
    assert len(data) < 300 * 1024
    return data


def test_60_megapixel_png_is_refused_from_its_header(hostile_png):
    with pytest.raises(PhotoError) as raised:
        photo_process(upload("layar.png", hostile_png, "image/png"))
    assert "60" in raised.value.message and "25" in raised.value.message


def test_big_jpeg_turned_by_exif_is_decoded_small_and_upright():
    original = jpeg_bytes(size=(4000, 3000), exif=gps_exif())  # orientation 6
    image = _open(photo_process(upload(data=original)))
    assert image.size == (1200, 1600)
    assert dict(image.getexif()) == {}


def test_transparent_parts_of_a_large_png_become_white():
    out = io.BytesIO()
    picture = Image.new("RGBA", (4000, 3000), (255, 0, 0, 0))
    picture.paste((0, 0, 255, 255), (0, 0, 2000, 3000))
    picture.save(out, "PNG")
    image = _open(photo_process(upload("a.png", out.getvalue(), "image/png")))
    assert image.size == (1600, 1200) and image.mode == "RGB"
    assert image.getpixel((1200, 600))[0] > 240 and image.getpixel((1200, 600))[2] > 240
    assert image.getpixel((400, 600))[2] > 200 and image.getpixel((400, 600))[0] < 20
