from django.contrib.auth.models import Permission
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.http import http_date

from core import calendars
from easyread.pdf import render_pdf
from meetings import calendar
from meetings.handouts import meeting_handout_context
from meetings.models import Meeting, NextStep

# Past meetings on each page of the meetings list.
PAST_PER_PAGE = 12


def _visible_meeting(request, slug: str, meetings=None) -> Meeting:
    """A published meeting; a draft only for facilitators, who preview it from the admin."""
    meetings = (
        meetings if meetings is not None else Meeting.objects.select_related("venue", "theme")
    )
    meeting = get_object_or_404(meetings, slug=slug)
    if not meeting.is_published and not _can_preview(request.user):
        raise Http404("No such meeting")
    return meeting


def _can_preview(user) -> bool:
    """Facilitators, who may view meetings in the admin, also see drafts.

    The same rule as ``user.has_perm("meetings.view_meeting")`` with the model backend,
    in one query instead of two, so a draft preview stays within 10 queries.
    """
    if not (user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    return (
        Permission.objects.filter(content_type__app_label="meetings", codename="view_meeting")
        .filter(Q(user=user) | Q(group__user=user))
        .exists()
    )


def meeting_list(request):
    """The next meeting first, then past meetings, PAST_PER_PAGE a page."""
    published = Meeting.objects.published().select_related("venue", "theme")
    upcoming = list(published.upcoming())
    past = Paginator(published.past(), PAST_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "next_meeting": upcoming[0] if upcoming else None,
        "later_meetings": upcoming[1:],
        "past_meetings": past,
    }
    return render(request, "meetings/meeting_list.html", context)


def meeting_detail(request, slug):
    """The minutes of one meeting in easy read, with its findings and next steps."""
    meeting = _visible_meeting(request, slug, Meeting.objects.with_page_facts())
    steps = NextStep.objects.for_meeting_page(meeting).select_related(
        "meeting", "member", "done_at_meeting"
    )
    context = {
        "meeting": meeting,
        "parts": meeting.parts.all(),
        "decisions": meeting.decisions.all(),
        "next_steps": [step for step in steps if step.meeting_id == meeting.pk],
        "carried_steps": [step for step in steps if step.meeting_id != meeting.pk],
        "findings": meeting.findings.published()
        .select_related("source")
        .order_by("source__year", "source__short_name", "position"),
        "seminars": meeting.seminars.all(),
        "next_meeting": Meeting.objects.published()
        .after(meeting)
        .select_related("venue", "theme")
        .first(),
    }
    return render(request, "meetings/meeting_detail.html", context)


def meeting_handout(request, slug):
    """An easy-read PDF of one meeting: what we talked about, decisions and next steps."""
    meeting = _visible_meeting(request, slug)
    steps = [
        step
        for step in NextStep.objects.for_meeting_page(meeting).select_related("member")
        if step.meeting_id == meeting.pk
    ]
    context = meeting_handout_context(meeting, meeting.parts.all(), meeting.decisions.all(), steps)
    html = render_to_string("handouts/meeting.html", context)
    response = HttpResponse(render_pdf(html, pictures=context["all_pictures"]))
    response["Content-Type"] = "application/pdf"
    response["Content-Disposition"] = f'inline; filename="spirit-{meeting.slug}-easy-read.pdf"'
    return response


def next_step_list(request):
    """Every open next step from published meetings, oldest first, with who has it."""
    steps = (
        NextStep.objects.open()
        .from_published_meetings()
        .select_related("meeting", "member")
        .order_by("meeting__held_on", "meeting__pk", "position", "pk")
    )
    return render(request, "meetings/next_step_list.html", {"steps": steps})


def meeting_calendar(request, slug):
    """One meeting as an .ics file to add to a calendar."""
    meeting = _visible_meeting(request, slug)
    ical = calendar.meeting_calendar(
        [meeting], request, uid=f"file-{calendar.meeting_uid(meeting)}"
    )
    return _ics_response(ical, f"spirit-{meeting.slug}.ics", [meeting])


def calendar_feed(request):
    """Every published meeting, for calendar apps to subscribe to (webcal://)."""
    meetings = list(
        Meeting.objects.published().select_related("venue", "theme").order_by("held_on")
    )
    ical = calendar.meeting_calendar(meetings, request)
    return _ics_response(ical, "spirit-meetings.ics", meetings, attachment=False)


def _ics_response(ical: bytes, filename: str, meetings, *, attachment=True) -> HttpResponse:
    """The file, with Last-Modified so apps that check for changes get "304 Not Modified"."""
    response = HttpResponse(ical, content_type=calendars.content_type())
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if meetings:
        response["Last-Modified"] = http_date(max(m.updated_at for m in meetings).timestamp())
    return response
