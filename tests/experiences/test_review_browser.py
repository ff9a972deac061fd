"""A facilitator publishes a member's experience in a browser, from the start page, and the
member pages that show it stay accessible."""

import time

import pytest
from allauth.account.models import EmailAddress

from experiences.models import Experience
from mail.models import Email
from tests.browser import assert_accessible, log_in_as
from tests.evidence.factories import make_tag, make_theme
from tests.experiences.factories import make_experience
from tests.factories import make_facilitator, make_member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_publishes_an_experience_in_under_a_minute(browser_page, client):
    theme = make_theme(name="Getting about", slug="getting-about")
    make_tag(name="Transport", slug="transport")
    member = make_member(first_name="Ann", email="ann@example.org", username="ann@example.org")
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    experience = make_experience(
        member, recording=True, theme=theme, sharing=Experience.Sharing.FIRST_NAME
    )
    log_in_as(browser_page, client, make_facilitator())
    page = browser_page
    page.goto(page.base_url + "/admin/")

    started = time.monotonic()
    taps = 0
    page.get_by_role("link", name="1 experience is waiting for you to read.").click()
    taps += 1
    page.locator("#result_list tbody tr").first.locator("a").first.click()
    taps += 1
    audio = page.locator("audio")
    assert audio.get_attribute("src") == experience.recording_url()
    # The browser can load the sound from its private address.
    assert page.evaluate(
        "async (url) => (await fetch(url)).headers.get('content-type')", experience.recording_url()
    ).startswith("audio/")
    page.locator("#id_easy_read_version").click()
    taps += 1
    page.keyboard.type("The bus driver did not wait for me.\nI missed my day centre.")
    page.get_by_role("button", name="Publish as a finding").click()
    taps += 1
    page.get_by_text("Published as a finding.").wait_for()
    seconds = time.monotonic() - started
    print(f"\nPublished in {taps} taps and {seconds:.1f} seconds (typing by the robot).")
    assert taps <= 5 and seconds < 60

    experience.refresh_from_db()
    assert experience.state == Experience.State.PUBLISHED
    assert Email.objects.filter(kind="experiences.published", to="ann@example.org").count() == 1
    page.get_by_role("link", name="See it as members do").first.click()
    assert "Ann told us this." in page.locator("main").inner_text()


def test_member_pages_with_experiences_and_counts_are_accessible(browser_page, client):
    from evidence.models import SameForMe
    from experiences import review

    theme = make_theme(name="Getting about", slug="getting-about")
    tag = make_tag(name="Transport", slug="transport")
    member = make_member(first_name="Ann")
    experience = make_experience(
        member,
        theme=theme,
        easy_read_version="The bus driver did not wait for me.",
        original_wording="The bus driver would not wait for me.",
    )
    experience.tags.set([tag])
    finding = review.publish(experience, by=make_facilitator())
    SameForMe.objects.create(finding=finding, member=make_member())
    assert_accessible(browser_page, "/evidence-map/")
    main = browser_page.locator("main").inner_text()
    assert "Members told us 1 thing that happened to them." in main
    assert "Members said 1 time that a finding happens to them too." in main
    for path in [
        theme.get_absolute_url(),
        "/findings/?kind=member_experience",
        "/search/?q=bus",
        finding.get_absolute_url(),
    ]:
        assert_accessible(browser_page, path)
        main = browser_page.locator("main").text_content()  # the theme's list is folded
        assert "1 member said this happens to them too." in main, path
