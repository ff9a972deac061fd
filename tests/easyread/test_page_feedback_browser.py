""" "Was this page easy to understand?" in a browser, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from easyread.models import PageFeedback
from tests.browser import WIDTHS, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("javascript", [True, False])
def test_yes_no_and_tell_us_more_come_back_to_the_same_page(chromium, live_server, javascript):
    context = chromium.new_context(
        viewport=WIDTHS["phone"], locale="en-GB", java_script_enabled=javascript
    )
    page = context.new_page()
    page.base_url = live_server.url
    if javascript:
        assert_accessible(page, "/accessibility/")
        page.set_viewport_size(WIDTHS["phone"])
    else:  # axe runs in the page's JavaScript, so it is checked with it on; the HTML is the same.
        page.goto(page.base_url + "/accessibility/")
    question = page.locator("#page-feedback")
    with page.expect_navigation():
        question.get_by_role("button", name="Yes").click()
    assert page.url.endswith("/accessibility/#page-feedback")
    expect(question.get_by_role("status")).to_have_text(
        "Thank you for telling us. It helps us make our pages easier."
    )
    question.get_by_text("Tell us more").click()
    question.get_by_label("What was easy or hard?").fill("The pictures helped me.")
    with page.expect_navigation():
        question.get_by_role("button", name="No").click()
    expect(question.get_by_role("status")).to_be_visible()
    assert list(PageFeedback.objects.order_by("pk").values_list("path", "answer", "words")) == [
        ("/accessibility/", "yes", ""),
        ("/accessibility/", "no", "The pictures helped me."),
    ]
    context.close()
