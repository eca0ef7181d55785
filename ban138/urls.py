from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

from ban138 import health, otp, views
from ban138.forms import LoginForm

admin.site.site_header = "Quản trị — Ban chỉ đạo 138"
admin.site.site_title = "BCĐ 138"
admin.site.index_title = "Danh mục và người dùng"

urlpatterns = [
    path("", views.home, name="home"),
    path("trang-chu/<str:role>/", views.landing, name="landing"),
    path("dia-ban/", views.unit_list, name="unit_list"),
    path("dia-ban/<int:pk>/", views.unit_detail, name="unit_detail"),
    path(
        "dang-nhap/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=LoginForm
        ),
        name="login",
    ),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("xac-thuc-hai-buoc/", otp.otp_verify, name="otp_verify"),
    path("xac-thuc-hai-buoc/cai-dat/", otp.otp_setup, name="otp_setup"),
    path("xac-thuc-hai-buoc/ma-qr.svg", otp.otp_qr, name="otp_qr"),
    path("xac-thuc-hai-buoc/ma-du-phong/", otp.otp_recovery, name="otp_recovery"),
    path("suc-khoe/", health.health, name="health"),
    path("nguon-tin/", include("tips.urls")),
    path("mo-hinh/", include("models_registry.urls")),
    path("dot-cao-diem/", include("campaigns.urls")),
    path("bao-cao/", include("reports.urls")),
    # The admin's calendar and selectors with the project's Vietnamese on top of Django's (the
    # admin's own view reads only Django's catalogue); same URL, so the admin's pages use it.
    path(
        "quan-tri/jsi18n/",
        admin.site.admin_view(
            JavaScriptCatalog.as_view(packages=["django.contrib.admin", "ban138"]), cacheable=True
        ),
        name="admin_jsi18n",
    ),
    path("quan-tri/", admin.site.urls),
]

handler400 = "ban138.views.error_400"
handler403 = "ban138.views.error_403"
handler404 = "ban138.views.error_404"
handler500 = "ban138.views.error_500"
