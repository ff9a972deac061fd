"""Citations and exports, each read back by a program that reads that format."""

import csv
import io
import json
import re
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
from bibtexparser.middlewares import SeparateCoAuthors

from evidence.citations import author_names, reference
from evidence.models import Finding, Source

pytestmark = pytest.mark.django_db

# The Citation Style Language's own schema for CSL-JSON (MIT: CSL-SCHEMA-LICENCE.txt).
CSL_SCHEMA = json.loads((Path(__file__).parent / "csl-data.json").read_text())


@pytest.fixture
def library(seeded, db):
    return seeded


@pytest.mark.parametrize(
    ("authors", "names", "others"),
    [
        (
            "Dr Simon Duffy, Centre for Welfare Reform, and others",
            ["Dr Simon Duffy", "Centre for Welfare Reform"],
            True,
        ),
        (
            "Social Care Institute for Excellence (SCIE), "
            "with the Foundation for People with Learning Disabilities",
            [
                "Social Care Institute for Excellence (SCIE)",
                "the Foundation for People with Learning Disabilities",
            ],
            False,
        ),
        (
            "Richmond council and Richmond Users Independent Living Scheme (RUILS)",
            ["Richmond council and Richmond Users Independent Living Scheme (RUILS)"],
            False,
        ),
    ],
)
def test_the_names_in_a_list_of_authors(authors, names, others):
    assert author_names(authors) == (names, others)


def test_ris_gives_each_name_as_written_never_as_last_first(library, client):
    response = client.get("/sources/centre-for-welfare-reform-letter/cite.ris")
    [entry] = rispy.loads(response.content.decode())
    assert entry["authors"] == ["Dr Simon Duffy,", "Centre for Welfare Reform,"]
    # A reference manager splits "Last, First" at the first comma: nothing after it here.
    assert all(name.index(",") == len(name) - 1 for name in entry["authors"])
    assert entry["publisher"] == "Centre for Welfare Reform"
    assert entry["date"] == "2017/03/15"


def test_bibtex_uses_the_month_macro_and_a_list_of_names(library, client):
    text = client.get("/sources/centre-for-welfare-reform-letter/cite.bib").content.decode()
    assert re.search(r"^\s*month = mar,?$", text, re.MULTILINE)  # the macro, not {mar}
    [record] = bibtexparser.parse_string(text, append_middleware=[SeparateCoAuthors()]).entries
    assert record.fields_dict["month"].value == "mar"
    assert record.fields_dict["author"].value == [
        "{Dr Simon Duffy}",
        "{Centre for Welfare Reform}",
        "others",
    ]
    assert record.fields_dict["publisher"].value == "Centre for Welfare Reform"
    assert record.fields_dict["title"].value == "{Letter on obstacles for personal budgets}"


def test_a_report_names_its_publisher_as_the_institution(library, client):
    text = client.get("/sources/scie-at-a-glance-22/cite.bib").content.decode()
    [record] = bibtexparser.parse_string(text).entries
    assert record.entry_type == "techreport"
    assert record.fields_dict["institution"].value == "Social Care Institute for Excellence (SCIE)"


def test_csl_json_and_the_formatted_reference_have_the_publisher_and_web_address(library, client):
    Source.objects.filter(slug="poet").update(link="https://example.org/poet-2014")
    source = Source.objects.get(slug="poet")
    [item] = json.loads(client.get("/sources/poet/cite.json").content)
    assert item["publisher"] == "In Control"
    assert item["URL"] == "https://example.org/poet-2014"
    assert item["author"] == [{"literal": "In Control"}]
    formatted = reference(source)
    assert "In Control" in formatted and "https://example.org/poet-2014" in formatted


def test_every_csl_json_citation_follows_the_csl_schema(library, client):
    """Zotero, Mendeley and citeproc read CSL-JSON by this schema: every source, whatever it
    has (a day or only a year, a link, a publisher, a sample), gives a valid file."""
    Source.objects.filter(slug="poet").update(link="https://example.org/poet-2014")
    validator = jsonschema.Draft7Validator(CSL_SCHEMA, format_checker=jsonschema.FormatChecker())
    validator.check_schema(CSL_SCHEMA)
    sources = list(Source.objects.order_by("slug"))
    assert len(sources) > 5 and {bool(source.published_on) for source in sources} == {True, False}
    for source in sources:
        response = client.get(f"/sources/{source.slug}/cite.json")
        assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
        data = json.loads(response.content)
        errors = [error.message for error in validator.iter_errors(data)]
        assert errors == [], (source.slug, errors)
        [item] = data
        assert item["id"] == source.slug and item["title"] == source.title


def test_the_schema_catches_what_a_reference_manager_would_refuse():
    """The schema check can fail: a made-up type, a field CSL does not have, a name or a
    date in the wrong shape, or no id, is refused."""
    validator = jsonschema.Draft7Validator(CSL_SCHEMA)
    assert not validator.is_valid([{"id": "x", "type": "letter"}])
    assert not validator.is_valid([{"id": "x", "type": "report", "month": "mar"}])
    assert not validator.is_valid([{"id": "x", "type": "report", "author": [{"name": "SCIE"}]}])
    assert not validator.is_valid([{"id": "x", "type": "report", "issued": {"year": 2014}}])
    assert not validator.is_valid([{"type": "report"}])
    assert validator.is_valid(
        [{"id": "x", "type": "report", "author": [{"literal": "In Control"}]}]
    )


def test_the_seeds_have_publishers_where_the_seed_texts_name_them(library):
    publishers = dict(Source.objects.values_list("slug", "publisher"))
    assert publishers["scie-at-a-glance-22"] == "Social Care Institute for Excellence (SCIE)"
    assert publishers["centre-for-welfare-reform-letter"] == "Centre for Welfare Reform"
    assert publishers["poet"] == "In Control"
    assert publishers["ibsen"] == ""  # the seed texts do not say who published it


def test_the_csv_export_has_full_addresses_and_yes_or_no(library, client):
    text = client.get("/findings/export.csv", {"tag": "leisure"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows
    for row in rows:
        assert row["url"].startswith("http://testserver/findings/")
        assert row["before_care_act_2014"] in ("Yes", "No")
    ibsen = next(row for row in rows if row["source"] == "IBSEN")
    assert ibsen["before_care_act_2014"] == "Yes"
    tags = Finding.objects.get(pk=ibsen["id"]).tags.all()
    assert ibsen["tags"] == "; ".join(tag.name for tag in tags)


def test_the_json_export_has_full_addresses_a_list_of_tags_and_booleans(library, client):
    data = json.loads(client.get("/findings/export.json", {"tag": "leisure"}).content)
    [first, *_] = data["findings"]
    finding = Finding.objects.get(pk=first["id"])
    assert first["url"] == "http://testserver" + finding.get_absolute_url()
    assert first["tags"] == [tag.name for tag in finding.tags.all()]
    assert "Leisure" in first["tags"]
    assert isinstance(first["before_care_act_2014"], bool)


def test_an_unchanged_export_answers_not_modified(library, client):
    first = client.get("/findings/export.json")
    again = client.get("/findings/export.json", headers={"if-none-match": first["ETag"]})
    assert again.status_code == 304


def test_an_unchanged_handout_pdf_answers_not_modified(library, client):
    url = "/handouts/theme/" + Finding.objects.first().theme.slug + ".pdf"
    first = client.get(url)
    assert first["Content-Type"] == "application/pdf" and first.content.startswith(b"%PDF")
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
