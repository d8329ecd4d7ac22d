from django.urls import path

from . import decision_views, rules_views, views, work_views

# Each province opens its own year: every page of a year is under /<province code>/<year>/.
YEAR = "<str:province>/<int:year>/"
UNIT = YEAR + "<str:code>/"

app_name = "evaluation"
urlpatterns = [
    path("", views.home, name="home"),
    path("open/", views.year_open, name="year_open"),
    path("units/<str:code>/", views.unit_latest, name="unit_latest"),
    path(YEAR, views.year_detail, name="year"),
    path(YEAR + "settings/", views.year_edit, name="year_edit"),
    path(YEAR + "criteria/", rules_views.own_criteria, name="own_criteria"),
    path("rules/", rules_views.rulesets, name="rulesets"),
    path("rules/<str:ruleset_id>/", rules_views.ruleset, name="ruleset"),
    path(YEAR + "sheets/<str:kind>/", views.year_sheet, name="year_sheet"),
    path(YEAR + "sheets/<str:kind>.xlsx", views.year_sheet_export, name="year_sheet_export"),
    path(YEAR + "registrations/", views.registrations, name="registrations"),
    path(YEAR + "registrations.xlsx", views.registrations_export, name="registrations_export"),
    path(YEAR + "decisions/", decision_views.decisions, name="decisions"),
    path(YEAR + "decisions.xlsx", decision_views.decisions_export, name="decisions_export"),
    path(YEAR + "work/<str:key>/", work_views.work, name="work"),
    path(UNIT, views.unit_year, name="unit"),
    path(UNIT + "documents/", views.document_upload, name="document_upload"),
    path(UNIT + "documents/<int:pk>/", views.document_download, name="document"),
    path(UNIT + "assessment/", views.assessment, name="assessment"),
    path(UNIT + "assessment/verdict/", views.assessment_verdict, name="verdict"),
    path(UNIT + "refuse/", views.recognition_refuse, name="refuse"),
    path(UNIT + "revoke/", views.recognition_revoke, name="revoke"),
    path(UNIT + "certificate.<str:fmt>", views.certificate, name="certificate"),
    path(UNIT + "classification/", views.classification, name="classification"),
]
