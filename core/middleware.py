"""The easy-read "Please try again" page (503) when the database goes away mid-request."""

import logging

from django.db import InterfaceError, OperationalError

from core.views import database_unavailable

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)


class DatabaseUnavailableMiddleware:
    """Answer "Please try again" (503) instead of a crash when PostgreSQL cannot be reached.

    ``process_exception`` sees errors raised by a view or while its template renders. Errors
    raised elsewhere reach ``handler500``, which gives the same page (``core.views``).
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
