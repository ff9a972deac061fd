"""The history (django-reversion) keeps the links between meetings and findings.

Django makes no content type for a many-to-many link table of its own, and the history
needs one for each kind of row it keeps: make it once here.
"""

from django.db import migrations


def add_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="meetings", model="meeting_findings")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0004_meeting_version_for_no_lost_update"),
    ]

    operations = [migrations.RunPython(add_content_type, migrations.RunPython.noop)]
