"""While the database cannot be reached, answer 503 with a Vietnamese message, never 500.

A PostgreSQL restart, a fail-over or a full connection pool makes every query raise
`django.db.OperationalError` (or `InterfaceError` on a connection the server closed). That
is not a bug of the page: the user should wait a moment and send again. The answer is 503
with `Retry-After` (seconds, `ANTQ_DB_RETRY_AFTER`, 5 by default): a JSON body under /api/,
a small page elsewhere, rendered without the request's context (which would query again).

Django closes the broken connection at the end of the request, and with
`CONN_HEALTH_CHECKS` the next request opens a new one: the site recovers by itself.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

UNREACHABLE = (OperationalError, InterfaceError)


def retry_after() -> int:
    return int(getattr(settings, "ANTQ_DB_RETRY_AFTER", 5))


def unavailable(request) -> HttpResponse:
    """The 503 answer for `request` while the database is unreachable."""
    message = _("The database is briefly unavailable. Please send again in a few seconds.")
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=503)
    else:
        page = loader.get_template("core/503.html").render({"message": message})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


def is_unreachable(error: BaseException | None) -> bool:
    return isinstance(error, UNREACHABLE)


class DatabaseUnavailableMiddleware:
    """Turn a database that cannot be reached while a view runs into 503.

    A view is where the queries are (the API token, the lazy `request.user`, the page's
    data). An inner middleware's own error never reaches here: Django has already turned it
    into the 500 page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_unreachable(exception):
            return self._answer(request, exception)
        return None

    def _answer(self, request, error) -> HttpResponse:
        logger.warning("database unreachable on %s %s: %s", request.method, request.path, error)
        return unavailable(request)
