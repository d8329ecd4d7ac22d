"""What the law leaves to each province, per year: authorities, lateness, dossiers, transitions.

Every default here is labelled: the law's rule with its article where it has one, otherwise
"provisional" (tạm thời) for the province to confirm or replace.
"""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from antq.core.errors import DomainError

from .choices import ESTABLISHMENT_KINDS, EVALUATED_KINDS, Authority

# The district level was abolished and communes rearranged from this day.
REORGANISATION_DAY = date(2025, 7, 1)

# Circular 124/2021, Articles 9.1 and 10 while the district level existed.
_BEFORE_REORGANISATION = {
    "residential_area": (
        Authority.COMMUNE,
        Authority.COMMUNE,
        "Điều 9 khoản 1 điểm a, Điều 10 khoản 1",
    ),
    "commune": (Authority.DISTRICT, Authority.DISTRICT, "Điều 9 khoản 1 điểm b, Điều 10 khoản 2"),
}
_ESTABLISHMENT_BASIS = "Điều 9 khoản 1 điểm c, Điều 10 khoản 1, 2, 3"
PROVISIONAL_COMMUNE_BASIS = gettext_lazy(
    "Provisional: since 1 July 2025 there is no district level; the province verifies and "
    "decides until the wording of Circular 48/2025/TT-BCA is known."
)
MINISTRY_BASIS = "Điều 9 khoản 1 điểm d, Điều 10 khoản 4 Thông tư 124/2021/TT-BCA"

OPTION_DEFAULTS = {
    # The law sets registration in Quarter I (Art. 4.1, 5.1, 6.1, 7.1) but no sanction.
    "late_registration_fails": False,
    # Units created by the 2025 mergers could not register in Quarter I 2025.
    "q1_transition": "",  # "" | "carry_over" | "waive"
    "q1_transition_basis": "",
    # Verification and recognition refuse to proceed while the dossier (Art. 9.2) is missing.
    "dossier_required": False,
    # Agencies, enterprises and schools followed by the Ministry's departments (Art. 9.1.d).
    "ministry_units": [],
}
PROVISIONAL_OPTIONS = ("late_registration_fails", "dossier_required")
TRANSITIONS = ("", "carry_over", "waive")


def default_authorities(commune_period_end: date) -> dict:
    """Return who verifies and decides for each kind, for a year whose period ends then."""
    chosen = {}
    before = commune_period_end < REORGANISATION_DAY
    for kind in EVALUATED_KINDS:
        if kind in ESTABLISHMENT_KINDS:
            verifier = decider = Authority.PARENT
            basis, provisional = f"{_ESTABLISHMENT_BASIS} Thông tư 124/2021/TT-BCA", False
        elif before or kind == "residential_area":
            verifier, decider, article = _BEFORE_REORGANISATION[kind]
            basis, provisional = f"{article} Thông tư 124/2021/TT-BCA", False
        else:
            verifier = decider = Authority.PROVINCE
            basis, provisional = str(PROVISIONAL_COMMUNE_BASIS), True
        chosen[kind] = {
            "verifier": str(verifier),
            "decider": str(decider),
            "basis": basis,
            "provisional": provisional,
        }
    return chosen


def options_of(campaign) -> dict:
    return {**OPTION_DEFAULTS, **(campaign.options or {})}


def clean_options(values: dict, *, current: dict) -> dict:
    """Validate a change of the year's options; refuse unknown keys and wrong values."""
    unknown = set(values) - set(OPTION_DEFAULTS)
    if unknown:
        raise DomainError(_("Unknown settings: %(k)s.") % {"k": ", ".join(sorted(unknown))})
    merged = {**OPTION_DEFAULTS, **current, **values}
    for key in ("late_registration_fails", "dossier_required"):
        if not isinstance(merged[key], bool):
            raise DomainError(_("%(k)s must be yes or no.") % {"k": key})
    if merged["q1_transition"] not in TRANSITIONS:
        raise DomainError(_("Unknown Quarter I transition rule."))
    basis = str(merged["q1_transition_basis"] or "").strip()
    if merged["q1_transition"] and not basis:
        raise DomainError(_("Give the basis (the province's decision) of the transition rule."))
    merged["q1_transition_basis"] = basis[:300]
    codes = merged["ministry_units"]
    if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
        raise DomainError(_("The units followed by the Ministry must be a list of unit codes."))
    merged["ministry_units"] = sorted({c.strip() for c in codes if c.strip()})
    return merged
