"""In a real browser: the easy-read check follows what a facilitator types, and "Save and
publish" says next to the box why hard words are not published yet."""

import pytest

from evidence.models import Finding
from tests.browser import WIDTHS, axe_violations, log_in_as
from tests.evidence.factories import make_finding
from tests.evidence.test_drafts import HARD
from tests.factories import make_facilitator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def only_select2(violation) -> bool:
    """Django's own tag search box (select2) has no label of its own: known, not ours."""
    return violation["id"] == "label" and all(
        node == [".select2-search__field"] for node in violation["nodes"]
    )


@pytest.mark.parametrize("width", ["phone", "desktop"])
def test_the_check_follows_typing_and_publishing_waits_for_easy_words(browser_page, client, width):
    page = browser_page
    finding = make_finding(published=False, easy_read="People chose their own support.")
    log_in_as(page, client, make_facilitator())
    page.set_viewport_size(WIDTHS[width])
    page.goto(f"{page.base_url}/admin/evidence/finding/{finding.pk}/change/")
    report = page.locator("#id_easy_read_readability")
    assert "this looks easy to read." in report.inner_text()

    # Typed, not saved: the check under the box changes by itself.
    page.locator("#id_easy_read").fill(HARD)
    page.wait_for_function(
        "() => document.querySelector('#id_easy_read_readability').dataset.checked === 'live'"
    )
    assert "this may be hard to read." in report.inner_text()
    assert "Sentence 1 has 18 words." in report.inner_text()
    assert Finding.objects.get(pk=finding.pk).easy_read == "People chose their own support."

    with page.expect_navigation():
        page.get_by_role("button", name="Save and publish").click()
    field = page.locator(".field-easy_read")
    assert "This is not published yet" in field.locator(".errorlist").inner_text()
    assert page.locator("#id_easy_read").input_value() == HARD
    assert not Finding.objects.get(pk=finding.pk).is_published
    assert [v for v in axe_violations(page) if not only_select2(v)] == []

    page.get_by_label("Publish even though it may be hard to read").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Save and publish").click()
    assert (
        "is saved and published. Members can see it now."
        in page.locator(".messagelist").inner_text()
    )
    assert Finding.objects.get(pk=finding.pk).is_published
