from django import template
from django.templatetags.static import static
from django.utils.html import format_html

from spirit.pictures import PICTURES, picture_path

register = template.Library()


@register.simple_tag
def picture(name, size="row", alt=""):
    """The named picture as an <img>. It sits beside its words, so by default alt is empty."""
    if name not in PICTURES:
        raise template.TemplateSyntaxError(f"No picture called {name!r} in spirit.pictures")
    return format_html(
        '<img class="picture picture-{}" src="{}" alt="{}" width="64" height="64">',
        size,
        static(picture_path(name)),
        alt,
    )
