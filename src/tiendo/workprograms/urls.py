from django.urls import path

from . import views

app_name = "workprograms"
urlpatterns = [
    path("chuong-trinh-cong-tac/", views.home, name="home"),
    path("plans/<slug:code>/chuong-trinh-cong-tac/", views.index, name="index"),
    path("plans/<slug:code>/chuong-trinh-cong-tac/<int:year>/", views.year_detail, name="year"),
    path(
        "plans/<slug:code>/chuong-trinh-cong-tac/<int:year>/<int:number>/ket-qua/",
        views.item_outcome,
        name="outcome",
    ),
    path(
        "plans/<slug:code>/chuong-trinh-cong-tac/chuong-trinh/<int:number>/",
        views.program_history,
        name="program",
    ),
]
