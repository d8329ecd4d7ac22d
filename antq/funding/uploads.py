"""Voucher files of a spending entry: a scan or a document, type and size checked."""

from django.conf import settings
from django.core.files.base import ContentFile

from antq.core.uploads import check_document

# Provisional: no rule caps a voucher's scan; 10 MB holds a scanned multi-page voucher.
# Override with the ANTQ_VOUCHER_MAX_BYTES setting.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
VOUCHER_TYPES = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
}


def max_bytes() -> int:
    return int(getattr(settings, "ANTQ_VOUCHER_MAX_BYTES", DEFAULT_MAX_BYTES))


def checked_voucher(upload, *, field: str = "voucher_file") -> ContentFile:
    """The upload as a file to store; refused (FieldErrors) when of another type or too large."""
    mime = check_document(upload, allowed=VOUCHER_TYPES, max_bytes=max_bytes(), field=field)
    handle = getattr(upload, "file", upload)
    handle.seek(0)
    data = handle.read()
    name = (getattr(upload, "name", "") or "chung-tu").rsplit("/", 1)[-1][:200]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return ContentFile(data, name=f"{stem}.{VOUCHER_TYPES[mime]}")
