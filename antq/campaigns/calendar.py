"""The yearly festival days (domain §7.1); windows are provisional defaults a province edits."""

FESTIVAL_DAYS = [
    {
        "kind": "festival_19_8",
        "name": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc {year}",
        "start": (7, 1),  # provisional: practice runs July–August (domain §7.1 [S])
        "end": (8, 19),
        "legal_basis": "Luật Công an nhân dân 2018, Điều 6; QĐ 521/2005/QĐ-TTg",
    },
]
