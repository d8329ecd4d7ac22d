from django.urls import path

from . import views

app_name = "directives"
urlpatterns = [
    path("", views.directive_list, name="list"),
    path("export.xlsx", views.directive_export, name="export"),
    path("new/", views.directive_issue, name="issue"),
    path("inbox/", views.inbox, name="inbox"),
    path("<int:pk>/", views.directive_detail, name="detail"),
    path("<int:pk>/edit/", views.directive_edit, name="edit"),
    path("<int:pk>/file/", views.directive_file, name="file"),
    path("<int:pk>/tracking/", views.tracking, name="tracking"),
    path("<int:pk>/tracking.xlsx", views.tracking_export, name="tracking_export"),
    path("<int:pk>/units/<str:unit>/", views.deployment_detail, name="deployment"),
    path(
        "<int:pk>/units/<str:unit>/acknowledge/",
        views.deployment_acknowledge,
        name="acknowledge",
    ),
    path("<int:pk>/units/<str:unit>/plan/", views.deployment_plan, name="plan"),
    path("<int:pk>/units/<str:unit>/report/", views.deployment_report, name="report"),
    path("<int:pk>/units/<str:unit>/redeploy/", views.deployment_redeploy, name="redeploy"),
    path(
        "<int:pk>/units/<str:unit>/<str:which>-file/",
        views.deployment_file,
        name="deployment_file",
    ),
]
