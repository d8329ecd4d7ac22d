from django.urls import path

from . import line_views, views

app_name = "funding"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="entry_create"),
    path("statement/", views.statement, name="statement"),
    path("lines/", line_views.line_list, name="lines"),
    path("lines/new/", line_views.line_create, name="line_create"),
    path("norms/", line_views.norm_list, name="norms"),
]
