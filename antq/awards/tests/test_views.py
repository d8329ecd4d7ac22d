"""Award pages: each step renders, lists stay within a query budget, documents read back."""

import io
from datetime import date

import pytest
import time_machine
from docx import Document
from pypdf import PdfReader

from antq.awards import services
from antq.awards.models import AwardKind, Nomination
from antq.core.roles import Role

pytestmark = pytest.mark.django_db
BK = "bang-khen-tinh-tap-the"
PAGES = [
    "/awards/",
    "/awards/kinds/",
    "/awards/registrations/",
    "/awards/nominations/",
    "/awards/nominations/new/",
    "/awards/decisions/",
    "/awards/awards/",
    "/awards/quotas/",
    "/awards/matters/",
    "/awards/clusters/",
    "/awards/statistics/",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_render_in_vietnamese(url, login, persona, tree):
    response = login(persona(Role.PROVINCE_STAFF)).get(url)
    assert response.status_code == 200
    assert (
        "Thi đua, khen thưởng" in response.content.decode()
        or "Việc cần làm" in response.content.decode()
    )


def _decided(persona, tree, evaluate, units):
    staff = persona(Role.PROVINCE_STAFF)
    kind = AwardKind.objects.get(code=BK)
    accepted = []
    for unit in units:
        evaluate(unit, 2025)
        evaluate(unit, 2026)
        n = services.nomination_create(
            actor=staff, year=2026, kind=kind, unit=unit, achievements="Thành tích xuất sắc"
        )
        n = services.nomination_submit(actor=staff, nomination=n)
        accepted.append(
            services.nomination_appraise(
                actor=persona(Role.APPRAISER),
                nomination=n,
                outcome="accept",
                checklist=dict.fromkeys(kind.checklist, True),
                votes_for=9,
            )
        )
    return services.decision_record(
        actor=staff,
        kind=kind,
        year=2026,
        number="55/QĐ-UBND",
        decided_on=date(2026, 12, 20),
        signer="Đỗ Minh Tuấn",
        signer_title="Chủ tịch UBND tỉnh",
        issuing_body="UBND tỉnh Thanh Hóa",
        nominations=accepted,
        amounts={n.pk: 1_000_000 for n in accepted},
    )


@time_machine.travel(date(2026, 12, 21))
def test_certificates_of_a_decision_in_one_file_read_back(login, persona, tree, evaluate):
    decision = _decided(persona, tree, evaluate, [tree.area, tree.area2])
    client = login(persona(Role.PROVINCE_STAFF))
    docx = client.get(f"/awards/decisions/{decision.pk}/certificates.docx")
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert text.count("BẰNG KHEN") == 2
    assert "Thôn Đông Hưng" in text and "Tổ dân phố Lê Lợi" in text
    pdf = PdfReader(
        io.BytesIO(client.get(f"/awards/decisions/{decision.pk}/certificates.pdf").content)
    )
    assert len(pdf.pages) == 2
    assert "Tổ dân phố Lê Lợi" in pdf.pages[1].extract_text()
    annex = Document(
        io.BytesIO(client.get(f"/awards/decisions/{decision.pk}/decision.docx").content)
    )
    annex_text = "\n".join(p.text for p in annex.paragraphs)
    assert "Tổng cộng: 2.000.000 đồng" in annex_text
    one = decision.awards.first()
    single = PdfReader(io.BytesIO(client.get(f"/awards/awards/{one.pk}/certificate.pdf").content))
    assert len(single.pages) == 1


@time_machine.travel(date(2026, 12, 21))
def test_other_province_cannot_open_the_decision(login, persona, tree, evaluate):
    decision = _decided(persona, tree, evaluate, [tree.area])
    other = persona(Role.PROVINCE_STAFF, "01")
    assert login(other).get(f"/awards/decisions/{decision.pk}/").status_code == 404
    assert login(other).get(f"/awards/decisions/{decision.pk}/certificates.pdf").status_code == 404


@time_machine.travel(date(2026, 12, 21))
def test_lists_keep_a_query_budget(login, persona, tree, evaluate, django_assert_max_num_queries):
    _decided(persona, tree, evaluate, [tree.area, tree.area2, tree.area3])
    client = login(persona(Role.PROVINCE_STAFF))
    for url in (
        "/awards/nominations/?year=2026",
        "/awards/awards/",
        "/awards/statistics/?year=2026",
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200


def test_nomination_form_errors_in_vietnamese_and_nothing_saved(login, persona, tree):
    client = login(persona(Role.COMMUNE_OFFICER))
    response = client.post(
        "/awards/nominations/new/?year=2026",
        {"unit": "16417", "kind": "bang-khen-tinh-ca-nhan", "basis": "merit", "achievements": "x"},
    )
    assert response.status_code == 200
    assert "Cần nhập họ tên của cá nhân." in response.content.decode()
    assert not Nomination.objects.exists()


def test_nomination_search_ignores_diacritics_and_exports(login, persona, tree):
    staff = persona(Role.PROVINCE_STAFF)
    for unit in (tree.area, tree.area3):
        services.nomination_create(
            actor=staff, year=2026, kind=AwardKind.objects.get(code=BK), unit=unit, achievements="x"
        )
    client = login(staff)
    page = client.get("/awards/nominations/", {"year": 2026, "q": "dong hung"}).content.decode()
    assert "Thôn Đông Hưng" in page and "Thôn Quảng Đại" not in page
    export = client.get("/awards/nominations.xlsx", {"year": 2026})
    assert export.status_code == 200 and export["Content-Type"].startswith(
        "application/vnd.openxml"
    )


@time_machine.travel(date(2026, 12, 21))
def test_cluster_page_ranks_and_adjusts(login, persona, tree, evaluate):
    evaluate(tree.commune, 2026, class_name="good")
    evaluate(tree.commune2, 2026)
    cluster = services.cluster_create(
        actor=persona(Role.PROVINCE_STAFF),
        year=2026,
        kind="cluster",
        name="Cụm 1",
        leader=tree.commune,
        members=[tree.commune2],
    )
    client = login(persona(Role.COMMUNE_OFFICER))
    client.post(f"/awards/clusters/{cluster.pk}/rank/")
    member = cluster.members.get(unit=tree.commune)
    assert member.computed_rank == 2  # Khá ranks below Xuất sắc
    refused = client.post(
        f"/awards/clusters/{cluster.pk}/members/{member.pk}/", {"rank": 1, "reason": ""}
    )
    assert refused.status_code == 400
    client.post(
        f"/awards/clusters/{cluster.pk}/members/{member.pk}/",
        {"rank": 1, "reason": "Dẫn đầu đợt cao điểm"},
    )
    page = client.get(f"/awards/clusters/{cluster.pk}/?year=2026").content.decode()
    assert "Dẫn đầu đợt cao điểm" in page
    member.refresh_from_db()
    assert member.rank == 1 and member.computed_rank == 2


def test_title_registration_shows_the_safety_standard_registration_beside_it(
    login, persona, tree, years
):
    from antq.evaluation import services as evaluation

    evaluation.registration_record(
        actor=persona(Role.PROVINCE_STAFF),
        campaign=years[2026],
        unit=tree.commune,
        registered_on=date(2026, 3, 1),
    )
    client = login(persona(Role.COMMUNE_OFFICER))
    response = client.post(
        "/awards/registrations/",
        {"unit": "16417", "kind": "tap-the-lao-dong-tien-tien", "registered_on": "2026-01-20"},
    )
    assert response.status_code == 302
    page = client.get("/awards/registrations/", {"year": 2026}).content.decode()
    assert "Tập thể lao động tiên tiến" in page and "✔" in page


def test_only_those_who_see_personal_data_search_by_identity_number(login, persona, tree, years):
    services.award_record(
        actor=persona(Role.PROVINCE_STAFF),
        kind=AwardKind.objects.get(code="lao-dong-tien-tien"),
        year=2025,
        unit=tree.commune,
        decision_number="7/QĐ-CT",
        decided_on=date(2025, 12, 20),
        issuing_body="UBND phường Đông Quang",
        person_name="Trần Văn Bình",
        birth_date=date(1975, 1, 1),
        identity_number="038075009999",
    )
    found = login(persona(Role.COMMUNE_OFFICER)).get("/awards/awards/", {"q": "038075009999"})
    assert "Trần Văn Bình" in found.content.decode()
    probed = login(persona(Role.VIEWER)).get("/awards/awards/", {"q": "038075009999"})
    assert "Trần Văn Bình" not in probed.content.decode()
