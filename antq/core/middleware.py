"""Vietnamese first: the interface language is the user's explicit choice, else Vietnamese."""

from django.conf import settings
from django.utils import translation


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
