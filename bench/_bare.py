"""A bare Django endpoint for bench/national.py: the same settings and middleware, no work.

    gunicorn bench._bare:application      # POST or GET /ok answers "ok"

Its own URLconf, so nothing is added to the application's URLs.
"""

import os

from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "antq.settings.base")


@csrf_exempt
def ok(request):
    request.body  # read what the client sent, as a real endpoint would  # noqa: B018
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("ok", ok)]


def _application():
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    settings.ROOT_URLCONF = __name__
    return application


application = _application()
