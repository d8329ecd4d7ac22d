from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.year_open, name="year_open"),
    path("<int:year>/", views.year_detail, name="year"),
    path("<int:year>/registrations/", views.registrations, name="registrations"),
    path("<int:year>/registrations.xlsx", views.registrations_export, name="registrations_export"),
    path("<int:year>/decisions/", views.decisions, name="decisions"),
    path("<int:year>/<str:code>/", views.unit_year, name="unit"),
    path("<int:year>/<str:code>/documents/", views.document_upload, name="document_upload"),
    path(
        "<int:year>/<str:code>/documents/<int:pk>/",
        views.document_download,
        name="document",
    ),
    path("<int:year>/<str:code>/assessment/", views.assessment, name="assessment"),
    path("<int:year>/<str:code>/assessment/verdict/", views.assessment_verdict, name="verdict"),
    path("<int:year>/<str:code>/refuse/", views.recognition_refuse, name="refuse"),
    path("<int:year>/<str:code>/revoke/", views.recognition_revoke, name="revoke"),
    path(
        "<int:year>/<str:code>/certificate.<str:fmt>",
        views.certificate,
        name="certificate",
    ),
    path("<int:year>/<str:code>/classification/", views.classification, name="classification"),
]
