import re

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

# The project's URLconf only puts the parts together: each face keeps its own addresses
# (frontend/urls.py, api/urls.py, cms/security/urls.py).
urlpatterns = [
    # Staff second factor (cms/security): before the admin's own URLs.
    path("admin/2fa/", include("cms.security.urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("frontend.urls")),
    path("api/", include("api.urls")),
    # Open311 GeoReport v2: a second face of the complaint services (open311/).
    path("open311/v2/", include("open311.urls")),
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
    path("", include("frontend.localized_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A form over the size limit: a page in the reader's language, 413 (frontend/views.py).
handler400 = "frontend.views.bad_request"
