"""The site's own error pages (400, 403, 404, 500) in the user's language; JSON under /api/."""

from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _

from antq.core.errors import DomainError


def _api_detail(status: int) -> str:
    return {
        400: _("The request could not be accepted"),
        403: _("You may not do this"),
        404: _("Not found."),
        500: _("Something went wrong on our side"),
    }[status]


def _page(request, status: int, exception=None):
    # A refusal written for the user (a DomainError) keeps its own words.
    message = exception.message if isinstance(exception, DomainError) else ""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message or _api_detail(status)}, status=status)
    return render(request, f"{status}.html", {"message": message}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, exception)


def permission_denied(request, exception=None):
    return _page(request, 403, exception)


def page_not_found(request, exception=None):
    return _page(request, 404, exception)


def server_error(request):
    """Render without the request's context: whatever failed must not fail the page again."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _api_detail(500)}, status=500)
    return HttpResponseServerError(loader.get_template("500.html").render({}))


class OwnErrorPagesMiddleware:
    """With DEBUG on (``make run``), answer the site's own 404 and 500 pages instead of
    Django's technical ones, which show the URL map and the settings to anyone. The
    traceback of a 500 is still written to the console by Django's request logger."""

    TECHNICAL = b"DEBUG = True"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code in (404, 500) and self.TECHNICAL in getattr(
            response, "content", b""
        ):
            if response.status_code == 404:
                return page_not_found(request)
            return server_error(request)
        return response
