"""Fixtures of the campaign tests: the year's festival days, files as a user uploads them."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from antq.campaigns import services
from antq.core.roles import Role

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def at(day: date):
    return time_machine.travel(datetime(day.year, day.month, day.day, 9, tzinfo=TZ), tick=False)


def png(name="anh.png", *, extra: bytes = b"") -> SimpleUploadedFile:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (200, 30, 30)).save(out, format="PNG")
    return SimpleUploadedFile(name, out.getvalue() + extra, content_type="image/png")


def pdf(name="bao-cao.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def staff(persona):
    return persona(Role.PROVINCE_STAFF)


@pytest.fixture
def officer(persona):
    return persona(Role.COMMUNE_OFFICER)


@pytest.fixture
def days(tree, staff):
    """The 2026 festival days of the province, by kind."""
    made = services.festival_days_create(actor=staff, province=tree.province, year=2026)
    return {c.kind: c for c in made}
