"""The product's URLs plus ``/bench/bare/``: a constant page, the floor of what one request through
the middleware costs on this machine (the throughput baseline)."""

from django.http import HttpResponse
from django.urls import include, path

PAGE = b"<!doctype html><title>bare</title><p>" + b"x" * 2000 + b"</p>"


def bare(request):
    return HttpResponse(PAGE)


urlpatterns = [path("bench/bare/", bare), path("", include("ban138.urls"))]
