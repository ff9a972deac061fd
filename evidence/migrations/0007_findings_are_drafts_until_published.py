# Findings are drafts until a facilitator publishes them; the ones there already are published.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("evidence", "0006_synonyms_and_nearest_word_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="finding",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="finding",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "Draft: only facilitators can see it"),
                    ("published", "Published: members can see it"),
                ],
                default="draft",
                editable=False,
                help_text="Members only see published findings. Press Publish when it is ready.",
                max_length=10,
            ),
        ),
        # Every finding members could see before stays published, from when it was made.
        migrations.RunSQL(
            "UPDATE evidence_finding SET state = 'published', published_at = created_at",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AddIndex(
            model_name="finding",
            index=models.Index(
                condition=models.Q(("state", "published")),
                fields=["-created_at", "-id"],
                name="finding_published_newest",
            ),
        ),
        migrations.AddConstraint(
            model_name="finding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("published_at__isnull", True), ("state", "draft")),
                    models.Q(("published_at__isnull", False), ("state", "published")),
                    _connector="OR",
                ),
                name="finding_published_has_a_date",
            ),
        ),
    ]
