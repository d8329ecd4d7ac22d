from django.urls import path

from . import views

app_name = "targets"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("manage/", views.target_manage, name="manage"),
    path("<int:pk>/closest/", views.target_closest, name="closest"),
    path("<int:pk>/cascade/", views.target_cascade, name="cascade"),
]
