"""Pages for the easy-read tools: reading settings, hard words, credits and handouts."""

from dataclasses import asdict

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from evidence.models import Finding, GlossaryTerm, Theme
from spirit import handouts, pictures
from spirit.choices import ReadingChoices
from spirit.easyread_forms import ReadingChoicesForm
from spirit.page_cache import content_version


def _safe_next(request) -> str:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("home")


def reading_settings(request):
    """Bigger text, higher contrast, pictures on or off: kept in a cookie for every page."""
    next_url = _safe_next(request)
    if request.method == "POST":
        form = ReadingChoicesForm(request.POST)
        if form.is_valid():
            choices = ReadingChoices(**form.cleaned_data)
            messages.success(request, "Your settings are saved. They work on every page.")
            return choices.remember(redirect(next_url), secure=request.is_secure())
    else:
        form = ReadingChoicesForm(initial=asdict(ReadingChoices.from_request(request)))
    return render(request, "easyread/settings.html", {"form": form, "next": next_url})


def glossary(request):
    """Every hard word with its picture and its meaning in easy read."""
    terms = GlossaryTerm.objects.order_by("term")
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


def handout_list(request):
    """The handouts a member can print and bring to a meeting."""
    return render(request, "handouts/handout_list.html", {"themes": Theme.objects.all()})


def theme_handout(request, slug):
    """An easy-read PDF of all the findings of a theme, with pictures, for a meeting."""
    theme = get_object_or_404(Theme, slug=slug)
    # Making a PDF takes seconds: keep it until the content changes or the day ends.
    key = f"handout:theme:{theme.slug}:{content_version()}:{timezone.localdate()}"
    pdf = cache.get(key)
    if pdf is None:
        findings = list(Finding.objects.filter(theme=theme).with_related().by_kind())
        html = render_to_string("handouts/theme.html", handouts.theme_context(theme, findings))
        pdf = handouts.render_pdf(html)
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="spirit-{theme.slug}-easy-read.pdf"'
    return response
