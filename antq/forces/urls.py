from django.urls import path

from . import import_views, training_views, views

app_name = "forces"
urlpatterns = [
    path("", views.team_list, name="team_list"),
    path("export.xlsx", views.team_export, name="team_export"),
    path("teams/new/", views.team_create, name="team_create"),
    path("teams/<int:pk>/", views.team_detail, name="team_detail"),
    path("teams/<int:pk>/members/new/", views.member_create, name="member_create"),
    path("teams/<int:pk>/rate/", views.rating_create, name="rating_create"),
    path("members/", views.member_list, name="member_list"),
    path("members/export.xlsx", views.member_export, name="member_export"),
    path("members/<int:pk>/", views.member_detail, name="member_detail"),
    path("members/<int:pk>/leave/<str:step>/", views.member_leave, name="member_leave"),
    path("teams/<int:pk>/<str:action>/", views.team_action, name="team_action"),
    path("members/<int:pk>/do/<str:action>/", views.member_action, name="member_action"),
    path("ratings/", views.rating_list, name="rating_list"),
    path("ratings/export.xlsx", views.rating_export, name="rating_export"),
    path("statistics/", views.statistics, name="statistics"),
    path("import/", import_views.register_import, name="import"),
    path("import/template.xlsx", import_views.import_template, name="import_template"),
    path("training/", training_views.training_list, name="training_list"),
    path("training/<int:pk>/", training_views.training_detail, name="training_detail"),
    path("settings/", training_views.settings_edit, name="settings"),
]
