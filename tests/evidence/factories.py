"""Evidence test data: make_<thing>(**overrides) helpers built on factory_boy."""

import factory
from django.utils import timezone

from evidence import services
from evidence.models import (
    Finding,
    FindingKind,
    FindingState,
    Source,
    SourceKind,
    Tag,
    Theme,
)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")
    easy_read_intro = "This theme is about money for support."


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Tag {n}")
    slug = factory.Sequence(lambda n: f"tag-{n}")
    easy_read_meaning = "A word that groups findings."
    picture = "tag"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    short_name = factory.Sequence(lambda n: f"Study {n}")
    slug = factory.Sequence(lambda n: f"study-{n}")
    title = factory.Sequence(lambda n: f"A study of personal budgets, part {n}")
    authors = "A research team"
    year = 2016
    kind = SourceKind.SURVEY
    easy_read_summary = "This is a survey.\nMany people answered."


def make_theme(**overrides) -> Theme:
    return ThemeFactory(**overrides)


def make_tag(**overrides) -> Tag:
    return TagFactory(**overrides)


def make_source(**overrides) -> Source:
    return SourceFactory(**overrides)


def make_finding(*, tags=(), published=True, **overrides) -> Finding:
    """A saved finding, through the service (so its search keywords are right);
    published unless ``published=False`` (a facilitator's new finding is a draft)."""
    fields = {
        "kind": FindingKind.FINDING,
        "original_wording": "People with personal budgets had more choice.",
        "easy_read": "People with personal budgets had more choice.",
        "strength_reason": "Many people answered.",
        **overrides,
    }
    fields.setdefault("source", overrides.get("source") or make_source())
    fields.setdefault("theme", overrides.get("theme") or make_theme())
    if published:
        fields.setdefault("state", FindingState.PUBLISHED)
        fields.setdefault("published_at", timezone.now())
    return services.save_finding(Finding(**fields), tags=list(tags))


def make_findings(count: int, *, tags=(), **overrides) -> list[Finding]:
    """``count`` findings that share one source and theme."""
    source = overrides.pop("source", None) or make_source()
    theme = overrides.pop("theme", None) or make_theme()
    return [make_finding(source=source, theme=theme, tags=tags, **overrides) for _ in range(count)]
