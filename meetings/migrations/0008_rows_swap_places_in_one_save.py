# Two rows of a meeting can swap numbers in one save: the unique numbers are checked at commit.

import django.db.models.constraints
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0007_notes_help_says_plain_text"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="decision",
            name="decision_position_unique",
        ),
        migrations.RemoveConstraint(
            model_name="meetingpart",
            name="meeting_part_position_unique",
        ),
        migrations.RemoveConstraint(
            model_name="nextstep",
            name="next_step_position_unique",
        ),
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("meeting", "position"),
                name="decision_position_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="meetingpart",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("meeting", "position"),
                name="meeting_part_position_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="nextstep",
            constraint=models.UniqueConstraint(
                deferrable=django.db.models.constraints.Deferrable["DEFERRED"],
                fields=("meeting", "position"),
                name="next_step_position_unique",
            ),
        ),
    ]
