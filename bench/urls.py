"""The portal's URLs plus a bare view, for benchmarks only (``bench.settings``)."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache
def bare(request):
    """The least a Django view can do: the floor that pages are compared with.

    It goes through the same middleware as every page (the page cache looks it up, but
    ``never_cache`` keeps it from being stored), then answers a few bytes.
    """
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare, name="bench-bare"), path("", include("config.urls"))]
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"
