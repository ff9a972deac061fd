"""Middleware: the easy-read 503 when the database goes away, and two-factor log-in for staff."""

import logging

from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect

from spirit.views import database_unavailable

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)


class DatabaseUnavailableMiddleware:
    """Answer "Please try again" (503) instead of a crash when PostgreSQL cannot be reached.

    ``process_exception`` sees errors raised by a view or while its template renders. Errors
    raised elsewhere reach ``handler500``, which gives the same page (``spirit.views``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error("The database could not be reached: %s", exception, exc_info=exception)
        return database_unavailable(request)


class StaffTwoFactorMiddleware:
    """Staff and superusers set up an authenticator app before any admin page opens.

    The admin shows everyone's details, so a password alone is not enough: a facilitator
    with no authenticator app is sent to allauth's set-up page, with a message saying why.
    Once it is set up, allauth asks for a code from the app at every log-in.
    """

    MESSAGE = "To use the admin, you need a code from your phone. Please set this up first."

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if self._must_set_up(request):
            messages.info(request, self.MESSAGE)
            return redirect("mfa_activate_totp")
        return None

    @staticmethod
    def _must_set_up(request) -> bool:
        # Admin pages only (every URL in the admin site's namespace), and not "Log out".
        match = request.resolver_match
        if match is None or admin.site.name not in match.namespaces or match.url_name == "logout":
            return False
        user = request.user
        if not (user.is_authenticated and (user.is_staff or user.is_superuser)):
            return False
        return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
