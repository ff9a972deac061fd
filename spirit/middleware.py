"""Two-factor log-in for staff: no admin page opens until an authenticator app is set up."""

from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.shortcuts import redirect


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
