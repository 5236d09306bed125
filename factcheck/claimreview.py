"""schema.org ClaimReview, the format fact-checkers publish their verdicts in, both ways.

**Export** writes one ClaimReview per statement, as the store's own reviewer (the newsroom, from
the store's `reviewer:` or the command line) publishes it:

| store                   | ClaimReview JSON-LD                                                     |
|-------------------------|-------------------------------------------------------------------------|
| reviewer                | author and publisher: Organization {name, url, logo}                    |
| id                      | identifier; url from the reviewer's review_url template                 |
| claim                   | claimReviewed                                                           |
| verdict                 | reviewRating: supported 5/5 "True", denied 1/5 "False"                  |
| parties                 | itemReviewed (a Claim).about: one node per entity                       |
| places                  | itemReviewed.spatialCoverage                                            |
| deal                    | itemReviewed.keywords                                                   |
| date (of the event)     | itemReviewed.temporalCoverage                                           |
| said_by, said_on        | itemReviewed.author, itemReviewed.datePublished (who made the claim)    |
| appeared_in             | itemReviewed.appearance (where the claim appeared), firstAppearance     |
| quote citations         | citation: Quotation {text, isPartOf: the source, archivedAt: its copy}  |
| review citations        | citation: the other fact-checker's ClaimReview                          |

**Import** reads what fact-checkers and aggregators publish: ClaimReview objects, lists, pages'
`@graph`, DataCommons feeds (`DataFeed` with `dataFeedElement`, items bare or in `DataFeedItem`),
Google Fact Check Tools API responses (`claims[].claimReview[]`), and JSON Lines of any of these.
Every property may be one value or a list. A review becomes a review source (the reviewer, date,
address, rating and claim as reviewed) and a statement citing it; quotes of an archived document
that the store can read (a relative `archivedAt`) are cited too, as our own export writes them.
Parties and the claim's author become entities, matched to the store's by name and alias. The
review's address and claim are its key: a review already in the store is skipped, updated, or
stops the import (`on_existing`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urljoin

from .bounded import MiB
from .errors import InputError, line_column
from .ids import ID_PATTERN, PROPOSE_ID, slug
from .inputs import lone_surrogate
from .ratings import Rating, UnmappedRating, verdict_of
from .store import Citation, Entity, Review, Reviewer, Source, Statement, Store

SCHEMA = "https://schema.org"
BEST, WORST = 5, 1
RATING_NAMES = {"supported": "True", "denied": "False"}
KIND_TYPES = {"company": "Corporation", "regulator": "GovernmentOrganization",
              "government": "GovernmentOrganization", "organisation": "Organization",
              "person": "Person", "place": "Place"}
TYPE_KINDS = {"Corporation": "company", "Organization": "organisation", "NGO": "organisation",
              "NewsMediaOrganization": "organisation", "GovernmentOrganization": "government",
              "Person": "person", "Place": "place", "Country": "place", "City": "place", "State": "place",
              "AdministrativeArea": "place"}
PARENT_KEYS = ("parentOrganization", "containedInPlace", "affiliation")
ON_EXISTING = ("skip", "update", "fail")
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")


# --- export ----------------------------------------------------------------------------------


class ExportError(ValueError):
    """The store cannot be published as reviews: the message says what is missing."""


def export(store: Store, reviewer: Reviewer | None = None) -> dict[str, Any]:
    """A JSON-LD document, `{"@context": "https://schema.org", "@graph": [ClaimReview, …]}`, of
    the store's statements as `reviewer` (default: the store's own) publishes them."""
    reviewer = reviewer or store.reviewer
    if reviewer is None or not reviewer.review_url:
        raise ExportError("no reviewer to publish the reviews as: give the store a 'reviewer:' with name, url and "
                          "review_url, or --reviewer-name, --reviewer-url and --review-url")
    return {"@context": SCHEMA, "@graph": [claim_review(store, s, reviewer) for s in store.statements]}


def claim_review(store: Store, statement: Statement, reviewer: Reviewer) -> dict[str, Any]:
    """One statement as the ClaimReview `reviewer` publishes: Google's required claimReviewed,
    reviewRating (with alternateName) and url, and its recommended author, datePublished and
    itemReviewed (a Claim with the author, date and appearance of the claim)."""
    claim: dict[str, Any] = {"@type": "Claim"}
    if statement.said_by:
        claim["author"] = _entity_node(store, statement.said_by)
    if statement.said_on:
        claim["datePublished"] = statement.said_on
    if statement.appeared_in:
        claim["firstAppearance"] = {"@type": "CreativeWork", "url": statement.appeared_in[0]}
        claim["appearance"] = [{"@type": "CreativeWork", "url": url} for url in statement.appeared_in]
    claim["about"] = [_entity_node(store, p) for p in statement.parties]
    if statement.places:
        claim["spatialCoverage"] = [_entity_node(store, p) for p in statement.places]
    if statement.deal:
        claim["keywords"] = statement.deal
    if statement.date:
        claim["temporalCoverage"] = statement.date
    organisation: dict[str, Any] = {"@type": "Organization", "name": reviewer.name, "url": reviewer.url}
    if reviewer.logo:
        organisation["logo"] = {"@type": "ImageObject", "url": reviewer.logo}
    evidence = [store.sources[c.source] for c in statement.citations]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "identifier": statement.id,
        "url": reviewer.review_url.replace("{id}", statement.id),  # type: ignore[union-attr]
        "claimReviewed": statement.claim,
        "author": organisation,
        "publisher": organisation,
        "datePublished": max(s.published for s in evidence),
        "reviewRating": {"@type": "Rating", "ratingValue": BEST if statement.verdict == "supported" else WORST,
                         "bestRating": BEST, "worstRating": WORST,
                         "alternateName": RATING_NAMES[statement.verdict]},
        "itemReviewed": claim,
        "citation": [_citation_node(store.sources[c.source], c, reviewer) for c in statement.citations],
    }
    return review


def _citation_node(source: Source, citation: Citation, reviewer: Reviewer) -> dict[str, Any]:
    if citation.quote is None and source.review is not None:
        rating: dict[str, Any] = {"@type": "Rating", "alternateName": source.review.rating}
        for key, value in (("ratingValue", source.review.rating_value), ("bestRating", source.review.best_rating),
                           ("worstRating", source.review.worst_rating)):
            if value is not None:
                rating[key] = value
        node: dict[str, Any] = {"@type": "ClaimReview", "identifier": source.id, "url": source.url,
                                "claimReviewed": source.review.claim, "datePublished": source.published,
                                "author": {"@type": "Organization", "name": source.publisher},
                                "reviewRating": rating}
        if source.title:
            node["headline"] = source.title
        return node
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": source.id, "headline": source.title,
                            "publisher": {"@type": "Organization", "name": source.publisher},
                            "datePublished": source.published, "url": source.url,
                            "archivedAt": urljoin(reviewer.archive_url, source.document)  # type: ignore[type-var]
                            if reviewer.archive_url else source.document}
    if source.author:
        work["author"] = {"@type": "Person", "name": source.author}
    return {"@type": "Quotation", "text": citation.quote, "isPartOf": work}


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


# --- reading the input -----------------------------------------------------------------------


MAX_IMPORT_BYTES = 256 * MiB
"""A ClaimReview file larger than this is refused: four times what one store file may hold."""


@dataclass(frozen=True)
class Found:
    """A review found in the input, in the ClaimReview shape (API records are turned into it)."""

    number: int
    """1-based position among the reviews of the input, in reading order."""
    node: Any
    by_id: dict[str, Any] = field(default_factory=dict, compare=False)
    """The nodes of its page's @graph by @id, for references such as `{"@id": "#org"}`."""


def read_reviews(raw: bytes, name: str) -> list[Found]:
    """Every review of a ClaimReview file or JSON Lines stream; InputError (with line and column)
    when the input is not JSON, or a line of it is not."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})", name, *line_column(raw, exc.start)) from None
    lone = lone_surrogate(text) if "\\u" in text else None
    if lone:
        raise InputError(lone.message, name, *line_column(text, lone.offset))
    try:
        documents = [json.loads(text)]
    except json.JSONDecodeError as exc:
        if exc.msg != "Extra data":
            raise InputError(f"invalid JSON: {exc.msg}", name, exc.lineno, exc.colno) from None
        documents = list(_json_lines(text, name))
    except RecursionError:
        raise InputError("invalid JSON: nested too deeply", name) from None
    found: list[Found] = []
    for document in documents:
        for node, by_id in _review_nodes(document, {}):
            found.append(Found(len(found) + 1, node, by_id))
    return found


def _json_lines(text: str, name: str) -> Iterator[Any]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"invalid JSON Lines: {exc.msg}", name, number, exc.colno) from None
        except RecursionError:
            raise InputError("invalid JSON: nested too deeply", name, number) from None


def _review_nodes(data: Any, by_id: dict[str, Any]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """ClaimReview-shaped nodes in reading order; anything else is yielded as itself (to be
    reported), except the other nodes of a page's @graph (the page, its publisher …)."""
    if isinstance(data, list):
        for item in data:
            yield from _review_nodes(item, by_id)
    elif isinstance(data, dict) and isinstance(data.get("@graph"), list):
        graph = data["@graph"]
        ids = by_id | {n["@id"]: n for n in graph if isinstance(n, dict) and isinstance(n.get("@id"), str)}
        for node in graph:
            if _is_type(node, "ClaimReview") or _is_type(node, "DataFeed"):
                yield from _review_nodes(node, ids)
    elif _is_type(data, "DataFeed"):
        for element in _as_list(data.get("dataFeedElement")):
            items = _as_list(element.get("item")) if _is_type(element, "DataFeedItem") else [element]
            for item in items:
                yield from _review_nodes(item, by_id)
    elif isinstance(data, dict) and isinstance(data.get("claims"), list) and "@type" not in data:
        for claim in data["claims"]:  # a Fact Check Tools API search response
            yield from _review_nodes(claim, by_id)
    elif isinstance(data, dict) and "claimReview" in data and "@type" not in data:
        for review in _as_list(data["claimReview"]):  # one claim of the API, with its reviews
            yield _api_review(data, review), by_id
    else:
        yield data, by_id


def _api_review(claim: dict[str, Any], review: Any) -> Any:
    """A Fact Check Tools API claim review in the ClaimReview shape it stands for."""
    if not isinstance(review, dict):
        return review
    publisher = review.get("publisher") if isinstance(review.get("publisher"), dict) else {}
    site = publisher.get("site")
    author = {"@type": "Organization", "name": publisher.get("name") or site,
              "url": f"https://{site}" if isinstance(site, str) and site else None}
    return {"@type": "ClaimReview", "claimReviewed": claim.get("text"), "url": review.get("url"),
            "headline": review.get("title"), "datePublished": review.get("reviewDate"), "author": author,
            "reviewRating": {"@type": "Rating", "alternateName": review.get("textualRating")},
            "itemReviewed": {"@type": "Claim", "author": claim.get("claimant"), "datePublished": claim.get("claimDate")}}


def _is_type(node: Any, name: str) -> bool:
    return isinstance(node, dict) and name in _types(node)


def _types(node: Any) -> list[str]:
    kind = node.get("@type") if isinstance(node, dict) else None
    return [str(k).removeprefix("http://schema.org/").removeprefix("https://schema.org/")
            for k in _as_list(kind)]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


# --- reviews into store records ----------------------------------------------------------------


class Unmappable(ValueError):
    """A review that cannot become a statement. `kind` is the short reason the summary counts;
    the message gives the details."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind = kind


@dataclass(frozen=True)
class Outcome:
    """One review of the input: imported (its statement), skipped, or rejected (why)."""

    number: int
    status: str
    """new | update | skipped | rejected"""
    reason: str = ""
    kind: str = ""
    """The reason's short form, counted in the summary."""
    statement: Statement | None = None


@dataclass(frozen=True)
class Imported:
    """Store records read from reviews: new entities, sources and statements, and the sources and
    statements that replace stored ones (`on_existing="update"`)."""

    entities: tuple[Entity, ...]
    sources: tuple[Source, ...]
    statements: tuple[Statement, ...]
    replaced_sources: tuple[Source, ...]
    replaced_statements: tuple[Statement, ...]
    outcomes: tuple[Outcome, ...]


def review_key(url: str, claim: str) -> tuple[str, str]:
    """What identifies a published review: its address and the claim it rates (a page may rate
    several claims)."""
    return url.strip(), " ".join(claim.casefold().split())


def import_reviews(found: list[Found], store: Store, on_existing: str = "skip",
                   document_root: Path | None = None) -> Imported:
    """Store records for the reviews `found`, against the `store` they are to join.

    A quote citation is kept when its document (a relative `archivedAt`) is a file under
    `document_root`, where the store reads documents from; without one, quotes are left out and
    the statement cites the review alone."""
    reader = _Reader(store, on_existing, document_root)
    outcomes = []
    for review in found:
        try:
            outcomes.append(reader.review(review))
        except Unmappable as exc:
            outcomes.append(Outcome(review.number, "rejected", str(exc), exc.kind))
    if not found:
        outcomes.append(Outcome(0, "rejected", "no ClaimReview found", "no ClaimReview found"))
    return Imported(tuple(reader.new_entities.values()), tuple(reader.new_sources.values()),
                    tuple(o.statement for o in outcomes if o.status == "new"),  # type: ignore[misc]
                    tuple(reader.replaced_sources.values()),
                    tuple(o.statement for o in outcomes if o.status == "update"),  # type: ignore[misc]
                    tuple(outcomes))


def rating_of(node: Any) -> Rating:
    """A schema.org Rating (or a bare name or number) as `ratings.Rating`."""
    if not isinstance(node, dict):
        return Rating(_text(node)) if isinstance(node, str) else Rating(value=_number(node))
    texts = [_text(node.get(key)) for key in ("alternateName", "name")]
    return Rating(next((t for t in texts if t), None), _number(node.get("ratingValue")),
                  _number(node.get("bestRating")), _number(node.get("worstRating")))


def review_verdict(ratings: list[Rating]) -> tuple[str, Rating]:
    """The verdict of a review's ratings (schema.org allows several) and the rating that gave it;
    Unmappable when none maps, or two disagree."""
    if not ratings:
        raise Unmappable("no reviewRating")
    decided: dict[str, Rating] = {}
    first_error = ""
    for rating in ratings:
        try:
            decided.setdefault(verdict_of(rating), rating)
        except UnmappedRating as exc:
            first_error = first_error or str(exc)
    if len(decided) > 1:
        raise Unmappable("ratings disagree", "ratings disagree: " + " and ".join(f"'{r.text or r.value}' is {v}" for v, r in decided.items()))
    if not decided:
        kind = "rating neither supported nor denied" if "neither" in first_error else "rating not in the table"
        raise Unmappable(kind, first_error)
    [(verdict, rating)] = decided.items()
    return verdict, rating


def _number(value: Any) -> float | None:
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _text(value: Any) -> str | None:
    """A property's text: a string, the name of a node, or the first of a list that has one."""
    if isinstance(value, list):
        return next((t for t in map(_text, value) if t), None)
    if isinstance(value, dict):
        value = value.get("name")
        if isinstance(value, (list, dict)):
            return _text(value)
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _date(value: Any, what: str) -> str | None:
    value = _text(value)
    if value is None:
        return None
    match = _DATE.match(value)
    if not match:
        raise Unmappable("invalid date", f"{what} {value!r} is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY")
    from .dates import date_span

    try:
        date_span(match.group(1))
    except ValueError:
        raise Unmappable("invalid date", f"{what} {value!r} is not a date that exists") from None
    return match.group(1)


def _url(value: Any) -> str | None:
    if isinstance(value, list):
        return next((u for u in map(_url, value) if u), None)
    if isinstance(value, dict):
        return _url(value.get("url") or value.get("@id"))
    return value.strip() if isinstance(value, str) and _URL.match(value.strip()) else None


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


class _Reader:
    """Turns reviews into records one by one, remembering what earlier ones created."""

    def __init__(self, store: Store, on_existing: str, document_root: Path | None) -> None:
        self.store = store
        self.on_existing = on_existing
        self.document_root = document_root
        self.new_entities: dict[str, Entity] = {}
        self.new_sources: dict[str, Source] = {}
        self.replaced_sources: dict[str, Source] = {}
        self.names: dict[str, str] = {}
        for entity in store.entities.values():
            for name in (entity.name, *entity.aliases):
                self.names.setdefault(_name_key(name), entity.id)
        self.reviews: dict[tuple[str, str], str] = {
            review_key(s.url, s.review.claim): s.id for s in store.sources.values() if s.review}
        self.citing: dict[str, Statement] = {}
        for statement in store.statements:
            for citation in statement.citations:
                if citation.quote is None:
                    self.citing.setdefault(citation.source, statement)
        self.seen: dict[tuple[str, str], int] = {}
        self.statements = {s.id: s for s in store.statements}

    def taken(self, identifier: str) -> bool:
        return identifier in self.store.sources or identifier in self.new_sources or \
            identifier in self.store.entities or identifier in self.new_entities

    def review(self, found: Found) -> Outcome:
        node = self.node(found.node, found.by_id)
        if not _is_type(node, "ClaimReview"):
            types = ", ".join(_types(node)) or "missing"
            raise Unmappable("not a ClaimReview", f"not a ClaimReview (@type {types})")
        claim = _text(node.get("claimReviewed"))
        if not claim:
            raise Unmappable("no claimReviewed")
        url = _url(node.get("url"))
        if not url:
            raise Unmappable("no url", "no url (the review's http or https address)")
        key = review_key(url, claim)
        if key in self.seen:
            return Outcome(found.number, "skipped", f"repeats review {self.seen[key]} of the input", "repeated")
        self.seen[key] = found.number
        stored = self.reviews.get(key)
        identifier = node.get("identifier")
        identifier = identifier if isinstance(identifier, str) and ID_PATTERN.match(identifier) else None
        previous = self.citing.get(stored) if stored else None
        if previous is None and identifier in self.statements and self.statements[identifier].claim == claim:
            previous = self.statements[identifier]  # our own export, back in the store it came from
        if (stored or previous) and self.on_existing != "update":
            where = f"source {stored}" if stored else f"statement {previous.id}"  # type: ignore[union-attr]
            if self.on_existing == "fail":
                raise Unmappable("already in the store", f"already in the store ({where})")
            return Outcome(found.number, "skipped", f"already in the store ({where})", "already in the store")
        verdict, rating = review_verdict([rating_of(self.node(r, found.by_id))
                                          for r in _as_list(node.get("reviewRating"))])
        reviewer = _text(self.node(node.get("author"), found.by_id)) or \
            _text(self.node(node.get("publisher"), found.by_id))
        if not reviewer:
            raise Unmappable("no author", "no author or publisher (the reviewer)")
        published = _date(node.get("datePublished") or node.get("dateCreated"), "datePublished")
        if not published:
            raise Unmappable("no datePublished", "no datePublished (the review's date)")
        item = self.node(node.get("itemReviewed"), found.by_id)
        item = next((i for i in _as_list(item) if isinstance(i, dict)), {})
        created: dict[str, Entity] = {}
        sources: dict[str, Source] = {}
        said_on = _date(item.get("datePublished"), "itemReviewed.datePublished")
        date = _date(item.get("temporalCoverage"), "itemReviewed.temporalCoverage")
        source_id = stored or self.source_id(reviewer, published, claim)
        review = Source(source_id, _text(node.get("headline") or node.get("name")), reviewer, published, url,
                        None, None, review=Review(rating.text or f"{rating.value:g}", claim, rating.value,
                                                  rating.best, rating.worst))
        sources[source_id] = review
        citations = [Citation(source_id, None)]
        citations += [c for c in (self.quote(self.node(c, found.by_id), found.by_id, sources)
                                  for c in _as_list(node.get("citation"))) if c]
        parties = [self.entity(self.node(n, found.by_id), found.by_id, created)
                   for n in _as_list(item.get("about"))]
        places = [self.entity(self.node(n, found.by_id), found.by_id, created, "place")
                  for n in _as_list(item.get("spatialCoverage"))]
        author = self.node(item.get("author"), found.by_id)
        said_by = self.entity(next(iter(_as_list(author)), None), found.by_id, created)
        appeared = [u for u in (_url(self.node(a, found.by_id)) for key in ("firstAppearance", "appearance")
                                for a in _as_list(item.get(key))) if u]
        statement = Statement(
            id=identifier or PROPOSE_ID,
            claim=claim, verdict=verdict, parties=tuple(dict.fromkeys(p for p in parties if p)),
            citations=tuple(citations), deal=_text(item.get("keywords")), date=date,
            places=tuple(dict.fromkeys(p for p in places if p)), said_by=said_by, said_on=said_on,
            appeared_in=tuple(dict.fromkeys(appeared)))
        status = "new"
        if stored:  # on_existing == "update": the stored review takes the new rating, date, title
            self.replaced_sources[stored] = review
            del sources[stored]
        if previous is not None:  # and the statement citing it is replaced, its id kept
            statement = replace(statement, id=previous.id)
            status = "update"
        for entity in created.values():  # kept only once the whole review could be read
            self.new_entities.setdefault(entity.id, entity)
            for name in (entity.name, *entity.aliases):
                self.names.setdefault(_name_key(name), entity.id)
        self.new_sources.update(sources)
        if not stored:
            self.reviews[key] = source_id
        return Outcome(found.number, status, statement=statement)

    def node(self, value: Any, by_id: dict[str, Any]) -> Any:
        if isinstance(value, dict) and set(value) == {"@id"}:
            return by_id.get(value["@id"], value)
        return value

    def source_id(self, reviewer: str, published: str, claim: str) -> str:
        base = "-".join(p for p in (slug(reviewer, 3), published, slug(claim, 6)) if p)[:120].strip("-") or "review"
        candidate, number = base, 2
        while self.taken(candidate):
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    def entity(self, node: Any, by_id: dict[str, Any], created: dict[str, Entity],
               default_kind: str = "organisation") -> str | None:
        """The id of the entity a node (or a plain name) stands for: the store's or this import's
        entity of that name or alias, else a new one. A node without a name is no party."""
        name = _text(node)
        if not name:
            return None
        names = [name, *(a for a in map(_text, _as_list(node.get("alternateName")) if isinstance(node, dict) else [])
                         if a)]
        for known in names:
            found = self.names.get(_name_key(known))
            if found:
                return found
        for entity in created.values():
            if _name_key(entity.name) == _name_key(name):
                return entity.id
        identifier = node.get("identifier") if isinstance(node, dict) else None
        if isinstance(identifier, str) and ID_PATTERN.match(identifier):
            if identifier in self.store.entities or identifier in self.new_entities:
                return identifier
            entity_id = identifier
        else:
            base = slug(name) or "entity-" + hashlib.sha1(name.encode()).hexdigest()[:8]
            entity_id, number = base, 2
            while self.taken(entity_id) or entity_id in created:
                entity_id, number = f"{base}-{number}", number + 1
        kind = node.get("additionalType") if isinstance(node, dict) else None
        if kind not in KIND_TYPES:
            kind = next((TYPE_KINDS[t] for t in _types(node) if t in TYPE_KINDS), default_kind)
        parents = [self.node(node.get(k), by_id) for k in PARENT_KEYS] if isinstance(node, dict) else []
        parent = next((self.entity(p, by_id, created) for p in parents if isinstance(p, dict)), None)
        created[entity_id] = Entity(entity_id, name, kind, tuple(names[1:]), parent)
        return entity_id

    def quote(self, node: Any, by_id: dict[str, Any], found: dict[str, Source]) -> Citation | None:
        """A Quotation of an archived document this store can read, as our own export writes
        them; None for anything else (a quote is only kept where `validate` can check it)."""
        if not _is_type(node, "Quotation") or not _text(node.get("text")) or self.document_root is None:
            return None
        work = self.node(node.get("isPartOf"), by_id)
        if not isinstance(work, dict):
            return None
        document = work.get("archivedAt")
        title, url = _text(work.get("headline") or work.get("name")), _url(work.get("url"))
        publisher = _text(self.node(work.get("publisher"), by_id))
        try:
            published = _date(work.get("datePublished"), "datePublished of a cited source")
        except Unmappable:
            return None
        if not (isinstance(document, str) and document.strip() and not _URL.match(document) and title
                and publisher and published and url):
            return None
        if Path(document).is_absolute() or not (self.document_root / document).is_file():
            return None
        identifier = work.get("identifier")
        source_id = (identifier if isinstance(identifier, str) and ID_PATTERN.match(identifier)
                     else slug(f"{publisher} {published} {title}", 10))
        existing = self.store.sources.get(source_id) or self.new_sources.get(source_id) or found.get(source_id)
        if existing is None:
            found[source_id] = Source(source_id, title, publisher, published, url, document, Path(document),
                                      _text(self.node(work.get("author"), by_id)))
        elif existing.document != document:
            return None  # the id names another document here
        return Citation(source_id, node["text"])
