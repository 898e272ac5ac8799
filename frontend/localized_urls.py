"""The frontend's addresses in each language: Indonesian at the root, English under /en/.

The project's URLconf (cms/urls.py) puts these inside its i18n_patterns, before Wagtail's
pages, whose catch-all would otherwise answer them.
"""

from django.urls import path

from frontend import complaints as complaint_views
from frontend import discovery, pwa_views, views
from frontend import privacy as privacy_views
from frontend import surveys as survey_views

urlpatterns = [
    path("cari/", views.search, name="search"),
    path("feed/pengumuman/", discovery.AnnouncementFeed(), name="feed-announcements"),
    path("feed/pengumuman/atom/", discovery.AnnouncementAtomFeed(), name="feed-announcements-atom"),
    path(
        "feed/pengumuman/<slug:category>/",
        discovery.AnnouncementFeed(),
        name="feed-announcements-category",
    ),
    path(
        "feed/pengumuman/<slug:category>/atom/",
        discovery.AnnouncementAtomFeed(),
        name="feed-announcements-category-atom",
    ),
    path("feed/kegiatan/", discovery.EventFeed(), name="feed-events"),
    path("feed/kegiatan/atom/", discovery.EventAtomFeed(), name="feed-events-atom"),
    path("pengaduan/", complaint_views.complaint_list, name="complaint-list"),
    path("pengaduan/baru/", complaint_views.complaint_new, name="complaint-new"),
    # The form posts here, not to its own address: a post invalidates the browser's copy of
    # the address it went to, and the form's copy must survive for Back (frontend/complaints.py).
    path("pengaduan/kirim/", complaint_views.complaint_new, name="complaint-send"),
    path(
        "pengaduan/terkirim/<str:code>/",
        complaint_views.complaint_receipt,
        name="complaint-receipt",
    ),
    path("pengaduan/saya/", complaint_views.complaint_mine, name="complaint-mine"),
    path("pengaduan/lacak/", complaint_views.complaint_track_form, name="complaint-track-form"),
    path("pengaduan/lacak/<str:code>/", complaint_views.complaint_track, name="complaint-track"),
    path("privasi/", privacy_views.privacy, name="privacy"),
    path("privasi/permintaan/", privacy_views.privacy_request, name="privacy-request"),
    path("offline/", pwa_views.offline, name="offline"),
    path("pasang-aplikasi/", pwa_views.install_help, name="install_help"),
    path("notifikasi/", pwa_views.push_settings, name="push-settings"),
    path("survei/terima-kasih/", survey_views.survey_thanks, name="survey-thanks"),
    path("survei/pengaduan/<str:code>/", survey_views.survey_complaint, name="survey-complaint"),
    path("survei/<slug:slug>/", survey_views.survey_service, name="survey-service"),
    path("transparansi/", survey_views.transparency, name="transparency"),
]
