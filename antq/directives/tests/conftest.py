"""Fixtures for directive tests: files as a user would upload them, and an issued directive."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from antq.core.roles import Role
from antq.directives import services

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def pdf(name="van-ban.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def docx(name="ke-hoach.docx") -> SimpleUploadedFile:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("Kế hoạch triển khai")
    document.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def png_named_pdf() -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, format="PNG")
    return SimpleUploadedFile("chi-thi.pdf", out.getvalue(), content_type="application/pdf")


def at(day: date, hour: int = 9):
    """Freeze the clock at `hour` o'clock on `day`, Vietnam time."""
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=TZ), tick=False)


ISSUED = date(2026, 3, 2)
DEADLINE = date(2026, 3, 20)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(persona):
    return persona(Role.PROVINCE_STAFF)


@pytest.fixture
def issue(tree, staff):
    """Issue a directive (by default to every commune and school of the province)."""

    def make(*, kinds=("commune", "school"), codes=(), number="67/KH-BCĐ", actor=None, **extra):
        with at(extra.pop("on", ISSUED)):
            return services.directive_issue(
                actor=actor or staff,
                issuing_body=extra.pop("issuing_body", "Ban Chỉ đạo 138 tỉnh Thanh Hóa"),
                number=number,
                issued_on=extra.pop("issued_on", ISSUED),
                kind=extra.pop("kind", "plan"),
                summary=extra.pop(
                    "summary", "Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2026"
                ),
                file=extra.pop("file", None) or pdf(),
                requires_plan=extra.pop("requires_plan", True),
                report_deadline=extra.pop("report_deadline", DEADLINE),
                audience=services.Audience(
                    root=extra.pop("root", tree.province), kinds=list(kinds), codes=list(codes)
                ),
                **extra,
            )

    return make


@pytest.fixture
def officer(persona):
    return persona(Role.COMMUNE_OFFICER)


@pytest.fixture
def school_officer(persona):
    return persona(Role.ESTABLISHMENT_OFFICER)


def deployment_of(directive, code):
    return directive.deployments.select_related("unit", "directive").get(unit__code=code)
