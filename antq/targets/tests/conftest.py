import pytest

from antq.core.roles import Role
from antq.evaluation import services as evaluation

from .support import YEAR


@pytest.fixture
def year(tree, persona):
    return evaluation.year_open(actor=persona(Role.PROVINCE_STAFF), year=YEAR)
