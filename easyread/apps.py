from django.apps import AppConfig


class EasyreadConfig(AppConfig):
    """The easy-read toolkit: pictures, hard words, the readability check, reading settings,
    PDF handouts. The domain apps use it; it uses none of them."""

    name = "easyread"
    verbose_name = "Easy read"
