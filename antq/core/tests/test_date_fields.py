"""Dates are typed and shown day first (dd/mm/yyyy), whatever the browser's language."""

from datetime import date

import pytest
from django import forms
from django.template import Context, Template
from django.utils import translation

from antq.core.forms import DateField, parse_date


class _Form(forms.Form):
    day = DateField(label="Ngày")


def _cleaned(value):
    with translation.override("vi"):
        form = _Form({"day": value})
        return form.is_valid(), form


@pytest.mark.parametrize(
    "typed", ["01/04/2026", "1/4/2026", "01.04.2026", "01042026", "2026-04-01"]
)
def test_a_date_is_read_day_first(typed):
    valid, form = _cleaned(typed)
    assert valid, form.errors
    assert form.cleaned_data["day"] == date(2026, 4, 1)  # 1 April, never 4 January


@pytest.mark.parametrize("typed", ["31/02/2026", "13/13/2026", "04/31/2026", "hôm qua", "2026"])
def test_an_impossible_date_is_refused_in_vietnamese(typed):
    valid, form = _cleaned(typed)
    assert not valid
    assert form.errors["day"] == [
        "Nhập một ngày có thật theo dạng ngày/tháng/năm (dd/mm/yyyy), ví dụ 01/04/2026."
    ]


def test_the_box_is_text_with_a_day_first_placeholder_and_shows_the_date_day_first():
    with translation.override("vi"):
        html = str(_Form(initial={"day": date(2026, 4, 1)})["day"])
    assert 'type="text"' in html and 'type="date"' not in html
    assert 'placeholder="dd/mm/yyyy"' in html and 'inputmode="numeric"' in html
    assert 'value="01/04/2026"' in html
    assert "pattern=" in html


def test_a_refused_box_keeps_what_was_typed():
    _valid, form = _cleaned("31/02/2026")
    assert 'value="31/02/2026"' in str(form["day"])


@pytest.mark.parametrize("language", ["vi", "en"])
def test_pages_show_dates_day_first_in_every_language(language):
    with translation.override(language):
        shown = Template("{{ day|date }} {{ day|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"day": date(2026, 4, 1)})
        )
    assert shown == "01/04/2026 01/04/2026"


def test_parse_date_answers_none_for_what_is_no_date():
    assert parse_date("29/02/2025") is None
    assert parse_date("29/02/2028") == date(2028, 2, 29)
