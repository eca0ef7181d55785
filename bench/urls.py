"""The product's URLs plus the bench's baselines (bench/views.py): ``/bench/bare/``, a constant
page, the floor of what one request through the middleware costs on this machine (the throughput
baseline), and ``/bench/keyset/``, the register's first page by hand (the cold-list baseline)."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/bare/", views.bare),
    path("bench/keyset/", views.bare_keyset),
    path("", include("ban138.urls")),
]
