from django.urls import path

from . import delegation_views, plan_edit, register, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("plans/", views.plan_list, name="plan_list"),
    path("chi-so/", views.indicator_list, name="indicator_list"),
    path("chi-so/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("plans/<slug:code>/", views.plan_detail, name="plan_detail"),
    path("plans/<slug:code>/programs/<int:number>/", views.program_detail, name="program_detail"),
    path("plans/<slug:code>/tai-lieu.json", views.plan_document_download, name="plan_document"),
    path("plans/<slug:code>/dieu-chinh/", views.plan_adjust, name="plan_adjust"),
    # Editing the plan in forms (each save is a revision, as an upload is)
    path("plans/<slug:code>/sua/", plan_edit.plan_edit, name="plan_edit"),
    path("plans/<slug:code>/sua/chi-tieu-moi/", plan_edit.target_edit, name="target_new"),
    path(
        "plans/<slug:code>/sua/chi-tieu/<str:target_code>/",
        plan_edit.target_edit,
        name="target_edit",
    ),
    path("plans/<slug:code>/sua/nhiem-vu-moi/", plan_edit.task_edit, name="task_new"),
    path("plans/<slug:code>/sua/nhiem-vu/<str:task_code>/", plan_edit.task_edit, name="task_edit"),
    path(
        "plans/<slug:code>/sua/dot-pha-moi/", plan_edit.breakthrough_edit, name="breakthrough_new"
    ),
    path(
        "plans/<slug:code>/sua/dot-pha/<int:number>/",
        plan_edit.breakthrough_edit,
        name="breakthrough_edit",
    ),
    path(
        "plans/<slug:code>/sua/<slug:kind>/<str:ref>/bo/", plan_edit.item_remove, name="item_remove"
    ),
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
