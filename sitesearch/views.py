"""The page that searches the whole site."""

from django.shortcuts import render

from sitesearch.groups import search_site


def search(request):
    """Findings first, then meetings, seminars, sources, themes, tags and hard words."""
    found = search_site(request.GET)
    return render(request, "sitesearch/results.html", {"found": found, "form": found.form})
