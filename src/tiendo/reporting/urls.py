from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("viec/", views.workspace, name="workspace"),
    path("bao-cao/<int:pk>/", views.submission_detail, name="submission"),
    path("bao-cao/<int:pk>/duyet/", views.submission_review, name="review"),
    path("bao-cao/<int:pk>/kiem-tra/<int:target_id>/", views.figure_check, name="figure_check"),
    path("bao-cao/<int:pk>/tai-lieu/", views.evidence_upload, name="evidence_upload"),
    path("bao-cao/<int:pk>/tai-lieu/<int:eid>/", views.evidence_download, name="evidence_download"),
    path("bao-cao/<int:pk>/tai-lieu/<int:eid>/xoa/", views.evidence_remove, name="evidence_remove"),
    path("dot-bao-cao/", views.round_list, name="round_list"),
    path("dot-bao-cao/mo/", views.round_create, name="round_create"),
    path("dot-bao-cao/<int:pk>/", views.round_detail, name="round_detail"),
    path("dot-bao-cao/<int:pk>/don-doc/", views.round_urge, name="round_urge"),
    path("nhat-ky/", views.audit_list, name="audit_list"),
    path("thong-bao/", views.notifications, name="notifications"),
    path("thong-bao/<int:pk>/da-doc/", views.notification_read, name="notification_read"),
]
