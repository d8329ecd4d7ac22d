"""Hostile sheets on the registries' imports (forces' teams, self-management models): refused
within 2 s and 100 MB with the limit named, before anything is parsed; nothing is written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from antq.core.errors import DomainError
from antq.core.roles import Role
from antq.core.tests.hostile import assert_refused_quickly, dimension_bomb, zip_bomb
from antq.forces import importing as forces_importing
from antq.forces.models import SecurityTeam
from antq.models import importing as models_importing
from antq.models.models import SelfManagementModel

pytestmark = pytest.mark.django_db

BOMBS = {
    "dimension A1:XFD20000": (lambda rows: dimension_bomb(rows), "A1:XFD20000"),
    "64 MB of sheet XML in 70 KB": (
        lambda rows: zip_bomb(tuple(map(tuple, rows))),
        "chỉ cho phép tối đa 100 lần",
    ),
}


@pytest.fixture(autouse=True)
def _in_vietnamese():
    with translation.override("vi"):
        yield


def _header(module) -> list[list]:
    return [[title for _field, title in module.COLUMNS]]


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_the_teams_import_refuses_a_hostile_workbook(tree, persona, bomb):
    make, says = BOMBS[bomb]
    upload = SimpleUploadedFile("to-an-ninh.xlsx", make(_header(forces_importing)))
    officer = persona(Role.COMMUNE_OFFICER, "16417")
    assert_refused_quickly(
        lambda: forces_importing.register_import(
            actor=officer, commune=tree["16417"], upload=upload
        ),
        says=says,
        error_type=DomainError,
    )
    assert not SecurityTeam.objects.exists()


@pytest.mark.parametrize("bomb", list(BOMBS))
def test_the_models_import_refuses_a_hostile_workbook(tree, persona, bomb):
    make, says = BOMBS[bomb]
    upload = SimpleUploadedFile("mo-hinh.xlsx", make(_header(models_importing)))
    staff = persona(Role.PROVINCE_STAFF)
    assert_refused_quickly(
        lambda: models_importing.register_import(actor=staff, province=tree["38"], upload=upload),
        says=says,
        error_type=DomainError,
    )
    assert not SelfManagementModel.objects.exists()
