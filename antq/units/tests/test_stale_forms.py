"""Two people edit the same unit: the second, stale form is refused and the first's change stays."""

import re

from antq.core.roles import Role
from antq.units.models import Unit


def _opened_version(client, code: str) -> str:
    page = client.get(f"/units/{code}/edit/").content.decode()
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def test_a_stale_unit_form_is_refused_and_the_first_change_stays(tree, persona, client):
    first, second = persona(Role.COMMUNE_OFFICER), persona(Role.PROVINCE_STAFF)
    client.force_login(first)
    first_version = _opened_version(client, "16417-KDC01")
    client.force_login(second)
    second_version = _opened_version(client, "16417-KDC01")
    assert first_version == second_version

    client.force_login(first)
    saved = client.post(
        "/units/16417-KDC01/edit/",
        {"name": "Thôn Đông Hưng Mới", "address": "Xóm 3", "version": first_version},
    )
    assert saved.status_code == 302
    history_rows = Unit.objects.get(code="16417-KDC01").history.count()

    client.force_login(second)
    refused = client.post(
        "/units/16417-KDC01/edit/",
        {"name": "Thôn Đông Hưng", "address": "Xóm 9", "version": second_version},
        follow=True,
    )
    page = refused.content.decode()
    assert "sau khi bạn mở biểu mẫu" in page
    assert "“Thôn Đông Hưng” → “Thôn Đông Hưng Mới”" in page
    assert "“Xóm 9” → “Xóm 3”" in page
    assert first.username in page  # who saved it
    unit = Unit.objects.get(code="16417-KDC01")
    assert (unit.name, unit.address) == ("Thôn Đông Hưng Mới", "Xóm 3")
    assert unit.history.count() == history_rows
    # the form shown again holds the saved values and the new version, so saving it now works
    assert 'value="Thôn Đông Hưng Mới"' in page
    fresh = re.search(r'name="version" value="(\d+)"', page).group(1)
    assert fresh != second_version
    again = client.post(
        "/units/16417-KDC01/edit/",
        {"name": "Thôn Đông Hưng Mới", "address": "Xóm 9", "version": fresh},
    )
    assert again.status_code == 302
    assert Unit.objects.get(code="16417-KDC01").address == "Xóm 9"


def test_a_form_opened_before_a_rename_is_stale(tree, persona, client):
    from datetime import date

    from antq.units import services

    staff = persona(Role.PROVINCE_STAFF)
    client.force_login(staff)
    version = _opened_version(client, "16417-KDC02")
    services.unit_rename(
        actor=staff, unit=tree["16417-KDC02"], name="Tổ dân phố Trần Phú", on=date(2026, 1, 1)
    )
    refused = client.post(
        "/units/16417-KDC02/edit/", {"name": "Tổ dân phố Lê Lợi", "version": version}
    )
    assert refused.status_code == 200
    assert Unit.objects.get(code="16417-KDC02").name == "Tổ dân phố Trần Phú"


def test_the_api_refuses_a_patch_whose_if_match_is_stale(tree, persona, client, bearer):
    headers = bearer(persona(Role.PROVINCE_STAFF))
    etag = client.get("/api/v1/units/16417-KDC01", headers=headers)["ETag"]
    first = client.patch(
        "/api/v1/units/16417-KDC01",
        {"address": "Xóm 3"},
        content_type="application/json",
        headers={**headers, "If-Match": etag},
    )
    assert first.status_code == 200 and first["ETag"] != etag
    stale = client.patch(
        "/api/v1/units/16417-KDC01",
        {"address": "Xóm 9"},
        content_type="application/json",
        headers={**headers, "If-Match": etag},
    )
    assert stale.status_code == 409
    assert "“Xóm 9” → “Xóm 3”" in stale.json()["detail"]
    assert Unit.objects.get(code="16417-KDC01").address == "Xóm 3"
