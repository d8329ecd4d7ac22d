from django.urls import path

from . import views

app_name = "units"
urlpatterns = [
    path("", views.unit_browser, name="browser"),
    path("export.xlsx", views.unit_export, name="export"),
    path("new/", views.unit_create, name="create"),
    path("import/", views.unit_import, name="import"),
    path("import/jobs/<int:pk>/", views.unit_import_job, name="import_job"),
    path("import/template.xlsx", views.unit_import_template, name="import_template"),
    path("<str:code>/", views.unit_detail, name="detail"),
    path("<str:code>/edit/", views.unit_edit, name="edit"),
    path("<str:code>/reorganise/", views.unit_reorganise, name="reorganise"),
]
