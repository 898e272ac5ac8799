from .announcement import AnnouncementAttachment, AnnouncementIndexPage, AnnouncementPage
from .base import BasePage, Category, ContentPage, IndexPage
from .event import EventIndexPage, EventPage
from .guide import GuideIndexPage, GuidePage
from .home import HomeFeaturedPage, HomePage
from .infographic import InfographicIndexPage, InfographicPage
from .regency import RegencyHomePage
from .search import SearchSynonym
from .service import ServiceIndexPage, ServicePage
from .settings import KecamatanSettings
from .standard import StandardPage

__all__ = [
    "AnnouncementAttachment",
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "BasePage",
    "Category",
    "ContentPage",
    "EventIndexPage",
    "EventPage",
    "GuideIndexPage",
    "GuidePage",
    "HomeFeaturedPage",
    "HomePage",
    "IndexPage",
    "InfographicIndexPage",
    "InfographicPage",
    "KecamatanSettings",
    "RegencyHomePage",
    "SearchSynonym",
    "ServiceIndexPage",
    "ServicePage",
    "StandardPage",
]
