"""Paging for list pages and the API alike."""

from django.conf import settings
from django.core.paginator import Paginator


def page_of(queryset, number: str | int | None, size: int | None = None):
    paginator = Paginator(queryset, size or settings.ANTQ_PAGE_SIZE)
    return paginator.get_page(number)
