import pytest
from wagtail import blocks
from wagtail.models import Page

from pages.blocks import CallToActionBlock, QuickLinkBlock, VideoBlock, youtube_id


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42", "dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("http://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc&t=10", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared", "dQw4w9WgXcQ"),
        ("https://www.youtube.com/watch", ""),
        ("https://www.youtube.com/channel/UC123", ""),
        ("https://www.youtube.com/", ""),
        ("https://vimeo.com/76979871", ""),
        ("https://notyoutube.com/watch?v=dQw4w9WgXcQ", ""),
        ("https://youtube.com.example.org/watch?v=dQw4w9WgXcQ", ""),
        ("not a url", ""),
        ("", ""),
    ],
)
def test_youtube_id_reads_every_youtube_address_shape(url, expected):
    assert youtube_id(url) == expected


def test_video_block_gives_its_template_the_video_id():
    block = VideoBlock()
    value = block.to_python({"url": "https://youtu.be/dQw4w9WgXcQ", "title": "Cara daftar"})

    assert block.get_context(value)["youtube_id"] == "dQw4w9WgXcQ"


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", [CallToActionBlock, QuickLinkBlock])
def test_link_blocks_need_exactly_one_of_page_or_address(block_class):
    block = block_class()
    text_field = "text" if block_class is CallToActionBlock else "label"
    page = Page.get_first_root_node()

    def value(page_id, url):
        return block.to_python({text_field: "Buat pengaduan", "page": page_id, "url": url})

    assert block.clean(value(page.pk, ""))["page"] == page
    assert block.clean(value(None, "https://kecamatan.example.go.id/"))["url"]
    for page_id, url in [(None, ""), (page.pk, "https://kecamatan.example.go.id/")]:
        with pytest.raises(blocks.StructBlockValidationError) as error:
            block.clean(value(page_id, url))
        assert "url" in error.value.block_errors
