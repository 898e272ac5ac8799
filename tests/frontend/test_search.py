"""The site search at /cari/ (and /en/cari/)."""

import pytest

from tests.factories import (
    AnnouncementPageFactory,
    GuidePageFactory,
    StandardPageFactory,
    translate,
)
from tests.utils import count_queries, main_links, soup

pytestmark = pytest.mark.django_db


def result_links(response) -> list[str]:
    return [a["href"] for a in soup(response).select("main ol a[href]")]


def test_empty_search_shows_the_form_and_no_results(client, site_tree):
    response = client.get("/cari/")

    assert response.status_code == 200
    assert soup(response).find("input", attrs={"name": "q"}) is not None
    assert result_links(response) == []


def test_search_finds_live_pages_of_every_kind(client, site_tree):
    announcement = AnnouncementPageFactory(title="Jadwal posyandu bulan ini")
    guide = GuidePageFactory(title="Panduan posyandu untuk kader")
    draft = StandardPageFactory(title="Posyandu (draf)", publish=False)

    links = result_links(client.get("/cari/", {"q": "posyandu"}))

    assert set(links) == {announcement.url, guide.url}
    assert draft.url not in links


def test_search_keeps_to_the_active_language(client, site_tree_en, site_tree):
    page = AnnouncementPageFactory(title="Jadwal imunisasi")
    english = translate(page, title="Immunisation schedule", summary="When to bring your child.")

    assert result_links(client.get("/cari/", {"q": "imunisasi"})) == [page.url]
    assert result_links(client.get("/en/cari/", {"q": "imunisasi"})) == []
    assert result_links(client.get("/en/cari/", {"q": "immunisation"})) == [english.url]


def test_search_with_nothing_found_says_so(client, site_tree):
    response = client.get("/cari/", {"q": "zzzyyyxxx"})

    assert response.status_code == 200
    assert result_links(response) == []
    assert soup(response).select_one("main [role=status]") is not None


def test_search_survives_odd_input(client, site_tree):
    AnnouncementPageFactory(title="Pengumuman KTP")

    for query in [
        {"q": "ktp", "halaman": "abc"},
        {"q": "ktp", "halaman": "999"},
        {"q": "ktp", "halaman": "-1"},
        {"q": "   "},
        {"q": "KTP/KK"},
        {"q": "*"},
        {"q": "NOT"},
        {"q": "a AND"},
        {"q": "100%"},
        {"q": "'; DROP TABLE wagtailcore_page; --"},
    ]:
        assert client.get("/cari/", query).status_code == 200, query


def test_long_query_is_cut_to_one_hundred_characters(client, site_tree):
    response = client.get("/cari/", {"q": "ktp " * 100})

    assert response.status_code == 200
    assert len(soup(response).find("input", attrs={"name": "q"})["value"]) <= 100


def test_results_are_paginated_by_ten(client, site_tree):
    for n in range(11):
        StandardPageFactory(title=f"Informasi pajak {n}", publish=False, live=True)

    first = client.get("/cari/", {"q": "pajak"})
    second = client.get("/cari/", {"q": "pajak", "halaman": "2"})

    assert len(result_links(first)) == 10
    assert len(result_links(second)) == 1
    assert soup(first).find("a", rel="next")["href"] == "?q=pajak&halaman=2"


def test_search_survives_an_unbalanced_quote_and_still_finds_the_word(client, site_tree):
    page = AnnouncementPageFactory(title="Pengumuman KTP")

    for q in ['ktp"', '"ktp', "(ktp*", "ktp\x00", "\x00ktp\x1f"]:
        response = client.get("/cari/", {"q": q})
        assert response.status_code == 200, q
        assert result_links(response) == [page.url], q
    assert client.get("/cari/", {"q": '")(*'}).status_code == 200


def test_search_costs_the_same_queries_for_one_or_ten_results(client, site_tree):
    StandardPageFactory(title="Retribusi pasar")
    one = count_queries(client, "/cari/?q=retribusi")
    for n in range(9):
        StandardPageFactory(title=f"Retribusi pasar {n}", publish=False, live=True)

    assert count_queries(client, "/cari/?q=retribusi") == one


def test_search_links_in_main_are_only_results(client, site_tree):
    page = AnnouncementPageFactory(title="Pendaftaran beasiswa")

    assert main_links(client.get("/cari/", {"q": "beasiswa"})) == [page.url]


def test_search_of_only_control_characters_finds_nothing_politely(client, site_tree):
    """A query of NUL bytes is no query at all: a normal page, no error."""
    AnnouncementPageFactory(title="Pengumuman KTP")

    response = client.get("/cari/", {"q": "\x00\x00"})

    assert response.status_code == 200
    assert result_links(response) == []


def test_search_reads_how_residents_write(client, site_tree):
    """e-ktp, akte kelahiran and bikin ktp find the pages that say KTP, akta kelahiran and
    membuat KTP (the starter synonym groups of the migration)."""
    ktp = GuidePageFactory(title="Membuat KTP untuk pertama kali")
    birth = GuidePageFactory(
        title="Mengurus akta kelahiran anak",
        requirements=[{"type": "item", "value": "Surat keterangan dari bidan"}],
    )
    AnnouncementPageFactory(title="Jadwal posyandu")

    assert result_links(client.get("/cari/", {"q": "e-ktp"})) == [ktp.url]
    assert result_links(client.get("/cari/", {"q": "KTP-el"})) == [ktp.url]
    assert result_links(client.get("/cari/", {"q": "akte kelahiran"})) == [birth.url]
    assert result_links(client.get("/cari/", {"q": "bikin ktp"})) == [ktp.url]
    assert result_links(client.get("/cari/", {"q": "bikin akte"})) == [birth.url]  # "mengurus akta"
    assert result_links(client.get("/cari/", {"q": "bikin sktm"})) == []  # no page says either


def test_staff_can_add_synonyms_and_the_search_uses_them_at_once(client, site_tree):
    from pages.models import SearchSynonym

    page = AnnouncementPageFactory(title="Pembagian sembako di balai desa")
    assert result_links(client.get("/cari/", {"q": "bantuan pangan"})) == []
    SearchSynonym.objects.create(words="sembako, bantuan pangan, beras murah")
    assert result_links(client.get("/cari/", {"q": "bantuan pangan"})) == [page.url]
    assert result_links(client.get("/cari/", {"q": "beras murah"})) == [page.url]


def test_a_misspelt_search_offers_the_word_the_site_uses(client, site_tree):
    AnnouncementPageFactory(title="Pengumuman pemadaman listrik")
    response = client.get("/cari/", {"q": "pemadamam"})
    assert result_links(response) == []
    offer = soup(response).select_one("main a[href^='/cari/?q=']")
    assert offer is not None and offer.get_text(strip=True) == "pemadaman"
    assert "Mungkin maksud Anda" in soup(response).select_one("main").get_text()
