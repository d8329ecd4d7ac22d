"""The citizen's pages under /public/<province>/tips/ (no account)."""

from django.urls import path  # noqa: F401

app_name = "public_tips"
urlpatterns: list = []
