"""Writes of the yearly cycle, one module per stage. Each checks, changes and records its
history atomically."""

from .assessment import assessment_return, assessment_save, assessment_submit, assessment_verify
from .classification import classification_review, classification_self_score
from .criteria import (
    own_criteria_items,
    year_criteria_set,
    year_criterion_add,
    year_criterion_remove,
)
from .recognition import recognition_grant, recognition_refuse, recognition_revoke
from .registration import MAX_DOCUMENT_BYTES, document_attach, registration_record
from .sheet import SHEET_COLUMNS, SheetRejected, sheet_file_read, year_sheet_decide
from .year import (
    DEFAULT_POLICY,
    year_open,
    year_policy_decide,
    year_update,
    year_verdicts_refresh,
)

__all__ = [
    "DEFAULT_POLICY",
    "MAX_DOCUMENT_BYTES",
    "SHEET_COLUMNS",
    "SheetRejected",
    "assessment_return",
    "assessment_save",
    "assessment_submit",
    "assessment_verify",
    "classification_review",
    "classification_self_score",
    "document_attach",
    "own_criteria_items",
    "recognition_grant",
    "recognition_refuse",
    "recognition_revoke",
    "registration_record",
    "sheet_file_read",
    "year_criteria_set",
    "year_criterion_add",
    "year_criterion_remove",
    "year_open",
    "year_policy_decide",
    "year_sheet_decide",
    "year_update",
    "year_verdicts_refresh",
]
