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

from .errors import StoreError

try:  # the C composer is several times faster; fall back quietly where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on the platform's PyYAML build
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64
MAX_ALIAS_EXPANSIONS = 10_000
"""Collections built again through an alias; "billion laughs" needs millions, real stores a few."""

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

    def position(self, where: Path_) -> tuple[int, int]:
        """The closest known position to a data path (a missing key points at its parent)."""
        where = tuple(where)
        while where and where not in self.positions:
            where = where[:-1]
        return self.positions.get(where, (1, 1))


def parse_yaml(text: str, path: str) -> YamlDocument:
    """Parse one YAML document; raise StoreError with line and column when it cannot be used."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        raise StoreError(f"invalid YAML: {message}", path, line, column) from None
    except yaml.YAMLError as exc:  # e.g. several documents in one stream
        raise StoreError(f"invalid YAML: {exc}", path) from None
    except RecursionError:
        raise StoreError(f"invalid YAML: nested deeper than {MAX_DEPTH} levels", path) from None
    document = YamlDocument(path, None)
    if node is not None:
        builder = _Builder(document)
        document.data = builder.build(node, (), 0)
    return document


class _Builder:
    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.seen: set[int] = set()
        self.expansions = 0

    def fail(self, node: yaml.Node, message: str) -> StoreError:
        mark = node.start_mark
        return StoreError(message, self.document.path, mark.line + 1, mark.column + 1)

    def build(self, node: yaml.Node, where: Path_, depth: int) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            if id(node) in self.seen:
                self.expansions += 1
                if self.expansions > MAX_ALIAS_EXPANSIONS:
                    raise self.fail(node, "refused: too many alias expansions (an alias bomb?)")
            self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise self.fail(node, f"refused: nested deeper than {MAX_DEPTH} levels")
        self.document.positions[where] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
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
                if key in result:
                    mark = key_node.start_mark
                    self.document.duplicate_keys.append((str(key), mark.line + 1, mark.column + 1))
                result[key] = self.build(value_node, (*where, key), depth + 1)
            return result
        raise self.fail(node, "unsupported YAML node")  # pragma: no cover

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag, value = node.tag, node.value
        if tag not in _SAFE_SCALARS:
            raise self.fail(node, f"refused: YAML tag {tag!r} is not allowed in a store")
        if tag in (_STR, "tag:yaml.org,2002:timestamp"):
            return value  # dates stay as written; the schema checks their form
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:bool":
            return _BOOLS.get(value.lower(), value)
        try:
            if tag == "tag:yaml.org,2002:int":
                return int(value.replace("_", ""), 0) if value[:2].lower() in ("0x", "0o") else int(value.replace("_", ""))
            return float(value.replace("_", ""))
        except ValueError:
            return value
