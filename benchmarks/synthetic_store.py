"""A deterministic synthetic store of any size, for measuring factcheck at scale.

Writes a folder that `factcheck validate --store DIR` accepts: invented companies, regulators,
governments, people and places (names made of syllables and suffixes, some aliases and parent
groups), statements about deals in varied sentence templates (cooperation agreements, joint
ventures, acquisitions, stake purchases, merger approvals, licences, memorandums of
understanding, contracts, investments, fines, blocked deals, share moves, rumours and their
denials), with dates, money, percentages and counts written in several forms. Every statement
cites a verbatim quote from the archived text of its source, a daily deals briefing of 50 to
200 items, written to `DIR/documents/`.

    DIR/entities.yaml              entities and sources (and an empty statements list)
    DIR/statements-00001.yaml ...  at most 10,000 statements each, or --per-file (references cross files)
    DIR/documents/<source>.txt     the archived briefings the quotes come from
    DIR/claims.jsonl               with --claims M: test claims with the verdict they should get
    DIR/generated.json             the parameters, so benchmarks/scale.py can reuse the folder

Claims (JSON lines, also readable by benchmarks/verdicts.py): {"id", "claim", "expect",
"expected" (the same), "kind", "statement", "document"}, where kind is
  paraphrase     a stored statement in other words and forms (expect its verdict)
  contradiction  the opposite of a stored statement (expect the other verdict)
  near_miss      a paraphrase with one party, date, place or figure changed (expect unverified)
  unrelated      invented companies, or known ones doing things the store never records
                 (expect unverified)

The same --statements and --seed always give the same store, whatever --claims is.

    python benchmarks/synthetic_store.py --statements 100000 --out /tmp/store-100k --claims 1000
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

GENERATOR_VERSION = 2
STATEMENTS_PER_FILE = 10_000
MAX_FILE_BYTES = 64 * 1024 * 1024

_dumps = json.JSONEncoder(ensure_ascii=False).encode


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is a subset of it)."""
    return _dumps(text)


def qlist(items) -> str:
    return "[" + ", ".join(_dumps(i) for i in items) + "]"


# --- names ---------------------------------------------------------------------------------------

# Store names never start with J, Q, W, X, Y or Z: those are kept for the invented outsiders of
# unrelated claims, so that the engine's typo matching (which needs the same first letter)
# cannot take an outsider for a stored entity.
ONSETS = """Nor Kes Val Bra Cor Dal Fen Gal Hal Ith Lor Mar Nev Or Pel Ril Sar Tor Ul Ves Ar Bel Cal
Dor El Fal Gor Hel Kal Lum Mer Nal Ost Pra Ros Sel Tam Ver Bro Cre Dra Gre Kra Ste Tre Vo Sil Mon
Cas Ald Bar Hes Lin Mor Pen Ran Sol Tal Ev Aur Bev Cid Dun Ember Fir Grim Hav Ivel Kor Lav Mal Nim
Oak Pyr Rav Stra Thal Umber Vin""".split()
MIDDLES = "a e i o an en in or ar el il on u".split()
CODAS = """vale trin dex mont ric lis dor wick ton ven gard more nix lyn ster thal bury ford ant ora
ida ex ium ara ence is ar ell ock ine ath ova eth orn ais usk ent ier""".split()
OUTSIDER_ONSETS = "Qu Xa Zy Yor Jax Wil Zan Qel Xen Jor Wyn Zor Yel Jas Wex Zim Qar Xil".split()

COMPANY_SUFFIXES = """Holdings Group Technologies Bio Energy Logistics Capital Motors Pharma Telecom
Semiconductor Foods Mining Networks Systems Robotics Insurance Bank Airlines Shipping Solar
Materials Media Health Retail Chemicals Data Industries Electric Ventures Cloud Steel""".split()
GROUP_SUFFIXES = {"Holdings", "Group", "Industries"}
SUBSIDIARY_SUFFIXES = """Bio Energy Logistics Capital Pharma Telecom Semiconductor Networks Systems
Robotics Insurance Solar Materials Media Health Retail Cloud""".split()
LEGAL_FORMS = ["Ltd.", "Inc.", "Co., Ltd.", "Corporation", "PLC", "AG", "S.A."]

NATIONAL_BODIES = [
    ("Competition Authority", "regulator"), ("Securities Commission", "regulator"),
    ("Telecoms Regulator", "regulator"), ("Energy Regulatory Office", "regulator"),
    ("Banking Supervisor", "regulator"), ("Investment Review Board", "regulator"),
    ("Data Protection Agency", "regulator"), ("Civil Aviation Authority", "regulator"),
    ("Medicines Agency", "regulator"), ("Communications Commission", "regulator"),
    ("Financial Conduct Board", "regulator"), ("Mining Bureau", "regulator"),
    ("Ministry of Commerce", "government"), ("Ministry of Industry", "government"),
    ("Ministry of Finance", "government"), ("Ministry of Transport", "government"),
]
MUNICIPAL_BODIES = [("Municipal Financial Bureau", "regulator"), ("Commerce Bureau", "regulator"),
                    ("Municipal Government", "government"), ("Development Zone Authority", "government")]
FIRST_NAMES = """Anton Lena Marek Ines Tomas Vera Oskar Nadia Ruben Clara Felix Mira Jonas Petra Emil
Sofia Lukas Hana Victor Irena Dario Alma Stefan Livia Paulo Greta Milan Dora Adrian Rosa""".split()

FIELDS = """cloud computing|electric vehicle batteries|smart city platforms|offshore wind|semiconductor
packaging|cold-chain logistics|digital payments|generic drugs|satellite broadband|industrial
robotics|rare earth processing|data centres|port logistics|agricultural drones|hydrogen fuel
cells|medical imaging|online education|mobile gaming|insurance technology|5G network
equipment|lithium mining|container shipping|retail banking software|vaccine manufacturing|
grid storage|autonomous trucking|steel recycling|water treatment|solar panels|cybersecurity
services|e-commerce fulfilment|precision agriculture|biometric identification|chip design
tools|aircraft maintenance|undersea cables|pet food|specialty chemicals|frozen foods|
consumer electronics""".replace("\n", " ").split("|")
FIELDS = [" ".join(f.split()) for f in FIELDS]
LICENCES = ["payment licence", "mobile virtual network operator licence", "online lending licence",
            "banking licence", "value-added telecommunications licence", "mining licence",
            "drug distribution licence", "insurance brokerage licence", "spectrum licence",
            "cross-border data transfer licence", "securities brokerage licence", "airline operating licence"]
FINE_REASONS = ["abusing a dominant market position", "failing to notify a merger", "misleading advertising",
                "breaching data protection rules", "fixing prices", "late disclosure of a share sale",
                "selling unapproved products", "breaching export controls"]
BUYBACK_REASONS = ["announced a share buyback", "reported record quarterly profit",
                   "won a government contract", "raised its full-year forecast", "cut its dividend",
                   "issued a profit warning", "lost a major customer", "delayed its annual report"]
PUBLISHERS = ["Meridian Wire", "The Harbour Ledger", "Deal Street Daily", "Northgate Business Review",
              "The Capital Brief", "Coastline Markets", "Pinecrest Financial Times", "The Regulatory Desk",
              "Asia Deals Monitor", "Continental Telecom News", "Frontier Energy Report", "The Merger Record"]
AUTHORS = ["Ada Brennan", "Kofi Mensah", "Lin Wei", "Priya Raman", "Tomasz Nowak", "Elena Duarte",
           "Samuel Okafor", "Yuki Tanaka", "Greta Lindqvist", "Omar Haddad", "Chloe Martin", "Ravi Menon"]
FILLERS = [
    "Markets were calm in early trading and most analysts kept their forecasts unchanged.",
    "A spokesperson did not reply to several requests for comment by phone.",
    "The companies did not give a timetable for the next steps.",
    "Several people in the industry said the mood was cautious but hopeful.",
    "Lawyers said the filing was routine and raised no new questions.",
    "The figures could not be independently verified.",
    "Trading volumes in the sector were thin ahead of the holiday.",
    "Neither side disclosed the advisers that worked on the transaction.",
    "Analysts expect more consolidation in the sector over the coming year.",
    "The announcement came after the close of trading.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


_VOCABULARY = {word for text in (*FIELDS, *LICENCES, *FINE_REASONS, *BUYBACK_REASONS, *FILLERS)
               for word in text.lower().replace(".", " ").replace(",", " ").split()}
_VOCABULARY |= set("""a an and are as at be but by for has its new not of on or per port the to was with bay
did won got buy led set top end aid air art oil gas car bus tax law pay job act age era ore sea ace
""".split())
"""Ordinary words that an acronym alias must not be (the engine would read every such word as
the regulator)."""


def slug(text: str) -> str:
    out = []
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")


class Entities:
    """Invented entities: every name unique, ids unique, aliases never shared."""

    def __init__(self, rng: random.Random, total: int) -> None:
        self.rng = rng
        self.entities: dict[str, dict] = {}
        self.names: set[str] = set()
        self.used_stems: set[str] = set()
        self.companies: list[str] = []
        self.groups: list[str] = []
        self.regulators: list[str] = []
        self.governments: list[str] = []
        self.persons: list[str] = []
        self.countries: list[str] = []
        self.cities: list[str] = []
        self.adjective: dict[str, str] = {}

        n_countries = max(8, min(150, total // 100))
        n_cities = max(16, min(2500, total // 12))
        for _ in range(n_countries):
            stem = self.stem(min_length=4)
            ending = self.rng.choice(["ia", "ora", "ovia", "ania"])
            if stem[-1] in "aeiou":
                stem = stem[:-1]
            country = self.add(stem + ending, "place")
            self.countries.append(country)
            name = self.entities[country]["name"]
            self.adjective[country] = name + "n"
            gov = self.add(f"Government of {name}", "government",
                           aliases=[f"{self.adjective[country]} government"])
            self.governments.append(gov)
        for _ in range(n_cities):
            country = self.rng.choice(self.countries)
            stem = self.stem(min_length=5)
            name = self.rng.choice([stem, stem, stem, f"Port {stem}", f"New {stem}", f"{stem} Bay"])
            self.cities.append(self.add(name, "place", parent=country))
        n_regulators = max(10, total * 6 // 100)
        n_persons = max(6, total * 3 // 100)
        n_companies = max(40, total - len(self.entities) - n_regulators - n_persons)
        company_budget = len(self.entities) + n_regulators + n_persons + n_companies
        attempts = 0
        while len(self.regulators) < n_regulators and attempts < n_regulators * 20:
            attempts += 1
            if self.rng.random() < 0.7:
                country = self.rng.choice(self.countries)
                body, kind = self.rng.choice(NATIONAL_BODIES)
                adjective = self.adjective[country]
                name = f"{adjective} {body}"
                acronym = "".join(w[0] for w in name.replace(" of ", " ").split())
            else:
                city = self.rng.choice(self.cities)
                body, kind = self.rng.choice(MUNICIPAL_BODIES)
                name = f"{self.entities[city]['name']} {body}"
                acronym = None
            if name in self.names:
                continue
            aliases = [acronym] if (acronym and len(acronym) >= 3 and acronym not in self.names
                                    and acronym.lower() not in _VOCABULARY) else []
            entity = self.add(name, kind, aliases=aliases)
            (self.regulators if kind == "regulator" else self.governments).append(entity)
        for _ in range(n_persons):
            name = f"{self.rng.choice(FIRST_NAMES)} {self.stem(min_length=4)}"
            self.persons.append(self.add(name, "person"))
        while len(self.entities) < company_budget:
            stem = self.stem(min_length=5)
            suffix = self.rng.choice(COMPANY_SUFFIXES)
            name = f"{stem} {suffix}"
            aliases = []
            if suffix in GROUP_SUFFIXES or self.rng.random() < 0.3:
                aliases.append(stem)
            if self.rng.random() < 0.4:
                aliases.append(f"{name} {self.rng.choice(LEGAL_FORMS)}")
            company = self.add(name, "company", aliases=aliases)
            self.companies.append(company)
            if suffix in GROUP_SUFFIXES:
                self.groups.append(company)
                for sub_suffix in self.rng.sample(SUBSIDIARY_SUFFIXES, self.rng.choice([0, 0, 1, 1, 2])):
                    sub = f"{stem} {sub_suffix}"
                    if sub not in self.names and len(self.entities) < company_budget:
                        self.companies.append(self.add(sub, "company", parent=company))

    def stem(self, min_length: int) -> str:
        tries = 0
        while True:
            tries += 1
            parts = [self.rng.choice(ONSETS)]
            if self.rng.random() < 0.45:
                parts.append(self.rng.choice(MIDDLES))
            parts.append(self.rng.choice(CODAS))
            if tries > 50:  # two syllables are running out: add a third
                parts.insert(1, self.rng.choice(MIDDLES) + self.rng.choice(CODAS))
            stem = "".join(parts)
            stem = stem[0] + stem[1:].lower()
            if _awkward(stem):
                continue
            if len(stem) >= min_length and stem not in self.used_stems:
                self.used_stems.add(stem)
                return stem

    def add(self, name: str, kind: str, aliases: list[str] | None = None, parent: str | None = None) -> str:
        base = slug(name)
        entity_id, n = base, 1
        while entity_id in self.entities:
            n += 1
            entity_id = f"{base}-{n}"
        aliases = [a for a in aliases or [] if a not in self.names and a != name]
        self.names.update([name, *aliases])
        self.entities[entity_id] = {"name": name, "kind": kind, "aliases": aliases, "parent": parent}
        return entity_id

    def name(self, entity_id: str) -> str:
        return self.entities[entity_id]["name"]

    def alias_or_name(self, rng: random.Random, entity_id: str) -> str:
        entity = self.entities[entity_id]
        short = [a for a in entity["aliases"] if " " not in a or len(a) < len(entity["name"])]
        return rng.choice(short) if short and rng.random() < 0.5 else entity["name"]

    def yaml(self) -> str:
        lines = []
        for entity_id, e in self.entities.items():
            parts = [f"name: {q(e['name'])}"]
            if e["aliases"]:
                parts.append(f"aliases: {qlist(e['aliases'])}")
            parts.append(f"kind: {e['kind']}")
            if e["parent"]:
                parts.append(f"parent: {q(e['parent'])}")
            lines.append(f"  {entity_id}: {{{', '.join(parts)}}}\n")
        return "".join(lines)


def _awkward(stem: str) -> bool:
    """Three vowels in a row or a doubled letter where syllables meet ("Draaais", "Corric")."""
    lower, run = stem.lower(), 0
    for i, ch in enumerate(lower):
        run = run + 1 if ch in "aeiouy" else 0
        if run >= 3 or (i and ch == lower[i - 1]):
            return True
    return False


def outsider_company(rng: random.Random) -> str:
    stem = rng.choice(OUTSIDER_ONSETS) + rng.choice(MIDDLES + [""]) + rng.choice(CODAS)
    return f"{stem[0]}{stem[1:].lower()} {rng.choice(COMPANY_SUFFIXES)}"


# --- dates and figures ---------------------------------------------------------------------------

class When:
    """An event date at day or month precision, written in the forms news text uses."""

    def __init__(self, day: date, precision: str = "day") -> None:
        self.day, self.precision = day, precision

    @property
    def iso(self) -> str:
        return self.day.isoformat() if self.precision == "day" else self.day.strftime("%Y-%m")

    def month_year(self) -> str:
        return f"{MONTHS[self.day.month - 1]} {self.day.year}"

    def text(self, rng: random.Random, with_on: bool = True) -> str:
        """'on 2 November 2020', 'on November 2, 2020', 'on Nov. 2, 2020' or 'in November 2020'."""
        d = self.day
        if self.precision == "month":
            return ("in " if with_on else "") + self.month_year()
        form = rng.randrange(4)
        if form == 0:
            text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
        elif form == 1:
            text = f"{MONTHS[d.month - 1]} {d.day}, {d.year}"
        elif form == 2:
            text = f"{MONTH_ABBR[d.month - 1]} {d.day}, {d.year}"
        else:
            return ("in " if with_on else "") + self.month_year()
        return ("on " if with_on else "") + text

    def long(self) -> str:
        if self.precision == "month":
            return f"in {self.month_year()}"
        return f"on {self.day.day} {MONTHS[self.day.month - 1]} {self.day.year}"

    def quote_text(self) -> str:
        """How a briefing dates it: 'on November 2' (the year is the briefing's)."""
        if self.precision == "month":
            return f"in {MONTHS[self.day.month - 1]}"
        return f"on {MONTHS[self.day.month - 1]} {self.day.day}"

    def shifted(self, rng: random.Random) -> When:
        """Another date that differs at the precision claims write (a claim may give only the
        month, so the month or the year changes)."""
        d = self.day
        if self.precision == "month" or rng.random() < 0.5:
            return When(date(d.year + rng.choice([-2, -1, 1, 2]), d.month, min(d.day, 28)), self.precision)
        month = (d.month - 1 + rng.choice([-3, -2, -1, 1, 2, 3])) % 12 + 1
        return When(date(d.year, month, min(d.day, 28)), self.precision)


class Money:
    CURRENCIES = ("USD", "USD", "USD", "CNY", "CNY", "EUR", "GBP")

    def __init__(self, currency: str, value: float, scale: str) -> None:
        self.currency, self.value, self.scale = currency, value, scale

    @classmethod
    def random(cls, rng: random.Random) -> Money:
        currency = rng.choice(cls.CURRENCIES)
        if rng.random() < 0.35:
            return cls(currency, rng.randint(11, 99) / 10, "billion")
        return cls(currency, rng.choice(range(20, 960, 10)), "million")

    def _number(self) -> str:
        return f"{self.value:g}"

    def text(self, rng: random.Random | None = None) -> str:
        n, s = self._number(), self.scale
        short = {"billion": "bn", "million": "m"}[s]
        forms = {
            "USD": [f"${n} {s}", f"${n}{short}", f"US${n} {s}", f"{n} {s} dollars"],
            "CNY": [f"RMB {n} {s}", f"{n} {s} yuan", f"RMB{n}{short}"],
            "EUR": [f"€{n} {s}", f"{n} {s} euros", f"EUR {n} {s}"],
            "GBP": [f"£{n} {s}", f"£{n}{short}", f"{n} {s} pounds"],
        }[self.currency]
        return forms[0] if rng is None else rng.choice(forms)

    def changed(self, rng: random.Random) -> Money:
        if self.scale == "billion":
            value = round(self.value + rng.choice([-0.4, -0.2, 0.3, 0.5, 1.0]), 1)
            return Money(self.currency, value if value > 1 else self.value + 1.5, "billion")
        return Money(self.currency, self.value + rng.choice([-10, 10, 40, 50, 100]) if self.value > 60
                     else self.value * 2, "million")


def percent(rng: random.Random | None, value: int) -> str:
    forms = [f"{value}%", f"{value} percent", f"{value} per cent"]
    return forms[0] if rng is None else rng.choice(forms)


def count(rng: random.Random | None, value: int) -> str:
    return f"{value:,}" if rng is None or rng.random() < 0.7 else str(value)


# --- statements ----------------------------------------------------------------------------------

def a_an(phrase: str) -> str:
    return ("an " if phrase[0].lower() in "aeiou" else "a ") + phrase


class Event:
    """One reported fact; renders its stored claim, the briefing's sentence (the quote) and the
    claims a reader might write about it."""

    __slots__ = ("kind", "a", "b", "c", "when", "money", "pct", "place", "topic", "extra", "number",
                 "later", "speaker")

    def __init__(self, kind: str, **fields) -> None:
        self.kind = kind
        for slot in self.__slots__[1:]:
            setattr(self, slot, fields.get(slot))

    def copy(self, **changes) -> Event:
        fields = {s: getattr(self, s) for s in self.__slots__[1:]}
        fields.update(changes)
        return Event(self.kind, **fields)


KINDS = [  # (kind, weight)
    ("cooperation", 14), ("joint_venture", 10), ("acquisition", 11), ("stake", 9), ("merger_approval", 8),
    ("licence", 8), ("mou", 7), ("contract", 7), ("investment", 8), ("fine", 6), ("blocked", 3),
    ("shares", 4), ("rumour", 5),
]
_KIND_NAMES = [k for k, _ in KINDS]
_KIND_CUMULATIVE = list(itertools.accumulate(w for _, w in KINDS))


class Writer:
    """Renders events to statements and claims in varied templates."""

    def __init__(self, ents: Entities) -> None:
        self.e = ents

    def n(self, entity_id: str) -> str:
        return self.e.name(entity_id)

    # Each method returns the statement text; deal; parties; places; quote text.
    def statement(self, ev: Event, rng: random.Random) -> tuple[str, str, list[str], list[str], str]:
        n, k = self.n, ev.kind
        A, B = n(ev.a), n(ev.b) if ev.b else None
        when = ev.when
        places = [ev.place] if ev.place else []
        if k == "cooperation":
            t = rng.randrange(3)
            if t == 0:
                claim = f"{A} and {B} signed a strategic cooperation agreement {when.long()} covering {ev.topic}."
            elif t == 1:
                claim = f"{A} signed a strategic cooperation agreement with {B} {when.long()} to work together on {ev.topic}."
            else:
                claim = f"{A} and {B} agreed {when.long()} to cooperate on {ev.topic} under a strategic cooperation agreement."
            quote = f"{A} said it signed a strategic cooperation agreement with {B} {when.quote_text()} to develop {ev.topic} together."
            return claim, "strategic cooperation agreement", [ev.a, ev.b], places, quote
        if k == "joint_venture":
            C, M = n(ev.place), ev.money.text()
            t = rng.randrange(2)
            if t == 0:
                claim = f"{A} and {B} agreed {when.long()} to set up a joint venture in {C} with registered capital of {M} focused on {ev.topic}."
            else:
                claim = f"{A} and {B} formed a {ev.topic} joint venture in {C} {when.long()}, with registered capital of {M}."
            quote = f"{A} and {B} will establish a joint venture in {C} with registered capital of {M}, focusing on {ev.topic}, the two companies said {when.quote_text()}."
            return claim, "joint venture", [ev.a, ev.b], places, quote
        if k == "acquisition":
            M = ev.money.text()
            t = rng.randrange(3)
            if t == 0:
                claim = f"{A} agreed to acquire {B} for {M} {when.long()}."
            elif t == 1:
                claim = f"{A} announced {when.long()} that it will buy {B}, a {ev.topic} company, for {M}."
            else:
                claim = f"{A} agreed {when.long()} to take over {B} in a deal valued at {M}."
            quote = f"{A} has agreed to buy {B} in a deal valued at {M}, the companies said {when.quote_text()}."
            return claim, f"acquisition of {B}", [ev.a, ev.b], places, quote
        if k == "stake":
            P, M = percent(None, ev.pct), ev.money.text()
            t = rng.randrange(2)
            if t == 0:
                claim = f"{A} bought a {P} stake in {B} for {M} {when.long()}."
            else:
                claim = f"{A} acquired {P} of {B} for {M} {when.long()}, becoming its largest shareholder."
            quote = f"{A} paid {M} for a {P} stake in {B}, according to a filing published {when.quote_text()}."
            return claim, f"stake purchase ({P})", [ev.a, ev.b], places, quote
        if k == "merger_approval":
            R = n(ev.c)
            cond = ev.extra
            t = rng.randrange(2)
            if t == 0:
                claim = f"The {R} approved the merger of {A} and {B} {when.long()}{' ' + cond if cond else ''}."
            else:
                claim = f"{A} and {B} won approval for their merger from the {R} {when.long()}{', ' + cond if cond else ''}."
            quote = f"The {R} said {when.quote_text()} that it had cleared the merger between {A} and {B}{' ' + cond if cond else ''}."
            return claim, "approval of merger", [ev.c, ev.a, ev.b], places, quote
        if k == "licence":
            R, L = n(ev.c), ev.topic
            t = rng.randrange(2)
            if t == 0:
                claim = f"The {R} granted {A} {a_an(L)} {when.long()}."
            else:
                claim = f"{A} received {a_an(L)} from the {R} {when.long()}."
            quote = f"{A} said {when.quote_text()} it had been granted {a_an(L)} by the {R}."
            return claim, L, [ev.c, ev.a], places, quote
        if k == "mou":
            G, C = n(ev.c), n(ev.place)
            claim = f"{A} and the {G} signed a memorandum of understanding on {ev.topic} in {C} {when.long()}."
            quote = f"{A} signed a memorandum of understanding with the {G} in {C} {when.quote_text()} covering {ev.topic}."
            return claim, "memorandum of understanding", [ev.a, ev.c], places, quote
        if k == "contract":
            M = ev.money.text()
            claim = f"{A} won a contract worth {M} from {B} to supply {ev.topic} {when.long()}."
            quote = f"{B} awarded {A} a {M} contract for {ev.topic}, {A} said {when.quote_text()}."
            return claim, "supply contract", [ev.a, ev.b], places, quote
        if k == "investment":
            M, C, J = ev.money.text(), n(ev.place), count(None, ev.number)
            t = rng.randrange(2)
            if t == 0:
                claim = f"{A} said {when.long()} it will invest {M} in a {ev.topic} plant in {C}, creating {J} jobs."
            else:
                claim = f"{A} announced a {M} investment in {ev.topic} in {C} {when.long()}, expected to create {J} jobs."
            quote = f"{A} plans to invest {M} in a new {ev.topic} facility in {C} that will employ {J} people, it said {when.quote_text()}."
            return claim, "investment", [ev.a], places, quote
        if k == "fine":
            R, M = n(ev.c), ev.money.text()
            claim = f"The {R} fined {A} {M} {when.long()} for {ev.topic}."
            quote = f"The {R} said {when.quote_text()} it had imposed a penalty of {M} on {A} for {ev.topic}."
            return claim, "fine", [ev.c, ev.a], places, quote
        if k == "blocked":
            G = n(ev.c)
            claim = f"The {G} blocked {A}'s proposed acquisition of {B} {when.long()}, citing national security."
            quote = f"The {G} {when.quote_text()} blocked the planned takeover of {B} by {A}, citing national security."
            return claim, f"acquisition of {B}", [ev.c, ev.a, ev.b], places, quote
        if k == "shares":
            P = percent(None, ev.pct)
            verb = "rose" if ev.number > 0 else "fell"
            claim = f"Shares of {A} {verb} {P} {when.long()} after the company {ev.topic}."
            quote = f"{A} shares {verb} {P} {when.quote_text()} after the company {ev.topic}."
            return claim, "share price move", [ev.a], places, quote
        if k == "rumour":
            M = ev.money.text()
            claim = f"{A} agreed to sell its {ev.topic} business to {B} for {M} {when.long()}."
            quote = f"Media reports {when.quote_text()} said {A} had agreed to sell its {ev.topic} business to {B} for {M}."
            return claim, f"sale of {ev.topic} business", [ev.a, ev.b], places, quote
        if k == "denial":
            later = ev.later
            speaker = f"{A} spokesperson {n(ev.speaker)}" if ev.speaker else A
            claim = (f"{speaker} denied {later.long()} that {A} had agreed to sell its {ev.topic} business "
                     f"to {B}, calling the reports groundless.")
            quote = f"{speaker} said {later.quote_text()} that reports of a sale of its {ev.topic} business to {B} were groundless."
            return claim, "denial", [ev.a, ev.b], places, quote
        raise ValueError(k)

    # Claims a reader might write. `negate` asks for the opposite of the event.
    def paraphrase(self, ev: Event, rng: random.Random, negate: bool = False) -> str:
        e = self.e
        k = ev.kind
        A = e.alias_or_name(rng, ev.a)
        B = e.alias_or_name(rng, ev.b) if ev.b else None
        W = ev.when.text(rng)
        use_date = rng.random() < 0.7
        D = f" {W}" if use_date else ""
        if k == "cooperation":
            if negate:
                return rng.choice([f"{A} did not sign a strategic cooperation agreement with {B}{D}.",
                                   f"{A} never signed a cooperation deal with {B} on {ev.topic}."])
            return rng.choice([
                f"{A} inked a strategic partnership pact with {B}{D}.",
                f"{B} and {A} signed a cooperation deal on {ev.topic}{D}.",
                f"{A} teamed up with {B} on {ev.topic} in a strategic cooperation agreement{D}.",
                f"{A} and {B} sealed a strategic cooperation accord{D} covering {ev.topic}.",
            ])
        if k == "joint_venture":
            C, M = e.alias_or_name(rng, ev.place), ev.money.text(rng)
            if negate:
                return f"{A} and {B} did not set up a joint venture in {C}."
            return rng.choice([
                f"{A} and {B} will form a {M} joint venture in {C}.",
                f"{B} and {A} set up a JV in {C}{D}.",
                f"{A} and {B} established a {ev.topic} joint venture in {C} with {M} in registered capital.",
            ])
        if k == "acquisition":
            M = ev.money.text(rng)
            if negate:
                return rng.choice([f"{A} has not agreed to buy {B}.", f"{A} denied agreeing to acquire {B}{D}."])
            return rng.choice([
                f"{A} will buy {B} for {M}.",
                f"{A} struck a {M} deal to take over {B}{D}.",
                f"{B} is being acquired by {A} for {M}.",
                f"{A} agreed to purchase {B}{D} in a {M} takeover.",
            ])
        if k == "stake":
            P, M = percent(rng, ev.pct), ev.money.text(rng)
            if negate:
                return f"{A} did not buy a stake in {B}{D}."
            return rng.choice([
                f"{A} took a {P} stake in {B}{D}.",
                f"{A} paid {M} for {P} of {B}.",
                f"{A} invested {M} in {B} for a {P} stake.",
            ])
        if k == "merger_approval":
            R = e.alias_or_name(rng, ev.c)
            if negate:
                return rng.choice([f"The {R} did not approve the merger of {A} and {B}.",
                                   f"The {R} blocked the merger of {A} and {B}{D}."])
            return rng.choice([
                f"The {R} cleared the merger of {A} and {B}{D}.",
                f"{A} and {B} got the green light from the {R} for their merger.",
                f"Regulators approved the merger between {A} and {B}{D}.",
            ])
        if k == "licence":
            R, L = e.alias_or_name(rng, ev.c), ev.topic
            if negate:
                return f"The {R} refused to grant {A} {a_an(L)}."
            return rng.choice([
                f"{A} was granted {a_an(L)} by the {R}{D}.",
                f"{A} won {a_an(L)}{D}.",
                f"The {R} issued {A} {a_an(L)}{D}.",
            ])
        if k == "mou":
            G, C = e.alias_or_name(rng, ev.c), e.alias_or_name(rng, ev.place)
            if negate:
                return f"{A} did not sign a memorandum of understanding with the {G}."
            return rng.choice([
                f"{A} signed an MoU with the {G} on {ev.topic}{D}.",
                f"The {G} and {A} inked a memorandum on {ev.topic} in {C}.",
            ])
        if k == "contract":
            M = ev.money.text(rng)
            if negate:
                return f"{B} did not award {A} a contract for {ev.topic}."
            return rng.choice([
                f"{B} awarded {A} a {M} contract to supply {ev.topic}.",
                f"{A} landed a {M} supply deal with {B}{D}.",
            ])
        if k == "investment":
            M, C, J = ev.money.text(rng), e.alias_or_name(rng, ev.place), count(rng, ev.number)
            if negate:
                return f"{A} has no plans to invest in {C}."
            return rng.choice([
                f"{A} will invest {M} in {C}, creating {J} jobs.",
                f"{A} plans a {M} {ev.topic} plant in {C}.",
                f"{A} is investing {M} in {ev.topic} in {C}{D}.",
            ])
        if k == "fine":
            R, M = e.alias_or_name(rng, ev.c), ev.money.text(rng)
            if negate:
                return f"The {R} did not fine {A}."
            return rng.choice([
                f"{A} was fined {M} by the {R}{D}.",
                f"The {R} imposed a {M} penalty on {A} for {ev.topic}.",
            ])
        if k == "blocked":
            G = e.alias_or_name(rng, ev.c)
            if negate:
                return f"The {G} approved {A}'s acquisition of {B}."
            return rng.choice([
                f"The {G} blocked the takeover of {B} by {A}{D}.",
                f"{A} was barred from buying {B} by the {G} on national security grounds.",
            ])
        if k == "shares":
            P = percent(rng, ev.pct)
            up = (ev.number > 0) != negate
            return rng.choice([
                f"{A} shares {'jumped' if up else 'dropped'} {P}{D}.",
                f"{A} stock {'climbed' if up else 'slumped'} {P} after the company {ev.topic}.",
            ])
        if k == "rumour":
            M = ev.money.text(rng)
            if negate:
                return rng.choice([f"{A} did not agree to sell its {ev.topic} business to {B}.",
                                   f"{A} never agreed to sell its {ev.topic} unit to {B}."])
            return rng.choice([
                f"{A} agreed to sell its {ev.topic} unit to {B} for {M}.",
                f"{A} sold its {ev.topic} business to {B}{D}.",
                f"{B} is buying the {ev.topic} business of {A} for {M}.",
            ])
        if k == "denial":
            L = ev.later.text(rng)
            if negate:
                return f"{A} confirmed it agreed to sell its {ev.topic} business to {B}."
            return rng.choice([
                f"{A} rejected reports that it would sell its {ev.topic} business to {B}.",
                f"{A} denied {L} selling its {ev.topic} unit to {B}.",
                f"{A} dismissed as groundless reports of a deal to sell its {ev.topic} arm to {B}.",
            ])
        raise ValueError(k)

    def near_miss(self, ev: Event, rng: random.Random, ents: Entities) -> tuple[str, str]:
        """A paraphrase with one particular changed, and what was changed."""
        options = ["party"]
        if ev.kind != "denial":
            options += ["date", "date"]
        if ev.money is not None and ev.kind != "denial":
            options += ["figure"]
        if ev.place is not None and ev.kind in ("joint_venture", "investment", "mou"):
            options += ["place"]
        what = rng.choice(options)
        if what == "party":
            pool = ents.companies
            slot = "b" if ev.b and rng.random() < 0.6 else "a"
            current = getattr(ev, slot)
            other = current
            while other in (ev.a, ev.b, ev.c) or ents.entities[other]["parent"] == current \
                    or ents.entities[current]["parent"] == other:
                other = rng.choice(pool)
            changed = ev.copy(**{slot: other})
        elif what == "date":
            changed = ev.copy(when=ev.when.shifted(rng))
        elif what == "figure":
            changed = ev.copy(money=ev.money.changed(rng))
        else:
            other = ev.place
            while other == ev.place:
                other = rng.choice(ents.cities)
            changed = ev.copy(place=other)
        # Near misses always carry the changed particular, and the year, so that another
        # statement about the same parties cannot confirm them by chance.
        for _ in range(30):
            text = self.paraphrase(changed, rng)
            if self._carries(changed, what, text):
                return text, what
        return self.statement(changed, rng)[0], what

    def _carries(self, ev: Event, what: str, text: str) -> bool:
        if str(ev.when.day.year) not in text:
            return False
        if what == "figure":
            return f"{ev.money.value:g}" in text
        if what == "place":
            entity = self.e.entities[ev.place]
            return any(name in text for name in (entity["name"], *entity["aliases"]))
        return True


# --- the generator -------------------------------------------------------------------------------

class Generator:
    def __init__(self, statements: int, seed: int, claims: int, per_file: int = STATEMENTS_PER_FILE) -> None:
        self.per_file = per_file
        self.total = statements
        self.seed = seed
        self.rng = random.Random(seed)
        self.crng = random.Random(seed * 7919 + 17)  # claims: never disturbs the store's stream
        n_entities = max(150, min(20_000, statements // 20))
        self.ents = Entities(self.rng, n_entities)
        self.writer = Writer(self.ents)
        # Parties drawn with a skewed popularity, as in real news (a few firms are everywhere).
        self.company_cum = list(itertools.accumulate(1.0 / (i + 5) ** 0.8
                                                     for i in range(len(self.ents.companies))))
        self.claims_wanted = claims
        self.claim_rows: list[dict] = []
        self.claim_picks = self._pick_claim_statements(claims)

    def _pick_claim_statements(self, m: int) -> dict[int, str]:
        """Statement numbers to write claims about, and which kind of claim."""
        if not m:
            return {}
        n_unrelated = m * 15 // 100
        n_near = m * 30 // 100
        n_contra = m * 10 // 100
        n_para = m - n_unrelated - n_near - n_contra
        self.n_unrelated = n_unrelated
        kinds = ["paraphrase"] * n_para + ["near_miss"] * n_near + ["contradiction"] * n_contra
        picks: dict[int, str] = {}
        numbers = self.crng.sample(range(self.total), min(len(kinds), self.total))
        for number, kind in zip(numbers, kinds):
            picks[number] = kind
        # More claims than statements: the extra ones go to statements again.
        for i, kind in enumerate(kinds[len(numbers):]):
            picks.setdefault(self.crng.randrange(self.total), kind)
        return picks

    def company(self, avoid: tuple = ()) -> str:
        while True:
            x = self.rng.random() * self.company_cum[-1]
            i = min(bisect.bisect_left(self.company_cum, x), len(self.company_cum) - 1)
            company = self.ents.companies[i]
            if company not in avoid:
                return company

    def event(self, published: date) -> Event:
        rng, ents = self.rng, self.ents
        kind = rng.choices(_KIND_NAMES, cum_weights=_KIND_CUMULATIVE)[0]
        day = published - timedelta(days=rng.randint(0, 40))
        when = When(day, "month" if rng.random() < 0.12 else "day")
        a = self.company()
        b = self.company(avoid=(a, ents.entities[a]["parent"]))
        while ents.entities[b]["parent"] == a:
            b = self.company(avoid=(a,))
        if kind == "cooperation":
            return Event(kind, a=a, b=b, when=when, topic=rng.choice(FIELDS))
        if kind == "joint_venture":
            return Event(kind, a=a, b=b, when=when, money=Money.random(rng), place=rng.choice(ents.cities),
                         topic=rng.choice(FIELDS))
        if kind == "acquisition":
            return Event(kind, a=a, b=b, when=when, money=Money.random(rng), topic=rng.choice(FIELDS))
        if kind == "stake":
            return Event(kind, a=a, b=b, when=when, money=Money.random(rng), pct=rng.choice(range(3, 61)))
        if kind == "merger_approval":
            cond = rng.choice(["", "", "unconditionally", "on condition that they sell overlapping businesses",
                               "subject to behavioural remedies"])
            return Event(kind, a=a, b=b, c=rng.choice(ents.regulators), when=when, extra=cond)
        if kind == "licence":
            return Event(kind, a=a, c=rng.choice(ents.regulators), when=when, topic=rng.choice(LICENCES))
        if kind == "mou":
            return Event(kind, a=a, c=rng.choice(ents.governments), when=when, place=rng.choice(ents.cities),
                         topic=rng.choice(FIELDS))
        if kind == "contract":
            return Event(kind, a=a, b=b, when=when, money=Money.random(rng), topic=rng.choice(FIELDS))
        if kind == "investment":
            return Event(kind, a=a, when=when, money=Money.random(rng), place=rng.choice(ents.cities),
                         topic=rng.choice(FIELDS), number=rng.choice(range(150, 5000, 50)))
        if kind == "fine":
            return Event(kind, a=a, c=rng.choice(ents.regulators), when=when, money=Money.random(rng),
                         topic=rng.choice(FINE_REASONS))
        if kind == "blocked":
            return Event(kind, a=a, b=b, c=rng.choice(ents.governments), when=when)
        if kind == "shares":
            reason = rng.randrange(len(BUYBACK_REASONS))
            return Event(kind, a=a, when=When(day), pct=rng.choice(range(2, 40)), topic=BUYBACK_REASONS[reason],
                         number=1 if reason < 4 else -1)
        if kind == "rumour":
            later = When(day + timedelta(days=rng.randint(1, 4)))
            speaker = rng.choice(ents.persons) if rng.random() < 0.4 else None
            return Event(kind, a=a, b=b, when=When(day), money=Money.random(rng), topic=rng.choice(FIELDS),
                         later=later, speaker=speaker)
        raise ValueError(kind)

    def run(self, out: Path) -> dict:
        started = time.perf_counter()
        if out.exists():
            shutil.rmtree(out)
        (out / "documents").mkdir(parents=True)
        rng = self.rng
        sources: list[str] = []
        ids: set[str] = set()
        file_number = 0
        in_file = 0
        handle = None
        number = 0
        day0 = date(2011, 1, 1)
        span = (date(2024, 12, 31) - day0).days
        while number < self.total:
            published = day0 + timedelta(days=rng.randint(60, span))
            publisher = rng.choice(PUBLISHERS)
            source_id = f"{slug(publisher)}-{published.isoformat()}-{len(sources) + 1}"
            document = f"documents/{source_id}.txt"
            size = rng.randint(50, 200)
            paragraphs: list[str] = []
            headline = None
            items = 0
            while items < size and number < self.total:
                ev = self.event(published)
                events = [ev]
                if ev.kind == "rumour":
                    if self.total - number < 2:
                        continue
                    denial = ev.copy(when=ev.later)
                    denial.kind = "denial"
                    events.append(denial)
                for item in events:
                    claim, deal, parties, places, quote = self.writer.statement(item, rng)
                    if headline is None:
                        headline = claim.rstrip(".")
                    verdict = "denied" if item.kind == "rumour" else "supported"
                    base = f"{'-'.join(parties[:2])}-{item.when.iso}-{item.kind.replace('_', '-')}"
                    statement_id, k = base, 1
                    while statement_id in ids:
                        k += 1
                        statement_id = f"{base}-{k}"
                    ids.add(statement_id)
                    citations = [quote]
                    if item.kind == "rumour":
                        # the rumour cites the report and, as the shipped store does, the denial
                        _, _, _, _, denial_quote = self.writer.statement(events[1], random.Random(0))
                        citations.append(denial_quote)
                    if handle is None or in_file >= self.per_file:
                        if handle:
                            handle.close()
                        file_number += 1
                        in_file = 0
                        handle = (out / f"statements-{file_number:05d}.yaml").open("w", encoding="utf-8")
                        handle.write(f"# generated by benchmarks/synthetic_store.py: {self.total} statements, "
                                     f"seed {self.seed}\nversion: 1\nstatements:\n")
                    lines = [(f"  - id: {q(statement_id)}\n    claim: {q(claim)}\n    verdict: {verdict}\n"
                              f"    parties: {qlist(parties)}\n    deal: {q(deal)}\n    date: {q(item.when.iso)}\n")]
                    if places:
                        lines.append(f"    places: {qlist(places)}\n")
                    if item.kind == "denial":
                        said_by = item.speaker or item.a
                        lines.append(f"    said_by: {q(said_by)}\n    said_on: {q(item.later.iso)}\n")
                    lines.append("    citations:\n")
                    for cited in citations:
                        lines.append(f"      - {{source: {q(source_id)}, quote: {q(cited)}}}\n")
                    handle.write("".join(lines))
                    in_file += 1
                    pick = self.claim_picks.get(number)
                    if pick:
                        self._claims_for(item, pick, statement_id, verdict, document)
                    if item.kind != "denial" or len(paragraphs) == 0:
                        paragraphs.append(quote)
                    else:
                        paragraphs[-1] += " " + quote
                    if rng.random() < 0.25:
                        paragraphs[-1] += " " + rng.choice(FILLERS)
                    number += 1
                    items += 1
            title = f"{headline}, and more deals news"
            author = rng.choice(AUTHORS)
            url = f"https://{slug(publisher).replace('-', '')}.example/{published:%Y/%m/%d}/deals-briefing-{len(sources) + 1}"
            text = (f"{publisher} deals briefing, {published.day} {MONTHS[published.month - 1]} {published.year}\n"
                    f"By {author}\n\n" + "\n\n".join(paragraphs) + "\n")
            (out / document).write_text(text, encoding="utf-8")
            sources.append(f"  {source_id}: {{title: {q(title)}, publisher: {q(publisher)}, "
                           f"published: {q(published.isoformat())}, url: {q(url)}, document: {q(document)}, "
                           f"author: {q(author)}}}\n")
        if handle:
            handle.close()
        with (out / "entities.yaml").open("w", encoding="utf-8") as f:
            f.write(f"# generated by benchmarks/synthetic_store.py: entities and sources for {self.total} "
                    f"statements, seed {self.seed}\nversion: 1\nentities:\n")
            f.write(self.ents.yaml())
            f.write("sources:\n")
            f.writelines(sources)
            f.write("statements: []\n")
        for path in out.glob("*.yaml"):
            if path.stat().st_size > MAX_FILE_BYTES:
                raise SystemExit(f"{path} is over 64 MiB: lower STATEMENTS_PER_FILE")
        if self.claims_wanted:
            self._unrelated_claims()
            self.crng.shuffle(self.claim_rows)
            with (out / "claims.jsonl").open("w", encoding="utf-8") as f:
                for i, row in enumerate(self.claim_rows[:self.claims_wanted], start=1):
                    row = {"id": f"c{i:06d}", **row}
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
        info = {"generator": GENERATOR_VERSION, "statements": self.total, "seed": self.seed,
                "claims": min(self.claims_wanted, len(self.claim_rows)), "entities": len(self.ents.entities),
                "sources": len(sources), "statement_files": file_number,
                "seconds": round(time.perf_counter() - started, 2)}
        (out / "generated.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
        return info

    def _claims_for(self, ev: Event, kind: str, statement_id: str, verdict: str, document: str) -> None:
        rng = self.crng
        row = {"kind": kind, "statement": statement_id, "document": document}
        if kind == "paraphrase":
            text, expect = self.writer.paraphrase(ev, rng), verdict
        elif kind == "contradiction":
            text = self.writer.paraphrase(ev, rng, negate=True)
            expect = "supported" if verdict == "denied" else "denied"
        else:
            text, what = self.writer.near_miss(ev, rng, self.ents)
            expect = "unverified"
            row = {"kind": kind, "statement": statement_id, "document": None, "changed": what}
        self.claim_rows.append({"claim": text, "expect": expect, "expected": expect, **row})

    def _unrelated_claims(self) -> None:
        rng, ents = self.crng, self.ents
        for i in range(getattr(self, "n_unrelated", 0)):
            year = rng.randint(2011, 2024)
            month = MONTHS[rng.randrange(12)]
            if i % 2 == 0:
                x, y = outsider_company(rng), outsider_company(rng)
                text = rng.choice([
                    f"{x} signed a strategic cooperation agreement with {y} in {month} {year}.",
                    f"{x} agreed to acquire {y} for ${rng.randint(11, 99) / 10:g} billion.",
                    f"{x} and {y} set up a joint venture in {ents.name(rng.choice(ents.cities))}.",
                    f"{x} received a {rng.choice(LICENCES)} in {month} {year}.",
                ])
            else:
                a = rng.choice(ents.companies)
                text = rng.choice([
                    f"{ents.name(a)} appointed a new chief executive in {month} {year}.",
                    f"{ents.name(a)} moved its headquarters to {ents.name(rng.choice(ents.cities))} in {year}.",
                    f"{ents.name(a)} reported a net loss for {year}.",
                    f"{ents.name(a)} opened a research centre for {rng.choice(FIELDS)} in {month} {year}.",
                    f"{ents.name(a)} recalled {rng.randint(2, 90) * 1000:,} products in {month} {year}.",
                ])
            self.claim_rows.append({"claim": text, "expect": "unverified", "expected": "unverified",
                                    "kind": "unrelated", "statement": None, "document": None})


def generate(statements: int, out: Path, seed: int = 1, claims: int = 0, per_file: int = STATEMENTS_PER_FILE) -> dict:
    return Generator(statements, seed, claims, per_file).run(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.splitlines()[2:]))
    parser.add_argument("--statements", type=int, required=True, metavar="N", help="number of statements")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="folder to write (replaced if it exists)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--claims", type=int, default=0, metavar="M", help="also write M test claims to DIR/claims.jsonl")
    parser.add_argument("--per-file", type=int, default=STATEMENTS_PER_FILE, metavar="K",
                        help=f"statements per statements file (default {STATEMENTS_PER_FILE:,})")
    args = parser.parse_args()
    if args.statements < 1:
        parser.error("--statements must be at least 1")
    if args.out.exists() and any(args.out.iterdir()) and not (args.out / "generated.json").exists():
        parser.error(f"{args.out} exists and was not written by this script; not replacing it")
    info = generate(args.statements, args.out, args.seed, args.claims, args.per_file)
    print(f"wrote {info['statements']} statements ({info['statement_files']} files), {info['entities']} entities, "
          f"{info['sources']} sources, {info['claims']} claims to {args.out} in {info['seconds']:.1f} s",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
