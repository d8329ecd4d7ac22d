"""Paging for list pages and the API alike."""

from django.conf import settings
from django.core.paginator import Paginator

# The units listed below a unit (the dashboard's drill-down, the rollup's units) come 20 a
# page: a province's 170 communes would be 6,000 px of a phone's page (issue 9); the search
# and the export reach every one.
UNITS_PAGE = 20


def page_of(queryset, number: str | int | None, size: int | None = None):
    paginator = Paginator(queryset, size or settings.ANTQ_PAGE_SIZE)
    return paginator.get_page(number)
