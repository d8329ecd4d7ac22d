"""Check uploads by content and strip their metadata before anything is stored."""

import io
import zipfile

import filetype
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image

from antq.core.errors import FieldErrors

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED = set(IMAGE_TYPES) | {DOCX}
# Video is refused: no well-kept library strips MP4/MOV metadata without ffmpeg. Location
# and device data sit in many places (udta ©xyz, moov/meta keys, XMP uuid boxes, timed
# metadata tracks such as Apple's mebx or GoPro's GPMF), and tools that edit tags only
# (mutagen, exiftool) leave the track-level and timed ones, so a stored video could give
# away where the sender stood.
VIDEO_PREFIX = "video/"


def _refuse(name: str, message: str):
    raise FieldErrors(
        {"attachments": _("File “%(name)s”: %(problem)s") % {"name": name, "problem": message}}
    )


def read_limited(upload, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read an upload chunk by chunk, refusing it as soon as it passes the limit."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        _refuse(name, _("it is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)})
    buffer = io.BytesIO()
    for chunk in upload.chunks():
        if buffer.tell() + len(chunk) > limit:
            _refuse(name, _("it is larger than %(mb)d MB.") % {"mb": limit // (1024 * 1024)})
        buffer.write(chunk)
    return buffer.getvalue()


def clean_upload(upload) -> tuple[ContentFile, str]:
    """Return the cleaned file and its type, or refuse a file not allowed by its content."""
    name = getattr(upload, "name", "") or ""
    data = read_limited(upload)
    kind = filetype.guess(data)
    mime = kind.mime if kind else ""
    if mime.startswith(VIDEO_PREFIX):
        _refuse(
            name,
            _(
                "videos are not accepted: the system cannot yet remove the location and the "
                "device details hidden in a video, which could reveal who you are. Send "
                "photos instead, or describe what the video shows."
            ),
        )
    if mime not in ALLOWED:
        _refuse(
            name,
            _("this kind of file is not accepted (photos JPEG/PNG/WebP, Word .docx)."),
        )
    if mime in IMAGE_TYPES:
        return ContentFile(
            _reencode_image(data, name), name=f"anh.{IMAGE_TYPES[mime].lower()}"
        ), mime
    return ContentFile(_strip_docx(data, name), name="tai-lieu.docx"), mime


def _reencode_image(data: bytes, name: str) -> bytes:
    """Decode and re-encode the pixels only: EXIF (GPS, camera serial) and other chunks go."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            fmt = image.format
            from PIL import ImageOps

            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "RGBA", "L"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            clean = Image.frombytes(image.mode, image.size, image.tobytes())
    except Exception:
        _refuse(name, _("the image cannot be read."))
    out = io.BytesIO()
    if fmt == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    clean.save(out, format=fmt or "PNG", quality=90)
    return out.getvalue()


def _strip_docx(data: bytes, name: str) -> bytes:
    """Blank the author fields of a Word document (core properties)."""
    import docx

    try:
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ValueError
        document = docx.Document(io.BytesIO(data))
    except Exception:
        _refuse(name, _("the document cannot be read."))
    props = document.core_properties
    for field in (
        "author",
        "last_modified_by",
        "comments",
        "category",
        "keywords",
        "subject",
        "title",
        "identifier",
        "content_status",
    ):
        setattr(props, field, "")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
