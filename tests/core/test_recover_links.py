"""Recovering a deleted finding from the history brings back its tags and its meetings."""

import pytest
from django.urls import reverse
from reversion.models import Version

from evidence.models import Finding
from tests.evidence.factories import make_finding, make_tag
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting
from tests.meetings.test_admin import resubmitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator_client(client):
    client.force_login(make_facilitator())
    return client


def test_a_recovered_finding_is_linked_again_to_its_tags_and_its_meeting(facilitator_client):
    housing, money = make_tag(name="Housing", slug="housing"), make_tag(name="Money", slug="money")
    finding = make_finding(easy_read="Many people wait for a home.", tags=[housing, money])
    # Saved once in the admin (its history has the tags), linked to the meeting later.
    change_url = reverse("admin:evidence_finding_change", args=[finding.pk])
    assert facilitator_client.post(change_url, resubmitted(facilitator_client.get(change_url)))
    meeting = make_meeting(title="Our third meeting")
    other = make_finding(easy_read="Support workers change often.")
    meeting.findings.set([finding, other])

    facilitator_client.post(
        reverse("admin:evidence_finding_delete", args=[finding.pk]), {"post": "yes"}
    )
    assert meeting.findings.count() == 1

    version = Version.objects.get_deleted(Finding).get()
    recover_url = reverse("admin:evidence_finding_recover", args=[version.pk])
    form = facilitator_client.get(recover_url)
    response = facilitator_client.post(recover_url, resubmitted(form), follow=True)

    recovered = Finding.objects.get(pk=finding.pk)
    assert sorted(tag.name for tag in recovered.tags.all()) == ["Housing", "Money"]
    assert list(recovered.meetings.all()) == [meeting]
    assert meeting.findings.count() == 2
    said = [str(message) for message in response.context["messages"]]
    assert (
        f"We brought back “{recovered}”. It is linked again to 1 meeting: {meeting}; "
        "2 tags: Housing, Money." in said
    )


def test_deleting_chosen_findings_at_once_keeps_their_links_too(facilitator_client):
    meeting = make_meeting()
    findings = [make_finding(easy_read=f"Finding {n}.") for n in range(3)]
    meeting.findings.set(findings)
    facilitator_client.post(
        reverse("admin:evidence_finding_changelist"),
        {"action": "delete_selected", "_selected_action": [f.pk for f in findings], "post": "yes"},
    )
    assert meeting.findings.count() == 0
    for version in Version.objects.get_deleted(Finding):
        version.revision.revert()
    assert meeting.findings.count() == 3
