from django.urls import path

from . import views

app_name = "importer"
urlpatterns = [
    path("nhap-chuong-trinh/", views.upload, name="upload"),
    path("nhap-chuong-trinh/<slug:code>/", views.review, name="review"),
    path("nhap-chuong-trinh/<slug:code>/chi-tieu/", views.target_save, name="target_save"),
    path(
        "nhap-chuong-trinh/<slug:code>/chi-tieu/<str:target_code>/bo/",
        views.target_delete,
        name="target_delete",
    ),
    path(
        "nhap-chuong-trinh/<slug:code>/chi-tieu/<str:target_code>/chi-so/",
        views.target_indicator,
        name="target_indicator",
    ),
    path(
        "nhap-chuong-trinh/<slug:code>/chi-tieu/<str:target_code>/da-xem/",
        views.target_confirm,
        name="target_confirm",
    ),
    path(
        "nhap-chuong-trinh/<slug:code>/nhiem-vu/<str:task_code>/", views.task_save, name="task_save"
    ),
    path(
        "nhap-chuong-trinh/<slug:code>/chuong-trinh/<int:number>/",
        views.program_save,
        name="program_save",
    ),
    path("nhap-chuong-trinh/<slug:code>/cong-bo/", views.publish, name="publish"),
]
