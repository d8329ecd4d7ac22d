from django.urls import include, path
from django.views.i18n import set_language

from antq.api import api
from antq.targets.views import public_page

urlpatterns = [
    path("api/v1/", api.urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("antq.accounts.urls")),
    path("units/", include("antq.units.urls")),
    path("evaluation/", include("antq.evaluation.urls")),
    path("reports/", include("antq.reports.urls")),
    path("targets/", include("antq.targets.urls")),
    path("models/", include("antq.models.urls")),
    path("forces/", include("antq.forces.urls")),
    path("directives/", include("antq.directives.urls")),
    path("campaigns/", include("antq.campaigns.urls")),
    path("funding/", include("antq.funding.urls")),
    path("tips/", include("antq.tips.urls")),
    path("awards/", include("antq.awards.urls")),
    path("documents/", include("antq.documents.urls")),
    path("public/<str:province>/", public_page, name="public"),
    path("public/<str:province>/tips/", include("antq.tips.public_urls")),
    path("", include("antq.web.urls")),
]

# The site's own error pages, in Vietnamese (antq/templates/400.html ... 500.html).
handler400 = "antq.web.errors.bad_request"
handler403 = "antq.web.errors.permission_denied"
handler404 = "antq.web.errors.page_not_found"
handler500 = "antq.web.errors.server_error"
