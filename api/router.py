"""The content API: Wagtail API v2 endpoints for pages, images and documents."""

from wagtail.api.v2.router import WagtailAPIRouter

from api.preview import PagePreviewApi
from api.views import DocumentsApi, ImagesApi, PagesApi

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesApi)
api_router.register_endpoint("images", ImagesApi)
api_router.register_endpoint("documents", DocumentsApi)
api_router.register_endpoint("preview", PagePreviewApi)
