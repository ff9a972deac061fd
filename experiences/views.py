"""Thin views: each step reads its form, keeps the answer in the draft (flow.py) and goes on;
sending and withdrawing are services. Only a logged-in member reaches any of them."""

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from django_permissions_policy import PermissionsPolicyMiddleware

from evidence.models import Tag, Theme
from experiences import flow, services
from experiences.audio import content_type_of
from experiences.forms import SharingForm, TopicForm, WhatForm, WhereForm
from experiences.models import Experience
from experiences.storage import private_storage

STEP_URLS = {step: f"experiences:{step}" for step in flow.STEPS}


def _step_page(request, step, draft, form, **context):
    previous = flow.previous_step(step)
    return render(
        request,
        f"experiences/step_{step}.html",
        {
            "form": form,
            "draft": draft,
            "step": step,
            "step_number": flow.STEPS.index(step) + 1,
            "step_count": len(flow.STEPS),
            "title": flow.STEP_TITLES[step],
            "back_url": STEP_URLS[previous] if previous else None,
            "they": draft.helped_by_supporter,
            **context,
        },
    )


def _go_on(request, step):
    """After a step: Back goes to the step before, anything else to the next."""
    if "back" in request.POST and flow.previous_step(step):
        return redirect(STEP_URLS[flow.previous_step(step)])
    return redirect(STEP_URLS[flow.next_step(step)])


def _not_yet(draft, step):
    if not flow.may_open(draft, step):
        return redirect(STEP_URLS[flow.first_step_to_do(draft)])
    return None


@login_required
@require_http_methods(["GET", "POST"])
# Listen back plays the recording from the browser's memory (a blob: address) before it is sent.
@csp_update({"media-src": ["blob:"]})
def what(request):
    """Step 1: type it or record it; a supporter says they are helping."""
    draft = flow.load(request.session)
    if request.method == "GET" and request.GET.get("theme"):
        # Come from a theme's page: that topic is chosen already (it can be changed).
        theme = Theme.objects.filter(slug=request.GET["theme"]).first()
        if theme is not None and "topic" not in draft.done:
            draft.theme = theme.pk
            flow.save(request.session, draft)
    if request.method == "POST":
        form = WhatForm(request.POST, request.FILES, has_recording=bool(draft.recording))
        if form.is_valid():
            data = form.cleaned_data
            if data.get("remove_recording"):
                flow.forget_recording(draft)
            if data.get("recording"):
                flow.keep_recording(draft, data["recording"])
            flow.answer(
                request.session,
                draft,
                "what",
                words=data["words"],
                helped_by_supporter=data["helped_by_supporter"],
            )
            return _go_on(request, "what")
    else:
        form = WhatForm(
            initial={"words": draft.words, "helped_by_supporter": draft.helped_by_supporter},
            has_recording=bool(draft.recording),
        )
    return _with_microphone(_step_page(request, "what", draft, form))


def _with_microphone(response):
    """The one page that may use the microphone (for the recorder); every other page may not."""
    policy = {**settings.PERMISSIONS_POLICY, "microphone": ["self"]}
    response._permissions_policy_override = PermissionsPolicyMiddleware.compute_header_value(
        policy, name="the recorder's page"
    )
    return response


@login_required
@require_GET
def draft_recording(request):
    """The member listens back to the recording they have not sent yet."""
    draft = flow.load(request.session)
    storage = private_storage()
    if not draft.recording or not storage.exists(draft.recording):
        raise Http404("No recording")
    return _private_file(storage.open(draft.recording), draft.recording)


@login_required
@require_http_methods(["GET", "POST"])
def topic(request):
    """Step 2: the topic, chosen by picture."""
    draft = flow.load(request.session)
    if response := _not_yet(draft, "topic"):
        return response
    if request.method == "POST":
        form = TopicForm(request.POST, helped_by_supporter=draft.helped_by_supporter)
        if form.is_valid():
            theme = form.cleaned_data["theme"]
            flow.answer(
                request.session,
                draft,
                "topic",
                theme=theme.pk if theme else None,
                tags=sorted(tag.pk for tag in form.cleaned_data["tags"]),
            )
            return _go_on(request, "topic")
    else:
        form = TopicForm(
            initial={"theme": draft.theme, "tags": draft.tags},
            helped_by_supporter=draft.helped_by_supporter,
        )
    return _step_page(request, "topic", draft, form)


@login_required
@require_http_methods(["GET", "POST"])
def where(request):
    """Step 3: where it happened, if they want to say."""
    draft = flow.load(request.session)
    if response := _not_yet(draft, "where"):
        return response
    if request.method == "POST":
        form = WhereForm(request.POST)
        if form.is_valid():
            flow.answer(request.session, draft, "where", place=form.cleaned_data["place"].strip())
            return _go_on(request, "where")
    else:
        form = WhereForm(initial={"place": draft.place})
    return _step_page(request, "where", draft, form)


@login_required
@require_http_methods(["GET", "POST"])
def sharing(request):
    """Step 4: whether we may share it; the exact words are shown beside each answer."""
    draft = flow.load(request.session)
    if response := _not_yet(draft, "sharing"):
        return response
    if request.method == "POST":
        form = SharingForm(request.POST, helped_by_supporter=draft.helped_by_supporter)
        if form.is_valid():
            flow.answer(request.session, draft, "sharing", sharing=form.cleaned_data["sharing"])
            return _go_on(request, "sharing")
        if "back" in request.POST:
            return redirect(STEP_URLS["where"])
    else:
        form = SharingForm(
            initial={"sharing": draft.sharing}, helped_by_supporter=draft.helped_by_supporter
        )
    return _step_page(request, "sharing", draft, form)


@login_required
@require_http_methods(["GET", "POST"])
def check(request):
    """Step 5: everything they said, each with a way to change it, then Send."""
    draft = flow.load(request.session)
    if response := _not_yet(draft, "check"):
        return response
    if request.method == "POST":
        if "back" in request.POST:
            return redirect(STEP_URLS["sharing"])
        try:
            services.send(request.user, draft)
        except services.NotReady as not_ready:
            messages.error(request, str(not_ready))
            return redirect(STEP_URLS[not_ready.step])
        flow.clear(request.session)
        messages.success(request, "Thank you. We have got it. A facilitator will read it soon.")
        return redirect("experiences:mine")
    context = {
        "theme": Theme.objects.filter(pk=draft.theme).first() if draft.theme else None,
        "tags": list(Tag.objects.filter(pk__in=draft.tags)),
        "sharing_label": flow.sharing_label(draft.sharing, draft.helped_by_supporter),
        "consent_sentences": flow.sentences(
            flow.consent_words(draft.sharing, draft.helped_by_supporter)
        ),
    }
    return _step_page(request, "check", draft, None, **context)


@login_required
@require_GET
def mine(request):
    """My experiences: what they sent, and what happened to each."""
    experiences = (
        Experience.objects.of_member(request.user)
        .select_related("theme", "finding")
        .prefetch_related("tags")
    )
    return render(request, "experiences/mine.html", {"experiences": experiences})


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """ "Are you sure?", then take it back."""
    experience = get_object_or_404(Experience.objects.of_member(request.user), pk=pk)
    if request.method == "POST" and "sure" in request.POST:
        services.withdraw(experience)
        messages.success(request, "You have taken it back. We deleted your recording.")
        return redirect("experiences:mine")
    return render(request, "experiences/withdraw.html", {"experience": experience})


@login_required
@require_GET
def recording(request, pk):
    """The recording, only to the member who sent it and to facilitators (404 for others)."""
    experience = Experience.objects.filter(pk=pk).first()
    if (
        experience is None
        or not experience.recording
        or not experience.may_be_heard_by(request.user)
    ):
        raise Http404("No recording")
    try:
        handle = experience.recording.open("rb")
    except FileNotFoundError as missing:
        raise Http404("No recording") from missing
    return _private_file(handle, experience.recording.name)


def _private_file(handle, name):
    response = FileResponse(handle, content_type=content_type_of(name))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response
