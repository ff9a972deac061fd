from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the portal stands on: the page cache, security headers, error
    pages, backups, the embedded database, spreadsheets, uploads and the admin's history.
    It imports none of the portal's other apps."""

    name = "core"
    verbose_name = "Portal infrastructure"
