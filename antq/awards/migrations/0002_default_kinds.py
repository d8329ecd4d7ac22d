"""Seed the award kinds of `configuration.DEFAULT_KINDS` (a copy, so later edits of the
module do not rewrite history)."""

from decimal import Decimal

from django.db import migrations


def seed(apps, schema_editor):
    from antq.awards.configuration import DEFAULT_KINDS

    AwardKind = apps.get_model("awards", "AwardKind")
    for data in DEFAULT_KINDS:
        values = dict(data)
        code = values.pop("code")
        if values["cash_multiple"] is not None:
            values["cash_multiple"] = Decimal(values["cash_multiple"])
        AwardKind.objects.get_or_create(code=code, defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("awards", "AwardKind").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
