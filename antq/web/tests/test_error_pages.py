"""The site's own error pages, in Vietnamese with DEBUG off (issue 16, item 2)."""

import pytest

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
