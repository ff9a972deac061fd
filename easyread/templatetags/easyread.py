"""Easy-read template helpers: pictures, reading choices, the search box and hard words."""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.templatetags.static import static
from django.utils.html import format_html

from easyread import glossary, text
from easyread.choices import ReadingChoices
from easyread.choices import settings_link as settings_link_for
from easyread.models import OwnPicture
from easyread.pictures import PICTURES, is_own, picture_path

register = template.Library()
# "Thursday 12 May 2016": how every member page says a date (easyread/text.py).
register.filter("long_date", text.long_date)


@register.simple_tag
def picture(name, size="row", alt=None, loading="eager"):
    """The named picture as an <img>.

    A built-in picture only repeats the words beside it (easy-read rule P3), so its alt
    is empty. A facilitator's own picture (``own-<id>``) has the alt text they wrote: it
    may show more than the words (the group's own room, their own people). ``alt=""``
    makes any picture decoration, where the words beside it already say what it shows.
    ``loading="lazy"`` waits until the picture is near the screen (for long lists).
    """
    if is_own(name):
        own = OwnPicture.objects.by_name(name)
        if own is not None:
            return _img(size, own.image.url, own.alt_text if alt is None else alt, loading, "own")
        name = "picture"  # gone since it was chosen: a plain picture instead
    if name not in PICTURES:
        raise template.TemplateSyntaxError(f"No picture called {name!r} in easyread.pictures")
    return _built_in(name, size, alt or "", loading)


@lru_cache(maxsize=1024)
def _built_in(name, size, alt, loading):
    """A built-in picture's <img>, made once per process: a page shows 20 to 30 of them,
    and looking each file's name up in the static files' manifest took 2 ms a page."""
    return _img(size, static(picture_path(name)), alt, loading)


@receiver(setting_changed)
def _static_files_changed(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES"):
        _built_in.cache_clear()


def _img(size, url, alt, loading, kind=""):
    classes = f"picture picture-{size}" + (f" picture-{kind}" if kind else "")
    if loading == "lazy":
        return format_html(
            '<img class="{}" src="{}" alt="{}" width="64" height="64" loading="lazy">',
            classes,
            url,
            alt,
        )
    return format_html(
        '<img class="{}" src="{}" alt="{}" width="64" height="64">', classes, url, alt
    )


@register.simple_tag(takes_context=True)
def reading_classes(context):
    """The classes for <html> from the member's reading choices (bigger text, contrast...)."""
    return ReadingChoices.from_request(context.get("request")).html_classes()


@register.simple_tag
def settings_link(request=None):
    """The Settings link's address, keeping the page to come back to."""
    return settings_link_for(request or None)


@register.simple_tag
def search_words(request):
    """What the person searched for, to keep it in the search box."""
    if request is None:
        return ""
    return request.GET.get("q", "")[:200]


@register.filter(is_safe=True, needs_autoescape=True)
def hard_words(text, mode="page", autoescape=True):
    """Mark the first use of each glossary word so its meaning opens in place.

    ``{{ finding.easy_read|hard_words }}`` marks a word the first time it appears on the
    page; ``{{ text|hard_words:"block" }}`` marks it the first time in this text.
    """
    return glossary.mark_in_request(text, every_block=(mode == "block"))
