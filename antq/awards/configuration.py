"""The award kinds seeded on installation, with the source of each value.

Only figures `domain/legal-research.md` §5 gives are entered as settled: the cash multiples
of Decree 98/2023 Art. 54 and the authorities of Law 06/2022 Art. 80. Everything else is
marked provisional: the authorities the abolished district chairman held (their allocation
after 1/7/2025 under Decree 152/2025 was not found), the cash for Bằng khen and Giấy khen, the
movement's criteria for a collective's Bằng khen, and the basic salary (none is seeded: the
province enters it from the decree in force).
"""

from datetime import date

LAW = "Luật Thi đua, khen thưởng 06/2022/QH15"
ART80 = f"{LAW}, Điều 80"
CASH = "Nghị định 98/2023/NĐ-CP, Điều 54 (nhắc lại tại Nghị định 152/2025/NĐ-CP)"
IN_FORCE = date(2024, 1, 1)
DISTRICT_POWERS = (
    "Thủ trưởng cơ quan, đơn vị; trước 01/7/2025 Chủ tịch UBND cấp huyện "
    "(phân cấp sau 2025 theo Nghị định 152/2025/NĐ-CP chưa xác định — tạm)"
)

# The board confirms these from the dossier; the system holds no data for them.
CHECK_DOSSIER = "Hồ sơ đủ thành phần: tờ trình, danh sách trích ngang, biên bản họp Hội đồng"
CHECK_ACHIEVEMENT = "Thành tích được xác nhận bằng số liệu, tài liệu kèm theo"
CHECK_EXCELLENT_TWO_YEARS = (
    "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ và có 02 sáng kiến được công nhận"
)

RECOGNISED_2 = {"rule": "recognised", "years": 2}
EXCELLENT_2 = {"rule": "class", "class": "excellent", "years": 2}


def _kind(code, name, category, recipient, level, awarded_by, **extra) -> dict:
    return {
        "code": code,
        "name": name,
        "category": category,
        "recipient": recipient,
        "level": level,
        "awarded_by": awarded_by,
        "awarded_by_provisional": extra.pop("awarded_by_provisional", False),
        "cash_multiple": extra.pop("cash_multiple", None),
        "cash_provisional": extra.pop("cash_provisional", False),
        "criteria": extra.pop("criteria", []),
        "criteria_provisional": extra.pop("criteria_provisional", False),
        "checklist": extra.pop("checklist", [CHECK_DOSSIER, CHECK_ACHIEVEMENT]),
        "legal_basis": extra.pop("legal_basis", ART80),
        "valid_from": extra.pop("valid_from", IN_FORCE),
        "certificate": extra.pop("certificate", False),
        "order": extra.pop("order", 0),
    }


DEFAULT_KINDS = [
    # Emulation titles (danh hiệu thi đua).
    _kind(
        "lao-dong-tien-tien",
        "Lao động tiên tiến",
        "title",
        "individual",
        "grassroots",
        "Chủ tịch UBND cấp xã; thủ trưởng cơ quan, đơn vị; giám đốc doanh nghiệp",
        cash_multiple="0.30",
        legal_basis=f"{ART80}; {CASH}",
        order=1,
    ),
    _kind(
        "chien-si-thi-dua-co-so",
        "Chiến sĩ thi đua cơ sở",
        "title",
        "individual",
        "grassroots",
        DISTRICT_POWERS,
        awarded_by_provisional=True,
        cash_multiple="1.00",
        legal_basis=f"{ART80}; {CASH}",
        order=2,
    ),
    _kind(
        "chien-si-thi-dua-tinh",
        "Chiến sĩ thi đua cấp tỉnh",
        "title",
        "individual",
        "province",
        "Chủ tịch UBND tỉnh (tạm)",
        awarded_by_provisional=True,
        cash_multiple="3.00",
        legal_basis=CASH,
        order=3,
    ),
    _kind(
        "tap-the-lao-dong-tien-tien",
        "Tập thể lao động tiên tiến",
        "title",
        "collective",
        "grassroots",
        DISTRICT_POWERS,
        awarded_by_provisional=True,
        cash_multiple="0.80",
        legal_basis=f"{ART80}; {CASH}",
        order=4,
    ),
    _kind(
        "tap-the-lao-dong-xuat-sac",
        "Tập thể lao động xuất sắc",
        "title",
        "collective",
        "province",
        "Chủ tịch UBND tỉnh (tạm)",
        awarded_by_provisional=True,
        cash_multiple="1.50",
        legal_basis=CASH,
        order=5,
    ),
    _kind(
        "co-thi-dua-tinh",
        "Cờ thi đua của UBND tỉnh",
        "title",
        "collective",
        "province",
        "Chủ tịch UBND tỉnh (tạm)",
        awarded_by_provisional=True,
        cash_multiple="8.00",
        legal_basis=CASH,
        order=6,
    ),
    # Forms of award (hình thức khen thưởng).
    _kind(
        "bang-khen-tinh-tap-the",
        "Bằng khen của Chủ tịch UBND tỉnh (tập thể)",
        "award",
        "collective",
        "province",
        "Chủ tịch UBND tỉnh",
        cash_provisional=True,
        criteria=[[RECOGNISED_2, EXCELLENT_2]],
        criteria_provisional=True,
        certificate=True,
        order=10,
    ),
    _kind(
        "bang-khen-tinh-ca-nhan",
        "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)",
        "award",
        "individual",
        "province",
        "Chủ tịch UBND tỉnh",
        cash_provisional=True,
        criteria=[
            [{"rule": "title", "award": "chien-si-thi-dua-co-so", "years": 2}],
            [{"rule": "attested", "item": CHECK_EXCELLENT_TWO_YEARS}],
        ],
        checklist=[CHECK_DOSSIER, CHECK_ACHIEVEMENT, CHECK_EXCELLENT_TWO_YEARS],
        legal_basis=f"{LAW}, Điều 74 khoản 1 điểm d; {ART80}",
        certificate=True,
        order=11,
    ),
    _kind(
        "bang-khen-bo-cong-an-tap-the",
        "Bằng khen của Bộ trưởng Bộ Công an (tập thể)",
        "award",
        "collective",
        "ministry",
        "Bộ trưởng Bộ Công an",
        cash_provisional=True,
        certificate=True,
        order=12,
    ),
    _kind(
        "bang-khen-bo-cong-an-ca-nhan",
        "Bằng khen của Bộ trưởng Bộ Công an (cá nhân)",
        "award",
        "individual",
        "ministry",
        "Bộ trưởng Bộ Công an",
        cash_provisional=True,
        certificate=True,
        order=13,
    ),
    _kind(
        "giay-khen-cong-an-tinh-tap-the",
        "Giấy khen của Giám đốc Công an tỉnh (tập thể)",
        "award",
        "collective",
        "province",
        "Giám đốc Công an tỉnh (thủ trưởng đơn vị trực thuộc Bộ)",
        cash_provisional=True,
        certificate=True,
        order=14,
    ),
    _kind(
        "giay-khen-cong-an-tinh-ca-nhan",
        "Giấy khen của Giám đốc Công an tỉnh (cá nhân)",
        "award",
        "individual",
        "province",
        "Giám đốc Công an tỉnh (thủ trưởng đơn vị trực thuộc Bộ)",
        cash_provisional=True,
        certificate=True,
        order=15,
    ),
    _kind(
        "giay-khen-xa-tap-the",
        "Giấy khen của Chủ tịch UBND cấp xã (tập thể)",
        "award",
        "collective",
        "grassroots",
        "Chủ tịch UBND cấp xã",
        cash_provisional=True,
        certificate=True,
        order=16,
    ),
    _kind(
        "giay-khen-xa-ca-nhan",
        "Giấy khen của Chủ tịch UBND cấp xã (cá nhân)",
        "award",
        "individual",
        "grassroots",
        "Chủ tịch UBND cấp xã",
        cash_provisional=True,
        certificate=True,
        order=17,
    ),
    _kind(
        "ky-niem-chuong-bao-ve-antq",
        "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”",
        "award",
        "individual",
        "ministry",
        "Bộ trưởng Bộ Công an (tạm)",
        awarded_by_provisional=True,
        cash_provisional=True,
        checklist=[
            CHECK_DOSSIER,
            "Đủ thời gian công tác (thành viên Tổ bảo vệ ANTT: nam 15 năm, nữ 10 năm; "
            "lãnh đạo: 10 năm và 01 lần được khen thưởng)",
        ],
        legal_basis="Thông tư 20/2025/TT-BCA",
        valid_from=date(2025, 1, 1),
        order=18,
    ),
]

# The province's weights for ranking a cluster until it decides its own (no law gives any).
DEFAULT_WEIGHTS = {
    "recognised": 40,
    "classes": {"excellent": 60, "good": 40, "average": 20, "weak": 0},
}


def kinds_load(award_kind_model) -> None:
    """Create the default kinds missing from the table (the data migration and tests)."""
    from decimal import Decimal

    for data in DEFAULT_KINDS:
        values = dict(data)
        code = values.pop("code")
        if values["cash_multiple"] is not None:
            values["cash_multiple"] = Decimal(values["cash_multiple"])
        award_kind_model.objects.get_or_create(code=code, defaults=values)
