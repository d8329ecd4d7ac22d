from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("", views.home, name="home"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/<str:name>", views.file, name="file"),
    path("templates/", views.templates, name="templates"),
    path(
        "certificates/<str:province>/<int:year>/<str:code>.<str:fmt>",
        views.certificate,
        name="certificate",
    ),
]
