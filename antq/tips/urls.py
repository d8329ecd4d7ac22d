"""The officers' pages of tips under /tips/."""

from django.urls import path

from . import views

app_name = "tips"
urlpatterns = [
    path("", views.tip_list, name="list"),
    path("export.xlsx", views.tip_export, name="export"),
    path("<int:pk>/", views.tip_detail, name="detail"),
    path("<int:pk>/do/<str:name>/", views.tip_action, name="action"),
    path("<int:pk>/files/<int:attachment_id>/", views.tip_attachment, name="attachment"),
]
