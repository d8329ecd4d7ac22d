from django.urls import include, path
from django.views.i18n import set_language

from antq.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("antq.accounts.urls")),
    path("units/", include("antq.units.urls")),
    path("evaluation/", include("antq.evaluation.urls")),
    path("reports/", include("antq.reports.urls")),
    path("", include("antq.web.urls")),
]
