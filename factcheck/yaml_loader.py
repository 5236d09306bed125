"""Safe YAML loading that keeps where every value came from.

PyYAML's composer gives nodes with positions; we build plain Python data from them ourselves so
that (1) every value's line and column can be reported, (2) duplicate keys are errors instead of
silently overwriting, and (3) hostile input is refused early: tags that would construct Python
objects, alias expansion bombs and pathological nesting never get past this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.parser import ParserError
from yaml.reader import ReaderError
from yaml.scanner import ScannerError

from .errors import StoreError, line_column

try:  # the C parser (libyaml) is several times faster; fall back quietly where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_ALIAS_EXPANSIONS = 100_000
"""Values built again through an alias (each item of an aliased list counts); "billion laughs"
needs millions, real stores a few."""
MAX_INT_DIGITS = 100
"""Longer integers stay text: the schema reports them, and Python refuses to print them."""

_STR = "tag:yaml.org,2002:str"
_SAFE_SCALARS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_BOOLS = {"true": True, "false": False, "yes": True, "no": False, "on": True, "off": False}

Path_ = tuple[Any, ...]


@dataclass
class YamlDocument:
    """Plain data plus the (line, column) of every mapping key, list item and value, 1-based."""

    path: str
    data: Any
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    duplicate_keys: list[tuple[str, int, int]] = field(default_factory=list)
    written: dict[Path_, str] = field(default_factory=dict)
    """The text of every value YAML read as something other than text (`2022`, `false`, `no`),
    by its data path, so that a message can quote what the user wrote."""
    converted_keys: dict[Path_, tuple[str, int, int]] = field(default_factory=dict)
    """Mapping keys YAML read as something other than text (`no:` is False), by the data path
    they lead to: their text, line and column."""

    def position(self, where: Path_) -> tuple[int, int]:
        """The closest known position to a data path (a missing key points at its parent)."""
        where = tuple(where)
        while where and where not in self.positions:
            where = where[:-1]
        return self.positions.get(where, (1, 1))


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document; raise StoreError with line and column when it cannot be used."""
    plain = _read_plain(text, path)
    if plain is not None:
        return plain
    try:
        node = _compose(text, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        checked = getattr(exc, "checked", None)  # set for scanner and parser errors
        too_deep = checked and mark and _nesting_refused_before(text, path, mark.index, *checked)
        if too_deep:
            raise too_deep from None
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise StoreError(f"invalid YAML: {message}", path, line, column) from None
    except ReaderError as exc:  # a character YAML forbids, e.g. a control character
        line, column = _text_position(text, exc.position, bytes_offset=exc.encoding != "unicode")
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        kind = "a control character" if code < 0x20 or 0x7F <= code <= 0x9F else "not a character"
        raise StoreError(f"invalid YAML: character U+{code:04X} is not allowed ({kind})", path, line, column) from None
    except UnicodeEncodeError as exc:  # a lone surrogate: only possible in text not read from a file
        line, column = _text_position(text, exc.start)
        raise StoreError("invalid YAML: not valid Unicode (a lone surrogate)", path, line, column) from None
    except yaml.YAMLError as exc:  # pragma: no cover - every parser error carries a position
        raise StoreError(f"invalid YAML: {' '.join(str(exc).split())}", path) from None
    document = YamlDocument(path, None)
    if node is not None:
        builder = _Builder(document)
        document.data = builder.build(node, (), 0)
    return document


class _NotPlain(Exception):
    """A document `_read_plain` leaves to the general reader."""


def _read_plain(text: str, path: str) -> YamlDocument | None:
    """The document of a plain store file, read straight from libyaml's events; None when the
    text has anything else (an anchor, an alias, a tag, a key that is not a scalar, nesting deeper
    than MAX_DEPTH, more than one document, a syntax error), which `parse_yaml` then reads with
    the node graph, its checks and its messages.

    Stores are plain, and building nodes first and data from them second took ten times as long
    as libyaml's parsing itself (2.5 s of 2.8 s for a file of 10,000 statements): here each event
    becomes its value, position and records in one step, exactly as the two steps make them.
    """
    document = YamlDocument(path, None)
    positions, written, converted = document.positions, document.written, document.converted_keys
    loader = _Loader(text)
    get_event = loader.get_event
    implicit = loader.yaml_implicit_resolvers
    scalar_event, sequence_start, mapping_start = yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent
    stack: list[list[Any]] = []  # each open collection: [its value, its data path, a mapping's pending key]
    root: Any = _NO_KEY
    try:
        get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return document
        get_event()  # document start
        while root is _NO_KEY:
            event = get_event()
            kind = event.__class__
            if kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                value = stack.pop()[0]
            else:
                if event.anchor is not None or event.tag is not None or kind is yaml.AliasEvent:
                    raise _NotPlain
                where: tuple[Any, ...] = ()
                if stack:
                    parent = stack[-1]
                    container = parent[0]
                    if container.__class__ is list:
                        where = (*parent[1], len(container))
                    elif parent[2] is _NO_KEY:  # a mapping's key
                        if kind is not scalar_event:
                            raise _NotPlain
                        key = _plain_scalar(event, implicit)
                        mark = event.start_mark
                        if key.__class__ is not str:
                            converted[(*parent[1], key)] = (event.value, mark.line + 1, mark.column + 1)
                        if key in container:
                            document.duplicate_keys.append((str(key), mark.line + 1, mark.column + 1))
                        parent[2] = key
                        continue
                    else:
                        where = (*parent[1], parent[2])
                if len(where) > MAX_DEPTH:
                    raise _NotPlain
                mark = event.start_mark
                positions[where] = (mark.line + 1, mark.column + 1)
                if kind is not scalar_event:
                    stack.append([[] if kind is sequence_start else {}, where, _NO_KEY])
                    continue
                value = _plain_scalar(event, implicit)
                if value.__class__ is not str:
                    written[where] = event.value
            if not stack:
                root = value
            elif stack[-1][0].__class__ is list:
                stack[-1][0].append(value)
            else:
                parent = stack[-1]
                parent[0][parent[2]] = value
                parent[2] = _NO_KEY
        get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            raise _NotPlain
    except (_NotPlain, yaml.YAMLError, UnicodeEncodeError):
        return None
    finally:
        loader.dispose()
    document.data = root
    return document


def _plain_scalar(event: yaml.ScalarEvent, implicit: dict) -> Any:
    """An untagged scalar's value, resolved as `_compose` and `_Builder.scalar` resolve it."""
    value = event.value
    if not event.implicit[0]:
        return value  # quoted: a string whatever it looks like
    for tag, pattern in implicit.get(value[:1], ()):
        if pattern.match(value):
            if tag not in _SAFE_SCALARS:
                raise _NotPlain
            return _converted(tag, value)
    return value


def _nesting_refused_before(text: str, path: str, offset: int, depth: int, checked: int) -> StoreError | None:
    """The depth refusal, if the text before a scanner or parser error at `offset` already nests
    deeper than MAX_DEPTH.

    The scanner reads ahead of the events the composer has seen (up to a thousand characters while
    a `[` or `{` could still start a key), so in `[[[[…` the library's own nesting limit, or any
    error in that window, can stop the parse before the composer reaches level MAX_DEPTH + 1.
    Composing the text up to the error reports the first problem in reading order, whatever the
    library's limits and wording; an error the cut itself causes lies past any nesting before it.
    The composer had checked the text up to `checked`, at `depth` levels; each further level
    takes a character, so most syntax errors are reported without reading the text again.
    """
    if depth + offset - checked <= MAX_DEPTH:
        return None
    try:
        _compose(text[:offset], path)
    except StoreError as exc:
        return exc
    except (yaml.YAMLError, UnicodeEncodeError):
        pass
    return None


def _text_position(text: str, offset: int, bytes_offset: bool = False) -> tuple[int, int]:
    """1-based line and column (in characters) of a character offset, or of a UTF-8 byte offset
    (libyaml counts bytes)."""
    if bytes_offset:
        offset = len(text.encode("utf-8", "surrogatepass")[:offset].decode("utf-8", "ignore"))
    return line_column(text, offset)


_NO_KEY = object()


def _compose(text: str, path: str) -> yaml.Node | None:
    """The single document's node graph, like `yaml.compose`, but without recursion and refusing
    nesting deeper than MAX_DEPTH as soon as the parser reaches it.

    PyYAML's composers recurse once per level (libyaml's crashes the interpreter a few ten
    thousand levels down) and libyaml's scanner slows down quadratically with flow nesting, so
    `[[[[…` must be stopped after a few events rather than composed and measured afterwards.
    """
    loader = _Loader(text)
    get_event, resolve = loader.get_event, loader.resolve
    implicit = loader.yaml_implicit_resolvers
    scalar_node, sequence_node, mapping_node = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode
    stack: list[list[Any]] = []  # [collection node, pending mapping key], outermost first
    event: yaml.Event | None = None
    try:
        event = get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            return None
        event = get_event()  # document start
        anchors: dict[str, yaml.Node] = {}
        root: yaml.Node | None = None
        while root is None:
            event = get_event()
            kind = type(event)
            if kind is yaml.ScalarEvent:
                tag = event.tag
                if tag is None or tag == "!":
                    value = event.value
                    if not event.implicit[0]:
                        tag = _STR  # quoted: a string whatever it looks like
                    else:  # what Resolver.resolve does, without a call per scalar
                        tag = _STR
                        for candidate, pattern in implicit.get(value[:1], ()):
                            if pattern.match(value):
                                tag = candidate
                                break
                node = scalar_node(tag, event.value, event.start_mark, event.end_mark, style=event.style)
                if event.anchor is not None:
                    _anchor(anchors, event, node)
            elif kind is yaml.SequenceStartEvent or kind is yaml.MappingStartEvent:
                if len(stack) > MAX_DEPTH:
                    mark = event.start_mark
                    raise StoreError(f"refused: nested deeper than {MAX_DEPTH} levels", path,
                                     mark.line + 1, mark.column + 1)
                node_kind = sequence_node if kind is yaml.SequenceStartEvent else mapping_node
                tag = event.tag
                if tag is None or tag == "!":
                    tag = resolve(node_kind, None, event.implicit)
                collection = node_kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
                if event.anchor is not None:
                    _anchor(anchors, event, collection)
                stack.append([collection, _NO_KEY])
                continue
            elif kind is yaml.SequenceEndEvent or kind is yaml.MappingEndEvent:
                node = stack.pop()[0]
                node.end_mark = event.end_mark
            else:  # an alias
                if event.anchor not in anchors:
                    raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
                node = anchors[event.anchor]
            if not stack:
                root = node
                continue
            parent = stack[-1]
            if parent[0].__class__ is sequence_node:
                parent[0].value.append(node)
            elif parent[1] is _NO_KEY:
                parent[1] = node
            else:
                parent[0].value.append((parent[1], node))
                parent[1] = _NO_KEY
        get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = get_event()
            raise ComposerError("expected a single document in the stream", root.start_mark,
                                "but found another document", event.start_mark)
        return root
    except (ScannerError, ParserError) as exc:  # for _nesting_refused_before
        exc.checked = (len(stack), event.end_mark.index if event is not None else 0)
        raise
    finally:
        loader.dispose()


def _anchor(anchors: dict[str, yaml.Node], event: yaml.NodeEvent, node: yaml.Node) -> None:
    if event.anchor in anchors:
        raise ComposerError(f"found duplicate anchor {event.anchor!r}; first occurrence",
                            anchors[event.anchor].start_mark, "second occurrence", event.start_mark)
    anchors[event.anchor] = node


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.seen: set[int] = set()
        self.expansions = 0
        self.replaying = 0
        """How many aliased collections are being built again around the current node."""

    def fail(self, node: yaml.Node, message: str) -> StoreError:
        mark = node.start_mark
        return StoreError(message, self.document.path, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, where: Path_, depth: int) -> Any:
        again = not isinstance(node, yaml.ScalarNode) and id(node) in self.seen
        if again or self.replaying:
            self.expansions += 1
            if self.expansions > MAX_ALIAS_EXPANSIONS:
                raise self.fail(node, "refused: too many alias expansions (an alias bomb?)")
        if not isinstance(node, yaml.ScalarNode):
            self.seen.add(id(node))
        if again:
            self.replaying += 1
            try:
                return self._build(node, where, depth)
            finally:
                self.replaying -= 1
        return self._build(node, where, depth)

    def _build(self, node: yaml.Node, where: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"refused: nested deeper than {MAX_DEPTH} levels")
        self.document.positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            value = self.scalar(node)
            if value.__class__ is not str:
                self.document.written[where] = node.value
            return value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != "tag:yaml.org,2002:seq":
                raise self.fail(node, f"refused: YAML tag {node.tag!r} is not allowed in a store")
            return [self.build(item, (*where, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.MappingNode):
            if node.tag != "tag:yaml.org,2002:map":
                raise self.fail(node, f"refused: YAML tag {node.tag!r} is not allowed in a store")
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "mapping keys must be plain values")
                key = self.scalar(key_node)
                if key.__class__ is not str:
                    mark = key_node.start_mark
                    self.document.converted_keys[(*where, key)] = (key_node.value, mark.line + 1, mark.column + 1)
                if key in result:
                    mark = key_node.start_mark
                    self.document.duplicate_keys.append((str(key), mark.line + 1, mark.column + 1))
                result[key] = self.build(value_node, (*where, key), depth + 1)
            return result
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        if node.tag not in _SAFE_SCALARS:
            raise self.fail(node, f"refused: YAML tag {node.tag!r} is not allowed in a store")
        return _converted(node.tag, node.value)


def _converted(tag: str, value: str) -> Any:
    """A scalar's value by its (safe) tag."""
    if tag in (_STR, "tag:yaml.org,2002:timestamp"):
        return value  # dates stay as written; the schema checks their form
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOLS.get(value.lower(), value)
    try:
        if tag == "tag:yaml.org,2002:int":
            digits = value.replace("_", "")
            if len(digits) > MAX_INT_DIGITS:
                return value
            return int(digits, 0) if digits[:2].lower() in ("0x", "0o") else int(digits)
        return float(value.replace("_", ""))
    except ValueError:
        return value
