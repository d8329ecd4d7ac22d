from django.db import migrations


def load(apps, schema_editor):
    from antq.reports.defaults import load_default_forms

    load_default_forms(
        apps.get_model("reports", "Indicator"),
        apps.get_model("reports", "ReportForm"),
        apps.get_model("reports", "FormIndicator"),
        apps.get_model("reports", "CrossRule"),
    )


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
