"""Template context shared by every page of the public site."""

from frontend.page_cache import save_data


def low_data(request):
    """`save_data` is True when the browser asks for low-data pages (`Save-Data: on`)."""
    return {"save_data": save_data(request)}
