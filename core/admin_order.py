"""Rows of an admin page put in order by dragging them, or with "Move up" and "Move down".

``DragToOrderMixin`` goes first in an inline's bases; ``order_field`` names the number box
that orders the rows ("position" unless set). The number boxes stay on the page: without
JavaScript, typing the numbers still puts the rows in order. With it
(``static/js/admin-order.js``), each row gets a handle to drag and two buttons that a
keyboard can reach, and the numbers are filled in to match the new order.

Why not django-admin-sortable2: its inlines hide the number box (a hidden input that only
its drag-and-drop script fills in), so there is no way without a mouse and none without
JavaScript; and it needs the number first in the model's ordering and no unique number
per meeting. A small script that moves rows and rewrites the boxes keeps both.
"""

from django import forms


class DragToOrderMixin:
    order_field = "position"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.classes = [*(self.classes or []), "ordered-rows", f"order-by-{self.order_field}"]

    @property
    def media(self):
        return super().media + forms.Media(
            js=["js/admin-order.js"], css={"all": ["css/easyread-admin.css"]}
        )
