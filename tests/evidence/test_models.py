"""The evidence models keep their rules, and search keywords stay up to date."""

import re

import pytest
from django.db import IntegrityError, transaction

from evidence import services
from evidence.models import Finding, Source
from evidence.search import search_findings
from tests.evidence.factories import make_finding, make_source, make_tag, make_theme

pytestmark = pytest.mark.django_db


def test_finding_kind_must_be_known_to_the_database():
    finding = make_finding()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(kind="rumour")


def test_finding_strength_must_be_known_to_the_database():
    finding = make_finding()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=finding.pk).update(strength=7)


def test_source_kind_must_be_known_to_the_database():
    source = make_source()
    with pytest.raises(IntegrityError), transaction.atomic():
        Source.objects.filter(pk=source.pk).update(kind="rumour")


def test_two_findings_cannot_share_a_place_in_a_source():
    first = make_finding()
    with pytest.raises(IntegrityError), transaction.atomic():
        Finding.objects.filter(pk=make_finding(source=first.source).pk).update(position=1)


def test_save_finding_puts_a_new_finding_last_in_its_source():
    source = make_source()
    assert [make_finding(source=source).position for _ in range(3)] == [1, 2, 3]


def test_keywords_follow_tags_added_removed_and_renamed():
    money = make_tag(name="Money", slug="money")
    finding = make_finding(source=make_source(short_name="POET", slug="poet"), tags=[money])
    finding.refresh_from_db()
    assert finding.keywords == "POET Money"
    work = make_tag(name="Work", slug="work")
    finding.tags.add(work)
    finding.refresh_from_db()
    assert finding.keywords == "POET Money Work"
    money.name = "Cash"
    money.save()
    finding.refresh_from_db()
    assert finding.keywords == "POET Cash Work"
    work.delete()
    finding.refresh_from_db()
    assert finding.keywords == "POET Cash"
    finding.tags.clear()
    finding.refresh_from_db()
    assert finding.keywords == "POET "


def test_keywords_follow_the_source_name():
    finding = make_finding(source=make_source(short_name="IBSEN", slug="ibsen"))
    source = finding.source
    source.short_name = "IBSEN evaluation"
    source.save()
    finding.refresh_from_db()
    assert finding.keywords == "IBSEN evaluation "
    assert search_findings("evaluation").get() == finding


def test_tag_findings_adds_a_tag_once():
    tag = make_tag(name="Leisure", slug="leisure")
    findings = [make_finding(), make_finding(tags=[tag])]
    assert services.tag_findings(findings, tag=tag) == 1
    assert [list(f.tags.all()) for f in findings] == [[tag], [tag]]
    assert search_findings("leisure").count() == 2


def test_search_vector_is_stored_with_weights():
    finding = make_finding(
        easy_read="Budgets help.", original_wording="Payments matter.", tags=[make_tag(name="Work")]
    )
    finding.refresh_from_db()
    assert re.search(r"'work':\d+A", finding.search_vector)
    assert re.search(r"'budget':\d+B", finding.search_vector)
    assert re.search(r"'payment':\d+C", finding.search_vector)


def test_research_before_2014_is_older_than_the_care_act():
    assert make_finding(source=make_source(year=2010)).is_before_care_act is True
    assert make_finding(source=make_source(year=2014)).is_before_care_act is False


def test_easy_read_sentences_are_the_lines():
    finding = make_finding(easy_read="First idea.\n\n  Second idea.  \n")
    assert finding.easy_read_sentences == ["First idea.", "Second idea."]


def test_models_say_what_they_are():
    theme = make_theme(name="Housing")
    source = make_source(short_name="IBSEN", year=2008)
    finding = make_finding(source=source, theme=theme, original_wording="Budgets were highest.")
    assert str(theme) == "Housing"
    assert str(source) == "IBSEN (2008)"
    assert str(finding) == "IBSEN 1: Budgets were highest."
