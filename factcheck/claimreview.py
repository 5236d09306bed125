"""schema.org ClaimReview, the format fact-checkers exchange their verdicts in, both ways.

Export writes one ClaimReview per statement. Everything a statement holds travels in standard
schema.org properties, so `export` then `import` into an empty store gives the same statements:

| store                   | ClaimReview JSON-LD                                                     |
|-------------------------|-------------------------------------------------------------------------|
| id                      | identifier                                                              |
| claim                   | claimReviewed                                                           |
| verdict                 | reviewRating: supported 5/5 "True", denied 1/5 "False"                  |
| parties                 | itemReviewed (a Claim).about: one node per entity                       |
| places                  | itemReviewed.spatialCoverage                                            |
| deal                    | itemReviewed.keywords                                                   |
| date (of the event)     | itemReviewed.temporalCoverage                                           |
| said_by, said_on        | itemReviewed.author, itemReviewed.datePublished                         |
| citations               | citation: Quotation {text: quote, isPartOf: the source}                 |
| source                  | CreativeWork {identifier, headline, publisher, datePublished, url,      |
|                         |   author, archivedAt: the archived document's path}                     |
| entity                  | {identifier, name, alternateName: aliases, additionalType: kind,        |
|                         |   @type by kind, parentOrganization / containedInPlace: the parent}    |

The review's own url, datePublished, author and publisher are those of the first cited source,
and itemReviewed.appearance lists the cited sources. Notes and `url_verified` are not exported
(the loaded store does not keep them).

Import reads one ClaimReview, a list, or a page's `{"@graph": [...]}` (nodes given only by
`@id` are looked up in the graph). Ratings map to verdicts by `RATINGS`; a review whose rating is
not there, or is there as `None`, is reported and skipped, as is one without a quoted, archived
source: the store only records what a document it holds says. Numeric ratings are the fallback
for textual ones the table does not know: the top quarter of the scale is supported, the bottom
quarter denied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .bounded import MiB
from .errors import InputError, line_column
from .ids import ID_PATTERN, PROPOSE_ID, slug
from .inputs import lone_surrogate
from .store import Citation, Entity, Source, Statement, Store

SCHEMA = "https://schema.org"
BEST, WORST = 5, 1
RATING_NAMES = {"supported": "True", "denied": "False"}
KIND_TYPES = {"company": "Corporation", "regulator": "GovernmentOrganization",
              "government": "GovernmentOrganization", "organisation": "Organization",
              "person": "Person", "place": "Place"}
TYPE_KINDS = {"Corporation": "company", "Organization": "organisation", "NGO": "organisation",
              "GovernmentOrganization": "government", "Person": "person", "Place": "place",
              "Country": "place", "City": "place", "State": "place", "AdministrativeArea": "place"}
PARENT_KEYS = ("parentOrganization", "containedInPlace", "affiliation")

RATINGS: dict[str, str | None] = {
    # supported: the claim is true
    "true": "supported", "correct": "supported", "accurate": "supported", "mostly true": "supported",
    "mostly correct": "supported", "mostly accurate": "supported", "verified": "supported",
    "confirmed": "supported", "supported": "supported", "real": "supported", "geppetto checkmark": "supported",
    # denied: the claim is false
    "false": "denied", "incorrect": "denied", "inaccurate": "denied", "mostly false": "denied",
    "pants on fire": "denied", "fake": "denied", "fabricated": "denied",
    "baseless": "denied", "wrong": "denied", "denied": "denied", "hoax": "denied",
    "four pinocchios": "denied", "three pinocchios": "denied",
    # neither: partly true, or true but slanted; a store verdict would overstate them
    "half true": None, "half-true": None, "mixture": None, "mixed": None, "misleading": None,
    "missing context": None, "needs context": None, "lacks context": None, "exaggerated": None,
    "partly false": None, "partly true": None, "unproven": None, "unverified": None,
    "unsupported": None, "satire": None, "outdated": None, "two pinocchios": None, "one pinocchio": None,
}
"""Textual ratings (alternateName, else name; any case) and the verdict each maps to."""

_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")


# --- export ----------------------------------------------------------------------------------


def export(store: Store) -> dict[str, Any]:
    """A JSON-LD document: `{"@context": "https://schema.org", "@graph": [ClaimReview, …]}`."""
    return {"@context": SCHEMA, "@graph": [claim_review(store, s) for s in store.statements]}


def claim_review(store: Store, statement: Statement) -> dict[str, Any]:
    sources = [store.sources[c.source] for c in statement.citations]
    first = sources[0]
    claim: dict[str, Any] = {
        "@type": "Claim",
        "appearance": [{"@type": "CreativeWork", "url": s.url, "headline": s.title,
                        "datePublished": s.published} for s in {s.id: s for s in sources}.values()],
        "about": [_entity_node(store, p) for p in statement.parties],
    }
    if statement.places:
        claim["spatialCoverage"] = [_entity_node(store, p) for p in statement.places]
    if statement.deal:
        claim["keywords"] = statement.deal
    if statement.date:
        claim["temporalCoverage"] = statement.date
    if statement.said_by:
        claim["author"] = _entity_node(store, statement.said_by)
    if statement.said_on:
        claim["datePublished"] = statement.said_on
    publisher = {"@type": "Organization", "name": first.publisher}
    return {
        "@type": "ClaimReview",
        "identifier": statement.id,
        "url": first.url,
        "claimReviewed": statement.claim,
        "datePublished": first.published,
        "author": {"@type": "Person", "name": first.author} if first.author else publisher,
        "publisher": publisher,
        "reviewRating": {"@type": "Rating", "ratingValue": BEST if statement.verdict == "supported" else WORST,
                         "bestRating": BEST, "worstRating": WORST,
                         "alternateName": RATING_NAMES[statement.verdict]},
        "itemReviewed": claim,
        "citation": [{"@type": "Quotation", "text": c.quote, "isPartOf": _source_node(store.sources[c.source])}
                     for c in statement.citations],
    }


def _entity_node(store: Store, entity_id: str) -> dict[str, Any]:
    entity = store.entities[entity_id]
    node: dict[str, Any] = {"@type": KIND_TYPES[entity.kind], "identifier": entity.id, "name": entity.name,
                            "additionalType": entity.kind}
    if entity.aliases:
        node["alternateName"] = list(entity.aliases)
    if entity.parent and entity.parent in store.entities:
        key = {"place": "containedInPlace", "person": "affiliation"}.get(entity.kind, "parentOrganization")
        node[key] = _entity_node(store, entity.parent)
    return node


def _source_node(source: Source) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "CreativeWork", "identifier": source.id, "headline": source.title,
                            "publisher": {"@type": "Organization", "name": source.publisher},
                            "datePublished": source.published, "url": source.url,
                            "archivedAt": source.document}
    if source.author:
        node["author"] = {"@type": "Person", "name": source.author}
    return node


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unmapped:
    item: int
    """1-based position of the review in the input (in its list or @graph)."""
    reason: str


@dataclass(frozen=True)
class Imported:
    """Reviews read into store records; `items[i]` is the input position of `statements[i]`."""

    entities: tuple[Entity, ...]
    sources: tuple[Source, ...]
    statements: tuple[Statement, ...]
    items: tuple[int, ...]
    unmapped: tuple[Unmapped, ...]


MAX_IMPORT_BYTES = 256 * MiB
"""A ClaimReview file larger than this is refused: four times what one store file may hold."""


class Unmappable(ValueError):
    """A review that cannot become a statement; the message says why."""


def read_json(raw: bytes, name: str) -> Any:
    """Parsed JSON, or InputError with the line and column of the first fault."""
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text)
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", name) from None
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", name, exc.lineno, exc.colno) from None
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", name) from None
    lone = lone_surrogate(text) if "\\u" in text else None
    if lone:
        raise InputError(lone.message, name, *line_column(text, lone.offset))
    return data


def from_json_ld(data: Any, name: str = "<input>") -> Imported:
    """Store records from ClaimReview JSON-LD: one object, a list, or `{"@graph": [...]}`."""
    graph = data.get("@graph") if isinstance(data, dict) and "@graph" in data else None
    nodes = graph if graph is not None else (data if isinstance(data, list) else [data])
    if not isinstance(nodes, list):
        raise InputError("@graph is not a list", name)
    by_id = {n["@id"]: n for n in nodes if isinstance(n, dict) and isinstance(n.get("@id"), str)}
    reader = _Reader(by_id)
    statements: list[Statement] = []
    items: list[int] = []
    unmapped: list[Unmapped] = []
    for number, node in enumerate(nodes, start=1):
        if not _is_type(node, "ClaimReview"):
            if graph is None:  # in a page's graph, other nodes are the page itself, its publisher…
                unmapped.append(Unmapped(number, f"not a ClaimReview (@type {_types(node) or 'missing'})"))
            continue
        try:
            statements.append(reader.review(node))
            items.append(number)
        except Unmappable as exc:
            unmapped.append(Unmapped(number, str(exc)))
    if not statements and not unmapped:
        unmapped.append(Unmapped(0, "no ClaimReview found"))
    return Imported(tuple(reader.entities.values()), tuple(reader.sources.values()), tuple(statements),
                    tuple(items), tuple(unmapped))


def verdict_of(rating: Any) -> str:
    """The verdict a Rating stands for, by `RATINGS` then its numeric scale; Unmappable if neither."""
    if not isinstance(rating, dict):
        raise Unmappable("no reviewRating")
    texts = [t for t in (rating.get("alternateName"), rating.get("name")) if isinstance(t, str) and t.strip()]
    for text in texts:
        key = " ".join(text.lower().split()).rstrip(".!")
        if key in RATINGS:
            if RATINGS[key] is None:
                raise Unmappable(f"rating '{text}' is neither supported nor denied")
            return RATINGS[key]  # type: ignore[return-value]
    try:
        value = float(rating["ratingValue"])
        best = float(rating.get("bestRating", BEST))
        worst = float(rating.get("worstRating", WORST))
        position = (value - worst) / (best - worst)
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        position = None
    if position is not None and position >= 0.75:
        return "supported"
    if position is not None and position <= 0.25:
        return "denied"
    shown = f"'{texts[0]}'" if texts else f"{rating.get('ratingValue')!r}"
    raise Unmappable(f"rating {shown} is not in the rating table and its ratingValue is not at either end "
                     "of its scale")


def _is_type(node: Any, name: str) -> bool:
    return isinstance(node, dict) and name in _types(node).split(", ")


def _types(node: Any) -> str:
    kind = node.get("@type") if isinstance(node, dict) else None
    return ", ".join(kind) if isinstance(kind, list) else str(kind or "")


def _date(value: Any, what: str) -> str | None:
    if value in (None, ""):
        return None
    match = _DATE.match(str(value).strip())
    if not match:
        raise Unmappable(f"{what} {value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    return match.group(1)


def _text(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, list):
        value = ", ".join(filter(None, (_text(v) for v in value)))
    return value.strip() if isinstance(value, str) and value.strip() else None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


class _Reader:
    """Reads reviews one by one, collecting the entities and sources they need (first wins)."""

    def __init__(self, by_id: dict[str, Any]) -> None:
        self.by_id = by_id
        self.entities: dict[str, Entity] = {}
        self.sources: dict[str, Source] = {}

    def node(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return self.by_id.get(value["@id"], value)
        return value

    def review(self, review: dict[str, Any]) -> Statement:
        claim = review.get("claimReviewed")
        if not isinstance(claim, str) or not claim.strip():
            raise Unmappable("no claimReviewed")
        verdict = verdict_of(self.node(review.get("reviewRating")))
        item = self.node(review.get("itemReviewed"))
        item = item if isinstance(item, dict) else {}
        entities: dict[str, Entity] = {}
        parties = [self.entity(self.node(n), entities) for n in _as_list(item.get("about"))]
        places = [self.entity(self.node(n), entities, "place") for n in _as_list(item.get("spatialCoverage"))]
        author = self.node(item.get("author"))
        said_by = self.entity(author, entities) if isinstance(author, dict) else None
        sources: dict[str, Source] = {}
        citations = [self.citation(self.node(c), sources) for c in _as_list(review.get("citation"))]
        citations = [c for c in citations if c is not None]
        if not citations:
            raise Unmappable("no citation quoting an archived source "
                             "(Quotation with text and isPartOf with archivedAt)")
        identifier = review.get("identifier")
        statement = Statement(
            id=identifier if isinstance(identifier, str) and ID_PATTERN.match(identifier) else PROPOSE_ID,
            claim=claim.strip(), verdict=verdict,
            parties=tuple(dict.fromkeys(p for p in parties if p)), citations=tuple(citations),
            deal=_text(item.get("keywords")),
            date=_date(item.get("temporalCoverage"), "itemReviewed.temporalCoverage"),
            places=tuple(dict.fromkeys(p for p in places if p)), said_by=said_by,
            said_on=_date(item.get("datePublished"), "itemReviewed.datePublished"))
        for entity in entities.values():  # kept only once the whole review could be read
            self.entities.setdefault(entity.id, entity)
        for source in sources.values():
            self.sources.setdefault(source.id, source)
        return statement

    def entity(self, node: Any, found: dict[str, Entity], default_kind: str = "organisation") -> str | None:
        if not isinstance(node, dict):
            return None
        name = _text(node.get("name"))
        identifier = node.get("identifier")
        entity_id = identifier if isinstance(identifier, str) and ID_PATTERN.match(identifier) else slug(name or "")
        if not name or not entity_id:
            return None
        kind = node.get("additionalType")
        if kind not in KIND_TYPES:
            kind = next((TYPE_KINDS[t] for t in _types(node).split(", ") if t in TYPE_KINDS), default_kind)
        parents = [self.node(node.get(k)) for k in PARENT_KEYS]
        parent = next((self.entity(p, found) for p in parents if isinstance(p, dict)), None)
        aliases = tuple(a for a in _as_list(node.get("alternateName")) if isinstance(a, str) and a.strip())
        found.setdefault(entity_id, self.entities.get(entity_id) or Entity(entity_id, name, kind, aliases, parent))
        return entity_id

    def citation(self, node: Any, found: dict[str, Source]) -> Citation | None:
        if not isinstance(node, dict) or not isinstance(node.get("text"), str) or not node["text"].strip():
            return None
        work = self.node(node.get("isPartOf"))
        if not isinstance(work, dict):
            return None
        document = work.get("archivedAt")
        document = document.get("url") if isinstance(document, dict) else document
        title, url = _text(work.get("headline") or work.get("name")), work.get("url")
        publisher = _text(self.node(work.get("publisher")))
        published = _date(work.get("datePublished"), "datePublished of a cited source")
        if not (isinstance(document, str) and document.strip() and title and publisher and published
                and isinstance(url, str)):
            return None
        identifier = work.get("identifier")
        source_id = (identifier if isinstance(identifier, str) and ID_PATTERN.match(identifier)
                     else slug(f"{publisher} {published} {title}", 10))
        if source_id not in found:
            found[source_id] = self.sources.get(source_id) or Source(
                source_id, title, publisher, published, url, document, Path(document),
                _text(self.node(work.get("author"))))
        return Citation(source_id, node["text"])
