from django.urls import path

from . import views, workprogram_views

app_name = "exports"
urlpatterns = [
    path("plans/<slug:code>/bao-cao-ket-qua/", views.report_page, name="report"),
    path(
        "plans/<slug:code>/bao-cao-ket-qua/tai-ve.<str:fmt>",
        views.report_download,
        name="report_download",
    ),
    path("plans/<slug:code>/chi-tieu.xlsx", views.plan_targets_download, name="targets_xlsx"),
    path("bao-cao/<int:pk>/mau-nhap-lieu.xlsx", views.entry_download, name="entry_download"),
    path("bao-cao/<int:pk>/tai-len-excel/", views.entry_upload, name="entry_upload"),
    path(
        "plans/<slug:code>/chuong-trinh-cong-tac/<int:year>/tai-ve.<str:fmt>",
        workprogram_views.workprogram_download,
        name="workprogram_download",
    ),
    path("du-lieu-mo/<slug:code>/so-lieu.<str:fmt>", views.open_data, name="open_data"),
    path("du-lieu-mo/chi-so.<str:fmt>", views.indicator_open_data, name="indicator_open_data"),
    path(
        "du-lieu-mo/chi-so/<slug:code>.<str:fmt>",
        views.indicator_open_data,
        name="indicator_open_data_one",
    ),
]
