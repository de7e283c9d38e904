from django.urls import path

from . import views

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
]
