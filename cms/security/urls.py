from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("backup-codes/", views.backup_codes, name="backup-codes"),
    path("staff/", views.staff_devices, name="staff-devices"),
    path("staff/<int:user_id>/reset/", views.reset, name="reset"),
    path("staff/<int:user_id>/enrolment-code/", views.enrolment_code, name="enrolment-code"),
]
