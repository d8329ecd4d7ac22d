"""Training classes and the province's settings, through the pages."""

from antq.core.roles import Role
from antq.forces.models import ForceSettings, TrainingParticipant


def test_an_officer_records_a_class_and_a_member_who_passed(
    tree, make_team, make_member, officer, login
):
    member = make_member(make_team())
    client = login(officer)
    response = client.post(
        "/forces/training/",
        {
            "topic": "Kỹ năng nắm tình hình ANTT",
            "organiser": "Công an tỉnh Thanh Hóa",
            "starts_on": "04/05/2026",
            "ends_on": "08/05/2026",
        },
    )
    assert response.status_code == 302
    detail = response.url
    refused = client.post(detail, {"identity_number": member.identity_number, "passed": "on"})
    assert refused.status_code == 400 and "giấy chứng nhận" in refused.content.decode()
    client.post(
        detail,
        {"identity_number": member.identity_number, "passed": "on", "certificate_number": "15/CN"},
    )
    assert TrainingParticipant.objects.get().certificate_number == "15/CN"
    page = client.get(detail).content.decode()
    assert member.full_name in page and "15/CN" in page


def test_a_viewer_sees_the_class_counts_but_not_the_participants(
    tree, make_team, make_member, officer, persona, login
):
    from datetime import date

    from antq.forces import services

    member = make_member(make_team())
    training = services.training_class_create(
        actor=officer,
        unit=tree.commune,
        topic="PCCC",
        organiser="Công an tỉnh",
        starts_on=date(2026, 5, 4),
        ends_on=date(2026, 5, 5),
    )
    services.participant_record(
        actor=officer, training=training, member=member, passed=True, certificate_number="1/CN"
    )
    client = login(persona(Role.VIEWER))
    page = client.get(f"/forces/training/{training.pk}/").content.decode()
    assert "PCCC" in page and member.full_name not in page
    assert client.post(f"/forces/training/{training.pk}/", {}).status_code == 403


def test_province_staff_set_the_numbers_and_a_commune_officer_may_not(
    tree, officer, persona, login
):
    client = login(persona(Role.PROVINCE_STAFF))
    page = client.get("/forces/settings/").content.decode()
    assert "Tạm thời" in page
    response = client.post(
        "/forces/settings/",
        {
            "teams_per_area": 2,
            "members_per_area": 6,
            "excellent_quota_percent": 20,
            "quota_base": "good_or_better",
            "basis": "QĐ 1234/QĐ-UBND ngày 01/8/2024",
            "reason": "Theo quyết định của UBND tỉnh",
        },
    )
    assert response.status_code == 302
    settings = ForceSettings.objects.get(province=tree.province)
    assert (settings.teams_per_area, settings.members_per_area, settings.provisional) == (
        2,
        6,
        False,
    )
    assert settings.history.first().history_change_reason == "Theo quyết định của UBND tỉnh"
    assert login(officer).get("/forces/settings/").status_code == 403
