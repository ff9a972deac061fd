"""Error pages in easy read: not found, a form without its safety code, a crash, no database."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def csrf_failure(request, reason=""):
    """A form sent without its safety code (often an old page): say so in easy read (403)."""
    return render(request, "403_csrf.html", status=403)


def server_error(request):
    # No request context: the page must render even when the database or a context
    # processor is what broke.
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    return HttpResponseServerError(loader.render_to_string("500.html"))


def database_unavailable(request):
    """The easy-read "Please try again" page (503), made without touching the database."""
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = "60"
    return response
