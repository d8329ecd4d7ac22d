"""The law's deadlines for handling a tip, counted from receipt.

Crime tips, Joint Circular 01/2017/TTLT Art. 8(5) [Q]: urgent/serious cases forwarded within
24 hours (48 in remote communes); other tips within 7 days. Denunciations, Law on
Denunciations 25/2018/QH14 [Q]: initial handling within 7 working days (Art. 24), settlement
within 30 days (Art. 30). Working days skip Saturdays and Sundays only: public holidays are
not configured yet (provisional).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

from .choices import Classification

REMIND_BEFORE = timedelta(hours=6)  # provisional: how long before a deadline to remind


@dataclass(frozen=True)
class Deadline:
    label: str
    due: datetime
    citation: str


def add_working_days(start: datetime, days: int) -> datetime:
    current = start
    while days:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def deadlines_of(*, classification: str, received_at: datetime, remote: bool) -> list[Deadline]:
    if classification == Classification.URGENT:
        hours = 48 if remote else 24
        return [
            Deadline(
                str(_("Forward the file (%(h)d hours)") % {"h": hours}),
                received_at + timedelta(hours=hours),
                "TTLT 01/2017 Điều 8 khoản 5",
            )
        ]
    if classification == Classification.DENUNCIATION:
        return [
            Deadline(
                str(_("Initial handling (7 working days)")),
                add_working_days(received_at, 7),
                "Luật Tố cáo 2018 Điều 24",
            ),
            Deadline(
                str(_("Settlement (30 days)")),
                received_at + timedelta(days=30),
                "Luật Tố cáo 2018 Điều 30",
            ),
        ]
    # Ordinary, and a tip not yet classified: the 7-day clock runs from receipt.
    return [
        Deadline(
            str(_("Forward the file (7 days)")),
            received_at + timedelta(days=7),
            "TTLT 01/2017 Điều 8 khoản 5",
        )
    ]
