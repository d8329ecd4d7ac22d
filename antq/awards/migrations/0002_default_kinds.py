"""Seed the award kinds of `configuration.DEFAULT_KINDS`."""

from django.db import migrations


def seed(apps, schema_editor):
    from antq.awards.configuration import kinds_load

    kinds_load(apps.get_model("awards", "AwardKind"))


def unseed(apps, schema_editor):
    apps.get_model("awards", "AwardKind").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
