"""The photos and documents of an activity: type read from the content, size capped.

Photos are decoded and re-encoded (only the pixels are kept: no EXIF, no trailing bytes, no
script hidden in a chunk); documents are stored as sent and only ever served as downloads.
"""

import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from antq.core.errors import FieldErrors
from antq.core.uploads import check_document

from .models import AttachmentKind

# Provisional: no rule caps these files; 10 MB holds a phone photo or a scanned report.
# Override with the ANTQ_CAMPAIGN_MAX_BYTES setting.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
PHOTOS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
DOCUMENTS = {
    "application/pdf": "pdf",
    "application/msword": "doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}
FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
MAX_PIXELS = 40_000_000


def max_bytes() -> int:
    return int(getattr(settings, "ANTQ_CAMPAIGN_MAX_BYTES", DEFAULT_MAX_BYTES))


def _stem(upload) -> str:
    name = (getattr(upload, "name", "") or "tep").replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return "".join(ch for ch in stem if ch.isalnum() or ch in "-_ ")[:120].strip() or "tep"


def _reencoded(data: bytes, mime: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ValueError("too large")
            image.load()
            image = ImageOps.exif_transpose(image)
            mode = "RGBA" if "A" in image.getbands() and mime != "image/jpeg" else "RGB"
            pixels = image.convert(mode)
    except Exception as error:
        raise FieldErrors({"file": _("The photo cannot be read.")}) from error
    out = io.BytesIO()
    pixels.save(out, format=FORMATS[mime], quality=88)
    return out.getvalue()


def checked_attachment(upload) -> tuple[ContentFile, str, str]:
    """Return (file to store, kind, MIME type) or refuse with a Vietnamese message."""
    if upload is None:
        raise FieldErrors({"file": _("Attach a photo (JPEG, PNG, WebP) or a PDF/Word file.")})
    mime = check_document(upload, allowed=set(PHOTOS) | set(DOCUMENTS), max_bytes=max_bytes())
    upload.seek(0)
    data = upload.read()
    stem = _stem(upload)
    if mime in PHOTOS:
        stored = ContentFile(_reencoded(data, mime), name=f"{stem}.{PHOTOS[mime]}")
        return stored, AttachmentKind.PHOTO, mime
    return ContentFile(data, name=f"{stem}.{DOCUMENTS[mime]}"), AttachmentKind.DOCUMENT, mime
