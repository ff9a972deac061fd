"""The evidence library's public pages: findings, sources, themes, tags and the gap map."""

import csv
import json

from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.page_cache import content_version
from easyread.pdf import render_pdf
from evidence import citations, services
from evidence.gap_map import gap_map
from evidence.handouts import theme_handout_context
from evidence.models import Finding, Source, Tag, Theme, published_findings
from evidence.search import TOP_CHOICES, find_findings

# The meetings app links findings to meetings; evidence, below it, reaches them through
# that link alone (imports run one way: docs/architecture.md).
# At most 6 phone screens a page at normal text (issue 15), with the filters and "Tell us".
PER_PAGE = 3
# Findings like this one, under a finding.
RELATED_SHOWN = 3
# Tags on each page of the evidence map.
MAP_ROWS = 50
# The most findings one export holds.
EXPORT_LIMIT = 5000
CITATION_FORMATS = {
    "ris": (citations.ris, "application/x-research-info-systems"),
    "bib": (citations.bibtex, "application/x-bibtex"),
    "json": (citations.csl_json, "application/vnd.citationstyles.csl+json"),
}


def finding_list(request):
    """The findings, newest first, or best match first when searching; filters in the URL."""
    search = find_findings(request.GET)
    page = search.page(request.GET.get("page"), PER_PAGE)
    context = {"search": search, "form": search.filterset.form, "page": page}
    facets = {"facets": search.facets(), "top_choices": TOP_CHOICES}
    return render(request, "evidence/finding_list.html", {**context, **facets})


def _exported(request):
    return find_findings(request.GET).results[:EXPORT_LIMIT]


def finding_export_csv(request):
    """The filtered list as a spreadsheet (UTF-8 with a byte order mark, for Excel)."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = [finding.as_spreadsheet_row(base_url=base_url) for finding in _exported(request)]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="spirit-findings.csv"'
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=Finding.EXPORT_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    return response


def finding_export_json(request):
    """The filtered list as JSON: tags as a list, true or false, full addresses."""
    base_url = request.build_absolute_uri("/").rstrip("/")
    rows = [finding.as_row(base_url=base_url) for finding in _exported(request)]
    response = HttpResponse(
        json.dumps({"count": len(rows), "findings": rows}, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="spirit-findings.json"'
    return response


def finding_detail(request, pk):
    """One finding: easy read first, then the original words, source, tags and related."""
    finding = get_object_or_404(
        Finding.objects.published().with_related().with_published_meetings(),
        pk=pk,
    )
    related = (
        Finding.objects.published().related_to(finding).select_related("source")[:RELATED_SHOWN]
    )
    context = {
        "finding": finding,
        "related": related,
        "reference": citations.reference(finding.source),
        "said_same": services.said_same_for_me(finding, request.user),
    }
    return render(request, "evidence/finding_detail.html", context)


@require_POST
def same_for_me(request, pk):
    """A logged-in member says "this happens to me too" about a finding, or takes it back
    (``take_back``); then back to the finding. A visitor is asked to log in first."""
    finding = get_object_or_404(Finding.objects.published(), pk=pk)
    back = finding.get_absolute_url() + "#same-for-me"
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    if "take_back" in request.POST:
        services.take_back_same_for_me(finding, request.user)
    else:
        services.say_same_for_me(finding, request.user)
    return redirect(back)


def source_list(request):
    """Every source, newest first, with how many findings each gives."""
    sources = Source.objects.annotate(
        finding_count=Count("findings", filter=published_findings("findings__"))
    ).order_by("-year", "short_name")
    return render(request, "evidence/source_list.html", {"sources": sources})


def source_detail(request, slug):
    """A source: what it is, how to cite it, and its findings."""
    source = get_object_or_404(Source.objects.prefetch_related("tags"), slug=slug)
    findings = (
        source.findings.published().order_by("position").prefetch_related("tags").with_same_for_me()
    )
    return render(
        request,
        "evidence/source_detail.html",
        {"source": source, "findings": findings, "reference": citations.reference(source)},
    )


def source_citation(request, slug, style):
    """The source's citation as RIS, BibTeX or CSL-JSON, for reference managers."""
    if style not in CITATION_FORMATS:
        raise Http404("No such citation format")
    source = get_object_or_404(Source, slug=slug)
    make, content_type = CITATION_FORMATS[style]
    response = HttpResponse(make(source), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{source.slug}.{style}"'
    return response


def theme_detail(request, slug):
    """A theme: what research says, what members said, ideas for change, and the gaps."""
    theme = get_object_or_404(Theme, slug=slug)
    findings = (
        theme.findings.published()
        .by_kind()
        .select_related("source")
        .prefetch_related("tags")
        .with_same_for_me()
    )
    context = {"theme": theme, "findings": findings, "intro": theme.intro_lines()}
    return render(request, "evidence/theme_detail.html", context)


def tag_detail(request, slug):
    """A tag: what it means, and its findings and sources."""
    tag = get_object_or_404(Tag, slug=slug)
    findings = tag.findings.published().with_related().newest_first()
    page = Paginator(findings, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "evidence/tag_detail.html",
        {"tag": tag, "page": page, "sources": tag.sources.all()},
    )


def evidence_map(request):
    """The gap map: tags against kinds of source, with the empty cells marked as gaps."""
    gaps = gap_map(request.GET.get("page"), per_page=MAP_ROWS)
    return render(request, "evidence/evidence_map.html", {"map": gaps, "per_page": MAP_ROWS})


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
        findings = list(Finding.objects.published().filter(theme=theme).with_related().by_kind())
        context = theme_handout_context(theme, findings)
        html = render_to_string("handouts/theme.html", context)
        pdf = render_pdf(html, pictures=context["all_pictures"])
        cache.set(key, pdf, 60 * 60 * 24)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="spirit-{theme.slug}-easy-read.pdf"'
    return response
