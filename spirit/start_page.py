"""The facilitators' start page: the admin index leads with the jobs and what needs doing.

Each job has a picture and a link to start it; under it, what is waiting (drafts, people
on a waiting list, next steps still open), each counted in one query, however many there
are. The list of everything that can be changed stays below.
"""

from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from evidence.models import Finding
from meetings.models import Meeting, NextStep
from seminars.models import Registration, Seminar


@dataclass
class ToDo:
    """Something waiting, such as "2 meeting notes are drafts", with where to see them."""

    count: int
    words: str
    url: str


@dataclass
class Job:
    title: str
    picture: str
    words: str
    url: str
    more: list[tuple[str, str]] = field(default_factory=list)
    to_do: list[ToDo] = field(default_factory=list)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _waiting_count() -> int:
    now = timezone.now()
    return Registration.objects.filter(
        state=Registration.State.WAITING, seminar__in=Seminar.objects.upcoming(now)
    ).count()


def jobs(user) -> list[Job]:
    """The jobs this facilitator may do, with what is waiting for each (5 queries at most)."""
    found = []
    if user.has_perm("meetings.add_meeting"):
        drafts = Meeting.objects.filter(status=Meeting.Status.DRAFT).count()
        still_open = NextStep.objects.open().count()
        meetings = reverse("admin:meetings_meeting_changelist")
        found.append(
            Job(
                "Write meeting notes",
                "writing",
                "Write what the group talked about and agreed.",
                reverse("admin:meetings_meeting_add"),
                more=[("See all meetings", meetings)],
                to_do=[
                    ToDo(
                        drafts,
                        _plural(drafts, "meeting is a draft", "meetings are drafts")
                        + ": members cannot see them yet.",
                        f"{meetings}?status__exact=draft",
                    ),
                    ToDo(
                        still_open,
                        _plural(still_open, "next step is", "next steps are") + " still open.",
                        reverse("admin:meetings_nextstep_changelist") + "?status__exact=open",
                    ),
                ],
            )
        )
    if user.has_perm("evidence.add_finding"):
        finding_drafts = Finding.objects.drafts().count()
        findings = reverse("admin:evidence_finding_changelist")
        found.append(
            Job(
                "Add findings",
                "findings",
                "Add what research found, in easy read.",
                reverse("admin:evidence_finding_add"),
                more=[
                    (
                        "Import findings from a spreadsheet",
                        reverse("admin:evidence_finding_import"),
                    ),
                    ("See all findings", findings),
                ],
                to_do=[
                    ToDo(
                        finding_drafts,
                        _plural(finding_drafts, "finding is a draft", "findings are drafts")
                        + ": members cannot see them yet.",
                        f"{findings}?state__exact=draft",
                    )
                ],
            )
        )
    if user.has_perm("seminars.add_seminar"):
        planning = Seminar.objects.filter(stage=Seminar.Stage.PLANNING).count()
        seminars = reverse("admin:seminars_seminar_changelist")
        found.append(
            Job(
                "Plan a seminar",
                "seminars",
                "Plan the day, the talks and who speaks.",
                reverse("admin:seminars_seminar_add"),
                more=[("See all seminars", seminars)],
                to_do=[
                    ToDo(
                        planning,
                        _plural(planning, "seminar is", "seminars are")
                        + " still being planned: people cannot sign up yet.",
                        f"{seminars}?stage__exact={Seminar.Stage.PLANNING}",
                    )
                ],
            )
        )
    if user.has_perm("seminars.view_registration"):
        waiting = _waiting_count()
        registrations = reverse("admin:seminars_registration_changelist")
        found.append(
            Job(
                "Who is coming?",
                "list",
                "See who signed up, what they need, and the sign-in sheets.",
                registrations,
                to_do=[
                    ToDo(
                        waiting,
                        _plural(waiting, "person is", "people are")
                        + " on a waiting list for a seminar still to come.",
                        f"{registrations}?state__exact={Registration.State.WAITING}",
                    )
                ],
            )
        )
    return found


def index_with_jobs(index):
    """The admin site's index view, given the jobs for the person who opens it."""

    def start_page(request, extra_context=None):
        context = {"jobs": jobs(request.user), **(extra_context or {})}
        return index(request, extra_context=context)

    return start_page
