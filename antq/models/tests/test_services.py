"""The registry's rules: refusals say what and where, changes keep their author and reason."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from antq.core.errors import FieldErrors, NotFound, PermissionDenied
from antq.core.roles import Role
from antq.models import selectors, services
from antq.models.models import JudgementEvidence, ModelSite, SelfManagementModel

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_model_needs_a_tu_a_field_and_a_decision_and_nothing_is_saved(tree, staff):
    with pytest.raises(FieldErrors) as refused:
        services.model_create(
            actor=staff,
            owner=tree.commune,
            name=" ",
            serves=[],
            field="space",
            level="commune",
            decision_number="",
            decision_date=date(2027, 1, 1),
        )
    errors = refused.value.errors
    assert set(errors) == {"name", "serves", "field", "decision_number", "decision_date"}
    assert "tự" in errors["serves"]
    assert SelfManagementModel.objects.count() == 0


def test_changes_keep_author_and_reason(tree, staff, make_model):
    model = make_model(tree.commune, serves=["tu_phong", "tu_hoa_giai"])
    assert model.serves == ["tu_phong", "tu_hoa_giai"]
    services.model_update(
        actor=staff, model=model, serves=["tu_quan"], name="Mô hình mới", reason="Đổi tên"
    )
    services.model_set_status(
        actor=staff, model=model, status="dissolved", on=date(2026, 10, 1), reason="Giải thể"
    )
    history = selectors.model_history(model=model)
    assert [h["record"].history_change_reason for h in history[:2]] == ["Giải thể", "Đổi tên"]
    assert history[0]["record"].history_user == staff
    labels = {c["field"] for c in history[1]["changes"]}
    assert {"name", "serves_management"} <= labels
    with pytest.raises(FieldErrors, match=r"dissolved|giải thể"):
        services.model_set_status(
            actor=staff, model=model, status="active", on=date(2026, 11, 1), reason="Lại"
        )


def test_an_edit_needs_a_reason(tree, staff, make_model):
    model = make_model()
    with pytest.raises(FieldErrors) as refused:
        services.model_update(actor=staff, model=model, serves=["tu_quan"], reason="")
    assert "reason" in refused.value.errors


def test_a_site_twice_or_before_the_founding_is_refused(tree, staff, make_model, make_site):
    model = make_model()
    make_site(model, tree.area)
    with pytest.raises(FieldErrors, match="Thôn Đông Hưng"):
        make_site(model, tree.area)
    with pytest.raises(FieldErrors) as early:
        make_site(model, tree.area2, started_on=date(2020, 1, 1))
    assert "started_on" in early.value.errors
    with pytest.raises(NotFound):
        make_site(model, tree.other_area)  # another province, out of the staff's scope
    assert ModelSite.objects.count() == 1


def test_a_team_has_members(tree, staff, make_model, make_site):
    site = make_site(make_model(), tree.area)
    with pytest.raises(FieldErrors) as refused:
        services.team_add(actor=staff, site=site, name="Tổ 1", member_count=0)
    assert "member_count" in refused.value.errors


def test_the_grade_scale_is_provisional_until_the_province_sets_its_own(
    tree, staff, make_model, judge
):
    model = make_model()
    judgement = judge(model, grade="good")
    assert judgement.grade_provisional and judgement.grade_label
    with pytest.raises(FieldErrors) as refused:
        judge(model, grade="xuat_sac")
    assert "grade" in refused.value.errors
    services.grade_scale_set(
        actor=staff,
        province=tree.province,
        grades=[("xuat_sac", "Xuất sắc"), ("kha", "Khá")],
        basis="QĐ 1/QĐ-UBND",
        reason="Thang của tỉnh",
    )
    judgement = judge(model, grade="xuat_sac")  # the year's judgement is replaced
    assert (judgement.grade_label, judgement.grade_provisional) == ("Xuất sắc", False)
    assert model.judgements.count() == 1
    with pytest.raises(FieldErrors):
        judge(model, grade="good")


def test_evidence_is_checked_by_content(tree, staff, make_model):
    model = make_model()
    common = {
        "actor": staff,
        "model": model,
        "site": None,
        "year": 2026,
        "effective": True,
        "grade": "",
        "judged_by": "Công an tỉnh",
        "judged_on": date(2026, 11, 20),
    }
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ not a pdf at all", "application/pdf")
    with pytest.raises(FieldErrors) as refused:
        services.judgement_record(**common, evidence=[fake])
    assert "evidence" in refused.value.errors
    assert model.judgements.count() == 0
    good = SimpleUploadedFile("bien-ban.pdf", PDF, "application/pdf")
    judgement = services.judgement_record(**common, evidence=[good])
    assert JudgementEvidence.objects.get(judgement=judgement).mime == "application/pdf"


def test_a_judgement_before_its_year_or_in_the_future_is_refused(tree, staff, make_model):
    model = make_model()
    with pytest.raises(FieldErrors) as refused:
        services.judgement_record(
            actor=staff,
            model=model,
            site=None,
            year=2026,
            effective=True,
            grade="",
            judged_by="",
            judged_on=date(2025, 12, 1),
        )
    assert {"judged_by", "judged_on"} <= set(refused.value.errors)


def test_out_of_scope_is_not_found_and_a_reader_may_not_write(tree, persona, make_model):
    model = make_model(tree.commune)
    with pytest.raises(NotFound):
        services.model_create(
            actor=persona(Role.COMMUNE_OFFICER),
            owner=tree.commune2,
            name="X",
            serves=["tu_quan"],
            field="residential",
            level="commune",
            decision_number="1",
            decision_date=date(2025, 1, 1),
        )
    with pytest.raises(PermissionDenied):
        services.model_update(
            actor=persona(Role.VIEWER), model=model, serves=["tu_quan"], reason="x"
        )


def test_an_example_takes_the_models_field(tree, staff, make_model):
    model = make_model(field="cyberspace")
    example = services.example_create(
        actor=staff,
        unit=tree.commune,
        model=model,
        kind="individual",
        name="Nguyễn Văn An",
        level="commune",
        decision_number="5/QĐ-KT",
        decision_date=date(2026, 5, 1),
        reason="Phát hiện, tố giác tội phạm trên không gian mạng",
    )
    assert example.field == "cyberspace"
    with pytest.raises(FieldErrors) as refused:
        services.example_create(
            actor=staff,
            unit=tree.commune,
            kind="group",
            name="",
            level="x",
            decision_number="",
            decision_date=None,
            reason="",
            field="",
        )
    assert {"kind", "name", "field", "level", "decision_number", "decision_date", "reason"} == set(
        refused.value.errors
    )
