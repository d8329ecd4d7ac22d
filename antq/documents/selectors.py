"""Reads of the documents app, scoped to the reader: out of scope answers NotFound."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from antq.core.errors import NotFound
from antq.units.permissions import scope_path

from .models import GeneratedDocument, ReviewDraft

FILES = ("docx", "pdf", "xlsx")


def document_list(*, user) -> QuerySet[GeneratedDocument]:
    rows = GeneratedDocument.objects.select_related("unit")
    prefix = scope_path(user)
    return rows if prefix is None else rows.filter(unit__path__startswith=prefix)


def document_get(*, user, pk: int) -> GeneratedDocument:
    job = document_list(user=user).filter(pk=pk).first()
    if job is None:
        raise NotFound(_("No such document."))
    return job


def draft_for(*, kind: str, unit, period: str) -> ReviewDraft | None:
    return ReviewDraft.objects.filter(kind=kind, unit=unit, period=period.strip().upper()).first()
