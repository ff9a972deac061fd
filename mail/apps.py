from django.apps import AppConfig


class MailConfig(AppConfig):
    """Every email the portal sends: a log row, and a job that sends it and tries again.

    Below the domain apps and above ``core``: it knows no seminar or meeting. What an email
    is about is a generic link, so seminars can point at a registration."""

    name = "mail"
    verbose_name = "Emails"
