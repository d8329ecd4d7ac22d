from django.urls import path

from . import views

app_name = "campaigns"
urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("export.xlsx", views.campaign_export, name="export"),
    path("new/", views.campaign_create, name="create"),
    path("<int:pk>/", views.campaign_detail, name="detail"),
    path("<int:pk>/communes.xlsx", views.campaign_export_communes, name="export_communes"),
    path("<int:pk>/edit/", views.campaign_edit, name="edit"),
    path("<int:pk>/activities/new/", views.activity_create, name="activity_create"),
    path("<int:pk>/activities/<int:activity>/", views.activity_detail, name="activity"),
    path(
        "<int:pk>/activities/<int:activity>/files/",
        views.attachment_add,
        name="attachment_add",
    ),
    path(
        "<int:pk>/activities/<int:activity>/files/<int:file>/",
        views.attachment_file,
        name="attachment_file",
    ),
]
