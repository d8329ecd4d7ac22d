"""Writes of the awards app, one module per stage; each checks, changes and records history
in one transaction."""

from .clusters import cluster_create, cluster_rank_adjust, cluster_rank_compute, cluster_rank_submit
from .config import (
    basic_salary_on,
    basic_salary_set,
    cash_for,
    kind_update,
    matter_close,
    matter_record,
    quota_set,
    title_register,
    weights_of,
    weights_set,
)
from .decisions import award_record, award_revoke, check_duplicate, decision_record
from .nominations import (
    MAX_FILE_BYTES,
    dossier_attach,
    nomination_appraise,
    nomination_create,
    nomination_eligibility,
    nomination_submit,
    quota_for,
)

__all__ = [
    "MAX_FILE_BYTES",
    "award_record",
    "award_revoke",
    "basic_salary_on",
    "basic_salary_set",
    "cash_for",
    "check_duplicate",
    "cluster_create",
    "cluster_rank_adjust",
    "cluster_rank_compute",
    "cluster_rank_submit",
    "decision_record",
    "dossier_attach",
    "kind_update",
    "matter_close",
    "matter_record",
    "nomination_appraise",
    "nomination_create",
    "nomination_eligibility",
    "nomination_submit",
    "quota_for",
    "quota_set",
    "title_register",
    "weights_of",
    "weights_set",
]
