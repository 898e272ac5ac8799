"""The content API: Wagtail API v2 endpoints for pages, images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter

from api.v2.media import DocumentsApi, ImagesApi
from api.v2.pages import PagesApi
from api.v2.preview import PagePreviewApi

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesApi)
api_router.register_endpoint("images", ImagesApi)
api_router.register_endpoint("documents", DocumentsApi)
api_router.register_endpoint("preview", PagePreviewApi)
