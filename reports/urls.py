from django.urls import path

from reports import background, views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("du-thao/tao-moi/", views.draft_create, name="draft_create"),
    path("du-thao/<int:pk>/", views.draft_detail, name="draft_detail"),
    path("du-thao/<int:pk>/sua/", views.draft_edit, name="draft_edit"),
    path("du-thao/<int:pk>/xem-truoc/", views.draft_preview, name="draft_preview"),
    path("du-thao/<int:pk>/tep.<str:fmt>", views.draft_file, name="draft_file"),
    path("du-thao/<int:pk>/ban-hanh/", views.draft_issue, name="draft_issue"),
    path("da-ban-hanh/<int:pk>/tep.<str:fmt>", views.issued_file, name="issued_file"),
    path("da-ban-hanh/<int:pk>/thu-hoi/", views.issued_withdraw, name="issued_withdraw"),
    path("da-ban-hanh/<int:pk>/thay-the/", views.issued_replace, name="issued_replace"),
    path(
        "so-lieu-co-quan/<int:year>/<int:commune_pk>/",
        views.agency_figures,
        name="agency_figures",
    ),
    path("xa/<int:commune_pk>/<int:year>/", views.commune_report, name="commune_report"),
    path("xa/<int:commune_pk>/<int:year>/tep.<str:fmt>", views.commune_file, name="commune_file"),
    path("tep/<uuid:job_id>/", background.file_status, name="file_status"),
    path("tep/<uuid:job_id>/tai-ve/", background.file_download, name="file_download"),
]
