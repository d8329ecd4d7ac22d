"""The files of directives, plans and reports: PDF or Word, recognised by content, size capped."""

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from antq.core.errors import FieldErrors

# Provisional: no rule caps these files; 10 MB holds a scanned 30-page PDF. Override with the
# ANTQ_DIRECTIVE_MAX_BYTES setting.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


def max_bytes() -> int:
    return int(getattr(settings, "ANTQ_DIRECTIVE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _mb(size: int) -> str:
    return f"{size / 2**20:.1f}".replace(".", ",")


def checked_document(upload, *, field: str = "file") -> ContentFile:
    """Return the upload as a file to store, or refuse one that is not PDF/Word or too large.

    The type is read from the content, never from the name: a renamed picture is refused.
    """
    if upload is None:
        raise FieldErrors({field: _("Attach the file (PDF or Word).")})
    name = (getattr(upload, "name", "") or "tep").rsplit("/", 1)[-1][:200]
    limit = max_bytes()
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise FieldErrors(
            {
                field: _("The file “%(name)s” is larger than %(limit)s MB; send a smaller one.")
                % {"name": name, "limit": _mb(limit)}
            }
        )
    if not data:
        raise FieldErrors({field: _("The file “%(name)s” is empty.") % {"name": name}})
    kind = filetype.guess(data)
    if kind is None or kind.mime not in DOCUMENT_TYPES:
        found = kind.extension.upper() if kind is not None else _("unknown")
        raise FieldErrors(
            {
                field: _(
                    "The file “%(name)s” is not a PDF or Word document (its content is: %(found)s)."
                )
                % {"name": name, "found": found}
            }
        )
    extension = DOCUMENT_TYPES[kind.mime]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return ContentFile(data, name=f"{stem}.{extension}")
