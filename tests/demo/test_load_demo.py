"""The demo kecamatan that `manage.py load_demo` loads (and `make run` serves)."""

from io import StringIO
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from pages.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    EventIndexPage,
    EventPage,
    GuideIndexPage,
    GuidePage,
    HomePage,
    InfographicIndexPage,
    InfographicPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
)
from pages.sites import in_site

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    HomePage,
    AnnouncementIndexPage,
    AnnouncementPage,
    InfographicIndexPage,
    InfographicPage,
    GuideIndexPage,
    GuidePage,
    ServiceIndexPage,
    ServicePage,
    EventIndexPage,
    EventPage,
    StandardPage,
]


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Load the demo once for the whole module (it draws images, so it takes seconds).

    Everything happens inside one transaction that is rolled back at the end of the module;
    each test runs in a savepoint inside it, so changes made by one test do not leak.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--no-image-versions", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def in_indonesian(model):
    """The first kecamatan's pages of `model` in Indonesian (the demo has two more sites)."""
    pages = model.objects.filter(locale=Locale.objects.get(language_code="id"))
    return in_site(pages, Site.objects.get(is_default_site=True))


def counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_loading_prints_the_login_details(demo_output):
    """The first run says what it created and where and how to log in."""
    assert "Demo kecamatan created" in demo_output
    assert f"{settings.WAGTAILADMIN_BASE_URL}/" in demo_output  # DJANGO_BASE_URL
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/" in demo_output
    assert "staf" in demo_output
    assert "staf-demo-2026" in demo_output


def test_two_more_kecamatan_answer_on_their_own_hosts(demo_output):
    """load_demo adds Cibodas and Mekarsari under .localhost, each with its own pages, and says
    where they are."""
    base = urlparse(settings.WAGTAILADMIN_BASE_URL)
    port = base.port or 80
    shown = f":{base.port}" if base.port else ""
    for host in ("cibodas.localhost", "mekarsari.localhost"):
        assert f"http://{host}{shown}/" in demo_output
        site = Site.objects.get(hostname=host, port=port)
        assert in_site(AnnouncementPage.objects.live(), site).exists()
        assert in_site(EventPage.objects.live(), site).exists()
    cibodas = Site.objects.get(hostname="cibodas.localhost")
    assert [page.title for page in in_site(AnnouncementPage.objects.live().urgent(), cibodas)] == [
        "Waspada banjir: Sungai Cibodas siaga 2"
    ]
    assert not Site.objects.get(hostname="cibodas.localhost").is_default_site


def test_the_neighbours_have_complaints_of_their_own(demo_output):
    """Cibodas and Mekarsari each get a few complaints, sent to their own site through the
    complaint services: each host's public list shows its own, never Sukamaju's."""
    from django.test import Client

    from cms.complaints.models import Complaint

    for host, own in (
        ("cibodas.localhost", "Sungai Cibodas"),
        ("mekarsari.localhost", "Mekarsari Wetan"),
    ):
        site = Site.objects.get(hostname=host)
        complaints = Complaint.objects.filter(site=site)
        assert complaints.count() == 2
        assert all(complaint.category.site == site for complaint in complaints)
        listed = Client(HTTP_HOST=host).get("/pengaduan/").content.decode()
        assert own in listed and "Sukamaju" not in listed
    default = Site.objects.get(is_default_site=True)
    assert Complaint.objects.filter(site=default).count() > 20


def test_demo_has_every_kind_of_content(demo_output):
    """The demo has the announcements, infographics, guides, services and events it promises."""
    assert in_indonesian(AnnouncementPage).live().count() >= 12
    assert in_indonesian(InfographicPage).live().count() == 4
    assert in_indonesian(GuidePage).live().count() == 6
    assert in_indonesian(ServicePage).live().count() >= 8
    assert in_indonesian(EventPage).live().count() == 3
    assert in_indonesian(StandardPage).live().filter(slug="tentang").exists()


def test_home_page_replaces_the_welcome_page(demo_output):
    """The Indonesian home page is the site root and Wagtail's welcome page is gone."""
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "id"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    home = site.root_page.specific
    slugs = set(home.get_children().values_list("slug", flat=True))
    assert {"pengumuman", "infografis", "panduan", "layanan", "kegiatan", "tentang"} <= slugs
    assert len(home.quick_links) == 4
    assert home.featured_pages.count() == 3


def test_one_urgent_announcement_is_current_and_one_has_expired(demo_output):
    """Exactly one emergency announcement is live and current; another one has expired."""
    announcements = in_indonesian(AnnouncementPage).live()
    urgent = announcements.urgent()
    assert urgent.count() == 1
    assert urgent.current().count() == 1
    assert urgent.get().valid_until > timezone.now()
    assert [page.is_expired for page in announcements].count(True) == 1
    assert announcements.filter(urgency=AnnouncementPage.Urgency.IMPORTANT).count() >= 2
    assert announcements.filter(pinned=True).count() == 1
    assert announcements.filter(attachments__isnull=False).exists()


def test_infographics_state_their_content_in_text(demo_output):
    """Every infographic has its image, a text equivalent, a data source and a data date."""
    for page in in_indonesian(InfographicPage):
        assert page.image.width >= 1440
        assert len(page.text_equivalent) > 200
        assert page.data_source
        assert page.data_date


def test_guides_have_steps_and_one_has_a_video(demo_output):
    """Guides have three to six steps, a time and a cost; one of them has a video."""
    guides = list(in_indonesian(GuidePage))
    for guide in guides:
        assert 3 <= len(guide.steps) <= 6
        assert guide.estimated_time
        assert guide.estimated_cost
    assert sum(len(guide.video) for guide in guides) == 1


def test_services_cover_the_three_paten_groups(demo_output):
    """The service catalogue has licensing, non-licensing and civil registration services."""
    groups = set(in_indonesian(ServicePage).values_list("group", flat=True))
    assert groups == {"perizinan", "non-perizinan", "adminduk"}


def test_every_page_type_exists_in_both_languages(demo_output):
    """Every page type has a live page in Indonesian and in English."""
    for code in ("id", "en"):
        locale = Locale.objects.get(language_code=code)
        for model in PAGE_TYPES:
            assert model.objects.live().filter(locale=locale).exists(), (model.__name__, code)


def test_english_pages_are_served_under_en(demo_output):
    """English translations live under /en/, with the same slugs as the Indonesian pages."""
    english = Locale.objects.get(language_code="en")
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.get_translation(english)
    assert home.relative_url(site) == "/en/"
    urgent = in_site(AnnouncementPage.objects.urgent(), site).get(locale=english)
    assert urgent.relative_url(site) == "/en/pengumuman/peringatan-dini-banjir-sungai-cisaruni/"
    assert urgent.title.startswith("Flood warning")


def test_page_tree_stays_consistent(demo_output):
    """Loading the demo leaves no broken paths or child counts in the page tree."""
    assert all(not problems for problems in Page.find_problems())


def test_demo_pages_are_searchable(demo_output):
    """The new pages are in the search index."""
    assert list(Page.objects.live().search("KTP"))


def test_running_the_demo_twice_creates_nothing_new(demo_output):
    """Running the demo twice creates nothing new and says the demo already exists."""
    before = counts()
    out = StringIO()

    call_command("load_demo", "--no-image-versions", stdout=out)

    assert counts() == before
    assert "already exists" in out.getvalue()


def test_staff_account_uses_the_admin_in_indonesian(demo_output):
    """The demo staff account is a superuser whose admin is in Indonesian."""
    user = get_user_model().objects.get(username="staf")
    assert user.is_superuser
    assert user.check_password("staf-demo-2026")
    assert user.wagtail_userprofile.preferred_language == "id"


def test_existing_staff_password_is_never_reset(demo_output):
    """A staff member's changed password survives another run of the demo."""
    user = get_user_model().objects.get(username="staf")
    user.set_password("kata-sandi-baru-2026")
    user.save()

    call_command("load_demo", "--no-image-versions", stdout=StringIO())

    user.refresh_from_db()
    assert user.check_password("kata-sandi-baru-2026")


def test_demo_complaints_cover_the_workflow_and_load_once(demo_output):
    """Demo complaints exist in several states, one is late, and a rerun adds none."""
    from cms.complaints.models import Complaint
    from cms.complaints.selectors import complaint_overdue

    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"diterima", "diverifikasi", "diproses", "selesai", "bukan_wewenang"} <= statuses
    assert complaint_overdue().exists()
    assert Complaint.objects.filter(is_public=True).exists()
    total = Complaint.objects.count()
    call_command("load_demo", "--no-image-versions", stdout=StringIO())
    assert Complaint.objects.count() == total
    officer = get_user_model().objects.get(username="petugas")
    assert not officer.is_superuser
    assert officer.has_perm("complaints.change_complaint")
    assert not officer.has_perm("wagtailcore.change_page")


def test_demo_staff_can_pass_two_factor_from_the_console(demo_output, client):
    """The console gives the demo's authenticator key and backup codes that work."""
    from django.test import Client

    from demo.security import demo_secret

    assert demo_secret() in demo_output
    line = next(line for line in demo_output.splitlines() if line.strip().startswith("staf:"))
    code = line.split(":", 1)[1].split()[0]
    browser = Client()
    browser.post("/admin/login/", {"username": "staf", "password": "staf-demo-2026"})
    assert browser.get("/admin/").status_code == 302
    assert browser.post("/admin/2fa/verify/", {"token": code}).status_code == 302
    assert browser.get("/admin/").status_code == 200


def test_the_transparency_page_shows_a_believable_year(demo_output, client):
    """Complaints and survey answers over the past twelve months, through the real services:
    the satisfaction index is a number and the monthly table is not a row of zeros."""
    from wagtail.models import Site

    from cms.surveys.figures import build_figures
    from cms.surveys.models import SurveyResponse
    from cms.surveys.periods import period_parse

    assert "survey answers over the past twelve months" in demo_output
    this_year = period_parse(f"{timezone.localdate().year}")
    sukamaju = Site.objects.get(is_default_site=True)
    trend = build_figures(this_year, sukamaju)["trend"]
    assert sum(1 for month in trend if month["respondents"]) >= 11
    assert sum(1 for month in trend if month["received"]) >= 11
    assert all(month["ikm"] is None or 65 <= month["ikm"] <= 95 for month in trend)
    assert build_figures(this_year, sukamaju)["satisfaction"]["kecamatan"]["ikm"] is not None
    assert SurveyResponse.objects.count() >= 100
    # A rerun adds nothing.
    total = SurveyResponse.objects.count()
    call_command("load_demo", "--no-image-versions", stdout=StringIO())
    assert SurveyResponse.objects.count() == total


def test_english_pages_name_services_hours_and_images_in_english(demo_output, client):
    """/en/transparansi/ names every rated service by its English page, the footer gives the
    office hours in English, and an English announcement describes its image in English."""
    from cms.surveys.selectors import survey_services

    english = Locale.objects.get(language_code="en")
    services = list(survey_services())
    titles_en = [page.get_translation(english).title for page in services]

    text = client.get("/en/transparansi/").content.decode()

    assert len(services) >= 10
    assert [page.title for page in services if page.title in text] == []
    assert [title for title in titles_en if title not in text] == []
    assert "Monday to Thursday" in text and "Senin" not in text
    announcement = AnnouncementPage.objects.live().filter(locale=english).first()
    assert announcement.listing_image_alt.startswith("A card reading")
