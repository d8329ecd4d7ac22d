"""The site's own error pages, in Vietnamese with DEBUG off (issue 16, item 2)."""

import pytest
from django.test import Client
from django.urls import include, path

pytestmark = pytest.mark.django_db


def test_error_pages_are_the_sites_own_in_vietnamese(client, settings):
    settings.DEBUG = False
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text and "Not Found" not in text
    api = client.get("/api/v1/khong-co/")
    assert api.status_code == 404


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_each_error_page_reads_vietnamese(rf, settings, status):
    from antq.web import errors

    settings.DEBUG = False
    request = rf.get("/x/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    view = {
        400: errors.bad_request,
        403: errors.permission_denied,
        404: errors.page_not_found,
        500: errors.server_error,
    }[status]
    response = view(request) if status == 500 else view(request, Exception("x"))
    assert response.status_code == status
    text = response.content.decode()
    assert 'lang="vi"' in text
    assert {
        400: "Yêu cầu không được chấp nhận",
        403: "Bạn không được làm việc này",
        404: "Không tìm thấy trang",
        500: "Hệ thống gặp lỗi",
    }[status] in text


def _boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", _boom), path("", include("antq.urls"))]


@pytest.fixture
def debug_site(settings):
    """The settings of `make run`: DEBUG on, with the middleware base.py adds for it."""
    settings.DEBUG = True
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[:2],
        "antq.web.errors.OwnErrorPagesMiddleware",
        *settings.MIDDLEWARE[2:],
    ]
    return settings


def test_with_debug_on_a_missing_page_is_the_sites_own_and_shows_no_url_map(client, debug_site):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy trang" in text
    assert "DEBUG = True" not in text and "URLconf" not in text and "admin/" not in text


def test_with_debug_on_a_server_error_is_the_sites_own_page(debug_site):
    debug_site.ROOT_URLCONF = __name__
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Traceback" not in text and "a bug" not in text and "<html" in text
