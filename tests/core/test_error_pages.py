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


def test_a_bad_host_gets_the_vietnamese_400_page(settings, db):
    """Issue 15.14: Django's own page for an unknown Host is English."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["bcd138.example.vn"]
    page = Client().get("/dang-nhap/", HTTP_HOST="ke-xau.example")
    assert page.status_code == 400
    html = page.content.decode()
    assert "Yêu cầu không hợp lệ (400)" in html and "Bad Request" not in html


def test_a_403_is_logged_as_one_line_without_a_traceback(client_for, officer, caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client_for(officer).get("/trang-chu/truong_ban/").status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].exc_info is None and records[0].exc_text is None
    assert "Traceback" not in caplog.text
    assert records[0].getMessage() == "Forbidden (Permission denied): /trang-chu/truong_ban/"
