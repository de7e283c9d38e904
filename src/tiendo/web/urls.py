from django.urls import path

from . import delegation_views, register, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<slug:code>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:code>/programs/<int:number>/", views.program_detail, name="program_detail"),
    path("plans/<slug:code>/tai-lieu.json", views.plan_document_download, name="plan_document"),
    path("plans/<slug:code>/dieu-chinh/", views.plan_adjust, name="plan_adjust"),
    path("plans/<slug:code>/targets/<str:target_code>/", views.target_detail, name="target_detail"),
    path(
        "plans/<slug:code>/revisions/<int:number>/", views.revision_detail, name="revision_detail"
    ),
    path("plans/<slug:code>/phan-cong/", delegation_views.coverage, name="coverage"),
    path(
        "plans/<slug:code>/phan-cong/giao/", delegation_views.delegation_new, name="delegation_new"
    ),
    path(
        "plans/<slug:code>/phan-cong/<int:pk>/ket-thuc/",
        delegation_views.delegation_end_page,
        name="delegation_end",
    ),
    path(
        "plans/<slug:code>/phan-cong/nhom/<slug:unit_code>/",
        delegation_views.group_resolve_page,
        name="group_resolve",
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
