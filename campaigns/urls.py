from django.urls import path

from campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("tao-moi/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="edit"),
    path("<int:pk>/chi-tieu/", views.target_add, name="target_add"),
    path("<int:pk>/chi-tieu/<int:target_pk>/xoa/", views.target_delete, name="target_delete"),
    path("<int:pk>/phe-duyet/", views.campaign_approve, name="approve"),
    path("<int:pk>/ket-thuc/", views.campaign_close, name="close"),
    path("<int:pk>/so-ket/", views.campaign_report, name="report"),
    path("<int:pk>/nhiem-vu/", views.task_add, name="task_add"),
    path("nhiem-vu/<int:pk>/", views.task_update, name="task_update"),
    path("<int:pk>/ket-qua/<int:commune_pk>/", views.commune_result_edit, name="result_edit"),
    path("tuyen-truyen/", views.outreach_list, name="outreach_list"),
    path("tuyen-truyen/them/", views.outreach_create, name="outreach_create"),
]
