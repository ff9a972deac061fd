"""The group's first evidence: every finding in spirit/seed_texts/, with an easy-read version.

``load()`` is idempotent: it matches themes, tags, sources and glossary terms on their slug
and findings on (source, position), and updates them in place. Original wording is quoted
exactly from the seed texts; a test reads those files and checks nothing is left out.
Easy-read versions keep one sentence a line, one idea a sentence, 15 words at most.
"""

import datetime

import reversion
from django.db import transaction
from django.utils.text import slugify

from easyread.models import GlossaryTerm
from evidence.models import (
    Finding,
    FindingKind,
    FindingState,
    Source,
    Strength,
    Synonym,
    Tag,
    Theme,
)
from evidence.search import rebuild_vocabulary, search_refreshed_once

PERSONAL_BUDGETS = "personal-budgets-and-direct-payments"
# The group's findings were on its pages already: they are published, not drafts.
PUBLISHED = {
    "state": FindingState.PUBLISHED,
    "published_at": datetime.datetime(2016, 5, 12, tzinfo=datetime.UTC),
}

THEMES = [
    {
        "slug": PERSONAL_BUDGETS,
        "name": "Personal budgets and direct payments",
        "picture": "personal-budget",
        "position": 1,
        "easy_read_intro": (
            "A personal budget is money from the council for your support.\n"
            "A direct payment is one way to get a personal budget.\n"
            "The money is paid to you, or to someone for you."
        ),
        "gaps": (
            "Research has found lots of problems. We need ideas for solutions.\n"
            "Only 104 of 1,531 research papers came from the UK.\n"
            "We know little about personal budgets and paid work.\n"
            "Few places offer managed personal budgets. National checks do not count them.\n"
            "Much of the research is older than the Care Act 2014."
        ),
    },
    {
        "slug": "housing",
        "name": "Housing",
        "picture": "housing",
        "position": 2,
        "easy_read_intro": ("Housing means where you live."),
        "gaps": (
            "We have not looked at research about housing yet.\n"
            "We will find out what research there is."
        ),
    },
]

# slug: (name, easy-read meaning, picture)
TAGS = {
    "personal-budgets": (
        "Personal budgets",
        "Money from the council for your support. You help decide how to spend it.",
        "personal-budget",
    ),
    "direct-payments": (
        "Direct payments",
        "Money paid to you, or to someone for you. You use it to buy your support.",
        "direct-payment",
    ),
    "personal-assistants": (
        "Personal assistants",
        "A worker you employ. They help you in your daily life.",
        "personal-assistant",
    ),
    "support-planning": (
        "Support planning",
        "Making a plan about the support you need.",
        "support-plan",
    ),
    "councils": (
        "Councils",
        "The council runs local services. It pays for social care.",
        "council",
    ),
    "commissioning": (
        "Commissioning",
        "Commissioners decide which services the council pays for.",
        "commissioner",
    ),
    "choice-and-control": (
        "Choice and control",
        "Deciding things about your own life.",
        "choice",
    ),
    "families": ("Families and carers", "The people close to you who help you.", "family"),
    "safety": ("Safety", "Keeping people safe from harm.", "safeguarding"),
    "work": ("Work and volunteering", "Having a job, or helping for free.", "work"),
    "leisure": ("Leisure", "Things you do for fun, like art or sport.", "leisure"),
    "information": (
        "Information and advice",
        "Knowing what you can get and how it works.",
        "information",
    ),
    "training": ("Training", "Learning the skills to do a job well.", "training"),
    "money": ("Money", "How much money there is and how it is spent.", "money"),
    "feeling-good": (
        "Feeling good",
        "Feeling good about yourself. Being treated with respect.",
        "happy",
    ),
    "staff": (
        "Staff and social workers",
        "People who are paid to support you, like social workers.",
        "support-worker",
    ),
    "self-directed-support": (
        "Self-directed support",
        "You choose and control the support you get.",
        "control",
    ),
    "managed-budgets": (
        "Managed personal budgets",
        "Someone else manages your budget. You still choose your support.",
        "managed-budget",
    ),
    "community": ("Community", "The place where you live and the people there.", "community"),
}

SOURCES = [
    {
        "slug": "literature-search",
        "short_name": "Mel's search for research",
        "title": (
            "Literature search on learning disability, personal budgets and personal assistants"
        ),
        "authors": "SPIRIT (summary by Mel)",
        "year": 2015,
        "published_on": datetime.date(2015, 12, 3),
        "kind": Source.Kind.LITERATURE_SEARCH,
        "sample_size": 1531,
        "sample_description": "1,531 sources, of which 104 from the UK",
        "link": "",
        "publisher": "SPIRIT",
        "tags": ["personal-budgets", "personal-assistants", "direct-payments"],
        "easy_read_summary": (
            "Mel looked for research papers on a computer.\n"
            "She searched for learning disability and personal budgets.\n"
            "She also searched for personal assistants.\n"
            "She found 1,531 papers. Only 104 were from the UK.\n"
            "Mel told us what they found at our second meeting."
        ),
    },
    {
        "slug": "ibsen",
        "short_name": "IBSEN",
        "title": "Evaluation of the Individual Budgets Pilot Programme",
        "authors": "Individual Budgets Evaluation Network (IBSEN)",
        "year": 2008,
        "published_on": None,
        "kind": Source.Kind.EVALUATION,
        "sample_size": None,
        "sample_description": "People with individual budgets in several council areas in England",
        "link": "",
        "publisher": "",
        "tags": ["personal-budgets"],
        "easy_read_summary": (
            "IBSEN was a big study of individual budgets.\n"
            "Individual budgets came before personal budgets.\n"
            "Researchers looked at how budgets worked in several council areas.\n"
            "The report came out in 2008.\n"
            "Andrew told us about it at our second meeting."
        ),
    },
    {
        "slug": "poet",
        "short_name": "POET",
        "title": "In Control POET survey of personal budget holders",
        "authors": "In Control",
        "year": 2014,
        "published_on": None,
        "kind": Source.Kind.SURVEY,
        "sample_size": 4000,
        "sample_description": "4,000 people with personal budgets answered (October 2014)",
        "link": "",
        "publisher": "In Control",
        "tags": ["personal-budgets"],
        "easy_read_summary": (
            "POET is a survey by a group called In Control.\n"
            "A survey asks lots of people the same questions.\n"
            "4,000 people with personal budgets answered it.\n"
            "It was in October 2014.\n"
            "Andrew told us about it at our second meeting."
        ),
    },
    {
        "slug": "members-experiences",
        "short_name": "Members' experiences",
        "title": "SPIRIT members' experiences of personal budgets",
        "authors": "SPIRIT members",
        "year": 2015,
        "published_on": datetime.date(2015, 12, 3),
        "kind": Source.Kind.MEMBERS_EXPERIENCE,
        "sample_size": None,
        "sample_description": "Members of SPIRIT at the second meeting",
        "link": "",
        "publisher": "SPIRIT",
        "tags": ["personal-budgets", "councils"],
        "easy_read_summary": (
            "SPIRIT members told us about personal budgets in their own lives.\n"
            "This was at our second meeting.\n"
            "The meeting was on Thursday 3 December 2015."
        ),
    },
    {
        "slug": "scie-at-a-glance-22",
        "short_name": "SCIE At a glance 22",
        "title": "Personalisation for community learning disability staff",
        "authors": (
            "Social Care Institute for Excellence (SCIE), "
            "with the Foundation for People with Learning Disabilities"
        ),
        "year": 2010,
        "published_on": None,
        "kind": Source.Kind.BRIEFING,
        "sample_size": None,
        "sample_description": "",
        "link": "",
        "publisher": "Social Care Institute for Excellence (SCIE)",
        "tags": ["staff", "personal-budgets", "self-directed-support"],
        "easy_read_summary": (
            "This is a short guide for staff.\n"
            "The staff support people with learning disabilities.\n"
            "It says what personal budgets mean for their work.\n"
            "It has 3 stories about real people.\n"
            "SCIE wrote it in March 2010."
        ),
    },
    {
        "slug": "richmond-ruils",
        "short_name": "Richmond/RUILS",
        "title": "Research shows personalisation works well if done well",
        "authors": "Richmond council and Richmond Users Independent Living Scheme (RUILS)",
        "year": 2010,
        "published_on": datetime.date(2010, 3, 15),
        "kind": Source.Kind.LOCAL_RESEARCH,
        "sample_size": 90,
        "sample_description": "90 people monitored by the council, and in-depth interviews",
        "link": "",
        "publisher": "",
        "tags": ["self-directed-support", "personal-budgets"],
        "easy_read_summary": (
            "This is research in Richmond, in London.\n"
            "The council did it with a group called RUILS.\n"
            "RUILS is run by disabled people.\n"
            "The council checked on 90 people with personal budgets.\n"
            "A news report told about it on 15 March 2010."
        ),
    },
    {
        "slug": "centre-for-welfare-reform-letter",
        "short_name": "Centre for Welfare Reform letter",
        "title": "Letter on obstacles for personal budgets",
        "authors": "Dr Simon Duffy, Centre for Welfare Reform, and others",
        "year": 2017,
        "published_on": datetime.date(2017, 3, 15),
        "kind": Source.Kind.LETTER,
        "sample_size": None,
        "sample_description": "",
        "link": "",
        "publisher": "Centre for Welfare Reform",
        "tags": ["managed-budgets", "commissioning", "direct-payments"],
        "easy_read_summary": (
            "This is a letter to government ministers.\n"
            "Many people signed it.\n"
            "It says what stops people getting personalised support.\n"
            "It says what should change.\n"
            "It was sent on 15 March 2017."
        ),
    },
]

# How sure we can be, for most findings of each source: (strength, reason in easy read).
SOURCE_STRENGTH = {
    "literature-search": (
        Strength.GOOD,
        "This comes from a search of 1,531 research papers. 104 were from the UK.",
    ),
    "ibsen": (Strength.GOOD, "IBSEN was a big study in several council areas."),
    "poet": (Strength.GOOD, "4,000 people answered this survey."),
    "members-experiences": (
        Strength.ONE_STORY,
        "SPIRIT members told us this from their own lives.",
    ),
    "scie-at-a-glance-22": (
        Strength.SOME,
        "This is a short guide for staff. It uses research like IBSEN.",
    ),
    "richmond-ruils": (Strength.SOME, "This is 1 local study. The council checked on 90 people."),
    "centre-for-welfare-reform-letter": (
        Strength.ONE_STORY,
        "This is what the people who wrote the letter think. It is not a study.",
    ),
}

F = FindingKind


def finding(kind, tags, original, easy_read, *, figures="", strength=None, reason=""):
    """One finding's seed data (strength and reason default to its source's)."""
    return {
        "kind": kind,
        "tags": tags,
        "original_wording": original,
        "easy_read": easy_read,
        "key_figures": figures,
        "strength": strength,
        "strength_reason": reason,
    }


# source slug: its findings, in the order the seed text gives them.
FINDINGS = {
    "literature-search": [
        finding(
            F.FINDING,
            ["personal-budgets", "personal-assistants", "money"],
            "Managing personal budgets could be challenging; need skills to manage money, deal with the advertising, recruitment and employment of a personal assistant, including dealing with contracts, employment law",
            "Managing a personal budget can be hard.\n"
            "You need skills to manage money.\n"
            "You may need to find and employ a personal assistant.\n"
            "That means dealing with contracts and employment law.",
        ),
        finding(
            F.FINDING,
            ["direct-payments", "families", "choice-and-control"],
            "Often family member takes this on, but best support may come from ‘direct payment support officers’ or other support services such as People First and Centres for Independent Living, as they work to keep the person with learning disabilities in charge. Power may be delicately balanced.",
            "Often a family member manages the budget.\n"
            "The best help may come from direct payment support officers.\n"
            "Groups like People First can help too.\n"
            "They help the person with a learning disability stay in charge.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants", "safety", "families"],
            "Often personal assistant was not a stranger, partly because of concerns about safeguarding, but employing family members as personal assistants is problematic",
            "The personal assistant is often someone the person knows.\n"
            "One reason is worry about safeguarding.\n"
            "But it is a problem to pay family to be personal assistants.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants"],
            "Relationship needs to be friendly but professional",
            "You and your personal assistant should be friendly.\n"
            "It is still a job, so it should be professional too.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants"],
            "One paper found a preference for employing different people to do different tasks",
            "1 research paper looked at who people employ.\n"
            "People liked to employ different people for different jobs.",
            strength=Strength.SOME,
            reason="Only 1 research paper found this.",
        ),
        finding(
            F.FINDING,
            ["direct-payments", "choice-and-control"],
            "Direct payments enable choice if there is support to use them",
            "Direct payments give people choice.\nThis works when people get support to use them.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants", "families"],
            "Parents can be parents rather than carers if a personal assistant takes over care",
            "A personal assistant can take over care.\nThen parents can just be parents again.",
        ),
        finding(
            F.FINDING,
            ["direct-payments", "staff", "training"],
            "Direct payments affect the ways social workers do their jobs, they need training to support people with learning disabilities to use them",
            "Direct payments change how social workers do their jobs.\n"
            "Social workers need training.\n"
            "Then they can help people with learning disabilities use direct payments.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants", "choice-and-control"],
            "5 key things to a successful working relationship: showing respect; supporting choices; giving advice; friendliness; and, providing support to ‘speak up’.",
            "There are 5 key things for a good working relationship.\n"
            "Show respect.\n"
            "Help the person make their own choices.\n"
            "Give good advice.\n"
            "Be friendly.\n"
            "Help the person speak up.",
            figures="5 key things",
        ),
        finding(
            F.FINDING,
            ["personal-assistants", "training"],
            "Personal assistants need to develop skills and strategies to achieve an ‘ordinary, friendly relationship’ but within a professional context",
            "Personal assistants need skills for an ordinary, friendly relationship.\n"
            "The relationship is still part of a job.",
        ),
        finding(
            F.FINDING,
            ["personal-assistants", "work", "money"],
            "Personal assistants’ work is poorly regulated; they commonly have ‘low levels of pay and poor working conditions of employment’",
            "There are few rules about personal assistants' work.\n"
            "Personal assistants often get low pay.\n"
            "Their working conditions are often poor.",
        ),
        finding(
            F.PRACTICE_EXAMPLE,
            ["personal-assistants"],
            "Employing PA toolkit skillsforcare.org.uk/employing-your-own-care-and-support",
            "Skills for Care has a toolkit about employing a personal assistant.\n"
            "A toolkit is a set of guides and tools.\n"
            "It is on the Skills for Care website.",
            strength=Strength.SOME,
            reason="This is a practical guide. It is not a study.",
        ),
        finding(
            F.GAP,
            ["personal-budgets"],
            "1,531 sources were found; only 104 in UK",
            "The search found 1,531 research papers.\n"
            "Only 104 of them were from the UK.\n"
            "We need more research from the UK.",
            figures="1,531 sources; 104 from the UK",
        ),
    ],
    "ibsen": [
        finding(
            F.FINDING,
            ["personal-budgets"],
            "People with physical and sensory impairments have consistently higher rates of take-up while older people, people with learning disabilities remain much lower",
            "People with a physical disability get individual budgets more often.\n"
            "So do people who find it hard to see or hear.\n"
            "Older people get them much less often.\n"
            "People with learning disabilities get them much less often too.",
        ),
        finding(
            F.FINDING,
            ["information", "support-planning", "councils"],
            "In a few sites, implementation for people with learning disabilities had been more difficult than expected because it had required developing accessible information and assessment documentation; developing support plans with this group had also been more difficult and protracted than anticipated.",
            "In some places it was harder for people with learning disabilities.\n"
            "Councils first had to make their forms easy to read.\n"
            "Making support plans also took longer than they thought.",
        ),
        finding(
            F.FINDING,
            ["money", "personal-budgets"],
            "Budgets for people with learning disabilities were highest and appeared to provide most scope for a wide range of uses. However in line with the size of the overall budget, expenditure on mainstream services\xa0was significantly higher for people with a learning disability compared with other groups",
            "People with learning disabilities got the biggest budgets.\n"
            "They could use them in the most ways.\n"
            "They spent more on services that everyone uses.\n"
            "Other groups spent less on these.",
        ),
        finding(
            F.FINDING,
            ["leisure", "money"],
            "People with a learning disability spent significantly more on leisure activities (mean £3,360; p< 0.05) compared with other client groups",
            "People with a learning disability spent more on leisure than other groups.\n"
            "Leisure means things you do for fun.\n"
            "On average they spent £3,360.",
            figures="mean £3,360 on leisure; p < 0.05",
        ),
        finding(
            F.FINDING,
            ["support-planning", "money"],
            "For people with learning disabilities, there is a cost-effectiveness advantage in terms of social care outcomes but only really when we exclude people without support plans in place from the analysis.",
            "Budgets gave good value for money for people with learning disabilities.\n"
            "This was only true for people who had a support plan.",
        ),
        finding(
            F.FINDING,
            ["families", "personal-budgets"],
            "People with learning disabilities and their carers were thought to find individual budgets processes stressful and this stress may have been exacerbated by the length of time it took to put one in place.",
            "People with learning disabilities found getting a budget stressful.\n"
            "So did their carers.\n"
            "It took a long time to get a budget in place.",
        ),
    ],
    "poet": [
        finding(
            F.FINDING,
            ["work", "safety", "feeling-good"],
            "People with learning disabilities were less likely to report a positive impact of their budget on their opportunities for paid work, feeling safe, being as independent as they wanted to be and being supported with dignity.",
            "People with learning disabilities said their budget helped less with some things.\n"
            "These were paid work, feeling safe and doing things for themselves.\n"
            "Another was being treated with respect.",
        ),
        finding(
            F.FINDING,
            ["feeling-good"],
            "They were, however, more likely to report a positive impact of their budget on their self-esteem.",
            "But their budget helped their self-esteem more.\n"
            "Self-esteem means feeling good about yourself.",
        ),
        finding(
            F.FINDING,
            ["councils"],
            "People with learning disabilities and people with mental health difficulties were more likely to report that the council made things difficult.",
            "People with learning disabilities often said the council made things difficult.\n"
            "People with mental health problems said so too.",
        ),
        finding(
            F.FINDING,
            ["direct-payments", "families", "choice-and-control"],
            "People with learning disabilities were less likely than other groups to have a direct payment made straight to them and more likely than other groups to have a direct payment paid to a family member or friend.",
            "People with learning disabilities were less likely to get direct payments themselves.\n"
            "More often the money went to a family member or friend.",
        ),
        finding(
            F.FINDING,
            ["support-planning", "choice-and-control"],
            "People with learning disabilities were less likely than other groups to do their planning themselves without help.",
            "People with learning disabilities were less likely to plan without help.\n"
            "Other groups more often made their plans themselves.",
        ),
    ],
    "members-experiences": [
        finding(
            F.MEMBER_EXPERIENCE,
            ["councils", "information"],
            "Communication is poor from councils. The lack of information means that people don’t know what they are eligible for or how it works.",
            "Councils do not explain things well.\n"
            "People do not know what they can get.\n"
            "People do not know how it works.",
        ),
        finding(
            F.MEMBER_EXPERIENCE,
            ["staff", "support-planning"],
            "Reviews happen very rarely. Social workers are only available if an emergency crisis.",
            "Reviews of your support hardly ever happen.\n"
            "You only see a social worker in an emergency.",
        ),
        finding(
            F.MEMBER_EXPERIENCE,
            ["councils"],
            "Every council is different – huge fragmentation, each area re-inventing the wheel in different ways.",
            "Every council does things differently.\nEach area makes up its own way of working.",
        ),
        finding(
            F.MEMBER_EXPERIENCE,
            ["personal-assistants", "community"],
            "Day services’ staff don’t like PA’s to come along to their centres, as often they are not a flexible service.",
            "Staff at day services do not like personal assistants coming in.\n"
            "Day services are often not flexible.",
        ),
        finding(
            F.MEMBER_EXPERIENCE,
            ["councils", "information"],
            "No Local Area Coordination or no In Control in Southampton or Dorset. This makes it very difficult for people with learning disablity, as process is not clearly mapped out.",
            "Southampton and Dorset do not have Local Area Coordination.\n"
            "They do not have In Control.\n"
            "So nobody shows us the steps.\n"
            "This makes it hard for us.",
        ),
        finding(
            F.MEMBER_EXPERIENCE,
            ["commissioning", "councils"],
            "Degree of success completely depends on Individual Care Assessment manager. There is huge inconsistency with commissioners keep changing their local processes.",
            "How well it goes depends on your care manager.\n"
            "Some people get good help. Some do not.\n"
            "Commissioners keep changing the rules where they live.",
        ),
        finding(
            F.GAP,
            ["personal-budgets"],
            "We all agree: Research has identified lots of problems and what is needed is ideas for solutions!",
            "We all agree.\nResearch has found lots of problems.\nWe need ideas for solutions.",
            reason="SPIRIT members agreed this at the meeting.",
        ),
    ],
    "scie-at-a-glance-22": [
        finding(
            F.RECOMMENDATION,
            ["staff", "personal-budgets"],
            "all staff work to develop a partnership between themselves and those who want a personal budget",
            "Staff should work as partners with people who want a personal budget.",
        ),
        finding(
            F.RECOMMENDATION,
            ["staff", "choice-and-control"],
            "staff perform an enabling role which gives people with learning disabilities choice and control",
            "Staff should help people with learning disabilities make choices.\n"
            "People should have control over their lives.",
        ),
        finding(
            F.RECOMMENDATION,
            ["staff", "support-planning", "money"],
            "work to support users to undertake a self assessment, make best use of the Resource Allocation System to secure funding and help people to develop a support plan",
            "Staff should help people fill in a self-assessment.\n"
            "In a self-assessment you say what support you need.\n"
            "Staff should help people get money through the resource allocation system.\n"
            "Staff should help people make a support plan.",
        ),
        finding(
            F.RECOMMENDATION,
            ["information"],
            "ensuring people have the right information about what they can purchase",
            "People need the right information about what they can buy.",
        ),
        finding(
            F.RECOMMENDATION,
            ["commissioning", "choice-and-control"],
            "collating unmet needs and giving this information to commissioners to help them develop greater choice in the market",
            "Staff should write down needs that nobody meets.\n"
            "They should tell commissioners about them.\n"
            "Then commissioners can make more services to choose from.",
        ),
        finding(
            F.RECOMMENDATION,
            ["community"],
            "the task includes the development of community and natural supports to promote people’s independence, autonomy and active citizenship",
            "Staff should help people get support from the people around them.\n"
            "This helps people do more for themselves.\n"
            "It helps people take part in their town.",
        ),
        finding(
            F.RECOMMENDATION,
            ["staff", "training"],
            "all staff should have good training, support and development opportunities to enable",
            "All staff should have good training and support.\n"
            "They should have chances to learn new skills.",
        ),
        finding(
            F.PRACTICE_EXAMPLE,
            ["personal-budgets", "families", "community"],
            "Daniel lived successfully with his carer in south London for 20 years under the adult placement (now called Shared Lives) scheme. Daniel has both a learning disability and mental health problems and needs help with everyday tasks, coping with paper work and keeping to some routines. When his carer, Andrew turned 80 he decided to set up a trust fund and a circle of support for Daniel. After Andrew’s death the members of the circle worked with Daniel to apply for a personal budget and administer the trust fund. Daniel’s priority was to remain living in the house where he had lived for 20 years and where he had support from neighbours and friends. Daniel is now supported by both pots of funding to have a support worker four days a week, to attend art events (which is his preferred activity) and to carry out a range of domestic chores. He continues to live in his home and pays rent to the trust fund that now owns the house.",
            "Daniel lived with his carer Andrew for 20 years.\n"
            "Andrew set up a trust fund and a circle of support.\n"
            "A circle of support is a group of people who help you.\n"
            "After Andrew died, the circle helped Daniel get a personal budget.\n"
            "Daniel still lives in his own home.\n"
            "A support worker helps him 4 days a week.\n"
            "He goes to art events.",
            figures="20 years in his home; support 4 days a week",
            strength=Strength.ONE_STORY,
            reason="This is 1 person's story from a guide for staff.",
        ),
        finding(
            F.PRACTICE_EXAMPLE,
            ["work", "personal-budgets"],
            "Alan was keen to work in a local factory on the production line assembling mechanical toys. He was helped to apply for the job and get support through Access to Work. When this support was no longer available, Alan applied for a personal budget. He used the budget to increase the salary of one of his colleagues who became a ‘work buddy’. Alan then received support from his colleague to cover a range of tasks. The support was particularly helpful when there was a new task on the assembly line as Alan finds it difficult to adapt to new tasks.",
            "Alan wanted to work in a factory making toys.\n"
            "Access to Work helped him at first.\n"
            "Then that support stopped.\n"
            "Alan got a personal budget.\n"
            "He used it to pay a colleague more.\n"
            "The colleague became his work buddy.\n"
            "The work buddy helps Alan learn new tasks.",
            strength=Strength.ONE_STORY,
            reason="This is 1 person's story from a guide for staff.",
        ),
        finding(
            F.PRACTICE_EXAMPLE,
            ["direct-payments", "personal-assistants", "leisure"],
            "Katie is an 18 year old with an outgoing personality. She uses a wheelchair and communicates non-verbally by moving her head and body. She is one of five children and her parents were keen for her to have new experiences and for themselves to have a break. Katie wanted to do more things common to all 18 year olds, such as going out at the weekend and shopping for fashionable clothing.\n\n"
            "She applied for, and was given, a direct payment and her family recruited local university students to support her. With paid support from people her own age she was able to do the things that her family found difficult and was more able to enjoy life and be helped to apply to college.",
            "Katie is 18 years old.\n"
            "She uses a wheelchair.\n"
            "She talks by moving her head and body.\n"
            "Katie got a direct payment.\n"
            "Her family found university students to support her.\n"
            "Now she goes out and shops like other 18 year olds.\n"
            "She got help to apply to college.",
            figures="age 18",
            strength=Strength.ONE_STORY,
            reason="This is 1 person's story from a guide for staff.",
        ),
    ],
    "richmond-ruils": [
        finding(
            F.FINDING,
            ["choice-and-control", "families"],
            "A series of in-depth interviews by RUILS found that personal budgets had a positive effect on people’s control over their lives, how they spend their time, and their relationships with family and friends.",
            "Personal budgets gave people more control over their lives.\n"
            "People had more say in how they spent their time.\n"
            "Their relationships with family and friends got better.",
        ),
        finding(
            F.FINDING,
            ["work"],
            "But there was a less marked impact on work and volunteering.",
            "Personal budgets helped less with work and volunteering.",
        ),
        finding(
            F.FINDING,
            ["personal-budgets", "feeling-good"],
            "Further council monitoring of 90 people since last August found just four reported any negative impact caused by using personal budgets, while more than half reported improvements in at least four of eight areas.",
            "The council checked on 90 people.\n"
            "Only 4 people said their personal budget made things worse.\n"
            "More than half said things got better.\n"
            "They got better in at least 4 of 8 parts of life.",
            figures="90 people; 4 said things got worse; more than half better in 4 of 8 areas",
        ),
        finding(
            F.FINDING,
            ["self-directed-support"],
            "Cathy Maker, chief executive of RUILS, said the results showed that “if it is done well and with the right support, SDS can be a very positive thing for a lot of people”.",
            "Self-directed support can be very good for many people.\n"
            "It must be done well.\n"
            "People need the right support.",
        ),
        finding(
            F.OBSTACLE,
            ["money", "direct-payments"],
            "But she warned that some people who were previously receiving direct payments and have now moved over to SDS have seen their budgets cut.",
            "Some people moved from direct payments to self-directed support.\n"
            "Some of them had their budgets cut.",
            strength=Strength.ONE_STORY,
            reason="The head of RUILS told the news report this.",
        ),
        finding(
            F.OBSTACLE,
            ["councils", "money"],
            "Council social care budgets were “getting tighter” and the council was reluctant to increase individuals’ personal budgets, she added.",
            "The council has less money for social care.\n"
            "The council did not want to give people bigger budgets.",
            strength=Strength.ONE_STORY,
            reason="The head of RUILS told the news report this.",
        ),
        finding(
            F.PRACTICE_EXAMPLE,
            ["community", "money"],
            "But she said RUILS had helped people look beyond social services money and make the most of their budgets by accessing community resources and voluntary sector services.",
            "RUILS helped people use things in their community.\n"
            "This helped people get the most from their budgets.",
        ),
        finding(
            F.OBSTACLE,
            ["support-planning", "councils"],
            "And she criticised the Care Quality Commission for judging councils on how many people they moved onto personal budgets, rather than the difference SDS makes to their quality of life.\n\n"
            "This causes pressure to draw up people’s support plans quickly, rather than concentrating on good quality plans.",
            "Inspectors counted how many people got personal budgets.\n"
            "They did not check if people's lives got better.\n"
            "So councils rushed to make support plans.\n"
            "The plans were not always good.",
            strength=Strength.ONE_STORY,
            reason="The head of RUILS told the news report this.",
        ),
        finding(
            F.RECOMMENDATION,
            ["information", "work"],
            "Richmond council said the research showed a need for improved access to information, advice and advocacy on how to make the most of personal budgets, and further work on the barriers to paid jobs and volunteering.",
            "People need better information and advice about personal budgets.\n"
            "People need advocacy too.\n"
            "Advocacy means help to speak up.\n"
            "More work is needed on what stops people getting jobs.",
        ),
    ],
    "centre-for-welfare-reform-letter": [
        finding(
            F.FINDING,
            ["direct-payments", "managed-budgets"],
            "People can use their direct payment to purchase support from an organisation that will employ and manage any support staff. The additional management costs necessary can be built into the direct payment.",
            "You can use a direct payment to pay a group to help you.\n"
            "The group hires the staff.\n"
            "The direct payment can pay the group's extra costs.",
        ),
        finding(
            F.FINDING,
            ["commissioning", "managed-budgets", "choice-and-control"],
            "Commissioners can enable people to choose who will provide them with support and then fund this support by contracting directly with the support provider in a way that gives the support provider flexibility to personalise the support and gives the person the right to terminate that contract.",
            "Commissioners can let you choose who supports you.\n"
            "Then the commissioner pays that provider directly.\n"
            "The provider can change the support to suit you.\n"
            "You can end the contract.",
        ),
        finding(
            F.OBSTACLE,
            ["commissioning", "direct-payments", "information"],
            "Many commissioners do not make it clear that people can choose to spend their direct payment on a service provider, nor do they calculate the size of the personal budget in a way that makes this choice feasible.",
            "You can spend a direct payment on a service provider.\n"
            "Many commissioners do not tell people this.\n"
            "They also do not make budgets big enough for it.",
        ),
        finding(
            F.OBSTACLE,
            ["commissioning", "choice-and-control"],
            "Many commissioners believe that EU Procurement rules dictate that they must put contracts for support out to tender and that they therefore cannot give people control over the decision about who provides them with support.",
            "Many commissioners think the law of Europe stops them.\n"
            "They think firms must bid for the work.\n"
            "So they think people cannot pick who helps them.",
        ),
        finding(
            F.OBSTACLE,
            ["managed-budgets"],
            "Currently national monitoring systems do not count progress in providing managed personal budgets, although they do count nominal budgets, despite that fact these do not create any meaningful flexibilities or opportunities for personalisation.",
            "National checks do not count managed personal budgets.\n"
            "They do count budgets that change nothing for people.",
        ),
        finding(
            F.RECOMMENDATION,
            ["direct-payments", "information"],
            "Make clear that the existing obligation to offer eligible people and families a direct payment includes a responsibility to define that offer appropriately. That means people should be told clearly that they do not need to become an employer in order to receive a direct payment and that they can pay a third party to provide support or manage their budget.",
            "Councils must offer direct payments.\n"
            "They should explain the offer clearly.\n"
            "You do not have to become an employer.\n"
            "You can pay someone else to provide your support.\n"
            "You can pay someone else to manage your budget.",
        ),
        finding(
            F.RECOMMENDATION,
            ["commissioning", "choice-and-control"],
            "Make clear that people are also free to choose a suitable service provider with whom the commissioner can contract on their behalf. This kind of citizen-led procurement should be treated as best practice in procurement, rather than as it is currently, somehow questionable.",
            "People should be free to choose a service provider.\n"
            "The commissioner can make the contract for them.\n"
            "This should count as a good way of working.",
        ),
        finding(
            F.RECOMMENDATION,
            ["managed-budgets"],
            "All monitoring systems should be modernised to include a clear measurement for managed third party personal budgets, distinct from self-managed direct payments or commissioner controlled budgets.",
            "National checks should count managed personal budgets on their own.\n"
            "They are different from direct payments you manage yourself.",
        ),
        finding(
            F.RECOMMENDATION,
            ["managed-budgets"],
            "Greater recognition of the value of personalised support and greater encouragement to service providers to develop more personalised solutions.",
            "Personalised support should be valued more.\n"
            "Service providers should be encouraged to make support more personal.",
        ),
    ],
}

# term: (synonyms, easy-read meaning, picture). Plurals are not other names: the marker's
# rule (easyread/glossary.py: _word_pattern) finds them. tests/evidence/test_seeded_hard_words.py checks
# that every hard word in the seeded easy-read text is here.
GLOSSARY = {
    "direct payment": (
        ["DP"],
        "Money from the council paid to you, or to someone for you. "
        "You use it to buy your support.",
        "direct-payment",
    ),
    "personal budget": (
        ["PB", "individual budget"],
        "Money from the council for your support. You help decide how it is spent.",
        "personal-budget",
    ),
    "personal assistant": (
        ["PA"],
        "A worker you employ yourself. They help you in your daily life.",
        "personal-assistant",
    ),
    "support plan": (
        ["support planning"],
        "A plan about the support you need. It says how you will get it.",
        "support-plan",
    ),
    "commissioner": (
        ["commissioning"],
        "A person who decides which services the council or NHS pays for.",
        "commissioner",
    ),
    "self-directed support": (
        ["SDS"],
        "You choose and control the support you get. You help plan it.",
        "control",
    ),
    "safeguarding": (
        ["keeping safe"],
        "Keeping people safe from harm and abuse.",
        "safeguarding",
    ),
    "IBSEN": (
        ["Individual Budgets Evaluation Network"],
        "A big study of individual budgets. It came out in 2008.",
        "study",
    ),
    "POET": (
        ["Personal Outcomes Evaluation Tool"],
        "A survey of people with personal budgets by In Control. 4,000 people answered.",
        "results",
    ),
    "SCIE": (
        ["Social Care Institute for Excellence"],
        "A group that writes guides about good social care.",
        "report",
    ),
    "council": (
        ["local council"],
        "The council runs local services where you live. It pays for social care.",
        "council",
    ),
    "research": (
        ["researcher", "study"],
        "Finding things out carefully. Researchers write down what they find.",
        "research",
    ),
    "evidence": (
        ["findings"],
        "What research has found out. It helps show what is true.",
        "evidence",
    ),
    "local authority": (
        [],
        "Another name for the council.",
        "council",
    ),
    "Care Act": (
        ["Care Act 2014"],
        "A law about care and support in England. It came in 2014.",
        "law",
    ),
    "direct payment support officer": (
        [],
        "A person whose job is to help you use a direct payment.",
        "officer",
    ),
    "resource allocation system": (
        ["RAS"],
        "The way a council works out how much money you get for support.",
        "working-out-money",
    ),
    "social worker": (
        [],
        "A person from the council who helps you get care and support.",
        "support-worker",
    ),
    "carer": (
        [],
        "A person who looks after someone. Often they are family.",
        "carer",
    ),
    "advocacy": (
        ["advocate"],
        "Help to speak up for yourself. An advocate can speak up with you.",
        "advocacy",
    ),
    "eligible": (
        ["eligibility"],
        "Allowed to get something because you meet the rules.",
        "eligible",
    ),
    "evaluation": (
        ["evaluate"],
        "Research that checks how well something works.",
        "evaluation",
    ),
    "survey": (
        ["questionnaire"],
        "Asking lots of people the same questions.",
        "survey",
    ),
    "personalisation": (
        ["personalised support"],
        "Support that fits you as a person. You have choice and control.",
        "personalisation",
    ),
    "self-assessment": (
        [],
        "A form where you say what support you need.",
        "writing",
    ),
    "managed personal budget": (
        ["managed budget"],
        "Someone else manages your budget for you. You still choose your support.",
        "managed-budget",
    ),
    "procurement": (
        ["tender"],
        "How councils choose and buy services from companies.",
        "shopping",
    ),
    "literature search": (
        ["literature review"],
        "Looking for research papers about a subject.",
        "search",
    ),
    "learning disability": (
        [],
        "A learning disability can make it harder to learn and understand things.",
        "people",
    ),
    "day services": (
        ["day centre"],
        "Places you can go in the day for activities and support.",
        "day-services",
    ),
    "review": (
        [],
        "A meeting to check your support is still right for you.",
        "list",
    ),
    "In Control": (
        [],
        "A charity that helped start personal budgets in England.",
        "charity",
    ),
    "Local Area Coordination": (
        ["local area coordinator"],
        "A local worker who helps you find support and people near you.",
        "local-area-coordination",
    ),
    "circle of support": (
        ["circles of support"],
        "A group of people who help you plan your life.",
        "circle-of-support",
    ),
    "Care Quality Commission": (
        ["CQC"],
        "The group that checks care services in England.",
        "inspection",
    ),
    "dignity": (
        [],
        "Being treated with respect.",
        "dignity",
    ),
    "self-esteem": (
        [],
        "Feeling good about yourself.",
        "happy",
    ),
    "gap": (
        ["research gap"],
        "Something nobody has found out yet.",
        "gap",
    ),
    "Access to Work": (
        [],
        "Money from the government to help disabled people at work. "
        "It can pay for support or things you need.",
        "access-to-work",
    ),
    "service provider": (
        ["provider"],
        "A company or group that gives care and support. You or the council pays them.",
        "support",
    ),
    "complex needs": (
        [],
        "Needing a lot of support with many parts of your life.",
        "help",
    ),
    "social care": (
        [],
        "Care and support to help you live your life. The council often pays for it.",
        "care",
    ),
    "mental health": (
        [],
        "How you feel and think. Mental health problems can make life hard.",
        "mental-health",
    ),
    "RUILS": (
        ["Richmond Users Independent Living Scheme"],
        "A group in Richmond that is run by disabled people.",
        "user-led",
    ),
    "Skills for Care": (
        [],
        "A group that helps people who work in social care learn their job.",
        "skills-for-care",
    ),
    "trust fund": (
        [],
        "Money kept safe for a person. Other people look after it for them.",
        "budget",
    ),
    "employer": (
        [],
        "A person or company that pays someone to work for them.",
        "employer",
    ),
    "contract": (
        [],
        "A written agreement. It says what each side will do.",
        "agree",
    ),
    "UK": (
        ["United Kingdom"],
        "The United Kingdom: England, Scotland, Wales and Northern Ireland.",
        "place",
    ),
}


# Words that mean the same to search; facilitators add more in the admin. Abbreviations
# with their words, the words members use with the words of research, and a few forms of
# a verb the English stemmer does not join ("made" is not "make").
SYNONYMS = [
    "PA, personal assistant",
    "job, paid work, paid job, employment",
    "money for support, personal budget",
    "CQC, Care Quality Commission",
    "council, local authority",
    "carer, family carer",
    "DP, direct payment",
    "ILF, Independent Living Fund",
    "LD, learning disability",
    "NHS, National Health Service",
    "GP, doctor",
    "hard, difficult",
    "make, made",
    "get, got",
    "choose, chose, choice",
    "worry, worried, anxious",
    "money, funding",
    "help, support",
    "home, housing",
    "friend, friendship",
]


def load() -> str:
    """Load (or update) the seed evidence; safe to run again. Returns a one-line summary."""
    with transaction.atomic(), reversion.create_revision(), search_refreshed_once():
        reversion.set_comment("Loaded from the group's seed texts.")
        themes = {}
        for theme in THEMES:
            data = dict(theme)
            slug = data.pop("slug")
            themes[slug], _ = Theme.objects.update_or_create(slug=slug, defaults=data)
        tags = {}
        for slug, (name, meaning, picture) in TAGS.items():
            tags[slug], _ = Tag.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "easy_read_meaning": meaning, "picture": picture},
            )
        sources = {}
        for source_data in SOURCES:
            data = dict(source_data)
            source_tags = data.pop("tags")
            source, _ = Source.objects.update_or_create(slug=data.pop("slug"), defaults=data)
            source.tags.set([tags[slug] for slug in source_tags])
            sources[source.slug] = source
        count = 0
        for source_slug, items in FINDINGS.items():
            default_strength, default_reason = SOURCE_STRENGTH[source_slug]
            for position, item in enumerate(items, start=1):
                data = dict(item)
                finding_tags = data.pop("tags")
                data["strength"] = (
                    data["strength"] if data["strength"] is not None else (default_strength)
                )
                data["strength_reason"] = data["strength_reason"] or default_reason
                found, _ = Finding.objects.update_or_create(
                    source=sources[source_slug],
                    position=position,
                    defaults={**data, "theme": themes[PERSONAL_BUDGETS], **PUBLISHED},
                )
                found.tags.set([tags[slug] for slug in finding_tags])
                count += 1
        for term, (synonyms, meaning, picture) in GLOSSARY.items():
            GlossaryTerm.objects.update_or_create(
                slug=slugify(term),
                defaults={
                    "term": term,
                    "synonyms": synonyms,
                    "meaning": meaning,
                    "picture": picture,
                },
            )
        for words in SYNONYMS:
            Synonym.objects.get_or_create(words=words)
    words = rebuild_vocabulary()
    return (
        f"{count} findings, {len(sources)} sources, {len(themes)} themes, {len(tags)} tags, "
        f"{len(GLOSSARY)} glossary terms, {len(SYNONYMS)} groups of words that mean the "
        f"same, {words} search words"
    )
