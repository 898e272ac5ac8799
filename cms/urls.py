import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.router import api_router
from frontend import complaints as complaint_views
from frontend import discovery, pwa_views, sharing
from frontend import privacy as privacy_views
from frontend import surveys as survey_views
from frontend import views as frontend_views

urlpatterns = [
    # Staff second factor (cms/security): before the admin's own URLs.
    path("admin/2fa/", include("cms.security.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", frontend_views.healthz, name="healthz"),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("robots.txt", discovery.robots, name="robots"),
    path("bagikan/kartu/<int:page_id>.jpg", sharing.share_card, name="share-card"),
    path("bagikan/kartu/situs.jpg", sharing.share_card_site, name="share-card-site"),
    # At the site root: the worker's scope is the whole site (docs/pwa.md).
    path("serviceworker.js", pwa_views.service_worker, name="serviceworker"),
    path("manifest.json", pwa_views.manifest, name="manifest"),
    path("favicon.ico", pwa_views.favicon, name="favicon"),
    path("api/v2/", api_router.urls),
    path("pengaduan/foto/<str:code>/", complaint_views.complaint_photo, name="complaint-photo"),
    path("api/", include("api.urls")),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Development only; in production the web server serves MEDIA_ROOT (docs/production.md).
    urlpatterns += [
        re_path(
            rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

# Indonesian lives at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("cari/", frontend_views.search, name="search"),
    path("feed/pengumuman/", discovery.AnnouncementFeed(), name="feed-announcements"),
    path("feed/pengumuman/atom/", discovery.AnnouncementAtomFeed(), name="feed-announcements-atom"),
    path(
        "feed/pengumuman/<slug:category>/",
        discovery.AnnouncementFeed(),
        name="feed-announcements-category",
    ),
    path(
        "feed/pengumuman/<slug:category>/atom/",
        discovery.AnnouncementAtomFeed(),
        name="feed-announcements-category-atom",
    ),
    path("feed/kegiatan/", discovery.EventFeed(), name="feed-events"),
    path("feed/kegiatan/atom/", discovery.EventAtomFeed(), name="feed-events-atom"),
    path("pengaduan/", complaint_views.complaint_list, name="complaint-list"),
    path("pengaduan/baru/", complaint_views.complaint_new, name="complaint-new"),
    # The form posts here, not to its own address: a post invalidates the browser's copy of
    # the address it went to, and the form's copy must survive for Back (frontend/complaints.py).
    path("pengaduan/kirim/", complaint_views.complaint_new, name="complaint-send"),
    path(
        "pengaduan/terkirim/<str:code>/",
        complaint_views.complaint_receipt,
        name="complaint-receipt",
    ),
    path("pengaduan/saya/", complaint_views.complaint_mine, name="complaint-mine"),
    path("pengaduan/lacak/", complaint_views.complaint_track_form, name="complaint-track-form"),
    path("pengaduan/lacak/<str:code>/", complaint_views.complaint_track, name="complaint-track"),
    path("privasi/", privacy_views.privacy, name="privacy"),
    path("privasi/permintaan/", privacy_views.privacy_request, name="privacy-request"),
    path("offline/", pwa_views.offline, name="offline"),
    path("pasang-aplikasi/", pwa_views.install_help, name="install_help"),
    path("survei/terima-kasih/", survey_views.survey_thanks, name="survey-thanks"),
    path("survei/pengaduan/<str:code>/", survey_views.survey_complaint, name="survey-complaint"),
    path("survei/<slug:slug>/", survey_views.survey_service, name="survey-service"),
    path("transparansi/", survey_views.transparency, name="transparency"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
