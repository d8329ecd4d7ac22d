from django.urls import path

from . import example_views, import_views, settings_views, views

app_name = "models"
urlpatterns = [
    path("", views.model_list, name="model_list"),
    path("export.xlsx", views.model_export, name="model_export"),
    path("new/", views.model_create, name="model_create"),
    path("<int:pk>/", views.model_detail, name="model_detail"),
    path("<int:pk>/edit/", views.model_edit, name="model_edit"),
    path("<int:pk>/do/<str:action>/", views.model_action, name="model_action"),
    path("statistics/", views.statistics, name="statistics"),
    path("statistics/export.xlsx", views.statistics_export, name="statistics_export"),
    path("import/", import_views.register_import, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("grades/", settings_views.grade_scale, name="grade_scale"),
    path("examples/", example_views.example_list, name="example_list"),
    path("examples/export.xlsx", example_views.example_export, name="example_export"),
    path("examples/new/", example_views.example_create, name="example_create"),
    path("examples/<int:pk>/", example_views.example_detail, name="example_detail"),
    path("examples/<int:pk>/edit/", example_views.example_edit, name="example_edit"),
]
