import shutil
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation
from wagtail.models import Site

from pages.models import (
    AnnouncementIndexPage,
    EventIndexPage,
    GuideIndexPage,
    HomePage,
    InfographicIndexPage,
    ServiceIndexPage,
)
from tests.factories import (
    AnnouncementIndexPageFactory,
    EventIndexPageFactory,
    GuideIndexPageFactory,
    HomePageFactory,
    InfographicIndexPageFactory,
    ServiceIndexPageFactory,
    translate,
)
from tests.security_client import VerifiedClient

# name in the tree -> (model, factory, English title)
INDEXES = {
    "announcements": (AnnouncementIndexPage, AnnouncementIndexPageFactory, "Announcements"),
    "infographics": (InfographicIndexPage, InfographicIndexPageFactory, "Infographics"),
    "guides": (GuideIndexPage, GuideIndexPageFactory, "Guides"),
    "services": (ServiceIndexPage, ServiceIndexPageFactory, "Services"),
    "events": (EventIndexPage, EventIndexPageFactory, "Events"),
}


def pytest_collection_modifyitems(session, config, items):
    """Run the migration tests last. On SQLite they are transactional (its schema editor cannot
    work inside a transaction) and end with a flush that leaves none of the migrations' data
    (Wagtail's root page, groups, starter categories) and re-created content types, on which a
    later test's serialized data would collide. Their flush harms no one at the end."""
    last = [item for item in items if item.fspath.basename.endswith("_migration.py")]
    if last:
        # Before the browser tests, though: Playwright's event loop makes Django refuse
        # database work from the main thread after them (SynchronousOnlyOperation).
        rest = [item for item in items if item not in last]
        browser = [item for item in rest if "browser" in item.fspath.dirname.split("/")[-1:]]
        plain = [item for item in rest if item not in browser]
        items[:] = plain + last + browser


def pytest_sessionfinish(session, exitstatus):
    # cms.settings.test makes a new media folder per run; remove it so /tmp does not fill up.
    from django.conf import settings

    for folder in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        media = Path(folder)
        if media.parent == Path(tempfile.gettempdir()) and media.name.startswith("layanan-test-"):
            shutil.rmtree(media, ignore_errors=True)


@pytest.fixture
def client():
    """pytest-django's client, but force_login() also passes the second factor."""
    return VerifiedClient()


@pytest.fixture
def unverified_client():
    """A client whose force_login() stops after the password, before the second factor."""
    from django.test import Client

    return Client()


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the site's default language (Indonesian).

    A request through the test client activates its language in this thread and nothing
    switches it back, so a test after an English request would otherwise read English.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache (banner, menu, site root paths, renditions)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def _trees(django_db_setup, django_db_blocker):
    """Build the Indonesian tree and its English translation once per test module.

    They are made inside a transaction that is rolled back after the module's last test.
    Each test runs in a savepoint inside it (pytest-django's `db`), so whatever a test adds
    is gone before the next test while the trees stay: a tree costs 0.5 to 1 s to publish,
    and most tests need one. Yields {"id": {name: pk}, "en": {name: pk}}.

    A module that uses the trees must use them in every database test, so that no test
    depends on whether an earlier one in the same module built them.
    """
    with django_db_blocker.unblock():
        with transaction.atomic():
            cache.clear()
            # Live without revisions: as servable as published pages, and built faster.
            home = HomePageFactory(site_root=True, publish=False, live=True)
            indonesian = {"home": home.pk}
            english = {}
            for name, (_model, factory, english_title) in INDEXES.items():
                index = factory(parent=home, publish=False, live=True)
                indonesian[name] = index.pk
                english[name] = translate(index, title=english_title).pk
            english["home"] = HomePage.objects.get(
                translation_key=home.translation_key, locale__language_code="en"
            ).pk
            Site.clear_site_root_paths_cache()
            yield {"id": indonesian, "en": english}
            transaction.set_rollback(True)
        cache.clear()


def _fetch(pks: dict) -> SimpleNamespace:
    """Return fresh instances, so no test sees another test's in-memory changes (numchild)."""
    pages = {"home": HomePage.objects.get(pk=pks["home"])}
    for name, (model, _factory, _title) in INDEXES.items():
        pages[name] = model.objects.get(pk=pks[name])
    return SimpleNamespace(**pages)


@pytest.fixture
def site_tree(_trees, db):
    """Return the published Indonesian tree most public-site tests start from.

        Root
        └── Beranda (HomePage, root of the default Site; Wagtail's welcome page is gone)
            ├── Pengumuman  /pengumuman/   (AnnouncementIndexPage)   .announcements
            ├── Infografis  /infografis/   (InfographicIndexPage)    .infographics
            ├── Panduan     /panduan/      (GuideIndexPage)          .guides
            ├── Layanan     /layanan/      (ServiceIndexPage)        .services
            └── Kegiatan    /kegiatan/     (EventIndexPage)          .events

    The English translation (`site_tree_en`) always exists beside it.
    """
    return _fetch(_trees["id"])


@pytest.fixture
def site_tree_en(_trees, db):
    """Return the English translation of `site_tree`, published and served under /en/.

        Root
        ├── Beranda (id, site root)             /
        │   └── ... the five lists above
        └── Beranda (en, translation of it)     /en/
            ├── Announcements                   /en/pengumuman/
            ├── Infographics                    /en/infografis/
            ├── Guides                          /en/panduan/
            ├── Services                        /en/layanan/
            └── Events                          /en/kegiatan/

    Slugs are copied from Indonesian (Wagtail keeps them); titles are English.
    """
    return _fetch(_trees["en"])


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        username="camat", email="camat@kecamatan.local", password="rahasia-sekali-123"
    )
