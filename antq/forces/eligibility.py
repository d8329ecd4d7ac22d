"""Who may join the force (Art. 13 of Law 30/2023): one pure function per rule.

Each rule reads an `Applicant` and answers None (met) or a `Refusal` naming the rule and
the reason in the interface language. Nothing here touches the database.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from .choices import EDUCATION_RANK, Education

MIN_AGE = 18
MAX_AGE = 70
MIN_RESIDENCE_YEARS = 1


@dataclass(frozen=True)
class Applicant:
    birth_date: date
    education: str
    resident_since: date
    record_document: str = ""
    health_document: str = ""
    over_age_decision: str = ""
    primary_education_area: bool = False  # the team's area is one Art. 13 names


@dataclass(frozen=True)
class Refusal:
    rule: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}"


def years_between(start: date, end: date) -> int:
    """Full years from start to end (a birthday on 29/2 falls on 1/3 in other years)."""
    return end.year - start.year - ((end.month, end.day) < (start.month, start.day))


def rule_age(applicant: Applicant, on: date) -> Refusal | None:
    """M-AGE: from 18 to 70 full years; older only with the commune chairman's decision."""
    age = years_between(applicant.birth_date, on)
    if age < MIN_AGE:
        return Refusal(
            "M-AGE",
            "birth_date",
            _("The person is %(age)s years old; members must be at least 18 (Art. 13).")
            % {"age": age},
        )
    if age > MAX_AGE and not applicant.over_age_decision.strip():
        return Refusal(
            "M-AGE",
            "over_age_decision",
            _(
                "The person is %(age)s years old; over 70 requires a decision of the commune "
                "chairman, which is not recorded (Art. 13)."
            )
            % {"age": age},
        )
    return None


def rule_education(applicant: Applicant, on: date) -> Refusal | None:
    """M-EDU: lower-secondary or higher; primary in the areas Art. 13 names."""
    needed = Education.PRIMARY if applicant.primary_education_area else Education.LOWER_SECONDARY
    if EDUCATION_RANK.get(applicant.education, -1) >= EDUCATION_RANK[needed]:
        return None
    if applicant.primary_education_area:
        message = _("Members in this area must have finished at least primary school (Art. 13).")
    else:
        message = _(
            "Members must have at least a lower-secondary certificate; primary suffices only in "
            "border, island, mountain, disadvantaged or ethnic-minority areas (Art. 13)."
        )
    return Refusal("M-EDU", "education", message)


def rule_residence(applicant: Applicant, on: date) -> Refusal | None:
    """M-RES: permanent or temporary residence in the place for at least a year."""
    if years_between(applicant.resident_since, on) >= MIN_RESIDENCE_YEARS:
        return None
    return Refusal(
        "M-RES",
        "resident_since",
        _(
            "The person has lived here since %(since)s, less than one year; members must have "
            "resided at least one year where they join (Art. 13)."
        )
        % {"since": applicant.resident_since.strftime("%d/%m/%Y")},
    )


def rule_record(applicant: Applicant, on: date) -> Refusal | None:
    """M-RECORD: a clean record, declared with the document that proves it."""
    if applicant.record_document.strip():
        return None
    return Refusal(
        "M-RECORD",
        "record_document",
        _(
            "Give the document proving a clean record (not prosecuted, not serving a sentence, "
            "not under an administrative measure; Art. 13)."
        ),
    )


def rule_health(applicant: Applicant, on: date) -> Refusal | None:
    """M-HEALTH: health certified by a licensed medical facility."""
    if applicant.health_document.strip():
        return None
    return Refusal(
        "M-HEALTH",
        "health_document",
        _("Give the health certificate from a licensed medical facility (Art. 13)."),
    )


RULES = (rule_age, rule_education, rule_residence, rule_record, rule_health)


def refusals(applicant: Applicant, on: date) -> list[Refusal]:
    """Return every rule the applicant fails on the day they would join."""
    return [r for rule in RULES if (r := rule(applicant, on)) is not None]
