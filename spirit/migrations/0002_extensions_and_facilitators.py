from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


def make_facilitators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Facilitators")


def remove_facilitators_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name="Facilitators").delete()


def name_the_site(apps, schema_editor):
    Site = apps.get_model("sites", "Site")
    Site.objects.update_or_create(id=1, defaults={"domain": "spirit.localhost", "name": "SPIRIT"})


class Migration(migrations.Migration):
    dependencies = [
        ("spirit", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sites", "0002_alter_domain_unique"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(make_facilitators_group, remove_facilitators_group),
        migrations.RunPython(name_the_site, migrations.RunPython.noop),
    ]
