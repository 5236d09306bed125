"""`factcheck validate` as one pass: every problem of every kind, in file order.

Schema errors no longer hide the rest: entries with schema errors are left out of the store the
later checks see (references to them are not reported twice), and those checks (references,
dates, places, documents, quotes, event fields) run on everything else, so a curator fixes a
store in one round instead of three.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from .errors import Problem
from .store import Statement, Store, examine_store_files, store_files


@dataclass(frozen=True)
class Validation:
    store: Store
    """What could be read; sound only when there is no error."""
    problems: tuple[Problem, ...]
    """Every problem, by file (in store order), line and column."""

    @property
    def errors(self) -> int:
        return sum(p.severity == "error" for p in self.problems)


def validate_store(paths: Sequence[Path], allowed_documents: Sequence[Path] = ()) -> Validation:
    """Every problem of the store at `paths`; raises StoreError only when it has no files."""
    from .index import event_warnings
    from .sources import citation_problems

    files = store_files(paths)
    store, problems = examine_store_files(files)
    problems += citation_problems(store, allowed_documents)
    problems += event_warnings(replace(store, statements=tuple(filter(_event_known, store.statements))))
    order = {str(path): number for number, path in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.location.path, len(order)), p.location.line, p.location.column))
    return Validation(store, tuple(problems))


def _event_known(statement: Statement) -> bool:
    """Whether a statement's event field names only vocabulary terms: one that does not is
    already an error, and comparing it with the text would only repeat that."""
    if statement.event is None:
        return True
    from .frames.vocabulary import vocabulary

    known = vocabulary()
    return statement.event.type in (None, *known.types) and statement.event.stage in (None, *known.stages)
