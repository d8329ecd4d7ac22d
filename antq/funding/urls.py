from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.entry_list, name="list"),
    path("new/", views.entry_create, name="entry_create"),
    path("statement/", views.statement, name="statement"),
]
