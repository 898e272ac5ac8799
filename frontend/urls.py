"""The frontend's addresses at the site root, the same in every language.

The service worker's scope is the whole site, and share cards and complaint photos have one
address whatever the language. The addresses that exist per language (forms, feeds, search)
are in localized_urls.py, which the project's URLconf puts inside its i18n_patterns.
"""

from django.urls import path

from frontend import complaints as complaint_views
from frontend import discovery, pwa_views, sharing, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", discovery.sitemap, name="sitemap"),
    path("robots.txt", discovery.robots, name="robots"),
    path("bagikan/kartu/<int:page_id>.jpg", sharing.share_card, name="share-card"),
    path("bagikan/kartu/situs.jpg", sharing.share_card_site, name="share-card-site"),
    # At the site root: the worker's scope is the whole site (docs/pwa.md).
    path("serviceworker.js", pwa_views.service_worker, name="serviceworker"),
    path("manifest.json", pwa_views.manifest, name="manifest"),
    path("favicon.ico", pwa_views.favicon, name="favicon"),
    path("pengaduan/foto/<str:code>/", complaint_views.complaint_photo, name="complaint-photo"),
]
