from django.urls import path

from tips import print_views, reveal_log, views

app_name = "tips"

urlpatterns = [
    path("", views.register_list, name="register"),
    path("xuat-excel/", views.register_export, name="export"),
    path("tiep-nhan/", views.tip_create, name="create"),
    path("<int:pk>/", views.tip_detail, name="detail"),
    path("<int:pk>/sua/", views.tip_edit, name="edit"),
    path("<int:pk>/thao-tac/<slug:action>/", views.tip_action, name="action"),
    path("<int:pk>/tep/", views.attachment_upload, name="attachment_upload"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("<int:pk>/nguoi-to-giac/", views.informant_reveal, name="informant_reveal"),
    path("<int:pk>/nguoi-to-giac/sua/", views.informant_edit, name="informant_edit"),
    path("<int:pk>/vu-an/", views.case_edit, name="case_edit"),
    path("nhat-ky-xem-nguoi-to-giac/", reveal_log.reveal_log, name="reveal_log"),
    path(
        "nhat-ky-xem-nguoi-to-giac/xuat-excel/",
        reveal_log.reveal_log_export,
        name="reveal_log_export",
    ),
    path("chat-luong-du-lieu/", views.data_quality, name="quality"),
    path("in-so/", print_views.register_print, name="print_register"),
    path("<int:pk>/in/<slug:slug>/", print_views.tip_form_print, name="print_form"),
]
