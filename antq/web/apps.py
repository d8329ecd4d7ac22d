from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "antq.web"
    label = "web"
