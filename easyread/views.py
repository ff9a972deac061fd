"""Pages for the easy-read tools: reading settings, hard words and picture credits."""

from dataclasses import asdict

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from easyread import pictures
from easyread.choices import ReadingChoices, way_back
from easyread.forms import ReadingChoicesForm
from easyread.models import GlossaryTerm
from easyread.readability import check_easy_read

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
            "licence": pictures.LICENCE,
            "licence_url": pictures.LICENCE_URL,
            "attribution": pictures.ATTRIBUTION,
            "source_url": pictures.SOURCE_URL,
        },
    )
