#!/usr/bin/env python3
"""Writes a synthetic handbook of N pages for bridgebook (and, with --hugo, the same pages for
Hugo), for the build benchmark (bench/bench.sh, issue 9).

    python3 bench/gen_corpus.py --pages 10000 --out /tmp/bb --hugo /tmp/hugo --glossary-terms 300

Deterministic for a given --seed. Page i depends only on (seed, i) and links only to pages
j < i and to sections that page j < i already needed, so the first N pages of a larger corpus
are byte for byte the pages of a corpus of N: a page exists in the 1k and in the 10k corpus
with the same source. Page 0 (`content/<first section>/<slug>.md`) also has the same
neighbourhood in both (same sidebar branch, same prev/next) once N >= 1008, so its HTML size
at 1k and at 10k shows what the site's size alone adds to a page.

Layout (N = regular pages; sections come on top):
  content/_index.md                                  home
  content/<l1>/_index.md                             8 top-level sections
  content/<l1>/<page>.md                             pages 0..47: 6 pages directly in each l1
  content/<l1>/<l2>/_index.md                        6 second-level sections in each l1
  content/<l1>/<l2>/<l3>/_index.md + 20 pages        leaf sections, as many as N needs
  content/glossary.yaml                              with --glossary-terms T > 0

Every page has a `## Overview` heading (other pages link to `#overview`), 600-1200 words of
paragraphs, lists, tables, blockquotes/callouts and, in ~30% of pages, fenced code blocks.
Its last Overview paragraph is about the page's own specifics, as real handbook pages are:
tool and vendor names, people, ticket numbers, versions and amounts (`Specifics`), drawn
from a long-tailed vocabulary so that a few names are on many pages and most on a few. It
comes from its own random stream, so the rest of each page is what it was without it.
Glossary terms are two-word phrases; page i starts a sentence with term (i mod 2000) as the
glossary spells it and the shared sentences use terms in lower case, so every term occurs when
N >= T. For Hugo the same Markdown is written with links turned into relative links to
Hugo's output URLs (Hugo does not check links), the glossary becomes content/glossary.md, and
a minimal scaffold (hugo.toml, baseof/single/list templates) is written.

Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

L1_COUNT = 8
L2_PER_L1 = 6
L1_DIRECT = 6  # pages directly in each top-level section
PAGES_PER_LEAF = 20
DIRECT_PAGES = L1_COUNT * L1_DIRECT
JARGON_COUNT = 2000
POOL_SENTENCES = 12000

L1_NAMES = [
    ("start-here", "Start here"),
    ("communication", "Communication norms"),
    ("empathy", "Empathy guides"),
    ("tech-basics", "Tech basics for marketers"),
    ("marketing-basics", "Marketing basics for IT"),
    ("working-together", "Working together"),
    ("tools", "Tools and access"),
    ("launches", "Launches and campaigns"),
]
L2_NAMES = [
    ("guides", "Guides"),
    ("checklists", "Checklists"),
    ("playbooks", "Playbooks"),
    ("templates", "Templates"),
    ("case-studies", "Case studies"),
    ("reference", "Reference"),
]

ADJ = """shared weekly quick clear plain careful early late small large secure public private
internal external urgent calm honest useful simple complex visible hidden stable fragile
measured manual automatic careful friendly formal informal final draft regional global local
remote joint common rare typical costly cheap slow fast reliable risky safe open closed
seasonal quarterly annual daily hourly careful""".split()
NOUN = """launch campaign request ticket deadline budget brief page site server cache domain
certificate deploy rollback incident release sprint backlog roadmap audience segment funnel
conversion metric dashboard report survey persona message headline banner form field email
newsletter webinar event calendar meeting agenda decision owner reviewer team manager
marketer engineer designer analyst vendor contract license account password access policy
checklist template workflow process handoff feedback retro goal outcome estimate risk
trade-off dependency integration webhook endpoint pipeline sandbox staging production
preview schedule window freeze alert outage uptime backup migration cookie consent tag
tracker pixel script stylesheet template component module asset image video copy voice
brand tone story question answer example mistake habit norm channel thread summary""".split()
VERB = """plan check share review ship write ask answer explain track measure test fix move
schedule approve reject escalate document update publish archive retire request estimate
prioritise agree compare describe clarify confirm deliver support monitor configure install
rollback deploy invite brief hand over follow up""".split()
ADV = "early clearly calmly often rarely always never quickly carefully openly together".split()
CONNECT = [
    "Before the", "After the", "When the", "If the", "Once the", "Because the",
    "Even when the", "Whenever a", "Until the", "While the",
]
JARGON_A = """edge brand launch consent release lead cache growth content ad tag data access
incident rollout funnel pipeline sandbox staging domain email landing campaign service
change audience search tracking page render feature privacy load code budget sprint api
uptime backup traffic error cookie pixel session design build""".split()
JARGON_B = """cache voice window banner train score policy loop calendar budget manager layer
review token report request plan freeze map model gate runbook record brief audit matrix
backlog handoff sheet quota owner checklist dashboard digest queue limit rule script alert
ticket log schedule template metric target""".split()

TAGS = [
    "basics", "writing", "meetings", "security", "privacy", "launch", "analytics", "cms",
    "deploy", "incident", "email", "seo", "performance", "onboarding", "feedback", "okr",
    "budget", "vendors", "design", "brand", "access", "tooling", "checklist", "template",
    "data", "api", "dns", "cdn", "testing", "accessibility", "training", "retro",
    "planning", "reporting", "support", "hiring", "legal", "content", "social", "events",
]
ROLES = [
    ("cmo", "CMO", "marketing"),
    ("marketer", "Marketer", "marketing"),
    ("designer", "Designer", "marketing"),
    ("analyst", "Analyst", "marketing"),
    ("cio", "CIO", "it"),
    ("developer", "Developer", "it"),
    ("sysadmin", "Sysadmin", "it"),
    ("security", "Security engineer", "it"),
    ("manager", "Manager", None),
]
ROLES_BY_AUDIENCE = {
    "marketing": ["cmo", "marketer", "designer", "analyst", "manager"],
    "it": ["cio", "developer", "sysadmin", "security", "manager"],
    "everyone": [r[0] for r in ROLES],
}
AUDIENCE_CHOICES = [["everyone"], ["marketing"], ["it"], ["marketing", "it"]]
CALLOUTS = ["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION"]
CODE_LANGS = ["rust", "python", "yaml", "bash", "json", "javascript", "html", "sql", "toml", "css"]
H2_TITLES = [
    "Why it matters", "Who is involved", "Before you start", "Step by step", "Common mistakes",
    "Phrases that help", "What to avoid", "A worked example", "Checklist", "Timeline",
    "Questions to ask", "How IT sees it", "How marketing sees it", "Costs and risks",
    "When things go wrong", "Measuring success", "Templates to copy", "Further reading",
    "Roles and owners", "Tools we use", "Escalation", "Hand-offs", "Review and approval",
]
BASE_DATE = date(2023, 1, 2)

SYLLABLE_ONSETS = "b c d f g h j k l m n p r s t v w z br cl dr fl gr kr pl pr sk st tr vr".split()
SYLLABLE_VOWELS = "a e i o u a e o ia ou".split()
SYLLABLE_CODAS = ["", "", "", "n", "r", "l", "x", "s", "m"]
FIRST_NAMES = """Aisha Amara Anders Anika Bea Bruno Carmen Chidi Dara Dmitri Elif Emeka Farah Felix
Greta Hana Hugo Ines Ivan Jonas Jun Kai Kalani Keiko Lars Leila Lena Luca Maja Malik Marta Mateo
Mina Nadia Nico Noor Oskar Paulo Priya Rafael Ravi Rosa Sami Sanne Sofia Soren Tariq Thea Tomas
Uma Vera Viktor Wanjiru Yara Yusuf Zara Zeynep Ama Bilal Cleo""".split()
LAST_NAMES = """Abara Achterberg Adeyemi Alvarez Andersen Baptiste Bauer Bergstrom Castillo Chen
Costa Dahl Delacroix Dubois Eriksen Esposito Fagerlund Ferreira Fischer Gallagher Haddad Hartmann
Hoang Ibrahim Ivanova Jansen Kamau Kaur Kowalski Kruger Laine Lindqvist Lombardi Mahlangu Marchetti
Mendes Moreau Nakamura Nguyen Novak Nwosu Okafor Olsen Ortega Osei Papadopoulos Pereira Petrov
Quinn Rahman Reyes Rossi Sato Schmidt Silva Sokolov Suzuki Takahashi Tanaka Teixeira Vasquez
Virtanen Wagner Weber Wojcik Yamamoto Yilmaz Zhang Ziegler Lund Varga Horvat Popescu Kovacs
Moretti Haugen Brennan Farouk Mensah Adebayo Lindgren Sandoval Kimura""".split()
TICKET_PREFIXES = "OPS MKT SEC WEB DATA LEGAL BRAND INFRA CRM ADS".split()
SPECIFIC_NAMES = 5000  # tool, product and vendor names


class Words:
    """The shared text material: a pool of sentences, built once from the seed."""

    def __init__(self, seed: int):
        rng = random.Random(f"{seed}:pool")
        combos = [f"{a} {b}" for a in dict.fromkeys(JARGON_A) for b in dict.fromkeys(JARGON_B) if a != b]
        rng.shuffle(combos)
        assert len(combos) >= JARGON_COUNT
        self.jargon = combos[:JARGON_COUNT]
        self.sentences: list[tuple[str, int]] = []
        for _ in range(POOL_SENTENCES):
            self.sentences.append(self._sentence(rng))

    def _sentence(self, rng: random.Random) -> tuple[str, int]:
        kind = rng.random()
        adj, noun, verb = rng.choice(ADJ), rng.choice(NOUN), rng.choice(VERB)
        noun2, noun3 = rng.choice(NOUN), rng.choice(NOUN)
        if kind < 0.3:
            words = [rng.choice(CONNECT), noun, "is", rng.choice(ADJ) + ",", verb, "the", adj,
                     noun2, "and", rng.choice(VERB), "the", noun3, rng.choice(ADV)]
        elif kind < 0.55:
            words = ["A", adj, noun, "helps", "the", noun2, "team", verb, "the", noun3, "without",
                     "a", rng.choice(ADJ), rng.choice(NOUN)]
        elif kind < 0.75:
            words = ["Ask", "the", rng.choice(NOUN), "owner", "to", verb, "each", noun, "before",
                     "the", adj, noun2, "goes", "out", rng.choice(ADV)]
        else:
            words = ["Most", noun, "problems", "start", "with", "a", adj, noun2, "that", "nobody",
                     "wanted", "to", verb]
        if rng.random() < 0.3:
            words.insert(rng.randrange(2, len(words)), "with the " + rng.choice(self.jargon))
        r = rng.random()
        i = rng.randrange(1, len(words))
        if r < 0.08:
            words[i] = f"**{words[i]}**"
        elif r < 0.14:
            words[i] = f"*{words[i]}*"
        elif r < 0.19:
            words[i] = f"`{words[i]}`"
        text = " ".join(words) + "."
        return text, text.count(" ") + 1


class Specifics:
    """What makes a page its own: names of tools, vendors and people, ticket numbers, versions,
    amounts. Names come from a long tail: name k of the list is drawn about as often as
    1/k^0.6, so the first few are on hundreds of pages and most on one to ten (at 10k pages)."""

    TEMPLATES = [
        "{P} is where we keep the {n}s; {F} {L} owns it and answers questions about it.",
        "Questions about {P2} go to {F2} {L2} in the #{c} channel or to ticket {T}-{num}.",
        "The {P} licence for the {n} team costs €{amount} a year under contract {T}-{num2}.",
        "Since version {v}, {P} can {verb} the {n} on its own, so {F} {L} retired the old {P2} setup.",
        "{F} {L} from {V} set up {P} for the {n} work in {year}; ask before you change its {n2} settings.",
        "Our {n} numbers come from {P}: about {count} a week, checked by {F2} {L2} every {day}.",
    ]
    DAYS = "Monday Tuesday Wednesday Thursday Friday".split()

    def __init__(self, seed: int):
        rng = random.Random(f"{seed}:specific-names")
        names: dict[str, None] = {}
        while len(names) < SPECIFIC_NAMES:
            parts = [rng.choice(SYLLABLE_ONSETS) + rng.choice(SYLLABLE_VOWELS)
                     for _ in range(rng.choice([2, 2, 3]))]
            name = ("".join(parts) + rng.choice(SYLLABLE_CODAS)).capitalize()
            if 5 <= len(name) <= 11:
                names.setdefault(name)
        self.names = list(names)

    def name(self, rng: random.Random) -> str:
        # Inverse of a Zipf-like distribution: small indices often, large ones rarely.
        k = int(len(self.names) * rng.random() ** 2.5)
        return self.names[min(k, len(self.names) - 1)]

    def paragraph(self, seed: int, i: int) -> str:
        rng = random.Random(f"{seed}:specific:{i}")
        picked = rng.sample(self.TEMPLATES, 2)
        values = {
            "P": self.name(rng), "P2": self.name(rng), "V": self.name(rng),
            "F": rng.choice(FIRST_NAMES), "L": rng.choice(LAST_NAMES),
            "F2": rng.choice(FIRST_NAMES), "L2": rng.choice(LAST_NAMES),
            "n": rng.choice(NOUN), "n2": rng.choice(NOUN), "verb": rng.choice(VERB),
            "c": rng.choice(NOUN).replace(" ", "-") + "-" + rng.choice(["help", "ops", "team", "desk"]),
            "T": rng.choice(TICKET_PREFIXES), "num": rng.randint(1000, 9999),
            "num2": rng.randint(1000, 9999), "amount": rng.randint(2, 240) * 100,
            "v": f"{rng.randint(1, 9)}.{rng.randint(0, 19)}", "year": rng.randint(2016, 2026),
            "count": rng.randint(12, 4000), "day": rng.choice(self.DAYS),
        }
        return " ".join(t.format(**values) for t in picked)


def title_case(words: list[str]) -> str:
    return " ".join([words[0].capitalize()] + words[1:])


class Layout:
    """Where page i lives; a function of i only."""

    def __init__(self, seed: int):
        rng = random.Random(f"{seed}:layout")
        self.l3_words = list(dict.fromkeys(NOUN))
        rng.shuffle(self.l3_words)

    def l3_name(self, l1: int, l2: int, l3: int) -> tuple[str, str]:
        word = self.l3_words[(l3 + 7 * l1 + 3 * l2) % len(self.l3_words)]
        suffix = "" if l3 < len(self.l3_words) else f"-{l3 // len(self.l3_words) + 1}"
        slug = word.replace(" ", "-") + suffix
        return slug, title_case(word.split()) + (f" {suffix[1:]}" if suffix else "")

    def section_of(self, i: int) -> tuple[int, ...]:
        """(l1,) for a direct page, (l1, l2, l3) for a leaf page."""
        if i < DIRECT_PAGES:
            return (i % L1_COUNT,)
        k = (i - DIRECT_PAGES) // PAGES_PER_LEAF
        return (k % L1_COUNT, (k // L1_COUNT) % L2_PER_L1, k // (L1_COUNT * L2_PER_L1))

    def position_in_section(self, i: int) -> int:
        if i < DIRECT_PAGES:
            return i // L1_COUNT
        return (i - DIRECT_PAGES) % PAGES_PER_LEAF

    def section_dir(self, sec: tuple[int, ...]) -> str:
        parts = [L1_NAMES[sec[0]][0]]
        if len(sec) > 1:
            parts.append(L2_NAMES[sec[1]][0])
        if len(sec) > 2:
            parts.append(self.l3_name(*sec)[0])
        return "/".join(parts)

    def section_title(self, sec: tuple[int, ...]) -> str:
        if len(sec) == 1:
            return L1_NAMES[sec[0]][1]
        if len(sec) == 2:
            return f"{L2_NAMES[sec[1]][1]}: {L1_NAMES[sec[0]][1].lower()}"
        return self.l3_name(*sec)[1]


def relative_md(from_rel: str, to_rel: str) -> str:
    """content-relative `a/b/c.md` -> `x/y.md` as a relative link from the first file."""
    f = from_rel.split("/")[:-1]
    t = to_rel.split("/")
    n = 0
    while n < len(f) and n < len(t) - 1 and f[n] == t[n]:
        n += 1
    return "../" * (len(f) - n) + "/".join(t[n:])


def hugo_url(rel: str) -> str:
    """content-relative source path -> Hugo's output URL, no leading slash."""
    if rel.endswith("_index.md"):
        return rel[: -len("_index.md")]
    return rel[: -len(".md")] + "/"


def relative_url(from_rel: str, to_rel: str) -> str:
    depth = hugo_url(from_rel).count("/")
    return "../" * depth + hugo_url(to_rel)


class Generator:
    def __init__(self, seed: int, pages: int, glossary_terms: int):
        self.seed = seed
        self.n = pages
        self.words = Words(seed)
        self.specifics = Specifics(seed)
        self.layout = Layout(seed)
        self.glossary_terms = glossary_terms
        self.slugs: list[str] = []
        self.titles: list[str] = []
        self.rels: list[str] = []

    # -- text helpers -------------------------------------------------------------------------

    def sentences(self, rng: random.Random, count: int) -> tuple[str, int]:
        picked = rng.choices(self.words.sentences, k=count)
        return " ".join(s for s, _ in picked), sum(n for _, n in picked)

    def link_target(self, rng: random.Random, i: int) -> tuple[str, str, str]:
        """(rel path, anchor, link text) of an existing page or section, for page i."""
        if i > 0 and rng.random() < 0.8:
            j = i - 1 - min(int(rng.expovariate(1 / 30)), i - 1) if rng.random() < 0.6 else rng.randrange(i)
            return self.rels[j], ("#overview" if rng.random() < 0.3 else ""), self.titles[j].lower()
        sec = self.layout.section_of(i)
        sec = sec[: rng.randrange(1, len(sec) + 1)]
        return self.layout.section_dir(sec) + "/_index.md", "", self.layout.section_title(sec).lower()

    # -- pages --------------------------------------------------------------------------------

    def page_meta(self, i: int) -> None:
        rng = random.Random(f"{self.seed}:meta:{i}")
        words = [rng.choice(ADJ), rng.choice(NOUN), rng.choice(["for", "and", "in", "after", "before"]),
                 rng.choice(NOUN), rng.choice(["reviews", "requests", "launches", "teams", "basics", "plans"])]
        self.titles.append(title_case(words))
        slug = "-".join(w.replace(" ", "-") for w in words[:2] + words[3:4]) + f"-{i}"
        self.slugs.append(slug)
        self.rels.append(self.layout.section_dir(self.layout.section_of(i)) + "/" + slug + ".md")

    def page(self, i: int) -> tuple[str, list]:
        """Front matter and body parts (str, or (rel, anchor, text) for a link) of page i."""
        rng = random.Random(f"{self.seed}:page:{i}")
        audience = rng.choice(AUDIENCE_CHOICES)
        pool = ROLES_BY_AUDIENCE[audience[0] if len(audience) == 1 else "everyone"]
        roles = rng.sample(pool, rng.randint(1, 2))
        tags = rng.sample(TAGS, rng.randint(1, 3))
        day = BASE_DATE + timedelta(days=(i * 7 + rng.randrange(7)) % 1200)
        desc, _ = self.sentences(rng, 1)
        desc = desc.replace("*", "").replace("`", "").replace('"', "")
        fm = (
            "---\n"
            f"title: {json.dumps(self.titles[i])}\n"
            f"description: {json.dumps(desc)}\n"
            f"audience: [{', '.join(audience)}]\n"
            f"roles: [{', '.join(roles)}]\n"
            f"tags: [{', '.join(tags)}]\n"
            f"weight: {(self.layout.position_in_section(i) + 1) * 10}\n"
            f"date: {day.isoformat()}\n"
            "---\n"
        )
        parts: list = []
        target_words = rng.randint(550, 1050)
        text, words = self.sentences(rng, rng.randint(2, 4))
        term = self.words.jargon[i % JARGON_COUNT]
        parts.append(f"{text} {term.capitalize()} matters here: this page explains how both teams use it.\n\n")
        words += 12
        parts.append("## Overview\n\n")
        for _ in range(2):
            text, n = self.sentences(rng, rng.randint(3, 6))
            parts.append(text + " See ")
            parts.append(self.link_target(rng, i))
            parts.append(" for the background.\n\n")
            words += n + 5
        parts.append(self.specifics.paragraph(self.seed, i) + "\n\n")
        has_code = rng.random() < 0.3
        code_blocks = rng.randint(1, 3) if has_code else 0
        headings = rng.sample(H2_TITLES, 8)
        h = 0
        while words < target_words and h < len(headings):
            parts.append(f"## {headings[h]}\n\n")
            h += 1
            for _ in range(rng.randint(1, 2)):
                text, n = self.sentences(rng, rng.randint(3, 6))
                parts.append(text + "\n\n")
                words += n
            kind = rng.random()
            if kind < 0.3:
                words += self.list_block(rng, i, parts)
            elif kind < 0.45:
                words += self.table_block(rng, parts)
            elif kind < 0.6:
                words += self.quote_block(rng, parts)
            if code_blocks and (rng.random() < 0.5 or words >= target_words * 0.7):
                self.code_block(rng, parts)
                code_blocks -= 1
            if rng.random() < 0.25:
                parts.append(f"### {rng.choice(ADJ).capitalize()} {rng.choice(NOUN)}s\n\n")
                text, n = self.sentences(rng, rng.randint(2, 5))
                parts.append(text + "\n\n")
                words += n
        while code_blocks:
            self.code_block(rng, parts)
            code_blocks -= 1
        parts.append("## Related pages\n\n")
        for _ in range(rng.randint(2, 4)):
            parts.append("- ")
            parts.append(self.link_target(rng, i))
            parts.append("\n")
        parts.append(f"- [Back to the overview](#overview)\n")
        if rng.random() < 0.1:
            parts.append("\nThe numbers above come from the last review.[^1]\n\n[^1]: Measured over one quarter.\n")
        return fm, parts

    def list_block(self, rng: random.Random, i: int, parts: list) -> int:
        ordered = rng.random() < 0.4
        words = 0
        for k in range(rng.randint(3, 7)):
            text, n = self.sentences(rng, 1)
            bullet = f"{k + 1}." if ordered else "-"
            if rng.random() < 0.2:
                parts.append(f"{bullet} {text} Read ")
                parts.append(self.link_target(rng, i))
                parts.append(".\n")
            elif rng.random() < 0.15 and not ordered:
                parts.append(f"{bullet} [{'x' if rng.random() < 0.5 else ' '}] {text}\n")
            else:
                parts.append(f"{bullet} {text}\n")
            words += n
        parts.append("\n")
        return words

    def table_block(self, rng: random.Random, parts: list) -> int:
        cols = rng.randint(3, 4)
        head = ["Step", "Owner", "When", "Notes"][:cols]
        rows = [f"| {' | '.join(head)} |", "|" + "|".join(["------"] * cols) + "|"]
        words = 0
        for r in range(rng.randint(3, 6)):
            cells = [f"{r + 1}. {rng.choice(VERB).capitalize()} the {rng.choice(NOUN)}",
                     rng.choice(ROLES)[1], f"{rng.randint(1, 10)} days before"]
            if cols == 4:
                cells.append(f"{rng.choice(ADJ)} {rng.choice(NOUN)}, `{rng.choice(NOUN).replace(' ', '-')}`")
            rows.append(f"| {' | '.join(cells)} |")
            words += 10
        parts.append("\n".join(rows) + "\n\n")
        return words

    def quote_block(self, rng: random.Random, parts: list) -> int:
        text, n = self.sentences(rng, rng.randint(1, 3))
        if rng.random() < 0.6:
            parts.append(f"> [!{rng.choice(CALLOUTS)}]\n> {text}\n\n")
        else:
            parts.append(f"> {text}\n>\n> -- a {rng.choice(ROLES)[1].lower()}\n\n")
        return n

    def code_block(self, rng: random.Random, parts: list) -> None:
        lang = rng.choice(CODE_LANGS)
        name = rng.choice(NOUN).replace(" ", "_").replace("-", "_")
        other = rng.choice(NOUN).replace(" ", "_").replace("-", "_")
        n = rng.randint(2, 9)
        body = CODE[lang].format(name=name, other=other, n=n, m=n * 30, word=rng.choice(ADJ))
        parts.append(f"```{lang}\n{body.strip()}\n```\n\n")

    def section_page(self, sec: tuple[int, ...]) -> str:
        rng = random.Random(f"{self.seed}:section:{sec}")
        text, _ = self.sentences(rng, rng.randint(3, 6))
        desc, _ = self.sentences(rng, 1)
        desc = desc.replace("*", "").replace("`", "").replace('"', "")
        weight = (sec[-1] + 1) * 10
        return (
            f"---\ntitle: {json.dumps(self.layout.section_title(sec))}\ndescription: {json.dumps(desc)}\n"
            f"weight: {weight}\n---\n{text}\n"
        )

    # -- writing ------------------------------------------------------------------------------

    def write(self, out: str, hugo: str | None) -> None:
        for i in range(self.n):
            self.page_meta(i)
        sections: dict[tuple[int, ...], None] = {}
        for i in range(self.n):
            sec = self.layout.section_of(i)
            for d in range(1, len(sec) + 1):
                sections.setdefault(sec[:d])
        targets = [(out, False)] + ([(hugo, True)] if hugo else [])
        for root, _ in targets:
            if os.path.exists(root):
                shutil.rmtree(root)
            os.makedirs(os.path.join(root, "content"))
        for sec in sections:
            d = self.layout.section_dir(sec)
            for root, _ in targets:
                os.makedirs(os.path.join(root, "content", d), exist_ok=True)
        home = "---\ntitle: Synthetic Handbook\ndescription: A generated handbook for the build benchmark.\n---\n"
        home += self.sentences(random.Random(f"{self.seed}:home"), 5)[0] + "\n"
        for root, _ in targets:
            write_file(os.path.join(root, "content", "_index.md"), home)
        for sec in sections:
            text = self.section_page(sec)
            for root, _ in targets:
                write_file(os.path.join(root, "content", self.layout.section_dir(sec), "_index.md"), text)
        for i in range(self.n):
            fm, parts = self.page(i)
            rel = self.rels[i]
            bb = [fm]
            hg = [fm] if hugo else None
            for p in parts:
                if isinstance(p, str):
                    bb.append(p)
                    if hg is not None:
                        hg.append(p)
                else:
                    target, anchor, text = p
                    bb.append(f"[{text}]({relative_md(rel, target)}{anchor})")
                    if hg is not None:
                        hg.append(f"[{text}]({relative_url(rel, target)}{anchor})")
            write_file(os.path.join(out, "content", rel), "".join(bb))
            if hg is not None:
                write_file(os.path.join(hugo, "content", rel), "".join(hg))
        write_file(os.path.join(out, "bridgebook.yaml"), bridgebook_config())
        if self.glossary_terms:
            self.write_glossary(out, hugo)
        if hugo:
            write_hugo_scaffold(hugo)

    def write_glossary(self, out: str, hugo: str | None) -> None:
        rng = random.Random(f"{self.seed}:glossary")
        count = min(self.glossary_terms, JARGON_COUNT)
        if count < self.glossary_terms:
            print(f"gen_corpus: only {JARGON_COUNT} glossary terms available", file=sys.stderr)
        lines = ["title: Glossary", "description: Words both teams use, explained.",
                 "intro: |", "  The words that trip one side up, in plain language.", "terms:"]
        md = ["---", "title: Glossary", "description: Words both teams use, explained.", "---",
              "The words that trip one side up, in plain language.", ""]
        for t in range(count):
            term = self.words.jargon[t]
            definition, _ = self.sentences(rng, 2)
            definition = definition.replace("*", "").replace("`", "").replace('"', "")
            audience = rng.choice([["marketing"], ["it"], ["marketing", "it"]])
            lines += [f"  - term: {term.capitalize()}", f'    definition: "{definition}"',
                      f"    audience: [{', '.join(audience)}]"]
            md += [f"## {term.capitalize()}", "", definition, ""]
            if t % 5 == 0:
                lines.append(f"    aka: [{term}s]")
                md += [f"Also called: {term}s.", ""]
            if t % 3 == 0:
                j = (t * 7) % self.n
                lines.append(f"    see_also: [{self.rels[j]}]")
                md += [f"See also: [{self.titles[j]}](../{hugo_url(self.rels[j])})", ""]
        write_file(os.path.join(out, "content", "glossary.yaml"), "\n".join(lines) + "\n")
        if hugo:
            write_file(os.path.join(hugo, "content", "glossary.md"), "\n".join(md) + "\n")


def write_file(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def bridgebook_config() -> str:
    lines = [
        "title: Synthetic Handbook",
        "description: A generated handbook for the build benchmark.",
        "audiences:",
        "  - id: everyone", "    label: Everyone",
        "  - id: marketing", "    label: Marketing",
        "  - id: it", "    label: IT",
        "roles:",
    ]
    for rid, label, audience in ROLES:
        lines += [f"  - id: {rid}", f"    label: {label}"]
        if audience:
            lines.append(f"    audience: {audience}")
    return "\n".join(lines) + "\n"


HUGO_CONFIG = """\
baseURL = "/"
title = "Synthetic Handbook"
languageCode = "en"
# Comparable work: bridgebook writes no feeds, and a sitemap only with a base_url.
disableKinds = ["RSS", "sitemap", "robotsTXT"]

[taxonomies]
  audience = "audience"
  role = "roles"
  tag = "tags"

[markup.highlight]
  # CSS classes, not inline colours, as bridgebook does.
  noClasses = false

[markup.tableOfContents]
  startLevel = 2
  endLevel = 3
"""

HUGO_BASEOF = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
</head>
<body>
<header><a href="{{ "" | relURL }}">{{ .Site.Title }}</a></header>
<main>
{{ block "main" . }}{{ end }}
</main>
</body>
</html>
"""

HUGO_SINGLE = """\
{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<nav class="toc" aria-label="On this page">{{ .TableOfContents }}</nav>
{{ .Content }}
</article>
{{ end }}
"""

HUGO_LIST = """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="section-list">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Description }}<p>{{ . }}</p>{{ end }}</li>
{{ end }}
</ul>
{{ end }}
"""


def write_hugo_scaffold(root: str) -> None:
    os.makedirs(os.path.join(root, "layouts", "_default"), exist_ok=True)
    write_file(os.path.join(root, "hugo.toml"), HUGO_CONFIG)
    write_file(os.path.join(root, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
    write_file(os.path.join(root, "layouts", "_default", "single.html"), HUGO_SINGLE)
    write_file(os.path.join(root, "layouts", "_default", "list.html"), HUGO_LIST)


CODE = {
    "rust": """
use std::collections::HashMap;

/// Counts how often each {name} shows up in a {other} report.
pub fn count_{name}(items: &[String]) -> HashMap<&str, usize> {{
    let mut counts = HashMap::new();
    for item in items.iter().take({m}) {{
        *counts.entry(item.as_str()).or_insert(0) += 1;
    }}
    counts
}}

fn main() {{
    let items = vec!["{word}".to_string(); {n}];
    println!("{{:?}}", count_{name}(&items));
}}
""",
    "python": """
import csv
from pathlib import Path


def load_{name}(path: Path, limit: int = {m}) -> list[dict]:
    \"\"\"Reads the {other} export and keeps the {word} rows.\"\"\"
    with path.open(newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("status") == "{word}"]
    return rows[:limit]


if __name__ == "__main__":
    for row in load_{name}(Path("{other}.csv")):
        print(row["id"], row.get("owner", "-"))
""",
    "yaml": """
# {other} settings for the {word} {name}
{name}:
  owner: marketing-ops
  review_every_days: {m}
  channels:
    - email
    - chat
  approvals:
    required: {n}
    from: [it, legal]
  freeze:
    start: "2024-11-20"
    end: "2024-12-02"
""",
    "bash": """
#!/usr/bin/env bash
# Checks that the {name} answers before a {word} launch.
set -euo pipefail
url="https://www.example.com/{name}/"
for i in $(seq 1 {n}); do
  code=$(curl -s -o /dev/null -w '%{{http_code}}' "$url")
  echo "attempt $i: $code"
  [ "$code" = 200 ] && exit 0
  sleep {n}
done
echo "the {other} is not ready" >&2
exit 1
""",
    "json": """
{{
  "{name}": {{
    "owner": "{other}-team",
    "status": "{word}",
    "retries": {n},
    "timeout_seconds": {m},
    "tags": ["launch", "{word}", "{other}"],
    "approved": true
  }}
}}
""",
    "javascript": """
// Sends a {name} event once the {other} form is submitted.
document.querySelector("#{name}-form").addEventListener("submit", (event) => {{
  const data = new FormData(event.target);
  if (!data.get("consent")) {{
    return; // no consent, no tracking
  }}
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({{ event: "{name}_submit", value: {n}, label: "{word}" }});
}});
""",
    "html": """
<section class="{name}" aria-labelledby="{name}-title">
  <h2 id="{name}-title">A {word} {other}</h2>
  <p>Sign up to hear about the next launch.</p>
  <form action="/subscribe" method="post">
    <label for="email-{n}">Email</label>
    <input id="email-{n}" name="email" type="email" required>
    <button type="submit">Subscribe</button>
  </form>
</section>
""",
    "sql": """
-- {word} {name} per {other}, last {m} days
SELECT c.{other}_id,
       COUNT(*) AS {name}_count,
       AVG(c.value) AS average_value
FROM campaign_events AS c
WHERE c.created_at > NOW() - INTERVAL '{m} days'
  AND c.kind = '{word}'
GROUP BY c.{other}_id
ORDER BY {name}_count DESC
LIMIT {n};
""",
    "toml": """
[{name}]
owner = "{other}"
review_every_days = {m}
channels = ["email", "chat"]

[{name}.limits]
requests_per_minute = {n}
mode = "{word}"
""",
    "css": """
.{name} {{
  max-width: 70ch;
  margin: 0 auto;
  padding: {n}px;
}}
.{name} .{other}:hover,
.{name} .{other}:focus-visible {{
  outline: 2px solid currentColor;
}}
""",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="regular pages (sections come on top)")
    ap.add_argument("--out", required=True, help="the bridgebook site folder to (re)create")
    ap.add_argument("--hugo", help="also write the same pages as a Hugo site here")
    ap.add_argument("--glossary-terms", type=int, default=0, help="terms in content/glossary.yaml (0: none)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.pages < 1:
        ap.error("--pages must be at least 1")
    Generator(args.seed, args.pages, args.glossary_terms).write(args.out, args.hugo)
    return 0


if __name__ == "__main__":
    sys.exit(main())
