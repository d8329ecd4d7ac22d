"""Deliberate bugs the suite once missed (issue 16, item 3): how typed figures are read."""

from decimal import Decimal

import pytest

from antq.reports.choices import ValueType
from antq.reports.models import Indicator
from antq.reports.validation import clean_value

pytestmark = pytest.mark.django_db  # the folder's fixtures load the default forms

KG = Indicator(code="firecrackers_kg_recovered", value_type=ValueType.DECIMAL, min_value=0)
YES_NO = Indicator(code="team_active", value_type=ValueType.BOOLEAN)


@pytest.mark.parametrize(
    "typed, stored",
    [("13,85", "13.85"), ("1.234,5", "1234.5"), ("0,5", "0.5"), ("13.85", "13.85"), (7, "7")],
)
def test_a_vietnamese_decimal_comma_is_the_decimal_mark(typed, stored):
    assert clean_value(KG, typed).number == Decimal(stored)


def test_more_than_four_decimal_places_are_refused():
    with pytest.raises(ValueError, match="tối đa 4 chữ số thập phân"):
        clean_value(KG, "1,23456")
    assert clean_value(KG, "1,2345").number == Decimal("1.2345")


@pytest.mark.parametrize("typed", ["không", "Không", "KHONG", " không "])
def test_no_in_vietnamese_is_an_answer(typed):
    assert clean_value(YES_NO, typed).number == Decimal(0)


def test_yes_and_nonsense_for_a_yes_no_question():
    assert clean_value(YES_NO, "có").number == Decimal(1)
    with pytest.raises(ValueError, match="không"):
        clean_value(YES_NO, "có lẽ")
