"""The resident forms' answer to a post from another site's page (cms/security/cross_site.py)."""

from django.shortcuts import render

from cms.security.cross_site import refuse_cross_site_posts


def cross_site_page(request):
    """Return the 403 page: what happened and how to send the form from this site instead."""
    response = render(request, "cross_site.html", status=403)
    response["Cache-Control"] = "no-store"
    return response


# Every resident form (complaint, tracking reply, survey, data request) is wrapped in this.
same_site_posts_only = refuse_cross_site_posts(cross_site_page)
