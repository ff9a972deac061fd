"""Seminar pages: public, easy read, and working without JavaScript.

Views fetch, check the form, call a service and redirect or render. The rules live in
services.py; the words live in the templates.
"""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.calendars import content_type
from core.rate_limits import client_ip, count_this_hour
from easyread.pdf import render_pdf
from seminars import calendar, emails, feeds, services
from seminars.forms import SendLinkForm, SignUpForm, SurveyForm
from seminars.handouts import seminar_invitation_context
from seminars.models import Registration, Seminar, Session, Survey, SurveyQuestion
from seminars.services import AlreadySignedUp, SignUpError

# Which sign-up this browser just made: a signed cookie with no expiry date, so the browser
# forgets it when it closes (a shared computer never shows it to the next person). After
# that, the secret link in the email is the way back.
SIGNED_UP_COOKIE = "seminars_signed_up"
SIGNED_UP_SALT = "seminars.signed-up"
LINKS_PER_ADDRESS_PER_HOUR = 3
LINKS_PER_VISITOR_PER_HOUR = 10


def _seminars():
    return Seminar.objects.with_places().select_related("venue", "planned_at")


def seminar_list(request):
    """Seminars coming up (with a date), then those we are still planning (no date yet, so
    never called "coming up"), then the ones that have happened."""
    still_to_come = list(_seminars().upcoming())
    context = {
        "upcoming": [seminar for seminar in still_to_come if not seminar.is_planning],
        "planning": [seminar for seminar in still_to_come if seminar.is_planning],
        "past": list(_seminars().past()),
    }
    return render(request, "seminars/seminar_list.html", context)


def seminar_detail(request, slug):
    """What, when, where, how to get there, who speaks, places left, and podcasts."""
    seminar = get_object_or_404(_seminars(), slug=slug)
    sessions = list(seminar.sessions.select_related("speaker"))
    context = {
        "seminar": seminar,
        "sessions": sessions,
        "has_podcasts": any(session.podcast_audio for session in sessions),
        "surveys": list(seminar.surveys.open()),
        "contact_email": _contact(),
    }
    return render(request, "seminars/seminar_detail.html", context)


def seminar_invitation(request, slug):
    """An easy-read PDF inviting people to one published seminar; none while in planning."""
    seminar = get_object_or_404(_seminars().published(), slug=slug)
    if seminar.is_planning:
        raise Http404("No invitation while we are still planning")
    sessions = list(seminar.sessions.select_related("speaker"))
    sign_up_url = request.build_absolute_uri(seminar.get_absolute_url())
    context = seminar_invitation_context(seminar, sessions, sign_up_url)
    html = render_to_string("handouts/seminar.html", context)
    response = HttpResponse(render_pdf(html, pictures=context["all_pictures"]))
    response["Content-Type"] = "application/pdf"
    response["Content-Disposition"] = f'inline; filename="spirit-{seminar.slug}-invitation.pdf"'
    return response


def _contact() -> str:
    return settings.SEMINARS_CONTACT_EMAIL


def _check_rate(request) -> None:
    """At most SEMINARS_SIGNUPS_PER_HOUR sign-ups from one internet address an hour."""
    if count_this_hour("seminars-sign-up:" + client_ip(request)) > (
        settings.SEMINARS_SIGNUPS_PER_HOUR
    ):
        raise SignUpError(
            "You have signed up many times in 1 hour. Please wait 1 hour. Then try again. "
            "Or email us."
        )


def _check_link_rate(request, email: str) -> None:
    """A few link emails an hour to one address, and from one visitor. Both counts go up
    whether or not the address is signed up, so the limit tells nobody who is coming."""
    address = hashlib.sha256(email.lower().encode()).hexdigest()
    for_address = count_this_hour("seminars-link:address:" + address)
    for_visitor = count_this_hour("seminars-link:ip:" + client_ip(request))
    if for_address > LINKS_PER_ADDRESS_PER_HOUR or for_visitor > LINKS_PER_VISITOR_PER_HOUR:
        raise SignUpError(
            "You have asked for the link many times in 1 hour. Please wait 1 hour. "
            "Then try again. Or email us."
        )


def _member_details(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {"name": user.get_full_name(), "email": user.email}


@never_cache
@require_http_methods(["GET", "POST"])
def sign_up(request, slug):
    """The sign-up form. Full seminars offer the waiting list."""
    seminar = get_object_or_404(_seminars(), slug=slug)
    form = SignUpForm(request.POST or None, initial=_member_details(request.user))
    context = {"seminar": seminar, "form": form, "link_form": None}
    if request.method == "POST" and form.is_valid():
        try:
            _check_rate(request)
            registration = services.sign_up(seminar, user=request.user, **form.service_data())
        except AlreadySignedUp as error:
            form.add_error(None, str(error))
            context["link_form"] = SendLinkForm(initial={"email": form.cleaned_data["email"]})
        except SignUpError as error:
            form.add_error(None, str(error))
        else:
            return _signed_up_page(request, registration)
    return render(request, "seminars/sign_up.html", context)


def _signed_up_page(request, registration: Registration) -> HttpResponse:
    """What happened to the place, rendered from the registration just saved, in memory:
    the page asks the database nothing, so a database that goes away after the commit
    cannot turn a saved place into an error page."""
    response = render(request, "seminars/signed_up.html", {"registration": registration})
    response.set_signed_cookie(
        SIGNED_UP_COOKIE,
        str(registration.pk),
        salt=SIGNED_UP_SALT,
        path="/seminars/",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )  # No max_age: the browser forgets it when it closes.
    return response


@never_cache
def signed_up(request, slug):
    """The same page again while the browser is open (say, after going back to it)."""
    pk = request.get_signed_cookie(SIGNED_UP_COOKIE, default=None, salt=SIGNED_UP_SALT)
    registration = (
        Registration.objects.select_related("seminar__venue")
        .filter(pk=pk, seminar__slug=slug, anonymised_at=None)
        .first()
        if pk and pk.isdigit()
        else None
    )
    if registration is None:
        return redirect("seminars:detail", slug=slug)
    return render(request, "seminars/signed_up.html", {"registration": registration})


@never_cache
@require_http_methods(["GET", "POST"])
def send_link(request, slug):
    """Send the secret link again. The answer reads the same whether or not the address is
    signed up, so it tells nobody who is coming."""
    seminar = get_object_or_404(Seminar.objects.published(), slug=slug)
    form = SendLinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        try:
            _check_link_rate(request, email)
        except SignUpError as error:
            form.add_error("email", str(error))
        else:
            services.send_link_again(seminar, email)
            context = {"seminar": seminar, "email": email, "contact_email": _contact()}
            return render(request, "seminars/link_sent.html", context)
    return render(request, "seminars/send_link.html", {"seminar": seminar, "form": form})


def _registration_or_404(token: str) -> Registration:
    registration = Registration.objects.for_token(token).select_related("seminar__venue").first()
    if registration is None:
        raise Http404("No sign-up has this link.")
    return registration


@never_cache
def registration_detail(request, token):
    """The person's own booking, from the secret link in their email."""
    registration = _registration_or_404(token)
    return render(request, "seminars/registration_detail.html", {"registration": registration})


@never_cache
@require_http_methods(["GET", "POST"])
def registration_cancel(request, token):
    """GET asks "Are you sure?"; only the POST cancels, so link checkers cannot cancel."""
    registration = _registration_or_404(token)
    if request.method == "POST" and registration.state != Registration.State.CANCELLED:
        services.cancel_registration(registration)
        messages.success(request, "You have cancelled your place. We will email you to say so.")
        # From memory, like the page after signing up: the cancel is saved whatever follows.
        context = {"registration": registration}
        return render(request, "seminars/registration_detail.html", context)
    return render(request, "seminars/registration_cancel.html", {"registration": registration})


def seminar_calendar(request, slug):
    """The seminar as a calendar file, to add to a phone's calendar."""
    seminar = get_object_or_404(Seminar.objects.published().select_related("venue"), slug=slug)
    response = HttpResponse(emails.seminar_calendar(seminar), content_type=content_type())
    response["Content-Disposition"] = f'attachment; filename="{seminar.slug}.ics"'
    response["Last-Modified"] = http_date(seminar.updated_at.timestamp())
    return response


def calendar_feed(request):
    """Every seminar with a date, for calendar apps to subscribe to (webcal://)."""
    seminars = list(Seminar.objects.published().select_related("venue").order_by("starts_at", "pk"))
    response = HttpResponse(calendar.seminars_calendar(seminars), content_type=content_type())
    response["Content-Disposition"] = 'inline; filename="spirit-seminars.ics"'
    if seminars:
        response["Last-Modified"] = http_date(max(s.updated_at for s in seminars).timestamp())
    return response


def podcast_feed(request, slug):
    """The seminar's podcasts as an RSS feed that podcast apps can follow."""
    seminar = get_object_or_404(Seminar.objects.published(), slug=slug)
    sessions = seminar.sessions.with_podcast().select_related("speaker")
    return HttpResponse(
        feeds.podcast_rss(seminar, sessions), content_type="application/rss+xml; charset=utf-8"
    )


def transcript(request, slug, pk):
    """Every word of one recording: the page podcast apps link as its transcript."""
    session = get_object_or_404(
        Session.objects.with_podcast().filter(seminar__in=Seminar.objects.published()),
        seminar__slug=slug,
        pk=pk,
    )
    return render(request, "seminars/transcript.html", {"session": session})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def survey(request, slug):
    """A planning survey for members: one set of answers each, which they can change."""
    questions = Prefetch("questions", SurveyQuestion.objects.prefetch_related("choices"))
    survey = get_object_or_404(Survey.objects.prefetch_related(questions), slug=slug)
    earlier = survey.responses.filter(member=request.user).prefetch_related("answers").first()
    form = SurveyForm(
        request.POST or None,
        initial=SurveyForm.initial_from(earlier),
        survey=survey,
        questions=survey.questions.all(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_survey(survey, member=request.user, answers=form.answers())
        except SignUpError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Thank you. We have saved your answers.")
            return redirect("seminars:survey", slug=slug)
    return render(request, "seminars/survey.html", {"survey": survey, "form": form})
