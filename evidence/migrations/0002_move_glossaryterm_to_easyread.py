"""The hard words move to the easyread app: the table is renamed, its rows are kept."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name="glossaryterm", table="easyread_glossaryterm"),
            ],
            state_operations=[
                migrations.DeleteModel(name="GlossaryTerm"),
            ],
        ),
    ]
