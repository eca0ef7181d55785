from django.urls import reverse

from tests.conftest import PASSWORD


def test_login_page_is_in_vietnamese(client, db):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html
    assert "Tên đăng nhập" in html


def test_wrong_password_shows_a_vietnamese_error(client, officer):
    page = client.post(reverse("login"), {"username": officer.username, "password": "sai-mat-khau"})
    assert page.status_code == 200
    assert "Vui lòng nhập chính xác" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_demo_user_logs_in_and_reaches_their_landing_page(client, officer):
    response = client.post(
        reverse("login"), {"username": officer.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("landing", kwargs={"role": "tiep_nhan"})


def test_logout_needs_a_post_and_ends_the_session(client_for, officer):
    client = client_for(officer)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_validates_in_vietnamese(client_for, officer):
    client = client_for(officer)
    page = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "ngan", "new_password2": "ngan"},
    )
    assert page.status_code == 200
    assert "Mật khẩu quá ngắn" in page.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(PASSWORD)
