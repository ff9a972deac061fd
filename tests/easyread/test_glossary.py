"""Hard words: the first use of a glossary word is marked, and its meaning opens in place."""

import re

import pytest
from django.db import connection
from django.template import engines
from django.templatetags.static import static
from django.test.utils import CaptureQueriesContext
from django.utils.safestring import mark_safe

from easyread import glossary
from easyread.glossary import Term, mark_hard_words

TERMS = [
    ("direct payment", "Money from the council. You use it to buy your support.", "direct-payment"),
    ("council", "The people who run services in your area.", "council"),
    Term("personal assistant", "A worker you employ yourself.", "personal-assistant",
         "personal-assistant", ("PA",)),
    Term("In Control", "A charity that helps people get personal budgets.", "in-control",
         "idea", ()),
    ("learning disability", "It takes longer to learn new things.", "learning-disability"),
]  # fmt: skip


def marked_words(html: str) -> list[str]:
    return re.findall(r'<a class="hard-word" id="[^"]+" href="#[^"]+">([^<]+)</a>', html)


def test_only_the_first_use_of_each_word_is_marked():
    html = mark_hard_words(
        "We get a direct payment. The council pays the direct payment. Ask the council.", TERMS
    )

    assert marked_words(html) == ["direct payment", "council"]
    assert html.count("hard-word-meaning") == 2


def meaning_of_direct_payment() -> str:
    return (
        '<span class="hard-word-meaning" id="hard-word-direct-payment" tabindex="-1">'
        f'<img class="picture picture-hard-word" src="{static("pictures/1F4D7.svg")}" alt="" '
        'width="64" height="64">'
        '<span class="hard-word-text"><strong>Direct payment</strong>. '
        "Money from the council. You use it to buy your support.</span> "
        '<a class="hard-word-more" href="/glossary/#direct-payment">All hard words</a> '
        '<a class="hard-word-close" href="#hard-word-direct-payment-word">Close'
        '<span class="visually-hidden"> the meaning of Direct payment</span></a></span>'
    )


def test_the_meaning_follows_the_paragraph_not_the_word_and_links_to_the_glossary():
    html = mark_hard_words(mark_safe("<p>A direct payment helps.</p><p>Next.</p>"), TERMS[:1])

    assert html == (
        '<p>A <a class="hard-word" id="hard-word-direct-payment-word" '
        'href="#hard-word-direct-payment">direct payment</a> helps.</p>'
        f"{meaning_of_direct_payment()}<p>Next.</p>"
    )


def test_a_line_given_alone_gets_its_meanings_at_its_end():
    html = mark_hard_words("A direct payment helps.", TERMS[:1])

    assert html == (
        'A <a class="hard-word" id="hard-word-direct-payment-word" '
        'href="#hard-word-direct-payment">direct payment</a> helps.'
        f"{meaning_of_direct_payment()}"
    )


def test_in_a_list_item_or_cell_the_meaning_ends_it_so_the_list_stays_a_list():
    html = mark_hard_words(
        mark_safe(
            "<ul><li>The <strong>council</strong> pays.</li><li>A direct payment.</li></ul>"
            "<table><tr><th>council</th><td>In Control <em>says</em></td></tr></table>"
        ),
        TERMS,
    )

    assert marked_words(html) == ["council", "direct payment", "In Control"]
    items = re.findall(r"<li>(.*?)</li>(?=<li>|</ul>)", html)
    assert len(items) == 2
    assert items[0].startswith('The <strong><a class="hard-word"')
    assert items[0].endswith("Council</span></a></span>")  # the meaning, last in the item
    assert "</strong> pays." in items[0].split('<span class="hard-word-meaning"')[0]
    assert re.search(r"<th>council</th><td>.*says</em><span class=\"hard-word-meaning\"", html)
    assert html.endswith("</span></td></tr></table>")


def test_several_words_in_one_paragraph_open_after_it_in_their_order():
    html = mark_hard_words(
        mark_safe("<div><p>The council gives a direct payment.</p></div>"), TERMS
    )

    paragraph, after = html.split("</p>")
    assert marked_words(paragraph) == ["council", "direct payment"]
    assert "hard-word-meaning" not in paragraph
    assert re.findall(r'class="hard-word-meaning" id="([^"]+)"', after) == [
        "hard-word-council",
        "hard-word-direct-payment",
    ]
    assert after.endswith("</span></div>")


def test_no_words_are_marked_where_a_page_says_so_or_in_a_meaning_already_there():
    first = mark_hard_words(mark_safe("<p>The council.</p>"), TERMS)
    html = mark_hard_words(
        mark_safe(
            f"<p data-no-hard-words>council</p><label>council</label><button>council</button>"
            f"<legend>council</legend>{first}"
        ),
        TERMS,
    )

    assert marked_words(html) == ["council"]
    assert html.count("hard-word-meaning") == 1  # the one from before, not marked again


def test_plurals_capitals_and_other_names_are_found():
    html = mark_hard_words(
        "Direct Payments help. My PA is kind. People with learning disabilities.", TERMS
    )

    assert marked_words(html) == ["Direct Payments", "PA", "learning disabilities"]


def test_each_plural_and_a_name_not_starting_with_a_letter_are_found_in_every_piece():
    # The marker reads a piece of text with its pattern only when the piece holds the first
    # word of some hard word (or of its plural): these are every way that first word can end.
    terms = [*TERMS, ("#1 rule", "The rule that comes first.", "first-rule")]
    html = mark_hard_words(
        mark_safe(
            "<ul><li>Councils</li><li>PA&#x27;s day</li><li>Learning-disabilities</li>"
            "<li>The #1 rule</li><li>Direct payments</li></ul>"
        ),
        terms,
    )

    assert marked_words(html) == [
        "Councils",
        "PA",
        "Learning-disabilities",
        "#1 rule",
        "Direct payments",
    ]


def test_names_with_capitals_match_only_with_their_capitals():
    html = mark_hard_words("You are in control. My pa came. In Control did a survey.", TERMS)

    assert marked_words(html) == ["In Control"]


def test_parts_of_other_words_are_not_marked():
    assert marked_words(mark_hard_words("The councillor and the PAs-to-be.", TERMS)) == []


def test_plain_text_is_escaped():
    html = mark_hard_words("<script>alert(1)</script> council & me", TERMS)

    assert html.startswith('&lt;script&gt;alert(1)&lt;/script&gt; <a class="hard-word"')
    assert '</a> &amp; me<span class="hard-word-meaning"' in html


def test_safe_html_keeps_its_tags_and_words_in_links_or_headings_are_left_alone():
    html = mark_hard_words(
        mark_safe(
            '<h2>The council</h2><p><a href="/x/">council</a> and the council.</p>'
            '<img src="council.svg" alt="">'
        ),
        TERMS,
    )

    assert html.startswith('<h2>The council</h2><p><a href="/x/">council</a> and the <a class')
    assert marked_words(html) == ["council"]
    assert re.search(
        r'\.</p><span class="hard-word-meaning"[^>]*>.*</span><img src="council.svg" alt="">$', html
    )


ENTITY_NAMES = [
    ("quot", "A mark.", "quot"),
    ("amp", "A sign.", "amp"),
    ("copy", "The same again.", "copy"),
    ("x27", "A code.", "x27"),
]


def test_words_inside_html_entities_are_not_marked():
    html = mark_hard_words('She said "yes" & it\'s © ours', ENTITY_NAMES)

    assert html == "She said &quot;yes&quot; &amp; it&#x27;s © ours"
    assert mark_hard_words(mark_safe("&quot;Hi&quot; &copy; &amp; &#x27;"), ENTITY_NAMES) == (
        "&quot;Hi&quot; &copy; &amp; &#x27;"
    )


def test_a_word_next_to_an_entity_is_still_marked_once():
    html = mark_hard_words('The "council" & a copy.', [*TERMS, *ENTITY_NAMES])

    assert marked_words(html) == ["council", "copy"]
    assert html.startswith('The &quot;<a class="hard-word"')
    assert "&amp; a <a" in html


def test_words_inside_tag_attributes_are_not_marked_even_with_a_bracket_in_them():
    html = mark_hard_words(
        mark_safe("<p title=\"money > council\">Hi</p><span data-x='a > council'>x</span>"),
        TERMS,
    )

    assert html == "<p title=\"money > council\">Hi</p><span data-x='a > council'>x</span>"


def test_words_explained_earlier_on_the_page_are_not_marked_again():
    already = set()
    first = mark_hard_words("The council.", TERMS, already=already)
    second = mark_hard_words("The council and a direct payment.", TERMS, already=already)

    assert marked_words(first) == ["council"]
    assert marked_words(second) == ["direct payment"]
    assert already == {"council", "direct-payment"}


def test_no_glossary_means_the_text_is_only_escaped():
    assert mark_hard_words("A & B", []) == "A &amp; B"


@pytest.mark.django_db
def test_filter_reads_the_glossary_once_per_request_and_marks_once_per_page(rf):
    from easyread.models import GlossaryTerm

    GlossaryTerm.objects.create(term="council", slug="council", meaning="People who run your area.")
    GlossaryTerm.objects.create(
        term="personal assistant", slug="personal-assistant", synonyms=["PA"], meaning="A worker."
    )
    template = engines["django"].from_string(
        "{% load easyread %}<p>{{ one|hard_words }}</p><p>{{ two|hard_words }}</p>"
        '<p>{{ two|hard_words:"block" }}</p>'
    )
    glossary.forget()  # as at the start of each request
    with CaptureQueriesContext(connection) as queries:
        html = template.render({"one": "The council.", "two": "The council and my PA."})

    assert len(queries) == 1
    assert marked_words(html) == ["council", "PA", "council", "PA"]
    assert html.count('id="hard-word-council"') == 1
    assert html.count('id="hard-word-1-council"') == 1


@pytest.mark.django_db
def test_a_changed_glossary_is_read_again(client):
    from easyread.models import GlossaryTerm

    client.get("/")
    GlossaryTerm.objects.create(term="research", slug="research", meaning="Finding out.")

    html = client.get("/").content.decode()

    assert marked_words(html) == ["research"]
    assert "<strong>Research</strong>. Finding out.</span>" in html


@pytest.mark.django_db
def test_home_page_marks_its_hard_words(client):
    from evidence import seeds

    seeds.load()

    html = client.get("/").content.decode()

    assert marked_words(html)[:3] == ["learning disabilities", "research", "gaps"]


@pytest.mark.django_db
def test_glossary_page_lists_every_term_with_its_picture(client):
    from easyread.models import GlossaryTerm
    from evidence import seeds

    seeds.load()

    response = client.get("/glossary/")

    html = response.content.decode()
    terms = list(GlossaryTerm.objects.all())
    assert len(terms) >= 30
    assert html.count('<div class="row glossary-term"') == len(terms)
    assert '<h3 id="direct-payment-name">Direct payment</h3>' in html
    assert "<p>People also say: DP.</p>" in html


@pytest.mark.django_db
def test_glossary_is_a_to_z_whatever_the_capitals_with_a_link_to_each_letter(client):
    from easyread.models import GlossaryTerm

    for term in ["Care Act", "advocate", "Access to Work", "budget", "direct payment"]:
        GlossaryTerm.objects.create(term=term, slug=term.lower().replace(" ", "-"), meaning="M.")

    html = client.get("/glossary/").content.decode()

    names = re.findall(r'<h3 id="[^"]+-name">([^<]+)</h3>', html)
    assert names == ["Access to Work", "Advocate", "Budget", "Care Act", "Direct payment"]
    letters = re.findall(r'<a href="#letter-([A-Z])">', html)
    assert letters == ["A", "B", "C", "D"]
    assert "Open the 2 words that start with A</summary>" in html
    assert "Open the word that start with B</summary>" not in html
    assert "Open the word that starts with B</summary>" in html
