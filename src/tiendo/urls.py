from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from tiendo.api.api import api_urls
from tiendo.ops.views import readyz

admin.site.site_header = "tiendo — quản trị"
admin.site.site_title = "tiendo"
admin.site.index_title = "Danh mục dữ liệu"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/v1/", api_urls()),
    path("readyz", readyz, name="readyz"),
    path("", include("tiendo.reporting.urls")),
    path("accounts/", include("tiendo.accounts.urls")),
    path("", include("tiendo.exports.urls")),
    path("", include("tiendo.importer.urls")),
    path("", include("tiendo.workprograms.urls")),
    path("", include("tiendo.web.urls")),
]

handler404 = "tiendo.web.views.page_not_found"
handler500 = "tiendo.web.views.server_error"
