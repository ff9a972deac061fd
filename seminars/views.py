"""Seminar pages: public, easy read, and working without JavaScript.

Views fetch, check the form, call a service and redirect or render. The rules live in
services.py; the words live in the templates.
"""

from allauth.account.adapter import get_adapter as get_account_adapter
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import http_date
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.calendars import content_type
from seminars import calendar, emails, feeds, services
from seminars.forms import SignUpForm, SurveyForm
from seminars.models import Registration, Seminar, Session, Survey, SurveyQuestion
from seminars.services import SignUpError

SIGNED_UP_SESSION_KEY = "seminars_signed_up"


def _seminars():
    return Seminar.objects.with_places().select_related("venue", "planned_at")


def seminar_list(request):
    """Seminars still to come, then the ones that have happened."""
    return render(
        request,
        "seminars/seminar_list.html",
        {"upcoming": list(_seminars().upcoming()), "past": list(_seminars().past())},
    )


def seminar_detail(request, slug):
    """What, when, where, how to get there, who speaks, places left, and podcasts."""
    seminar = get_object_or_404(_seminars(), slug=slug)
    sessions = list(seminar.sessions.select_related("speaker"))
    context = {
        "seminar": seminar,
        "sessions": sessions,
        "has_podcasts": any(session.podcast_audio for session in sessions),
        "surveys": list(seminar.surveys.open()),
        "contact_email": settings.SEMINARS_CONTACT_EMAIL,
    }
    return render(request, "seminars/seminar_detail.html", context)


def _check_rate(request) -> None:
    """At most SEMINARS_SIGNUPS_PER_HOUR sign-ups from one internet address an hour.

    The address is the visitor's, as the log-in limits see it: allauth's ``get_client_ip``
    reads X-Forwarded-For when ALLAUTH_TRUSTED_PROXY_COUNT says there are proxies. The count
    is kept in the cache, which every app process shares when REDIS_URL is set.
    """
    key = "seminars-sign-up:" + get_account_adapter(request).get_client_ip(request)
    count = 1
    if not cache.add(key, count, timeout=60 * 60):
        try:
            count = cache.incr(key)
        except ValueError:  # The hour ran out between add() and incr().
            cache.set(key, count, timeout=60 * 60)
    if count > settings.SEMINARS_SIGNUPS_PER_HOUR:
        raise SignUpError(
            "You have signed up many times in 1 hour. Please wait 1 hour. Then try again. "
            "Or email us."
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
    if request.method == "POST" and form.is_valid():
        try:
            _check_rate(request)
            registration = services.sign_up(seminar, user=request.user, **form.service_data())
        except SignUpError as error:
            form.add_error(None, str(error))
        else:
            request.session[SIGNED_UP_SESSION_KEY] = registration.pk
            return redirect("seminars:signed_up", slug=seminar.slug)
    return render(request, "seminars/sign_up.html", {"seminar": seminar, "form": form})


@never_cache
def signed_up(request, slug):
    """What happened after signing up: a place, or a number on the waiting list."""
    registration = (
        Registration.objects.select_related("seminar__venue")
        .filter(pk=request.session.get(SIGNED_UP_SESSION_KEY), seminar__slug=slug)
        .first()
    )
    if registration is None:
        return redirect("seminars:detail", slug=slug)
    return render(request, "seminars/signed_up.html", {"registration": registration})


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
        messages.success(request, "You have cancelled your place. We have sent you an email.")
        return redirect("seminars:registration", token=token)
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
    seminars = list(Seminar.objects.published().select_related("venue").order_by("starts_at"))
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
