from django.db import migrations


def seed(apps, schema_editor):
    from antq.funding.norms import seed_norms

    seed_norms(apps.get_model("funding", "Norm"))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
