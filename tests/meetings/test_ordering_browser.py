"""In a real browser: a facilitator puts the parts of a meeting in order with the keyboard
(Move up, Move down) or by dragging, and the new order is saved."""

import pytest

from tests.browser import log_in_as
from tests.factories import make_facilitator
from tests.meetings.factories import make_meeting, make_part

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def numbers(page) -> list[str]:
    return [page.locator(f"#id_parts-{index}-position").input_value() for index in range(3)]


def titles_in_page_order(page) -> list[str]:
    return page.locator(
        "#parts-group .inline-related:not(.empty-form) input[name$='-title']"
    ).evaluate_all("boxes => boxes.map(box => box.value).filter(Boolean)")


def test_parts_move_with_the_keyboard_and_by_dragging(browser_page, client):
    page = browser_page
    meeting = make_meeting()
    for number, title in enumerate(["Budgets", "Homes", "Buses"], start=1):
        make_part(meeting=meeting, position=number, title=title)
    log_in_as(page, client, make_facilitator())
    page.goto(f"{page.base_url}/admin/meetings/meeting/{meeting.pk}/change/")

    # Without a mouse: Tab to the button, press Enter.
    down = page.get_by_role("button", name="Move down: Part 1: Budgets")
    down.focus()
    page.keyboard.press("Enter")
    assert titles_in_page_order(page) == ["Homes", "Budgets", "Buses"]
    assert numbers(page) == ["2", "1", "3"]
    assert "is now number 2." in page.locator("#parts-group .order-status").inner_text()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Move down: Part 1: Budgets"
    )

    # With a mouse: Buses dragged by its handle onto the top half of the first row. The
    # drag events are sent to the page as a browser sends them (Playwright's own mouse
    # drag did not start one on this long admin page; in a short page it does).
    page.evaluate(
        """() => {
        const rows = [...document.querySelectorAll('#parts-group .inline-related:not(.empty-form)')];
        const handle = rows[2].querySelector('.order-handle');
        const box = rows[0].getBoundingClientRect();
        const data = new DataTransfer();
        const at = {bubbles: true, cancelable: true, dataTransfer: data,
                    clientX: box.left + 30, clientY: box.top + 10};
        handle.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
        rows[0].dispatchEvent(new DragEvent('dragover', at));
        rows[0].dispatchEvent(new DragEvent('drop', at));
        handle.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));
    }"""
    )
    assert titles_in_page_order(page) == ["Buses", "Homes", "Budgets"]

    with page.expect_navigation():
        page.get_by_role("button", name="Save", exact=True).click()
    assert [part.title for part in meeting.parts.all()] == ["Buses", "Homes", "Budgets"]
    assert [part.position for part in meeting.parts.all()] == [1, 2, 3]
