"""The `factcheck` command: options in, library calls, results out.

Only this module knows about exit codes and terminal wording: 0 clean, 1 when a verdict listed in
`--fail-on` was found, 2 for usage, store and input errors (one `file:line:col: message` line
each, never a traceback).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

import click

from .errors import FactcheckError, InputError, StoreError

EXIT_FINDINGS = 1
EXIT_ERROR = 2
EXIT_INTERRUPTED = 130
VERDICTS = ("supported", "denied", "unverified")


class CliError(click.ClickException):
    """A library error, shown as its own `file:line:col: message` lines, exit status 2."""

    exit_code = EXIT_ERROR

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = list(lines)
        super().__init__(self.lines[0] if self.lines else "error")

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        for line in self.lines:
            click.echo(line, err=True)


def store_error(exc: StoreError) -> CliError:
    return CliError(str(p) for p in exc.problems)


def verdict_list(ctx: click.Context, param: click.Parameter, value: str) -> frozenset[str]:
    chosen = {v.strip().lower() for v in value.split(",") if v.strip()}
    unknown = chosen - set(VERDICTS) - {"none"}
    if unknown:
        raise click.BadParameter(f"{', '.join(sorted(unknown))} (choose from {', '.join(VERDICTS)}, none)")
    return frozenset(chosen - {"none"})


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date of the form YYYY-MM-DD") from None


store_option = click.option(
    "--store", "stores", multiple=True, type=click.Path(path_type=Path),
    help="Store file or folder of YAML files (repeatable). Default: $FACTCHECK_STORE, else the shipped store.")


def load_index(stores: tuple[Path, ...]):
    """The store's index (from the cache when it is current); store warnings on stderr."""
    from .cache import load_index as cached_index

    try:
        index = cached_index(list(stores) or None)
    except StoreError as exc:
        raise store_error(exc) from None
    for warning in index.store.warnings:
        click.echo(str(warning), err=True)
    return index


def load(stores: tuple[Path, ...]):
    from .store import load_store

    try:
        store = load_store(list(stores) or None)
    except StoreError as exc:
        raise store_error(exc) from None
    for warning in store.warnings:
        click.echo(str(warning), err=True)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Check claims about corporate deals against a curated store of sourced statements."""


@cli.command()
@click.argument("claims", nargs=-1)
@click.option("--format", "output_format", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="Output format.")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Similarity (0-100) a consistent statement needs to decide a verdict.  [default: 50]")
@click.option("--top", type=click.IntRange(0, 1000), default=0,
              help="Add the N best candidate statements (ids and scores) to JSON output.")
@click.option("--fail-on", default="denied", show_default=True, callback=verdict_list,
              help="Comma-separated verdicts that make the exit status 1 (or 'none').")
@click.option("--today", callback=iso_date, metavar="YYYY-MM-DD",
              help="Reference day for relative dates such as 'yesterday'.  [default: today]")
@store_option
def check(claims: tuple[str, ...], output_format: str, threshold: float | None, top: int,
          fail_on: frozenset[str], today: date | None, stores: tuple[Path, ...]) -> None:
    """Check CLAIMS (or one claim per line on standard input: '-' or no argument).

    Lines that are JSON objects use their "claim" field and keep their "id".
    """
    from .matching import DEFAULT_THRESHOLD, check as check_claim
    from .reporters import REPORTERS

    inputs = _claim_inputs(claims)
    index = load_index(stores)
    reporter = REPORTERS[output_format](sys.stdout)
    found: set[str] = set()
    errors = 0
    for item in _with_progress(inputs, enabled=len(claims) != 1):
        if isinstance(item, InputError):
            click.echo(str(item), err=True)
            errors += 1
            continue
        result = check_claim(item.text, index, threshold=DEFAULT_THRESHOLD if threshold is None else threshold,
                             today=today, top=top, claim_id=item.id)
        found.add(result.verdict)
        reporter.add(result)
    reporter.finish()
    if errors:
        sys.exit(EXIT_ERROR)
    if found & fail_on:
        sys.exit(EXIT_FINDINGS)


def _claim_inputs(claims: tuple[str, ...]) -> Iterator:
    from .inputs import ClaimInput, read_claims

    if claims and claims != ("-",):
        if "-" in claims:
            raise click.UsageError("'-' (standard input) cannot be mixed with claim arguments")
        return iter([ClaimInput(c) for c in claims if c.strip()] or
                    [InputError("empty claim", "<argument>")])
    if not claims and sys.stdin.isatty():
        raise click.UsageError("give a claim, or pipe claims on standard input (one per line)")
    return read_claims(sys.stdin.buffer)


def _with_progress(items: Iterator, enabled: bool) -> Iterator:
    """A progress bar on standard error, only when it is a terminal and a batch is running."""
    if not (enabled and sys.stderr.isatty()):
        yield from items
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("checked {task.completed} claims"), TimeElapsedColumn(),
                  console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("check", total=None)
        for item in items:
            yield item
            progress.advance(task)


@cli.command()
@store_option
def validate(stores: tuple[Path, ...]) -> None:
    """Check a store: schema, ids, references, documents and quotes.

    Prints every problem as `file:line:col: message`; exit status 2 if any is an error.
    """
    from .sources import citation_problems
    from .store import default_store_paths, read_store

    try:
        store, problems = read_store(list(stores) or default_store_paths())
    except StoreError as exc:
        raise store_error(exc) from None
    if store is not None:
        problems.extend(citation_problems(store))
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if store is not None and not errors:
        click.echo(f"valid: {len(store.statements)} statements, {len(store.entities)} entities, "
                   f"{len(store.sources)} sources in {len(store.files)} file(s)"
                   + (f"; {warnings} warning(s)" if warnings else ""), err=True)
    else:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
        sys.exit(EXIT_ERROR)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "github", "sarif"]),
              default=None, help="Output format.  [default: github when GITHUB_ACTIONS=true, else text]")
@click.option("--fail-on", default="denied", show_default=True, callback=verdict_list,
              help="Comma-separated verdicts that make the exit status 1 (or 'none').")
@click.option("--show", default="denied", show_default=True, callback=verdict_list,
              help="Comma-separated verdicts to list, besides those in --fail-on (e.g. unverified,supported).")
@click.option("--threshold", type=click.FloatRange(0, 100), default=None,
              help="Similarity (0-100) a consistent statement needs to decide a verdict.  [default: 50]")
@click.option("--today", callback=iso_date, metavar="YYYY-MM-DD",
              help="Reference day for relative dates such as 'yesterday'.  [default: today]")
@store_option
def scan(files: tuple[str, ...], output_format: str | None, fail_on: frozenset[str], show: frozenset[str],
         threshold: float | None, today: date | None, stores: tuple[Path, ...]) -> None:
    """Check the claims in articles: Markdown, or plain text for .txt ('-': standard input).

    Sentences that name an entity of the store or a deal are checked; code, HTML and front matter
    are not read. `<!-- factcheck: ignore -->` silences the next line; `<!-- factcheck: disable -->`
    ... `<!-- factcheck: enable -->` a block. Exit status 1 when a verdict in --fail-on is found,
    2 when a file cannot be read (the others are still scanned).
    """
    from .article import decode
    from .matching import DEFAULT_THRESHOLD
    from .reporters.scan import SCAN_REPORTERS, summary_line
    from .scan import STDIN, scan_file, scan_text, summarize

    if files.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    index = load_index(stores)
    reporter = SCAN_REPORTERS[output_format](sys.stdout, show | fail_on)
    settings = {"threshold": DEFAULT_THRESHOLD if threshold is None else threshold, "today": today}
    reports = []
    errors = 0
    for name in files:
        try:
            if name == "-":
                report = scan_text(decode(sys.stdin.buffer.read(), STDIN), STDIN, index, **settings)
            else:
                report = scan_file(Path(name), index, **settings)
        except InputError as exc:
            click.echo(str(exc), err=True)
            reporter.error(exc)
            errors += 1
            continue
        reporter.add(report)
        reports.append(report)
    summary = summarize(reports, errors)
    reporter.finish(summary)
    click.echo(summary_line(summary), err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if any(f.result.verdict in fail_on for r in reports for f in r.findings):
        sys.exit(EXIT_FINDINGS)


def main() -> None:
    """Entry point: also turns a closed pipe and Ctrl-C into quiet, conventional exits."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        # Python's documented recipe: point stdout at devnull so the interpreter's final flush
        # does not raise again, then exit quietly like other Unix tools.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
    except FactcheckError as exc:  # anything the commands did not word themselves
        click.echo(str(exc), err=True)
        sys.exit(EXIT_ERROR)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        click.echo(f"factcheck: internal error: {type(exc).__name__}: {exc} "
                   "(set FACTCHECK_DEBUG=1 for details and please report it)", err=True)
        sys.exit(EXIT_ERROR)
