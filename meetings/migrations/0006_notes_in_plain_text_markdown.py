"""Notes are now typed in plain text (Markdown): the notes saved as HTML are written as
Markdown that shows members the same, and ``&amp;`` is ``&`` again in the box."""

from django.db import migrations

from meetings.models import render_notes
from meetings.notes import html_to_markdown


def to_markdown(apps, schema_editor):
    MeetingPart = apps.get_model("meetings", "MeetingPart")
    parts = list(MeetingPart.objects.exclude(notes=""))
    for part in parts:
        part.notes = html_to_markdown(part.notes)
    MeetingPart.objects.bulk_update(parts, ["notes"])


def to_html(apps, schema_editor):
    MeetingPart = apps.get_model("meetings", "MeetingPart")
    parts = list(MeetingPart.objects.exclude(notes=""))
    for part in parts:
        part.notes = render_notes(part.notes)
    MeetingPart.objects.bulk_update(parts, ["notes"])


class Migration(migrations.Migration):
    dependencies = [("meetings", "0005_history_keeps_meeting_finding_links")]

    operations = [migrations.RunPython(to_markdown, to_html)]
