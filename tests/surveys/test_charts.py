"""The server-drawn charts keep every text inside the picture (the browser check at 360 px is
tests/browser/test_survey_in_browser.py; this one runs everywhere, on the layout's estimate)."""

import xml.etree.ElementTree as ET

from django.utils import translation

from cms.surveys.charts import WIDTH, bar_chart, text_width, trend_chart

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str):
    root = ET.fromstring(str(svg))
    width, height = (float(n) for n in root.get("viewBox").split()[2:])
    for node in root.iter(f"{SVG}text"):
        x, y = float(node.get("x")), float(node.get("y"))
        size = text_width(node.text)
        anchor = node.get("text-anchor", "start")
        left = {"start": x, "middle": x - size / 2, "end": x - size}[anchor]
        yield node.text, left, left + size, y, width, height


def test_long_names_and_full_marks_fit_the_bar_chart():
    items = [
        ("Fasilitasi Kartu Keluarga baru dan perubahan data kependudukan warga", 100.0),
        ("Izin usaha mikro: pendampingan NIB (dulu IUMK)", 88.31),
        ("WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", 25.0),
    ]
    with translation.override("id"):
        svg = bar_chart(items, maximum=100, title="IKM")
    found = list(texts(svg))
    assert [text for text, *_ in found if "," in text] == ["100,00", "88,31", "25,00"]
    for text, left, right, y, width, height in found:
        assert left >= 0 and right <= width == WIDTH and 0 < y <= height, text
    assert found[4][0].endswith("…")  # the row of W is cut, with an ellipsis


def test_large_counts_fit_the_trend_chart():
    trend = [
        {"month": f"2025-{month:02d}", "received": 123456 * month, "finished": 1000}
        for month in range(1, 13)
    ]
    for text, left, right, y, width, height in texts(trend_chart(trend)):
        assert left >= 0 and right <= width and 0 < y <= height, text
