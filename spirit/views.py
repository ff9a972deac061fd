from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def home(request):
    """What SPIRIT is; each app adds its panel (next meeting, next seminar, newest findings)."""
    return render(request, "home.html")


def accessibility(request):
    """The accessibility statement, in easy read."""
    return render(request, "accessibility.html")


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: the page must render even when the database or a context
    # processor is what broke.
    return HttpResponseServerError(loader.render_to_string("500.html"))
