"""The files browsers and search engines ask for at the site's root: robots.txt,
favicon.ico and the web manifest (the name and icons of the site on a phone's home screen)."""

from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

DAY = 60 * 60 * 24
# Never for search engines: the admin, log-in pages, personal pages and forms.
DISALLOW = ["/admin/", "/accounts/", "/your-information/", "/seminars/registration/"]


@require_GET
@cache_control(max_age=DAY, public=True)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=DAY, public=True)
def favicon(request):
    path = finders.find("icons/favicon.ico")
    if path is None:
        raise Http404("No icon")
    # Read whole (3 KB), not streamed, so the answer gets an ETag and can be a 304.
    return HttpResponse(Path(path).read_bytes(), content_type="image/x-icon")


@require_GET
@cache_control(max_age=DAY, public=True)
def manifest(request):
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    data = {
        "name": "SPIRIT: research in easy read",
        "short_name": "SPIRIT",
        "description": "Research findings, meetings and seminars in easy read.",
        "lang": "en-GB",
        "start_url": "/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#003d87",
        "icons": icons,
    }
    return JsonResponse(data, content_type="application/manifest+json")
