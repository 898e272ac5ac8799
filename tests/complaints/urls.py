"""The site's URLs, plus stand-ins for resident-side views where they are not merged yet.

The detail page links the photo through the URL name `complaint-photo`, and emails to
residents link `complaint-track`; the resident side owns both views. Where the real views
exist this adds nothing.
"""

from django.http import HttpResponse
from django.urls import NoReverseMatch, path, reverse

from cms.urls import urlpatterns as site_urlpatterns


def _stand_in(request, code):
    return HttpResponse(b"")


urlpatterns = list(site_urlpatterns)
for name, route in [
    ("complaint-photo", "pengaduan/foto/<str:code>/"),
    ("complaint-track", "pengaduan/lacak/<str:code>/"),
]:
    try:
        reverse(name, args=["KCM-AAAA-AAAA"], urlconf="cms.urls")
    except NoReverseMatch:
        urlpatterns.insert(0, path(route, _stand_in, name=name))
