"""GlossaryTerm, moved here from evidence: its table is already there (evidence 0002), so only
Django's idea of it moves, with its content type (so its history and permissions stay)."""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

import easyread.pictures


def move_content_type(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType").objects
    if not content_types.filter(app_label="easyread", model="glossaryterm").exists():
        content_types.filter(app_label="evidence", model="glossaryterm").update(
            app_label="easyread"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("evidence", "0002_move_glossaryterm_to_easyread"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="GlossaryTerm",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("term", models.CharField(max_length=100, unique=True)),
                        ("slug", models.SlugField(max_length=100, unique=True)),
                        (
                            "synonyms",
                            django.contrib.postgres.fields.ArrayField(
                                base_field=models.CharField(max_length=100),
                                blank=True,
                                default=list,
                                help_text="Other ways people say it, such as 'PA' for personal assistant.",
                                size=None,
                            ),
                        ),
                        (
                            "meaning",
                            models.TextField(
                                help_text="What it means, in easy read: 1 to 3 short sentences."
                            ),
                        ),
                        (
                            "picture",
                            models.CharField(
                                choices=easyread.pictures.picture_choices,
                                default="information",
                                max_length=40,
                            ),
                        ),
                    ],
                    options={
                        "ordering": ["term"],
                        "indexes": [
                            django.contrib.postgres.indexes.GinIndex(
                                fields=["term"],
                                name="glossary_term_trigram",
                                opclasses=["gin_trgm_ops"],
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_type, migrations.RunPython.noop),
    ]
