import json

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from spirit.forms import DeleteAccountForm
from spirit.privacy import delete_account, export_personal_data, may_delete_own_account


def home(request):
    """What SPIRIT is; each app adds its panel (next meeting, next seminar, newest findings)."""
    return render(request, "home.html")


def accessibility(request):
    """The accessibility statement, in easy read."""
    return render(request, "accessibility.html")


def privacy(request):
    """The privacy notice, in easy read: what we keep, why, for how long, and your rights."""
    return render(request, "privacy.html", {"retention_days": settings.SEMINARS_RETENTION_DAYS})


@login_required
def your_data(request):
    """A member's page to download or delete what we keep about them."""
    return render(request, "spirit/your_data.html")


@login_required
@require_GET
def download_your_data(request):
    """Everything we keep about the member, as a JSON file."""
    data = json.dumps(export_personal_data(request.user), indent=2, ensure_ascii=False)
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="spirit-my-information.json"'
    response["Cache-Control"] = "no-store"
    return response


def _may_delete(request) -> bool:
    return may_delete_own_account(request.user)


@login_required
@reauthentication_required(enabled=_may_delete)
def delete_your_account(request):
    """Ask for the password and "Are you sure?"; on POST with the box ticked, delete the
    account and log out. Staff are told who closes their account instead."""
    may_delete = may_delete_own_account(request.user)
    form = DeleteAccountForm(request.POST if request.method == "POST" and may_delete else None)
    if form.is_valid():
        delete_account(request.user)
        logout(request)
        return redirect("account_deleted")
    context = {"form": form, "may_delete": may_delete}
    return render(request, "spirit/delete_account.html", context)


def account_deleted(request):
    """What happens now that the account is gone."""
    return render(request, "spirit/account_deleted.html")
