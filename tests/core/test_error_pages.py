import pytest
from django.test import Client
from django.urls import path

from ban138.urls import urlpatterns as project_urls


def _explode(request):
    raise RuntimeError("SELECT secret FROM informants")


urlpatterns = [*project_urls, path("no-tung/", _explode)]
handler404 = "ban138.views.error_404"
handler500 = "ban138.views.error_500"


def test_404_page_is_vietnamese(client_for, officer):
    page = client_for(officer).get("/khong-co-trang-nay/")
    assert page.status_code == 404
    assert "Không tìm thấy trang" in page.content.decode()


@pytest.mark.urls("tests.core.test_error_pages")
def test_500_page_is_vietnamese_with_no_traceback(settings, db):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    page = client.get("/no-tung/")
    assert page.status_code == 500
    html = page.content.decode()
    assert "Lỗi hệ thống" in html
    assert "Traceback" not in html and "SELECT" not in html


def test_403_page_is_vietnamese(client_for, officer):
    page = client_for(officer).get("/trang-chu/truong_ban/")
    assert page.status_code == 403
    assert "Không có quyền truy cập" in page.content.decode()
