"""Pages for the easy-read tools: reading settings, hard words and picture credits."""

from dataclasses import asdict

from django.contrib import messages
from django.http import HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.rate_limits import visitor_over_limit
from core.security import is_same_origin
from easyread import pictures
from easyread.choices import ReadingChoices, way_back
from easyread.forms import PageFeedbackForm, ReadingChoicesForm
from easyread.models import GlossaryTerm, OwnPicture, PageFeedback
from easyread.readability import check_easy_read

# Answers to "Was this page easy to understand?" from one visitor in an hour.
FEEDBACK_PER_VISITOR_PER_HOUR = 20
# The message tag that shows the answer under the question, not at the top of the page.
FEEDBACK_TAG = "page-feedback"
# Longer texts are not checked live (an easy-read box is far shorter).
MOST_CHECKED_CHARACTERS = 20_000


def reading_settings(request):
    """Bigger text, higher contrast, pictures on or off: kept in a cookie for every page."""
    next_url = way_back(request)
    if request.method == "POST":
        form = ReadingChoicesForm(request.POST)
        if form.is_valid():
            choices = ReadingChoices(**form.cleaned_data)
            messages.success(request, "Your settings are saved. They work on every page.")
            return choices.remember(redirect(next_url), secure=request.is_secure())
    else:
        form = ReadingChoicesForm(initial=asdict(ReadingChoices.from_request(request)))
    return render(request, "easyread/settings.html", {"form": form, "next": next_url})


# No CSRF token: the question is at the foot of every page, and a token would set a cookie,
# so the page cache could keep no page. The browser's Origin header is checked instead
# (core/security.py: is_same_origin), which stops another site posting it.
@csrf_exempt
@require_POST
def page_feedback(request):
    """ "Was this page easy to understand?": kept with the page, yes or no, and the words,
    never who sent it; then back to the same page, which says "Thank you" under the
    question (a message: its cookie keeps that one page out of the cache)."""
    if not is_same_origin(request):
        return HttpResponseForbidden("Please go back to the page and try again.")
    form = PageFeedbackForm(request.POST)
    if not form.is_valid():
        page = form.cleaned_data.get("page") or reverse("home")
        error = next(iter(form.errors.values()))[0]
        messages.error(request, error, extra_tags=FEEDBACK_TAG)
    else:
        page = form.cleaned_data["page"]
        if visitor_over_limit(request, "page-feedback", FEEDBACK_PER_VISITOR_PER_HOUR):
            messages.error(
                request,
                "You have told us a lot in 1 hour. Thank you. Please try again later.",
                extra_tags=FEEDBACK_TAG,
            )
        else:
            PageFeedback.objects.create(
                path=page,
                answer=form.cleaned_data["answer"],
                words=form.cleaned_data["words"].strip(),
            )
            messages.success(
                request,
                "Thank you for telling us. It helps us make our pages easier.",
                extra_tags=FEEDBACK_TAG,
            )
    return HttpResponseRedirect(
        page + "#page-feedback",
    )


def easy_read_check(request):
    """The easy-read check of what a facilitator is typing, for the admin boxes to show
    as they type (``static/js/readability-live.js``): the same check and words as under
    the box after a save. Staff only; nothing is saved."""
    user = request.user
    if not (user.is_active and user.is_staff):
        return JsonResponse({"error": "Only facilitators can use the easy-read check."}, status=403)
    if request.method != "POST":
        return JsonResponse({"error": "Send the text with POST."}, status=405)
    text = request.POST.get("text", "")[:MOST_CHECKED_CHARACTERS]
    report = check_easy_read(text)
    html = render_to_string(
        "easyread/readability_report_inner.html",
        {"report": report, "button": request.POST.get("button", "_check_easy_read")[:40]},
    )
    return JsonResponse({"html": html, "hard": bool(report.warnings), "warnings": report.warnings})


def glossary(request):
    """Every hard word with its picture and its meaning in easy read."""
    terms = GlossaryTerm.objects.alphabetical()
    return render(request, "glossary/glossary.html", {"terms": terms})


def credits(request):
    """Who made the pictures, and the licence they are shared under."""
    used = [
        (name, name.replace("-", " "), description)
        for name, (_, description) in sorted(pictures.PICTURES.items())
    ]
    return render(
        request,
        "credits.html",
        {
            "pictures": used,
            "own_pictures": OwnPicture.objects.all(),
            "licence": pictures.LICENCE,
            "licence_url": pictures.LICENCE_URL,
            "attribution": pictures.ATTRIBUTION,
            "source_url": pictures.SOURCE_URL,
        },
    )
