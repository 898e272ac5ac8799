"""The privacy page (/privasi/): what personal data we collect, why, how long, whom to ask."""

from django.conf import settings
from django.shortcuts import render


def privacy(request):
    years = settings.PERSONAL_DATA_RETENTION_DAYS / 365
    return render(
        request,
        "privacy.html",
        {"retention_years": int(years) if years == int(years) else round(years, 1)},
    )
