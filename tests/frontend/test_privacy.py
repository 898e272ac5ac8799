"""The privacy page (/privasi/), linked from the footer and the complaint form."""

from django.urls import reverse
from wagtail.models import Site

from pages.models import KecamatanSettings
from tests.utils import soup, text_of


def test_privacy_page_in_indonesian_with_the_dpo(site_tree, client):
    site_settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.dpo_name = "Sekretaris Kecamatan"
    site_settings.dpo_email = "ppdp@kecamatan.example.go.id"
    site_settings.save()
    response = client.get("/privasi/")
    assert response.status_code == 200
    text = text_of(response)
    assert "Data pribadi" in text or "data pribadi" in text
    assert "2 tahun" in text and "Sekretaris Kecamatan" in text
    assert soup(response).select_one("[data-dpo-email]")["href"] == (
        "mailto:ppdp@kecamatan.example.go.id"
    )
    assert soup(client.get("/")).select_one(".site-footer a[href='/privasi/']")
    form = soup(client.get(reverse("complaint-new")))
    assert form.select_one(".privacy-notice a[href='/privasi/']")
