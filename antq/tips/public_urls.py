"""The citizen's pages under /public/<province>/tips/ (no account)."""

from django.urls import path

from . import public_views

app_name = "public_tips"
urlpatterns = [
    path("", public_views.tip_new, name="new"),
    path("places/", public_views.places, name="places"),
    path("follow/", public_views.tip_follow, name="follow"),
]
