from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("mat-khau/", views.password_change, name="password_change"),
    path("nguoi-dung/", views.user_list, name="user_list"),
    path("nguoi-dung/tao/", views.user_create, name="user_create"),
    path("nguoi-dung/<int:pk>/khoa/", views.user_disable, name="user_disable"),
]
