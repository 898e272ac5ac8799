"""The ceiling of this stack: a bare Django view answering a constant 4 KB, two middlewares.

    gunicorn benchmarks.ceiling:application --workers 2 --bind 127.0.0.1:<port>

`benchmarks/throughput.py` starts it beside the site and measures it in the same run, so the
site's figures are printed as a share of what Django and gunicorn alone reach on this machine
at that moment (a ratio moves far less with the machine's load than requests/s do).
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

BODY = (b"<p>" + b"x" * 4089 + b"</p>\n")[:4096]

settings.configure(
    DEBUG=False,
    SECRET_KEY="a constant answer has nothing to sign",  # noqa: S106
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.middleware.common.CommonMiddleware",
    ],
    INSTALLED_APPS=[],
    USE_TZ=True,
)


def constant(request):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [path("", constant)]

django.setup()
application = get_wsgi_application()
