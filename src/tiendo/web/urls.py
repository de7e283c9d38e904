from django.urls import path

from . import register, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<slug:code>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:code>/programs/<int:number>/", views.program_detail, name="program_detail"),
    path("plans/<slug:code>/tai-lieu.json", views.plan_document_download, name="plan_document"),
    path("plans/<slug:code>/dieu-chinh/", views.plan_adjust, name="plan_adjust"),
    path("plans/<slug:code>/targets/<str:target_code>/", views.target_detail, name="target_detail"),
    path(
        "plans/<slug:code>/revisions/<int:number>/", views.revision_detail, name="revision_detail"
    ),
    # The register of implementing documents
    path("van-ban-trien-khai/", register.register_home, name="register_home"),
    path("plans/<slug:code>/van-ban-trien-khai/", register.register_page, name="register"),
    path(
        "plans/<slug:code>/van-ban-trien-khai/ghi/",
        register.register_record,
        name="register_record",
    ),
    path(
        "plans/<slug:code>/van-ban-trien-khai/<int:pk>/",
        register.register_edit,
        name="register_edit",
    ),
    path(
        "plans/<slug:code>/van-ban-trien-khai/<int:pk>/xoa/",
        register.register_delete,
        name="register_delete",
    ),
    path(
        "plans/<slug:code>/van-ban-trien-khai/<int:pk>/tep/",
        register.register_file,
        name="register_file",
    ),
]
