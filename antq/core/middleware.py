"""Site-wide middleware: Vietnamese first, and input bounds checked before any view runs."""

import json

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from . import bounds


class LanguageMiddleware:
    """Activate the language chosen with the switcher (its cookie), ignoring the browser's.

    Django's LocaleMiddleware would follow Accept-Language, so an official whose browser is
    set to English would get English without asking for it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class InputBoundsMiddleware:
    """Refuse, before any view runs, a written form or JSON body holding what no input may.

    Every field of a POST, PUT or PATCH (form fields, uploaded file names, JSON at any depth),
    and every query parameter of a request to the API, goes through
    `antq.core.bounds.value_problem`: control characters, unpaired surrogates, bidirectional
    overrides, and dates or years outside the system's bounds. The answer is 400 with the
    field and why: the site's error page, or under /api/ a JSON error whose `errors` maps the
    field to the message, as every other refusal of the API does.
    """

    METHODS = {"POST", "PUT", "PATCH"}
    SKIPPED = {"csrfmiddlewaretoken"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        found = None
        if request.path.startswith("/api/"):
            # A year filter of -13422 or 1532245 would reach the database as a date.
            query = {k: v[0] if len(v) == 1 else v for k, v in request.GET.lists()}
            found = bounds.first_problem(query)
        if not found and request.method in self.METHODS:
            found = self._problem(request)
        if found:
            return self._refuse(request, *found)
        return self.get_response(request)

    def _problem(self, request) -> tuple[str, str] | None:
        content_type = request.content_type or ""
        if content_type == "application/json" or content_type.endswith("+json"):
            length = int(request.META.get("CONTENT_LENGTH") or 0)
            if not length or length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return None  # nothing to read, or too big: the view refuses it as before
            try:
                data = json.loads(request.body)
            except ValueError:
                return None  # not JSON: the API answers that itself
            return bounds.first_problem(data)
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            fields = {k: v for k, v in request.POST.lists() if k not in self.SKIPPED}
            names = {k: [f.name for f in v] for k, v in request.FILES.lists()}
            return bounds.first_problem(fields) or bounds.first_problem(names)
        return None

    def _refuse(self, request, field: str, problem: str):
        message = _("The field “%(field)s”: %(problem)s") % {"field": field, "problem": problem}
        if request.path.startswith("/api/"):
            body = {"detail": message, "errors": {field: problem}}
            return JsonResponse(body, status=400)
        return render(request, "400.html", {"message": message}, status=400)
