from django.urls import path

from models_registry import views

app_name = "models_registry"

urlpatterns = [
    path("", views.model_list, name="list"),
    path("tong-hop/", views.summary, name="summary"),
    path("xuat-excel/", views.model_export, name="export"),
    path("them/", views.model_create, name="create"),
    path("<int:pk>/", views.model_detail, name="detail"),
    path("<int:pk>/sua/", views.model_update, name="update"),
    path("<int:pk>/cap-nhat/", views.check_create, name="check"),
    path("<int:pk>/dien-hinh/", views.recognition_create, name="recognition"),
    path("kiem-tra/<int:pk>/anh/", views.check_photo, name="check_photo"),
]
