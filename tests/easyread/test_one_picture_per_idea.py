"""One picture per idea (issue 15, item 5): the same picture for the same idea everywhere,
and never one picture for two ideas."""

from collections import defaultdict

from easyread.pictures import PICTURES, SAME_IDEA, SVG_DIR
from evidence.models import KIND_PICTURES
from evidence.seeds import GLOSSARY, TAGS
from spirit.context_processors import PLACES

# Two glossary words for one idea: they share its picture.
SAME_IDEA_WORDS = [{"council", "local authority"}]


def code(name: str) -> str:
    return PICTURES[name][0]


def sharing(names_by_item: dict[str, str]) -> list[set[str]]:
    """The groups of items whose pictures are the same file."""
    by_code = defaultdict(set)
    for item, name in names_by_item.items():
        by_code[code(name)].add(item)
    return [items for items in by_code.values() if len(items) > 1]


def test_every_picture_name_has_its_own_file_unless_it_is_the_same_idea():
    by_code = defaultdict(set)
    for name, (picture_code, _) in PICTURES.items():
        by_code[picture_code].add(name)
    shared = [names for names in by_code.values() if len(names) > 1]
    assert sorted(map(sorted, shared)) == sorted(map(sorted, SAME_IDEA))


def test_every_picture_file_exists():
    missing = [name for name, (c, _) in PICTURES.items() if not (SVG_DIR / f"{c}.svg").is_file()]
    assert missing == []


def test_no_two_hard_words_share_a_picture():
    words = {term: picture for term, (_, _, picture) in GLOSSARY.items()}
    assert sharing(words) == SAME_IDEA_WORDS


def test_no_two_tags_share_a_picture():
    assert sharing({name: picture for name, _, picture in TAGS.values()}) == []


def test_no_two_kinds_of_finding_share_a_picture():
    assert sharing({str(kind): picture for kind, picture in KIND_PICTURES.items()}) == []


def test_no_two_places_share_a_picture():
    assert sharing({word: picture for word, _, picture in PLACES}) == []


def test_research_findings_and_sources_have_different_pictures():
    assert code("research") != code("findings") != code("source")
    assert code("findings") == code("finding")


def test_no_misleading_pictures():
    assert PICTURES["commissioner"][1] != "a person who decides"  # was a judge
    assert "strong" not in PICTURES  # a flexed arm for "How sure can we be?"
