"""The yearly festival days created for each year by default (domain §7.1, §7.4).

Only 19/8 has a verified basis in the domain texts: Luật CAND 2018 Art. 6 [Q] and
QĐ 521/2005/QĐ-TTg [S]. The domain texts give no basis for the anti-drug day (26/6, named in
seed 002) nor a date or basis for the great-unity festival day: those entries are PROVISIONAL
configuration (`provisional: True`, empty basis) until the client supplies the texts. Every
window is a provisional default (practice runs over weeks, domain §7.1); a deployment replaces
the whole calendar with the ANTQ_CAMPAIGN_CALENDAR setting (a list of entries of this shape).
"""

from django.conf import settings

FESTIVAL_DAYS = [
    {
        "kind": "festival_19_8",
        "name": "Ngày hội toàn dân bảo vệ an ninh Tổ quốc {year}",
        "start": (7, 1),  # provisional: practice runs July–August (domain §7.1 [S])
        "end": (8, 19),
        "legal_basis": "Luật Công an nhân dân 2018, Điều 6; QĐ 521/2005/QĐ-TTg",
        "provisional": False,
    },
    {
        "kind": "anti_drug_26_6",
        "name": "Ngày toàn dân phòng, chống ma túy 26/6/{year}",
        "start": (6, 1),  # provisional window ending on the day named by seed 002
        "end": (6, 26),
        "legal_basis": "",  # not in the domain texts: ask the client
        "provisional": True,
    },
    {
        "kind": "great_unity",
        "name": "Ngày hội đại đoàn kết toàn dân tộc {year}",
        # Provisional: the domain texts give neither the date nor the basis; 18/11 is a
        # placeholder to be confirmed by the client.
        "start": (11, 1),
        "end": (11, 18),
        "legal_basis": "",
        "provisional": True,
    },
]


def festival_days() -> list[dict]:
    """The calendar in force: the ANTQ_CAMPAIGN_CALENDAR setting if set, else the defaults."""
    return list(getattr(settings, "ANTQ_CAMPAIGN_CALENDAR", FESTIVAL_DAYS))
