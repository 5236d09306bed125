"""The `factcheck` command: options in, library calls, results out.

Only this module knows about exit codes and terminal wording: 0 clean, 1 when a verdict listed in
`--fail-on` was found, 2 for usage, store and input errors (one `file:line:col: message` line
each, never a traceback), 130 after Ctrl-C and 128 + the signal's number after SIGTERM or
SIGHUP (quietly, with temporary files removed and worker processes stopped).
"""

from __future__ import annotations

import gc
import os
import signal
import sys
from datetime import date
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

import click

from . import __version__
from .errors import FactcheckError, InputError, StoreError

if TYPE_CHECKING:
    from .matching import CheckResult

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



ALLOWED_DOCUMENTS = "factcheck.allowed_documents"
"""Where the context keeps the folders given with --allow-documents."""


def _allow_documents(ctx: click.Context, param: click.Parameter, value: tuple[Path, ...]) -> None:
    ctx.meta[ALLOWED_DOCUMENTS] = tuple(folder.resolve() for folder in value)


allow_documents_option = click.option(
    "--allow-documents", multiple=True, metavar="FOLDER", type=click.Path(file_okay=False, path_type=Path),
    expose_value=False, callback=_allow_documents,
    help="Also read archived documents from FOLDER (repeatable). By default a store reads them only from its "
         "folder or, through document_root, its git repository (outside one, the current folder).")


def allowed_documents() -> tuple[Path, ...]:
    return click.get_current_context().meta.get(ALLOWED_DOCUMENTS, ())


CONFIG = "factcheck.config"
"""Where the context keeps the configuration in force (a config.Config, or None)."""
_CONFIG_PARAMS = {"store": "stores", "allow-documents": "allow_documents", "fail-on": "fail_on",
                  "extend-exclude": "extend_exclude", "respect-gitignore": "respect_gitignore",
                  "lock-timeout": "lock_timeout", "index": "index_file"}
"""Configuration keys whose option's parameter has another name than the key's."""


def _config_given(ctx: click.Context, param: click.Parameter, value: object) -> None:
    """--config and --isolated are eager: once both are known (click processes them first, in
    either order), the configuration becomes the defaults of the command's other options."""
    ctx.meta[f"factcheck.option.{param.name}"] = value
    if {"factcheck.option.config", "factcheck.option.isolated"} <= ctx.meta.keys():
        _apply_config(ctx, ctx.meta["factcheck.option.config"], ctx.meta["factcheck.option.isolated"])


def _apply_config(ctx: click.Context, given: Path | None, isolated: bool) -> None:
    from .config import ConfigError, discover, load

    if given is not None and isolated:
        raise click.UsageError("--config and --isolated cannot be used together")
    path = given if given is not None else None if isolated else discover(Path.cwd())
    try:
        config = None if path is None else load(path)
    except ConfigError as exc:
        raise CliError([str(exc)]) from None
    ctx.meta[CONFIG] = config
    if config is None:
        return
    names = {p.name for p in ctx.command.params}
    ctx.default_map = {**(ctx.default_map or {}),
                       **{_CONFIG_PARAMS.get(key, key): value for key, value in config.settings.items()
                          if _CONFIG_PARAMS.get(key, key) in names}}


def configurable(command):  # noqa: ANN001, ANN201 - a click decorator
    """Give a command --config and --isolated, and the discovered configuration's defaults."""
    options = [
        click.option("--config", "config", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                     is_eager=True, expose_value=False, callback=_config_given, metavar="FILE",
                     help="Read settings from this TOML file (instead of the .factcheck.toml or "
                          "pyproject.toml [tool.factcheck] found from the current folder upward)."),
        click.option("--isolated", is_flag=True, is_eager=True, expose_value=False, callback=_config_given,
                     help="Read no configuration file."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


quiet_option = click.option("-q", "--quiet", is_flag=True,
                            help="Print only the findings: no summary (the exit status says the rest).")
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                             help="Write the report to FILE (replaced in one step once it is complete) "
                                  "instead of standard output.")


@contextmanager
def report_output(path: Path | None) -> Iterator[IO[str]]:
    """Where a report goes: standard output, or FILE, which is replaced only once the report is
    complete (findings and unreadable inputs included), so a reader never sees half of one and
    an interrupted run leaves the old file as it was."""
    if path is None:
        yield sys.stdout
        return
    from io import StringIO

    from .atomic import commit, stage
    from .errors import WriteError

    buffer = StringIO()
    yield buffer
    target = Path(os.path.abspath(path))
    try:
        commit(stage(target, buffer.getvalue().encode("utf-8")), target)
    except WriteError as exc:
        raise CliError([str(exc)]) from None


def store_option(command):  # noqa: ANN001, ANN201 - a click decorator
    """--store, and the configuration that can name it: every command that reads a store has both."""
    return configurable(click.option(
        "--store", "stores", multiple=True, type=click.Path(path_type=Path),
        help="Store file or folder of YAML files (repeatable). Default: the configuration's store, "
             "else $FACTCHECK_STORE, else the shipped store.")(command))


def index_option(command):  # noqa: ANN001, ANN201 - a click decorator
    """--index and --trust-index, for the commands that read the store through its index."""
    command = click.option("--trust-index", is_flag=True,
                           help="Use --index even if it was built from another version of the store.")(command)
    return click.option("--index", "index_file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                        help="Read the store's index from FILE (written by `factcheck index build --out`) "
                             "instead of the cache; refused if the store has changed since.")(command)


def load_index(stores: tuple[Path, ...], index_file: Path | None = None, trust_index: bool = False):
    """The store's index (from the cache when it is current, or from --index); store warnings on stderr."""
    from .cache import load_index as cached_index

    try:
        index = cached_index(list(stores) or None, warn=lambda line: click.echo(line, err=True),
                             index_file=index_file, trust_index=trust_index)
    except StoreError as exc:
        raise store_error(exc) from None
    for warning in index.head.warnings:
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
@click.version_option(__version__, prog_name="factcheck")  # not looked up by distribution name
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
@output_option
@index_option
@store_option
def check(claims: tuple[str, ...], output_format: str, threshold: float | None, top: int,
          fail_on: frozenset[str], today: date | None, output: Path | None, index_file: Path | None,
          trust_index: bool, stores: tuple[Path, ...]) -> None:
    """Check CLAIMS (or one claim per line on standard input: '-' or no argument).

    Lines that are JSON objects use their "claim" field and keep their "id".
    """
    from .batch import Settings
    from .matching import DEFAULT_THRESHOLD
    from .reporters import REPORTERS

    inputs = _claim_inputs(claims)
    index = load_index(stores, index_file, trust_index)
    found: set[str] = set()
    settings = Settings(DEFAULT_THRESHOLD if threshold is None else threshold, today, top)
    # results that stream to the terminal are the progress themselves; a counter drawn between
    # them would be left glued to the first one
    streaming_here = output_format != "json" and output is None and sys.stdout.isatty()
    with report_output(output) as out:
        reporter = REPORTERS[output_format](out)
        errors = _check_all(inputs, index, settings, reporter, found,
                            progress=len(claims) != 1 and not streaming_here)
    if errors:
        sys.exit(EXIT_ERROR)
    if found & fail_on:
        sys.exit(EXIT_FINDINGS)


def _check_all(inputs: Iterator, index, settings, reporter, found: set[str], progress: bool) -> int:  # noqa: ANN001
    """Check and report every input, adding each verdict to `found`; the number of input errors."""
    from .batch import check_stream

    errors = 0

    def render(result: CheckResult) -> tuple[str, Any]:
        return result.verdict, reporter.render(result)

    try:
        for checked in _with_progress(check_stream(inputs, index, settings, render), enabled=progress):
            if isinstance(checked, InputError):
                click.echo(str(checked), err=True)
                errors += 1
                continue
            verdict, rendered = checked
            found.add(verdict)
            reporter.add(rendered)
    finally:
        reporter.finish()  # also on Ctrl-C: what was printed stays a valid document
    return errors


def _claim_inputs(claims: tuple[str, ...]) -> Iterator:
    from .inputs import claim_input, read_claims

    if claims and claims != ("-",):
        if "-" in claims:
            raise click.UsageError("'-' (standard input) cannot be mixed with claim arguments")
        return iter([claim_input(c, None, "<argument>", n) for n, c in enumerate(claims, 1) if c.strip()] or
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
@allow_documents_option
def validate(stores: tuple[Path, ...]) -> None:
    """Check a store: schema, ids, references, documents and quotes.

    Prints every problem as `file:line:col: message`; exit status 2 if any is an error.
    """
    from .store import default_store_paths
    from .validation import validate_store

    try:
        validation = validate_store(list(stores) or default_store_paths(), allowed_documents())
    except StoreError as exc:
        raise store_error(exc) from None
    for problem in validation.problems:
        click.echo(str(problem))
    errors = validation.errors
    warnings = len(validation.problems) - errors
    store = validation.store
    if not errors:
        click.echo(f"valid: {len(store.statements)} statements, {len(store.entities)} entities, "
                   f"{len(store.sources)} sources in {len(store.files)} file(s)"
                   + (f"; {warnings} warning(s)" if warnings else ""), err=True)
    else:
        click.echo(f"{errors} error(s), {warnings} warning(s)", err=True)
        sys.exit(EXIT_ERROR)


@cli.command()
@click.argument("files", nargs=-1, required=True, metavar="PATH...")
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
@click.option("--exclude", multiple=True, metavar="PATTERN",
              help="Gitignore-style pattern of files and folders not to scan (repeatable); replaces the "
                   "default (version control, virtual environment, package and build folders).")
@click.option("--extend-exclude", multiple=True, metavar="PATTERN",
              help="A pattern to exclude besides --exclude (repeatable).")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Leave out what .gitignore files ignore, inside a git repository.")
@click.option("--stdin-filename", metavar="PATH",
              help="The name of standard input ('-') in findings; its extension says how to read it.")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path),
              help="Folder that github and sarif paths are relative to.  [default: the git repository's top "
                   "folder, else the current folder]")
@quiet_option
@output_option
@index_option
@store_option
def scan(files: tuple[str, ...], output_format: str | None, fail_on: frozenset[str], show: frozenset[str],
         threshold: float | None, today: date | None, exclude: tuple[str, ...], extend_exclude: tuple[str, ...],
         respect_gitignore: bool, stdin_filename: str | None, root: Path | None, quiet: bool,
         output: Path | None, index_file: Path | None, trust_index: bool, stores: tuple[Path, ...]) -> None:
    """Check the claims in articles: files, folders (searched for Markdown and .txt files) and
    globs; Markdown, or plain text for .txt ('-': standard input).

    Sentences that name an entity of the store or a deal are checked; code, HTML and front matter
    are not read. `<!-- factcheck: ignore -->` silences the next line; `<!-- factcheck: disable -->`
    ... `<!-- factcheck: enable -->` a block. Exit status 1 when a verdict in --fail-on is found,
    2 when a file cannot be read (the others are still scanned).
    """
    from .article import is_markdown
    from .cache import recovering
    from .files import find_articles, repository_top, store_documents
    from .matching import DEFAULT_THRESHOLD
    from .reporters.scan import SCAN_REPORTERS, summary_line
    from .scan import STDIN, read_article, scan_text, summarize

    if files.count("-") > 1:
        raise click.UsageError("'-' (standard input) can be given once")
    if output_format is None:
        output_format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if output_format == "sarif" and "-" in files and not stdin_filename:
        raise click.UsageError("give --stdin-filename with '-': code scanning needs a file name for every result")
    stdin_name = stdin_filename or STDIN
    root = (root or repository_top(Path.cwd()) or Path.cwd()).resolve()
    index = load_index(stores, index_file, trust_index)
    named = find_articles(files, _exclusions(exclude, extend_exclude), respect_gitignore,
                          lambda: store_documents(index))
    settings = {"threshold": DEFAULT_THRESHOLD if threshold is None else threshold, "today": today}
    reports = []
    errors = 0
    with report_output(output) as out:
        reporter = SCAN_REPORTERS[output_format](out, show | fail_on, root)
        for name in named:
            shown = stdin_name if name == "-" else name
            try:
                if isinstance(name, InputError):
                    raise name
                text = read_article(name, shown)
                report = recovering(index, lambda: scan_text(text, shown, index, markdown=is_markdown(shown),
                                                             **settings))
            except InputError as exc:
                click.echo(str(exc), err=True)
                reporter.error(exc)
                errors += 1
                continue
            reporter.add(report)
            reports.append(report)
        summary = summarize(reports, errors)
        reporter.finish(summary)
    if not quiet:
        click.echo(summary_line(summary), err=True)
    if errors:
        sys.exit(EXIT_ERROR)
    if any(f.result.verdict in fail_on for r in reports for f in r.findings):
        sys.exit(EXIT_FINDINGS)


def _exclusions(exclude: tuple[str, ...], extend_exclude: tuple[str, ...]) -> list:
    """The exclusion patterns, each list relative to where it was written: the configuration
    file's folder for patterns from it, the current folder for the command line's."""
    from click.core import ParameterSource

    from .files import DEFAULT_EXCLUDE, Patterns

    ctx = click.get_current_context()
    config = ctx.meta.get(CONFIG)

    def base(name: str) -> Path:
        from_config = ctx.get_parameter_source(name) == ParameterSource.DEFAULT_MAP
        return config.folder if from_config and config is not None else Path.cwd()

    given = ctx.get_parameter_source("exclude") not in (ParameterSource.DEFAULT, None)
    return [Patterns(exclude if given else DEFAULT_EXCLUDE, base("exclude")),
            Patterns(extend_exclude, base("extend_exclude"))]


# --- curating the store: add, add-entity, add-source, search, show, export, import -------------

ENTITY_KINDS = ("company", "regulator", "government", "organisation", "person", "place")
STATEMENT_VERDICTS = ("supported", "denied")


def _interactive() -> bool:
    """Prompts only when a person is there to answer them."""
    return sys.stdin.isatty()


def _date_span(value: str) -> tuple[date, date]:
    """First and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; BadParameter for anything else."""
    from .dates import date_span

    try:
        return date_span(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _store_date(ctx: click.Context | None, param: click.Parameter | None, value: str | None) -> str | None:
    """A date as the store writes it: YYYY-MM-DD, YYYY-MM or YYYY."""
    if value is None or not value.strip():
        return None
    _date_span(value)
    return value.strip()


def _date_answer(value: str) -> str | None:
    """A date typed at a prompt (blank for none); click asks again for a malformed one."""
    return _store_date(None, None, value)


def _date_bound(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """--since takes the first day of a month or year given, --until the last."""
    if value is None:
        return None
    first, last = _date_span(value)
    return first if param.name == "since" else last


def _write_options(command, into: bool = True):  # noqa: ANN001, ANN202 - a click decorator
    """Options of every command that writes; `into` only where the file written is to choose
    (an edit or removal writes the file that holds the record)."""
    from .atomic import LOCK_TIMEOUT

    options = [
        store_option,
        *([click.option("--into", type=click.Path(dir_okay=False, path_type=Path),
                        help="The store file to write, when the store has several (may be a new .yaml file in "
                             "one of its folders).")] if into else []),
        click.option("--dry-run", is_flag=True, help="Show the change as a diff and write nothing."),
        click.option("--lock-timeout", type=click.FloatRange(0), default=LOCK_TIMEOUT, show_default=True,
                     metavar="SECONDS",
                     help="Seconds to wait while another writer has the store file."),
        allow_documents_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _change_options(command):  # noqa: ANN001, ANN202 - a click decorator
    return _write_options(command, into=False)


def _write_target(stores: tuple[Path, ...], into: Path | None) -> tuple[list[Path], Path]:
    """The store's paths and the one file to write (a missing --store file is a new store)."""
    from .store import default_store_paths

    paths = list(stores) or default_store_paths()
    if into is None:
        if len(paths) == 1 and not paths[0].is_dir():
            return paths, paths[0]
        raise click.UsageError("the store has several files: choose the one to write with --into FILE")
    inside = any(into.resolve() == p.resolve() or (p.is_dir() and into.resolve().parent == p.resolve()) for p in paths)
    if not inside or into.suffix not in (".yaml", ".yml"):
        raise click.UsageError(f"--into {into}: not a .yaml file of the store (give it with --store too)")
    return paths, into


def _apply(stores: tuple[Path, ...], into: Path | None, changes, *, dry_run: bool, lock_timeout: float,  # noqa: ANN001
           force: bool = False, partial: bool = False, new_file: str | None = None,
           document_root: str | None = None):
    """Write `changes` through the editor; library refusals become exit status 2 lines.
    `document_root`, given on the command line for a new file, is where its documents may be."""
    paths, target = _write_target(stores, into)
    return _write(paths, target, changes, dry_run=dry_run, lock_timeout=lock_timeout, force=force, partial=partial,
                  new_file=new_file, document_root=document_root)


def _write(paths: list[Path], target: Path, changes, *, dry_run: bool, lock_timeout: float,  # noqa: ANN001
           force: bool = False, partial: bool = False, new_file: str | None = None,
           document_root: str | None = None):
    """`_apply` to a file already chosen."""
    from .editing import NEW_FILE, apply_changes
    from .errors import EditError, WriteError

    allowed = allowed_documents() + (((target.parent / document_root).resolve(),) if document_root else ())
    try:
        outcome = apply_changes(paths, target, changes, partial=partial, force=force, dry_run=dry_run,
                                lock_timeout=lock_timeout, new_file=new_file or NEW_FILE,
                                allowed_documents=allowed)
    except StoreError as exc:
        raise store_error(exc) from None
    except EditError as exc:
        raise CliError([*map(str, exc.problems), exc.message]) from None
    except WriteError as exc:
        raise CliError([str(exc)]) from None
    if dry_run:
        click.echo(outcome.diff, nl=False)
        click.echo("dry run: nothing written", err=True)
    return outcome


def _report_written(outcome) -> None:  # noqa: ANN001
    verb = "would add" if outcome.dry_run else "added"
    for kind, records in (("entity", outcome.written.entities), ("source", outcome.written.sources),
                          ("statement", outcome.written.statements)):
        for record in records:
            click.echo(f"{verb} {kind} {record.id} to {outcome.path}", err=outcome.dry_run)


def _existing_store(stores: tuple[Path, ...], into: Path | None):  # noqa: ANN202
    """The store as it is, for prompts; empty when its only file is still to be created."""
    from .store import load_store

    paths, _ = _write_target(stores, into)
    try:
        return load_store([p for p in paths if p.exists()])
    except StoreError as exc:
        raise store_error(exc) from None


def _words(answer: str) -> tuple[str, ...]:
    return tuple(answer.replace(",", " ").split())


def _prompt_entity(entity_id: str, name: str | None = None, kind: str | None = None,
                   aliases: tuple[str, ...] | None = None, parent: str | None = None):  # noqa: ANN202
    from .store import Entity

    name = name or click.prompt(f"Name of {entity_id}")
    kind = kind or click.prompt(f"Kind of {entity_id}", type=click.Choice(ENTITY_KINDS), default="company")
    if aliases is None:
        aliases = tuple(a.strip() for a in click.prompt(
            "Other names (comma-separated, blank for none)", default="", show_default=False).split(",") if a.strip())
    return Entity(entity_id, name, kind, aliases, parent)


def _prompt_source(source_id: str, **given: str | None):  # noqa: ANN202
    from .editing import new_source

    asked = {"title": "Title", "publisher": "Publisher", "published": "Published (YYYY[-MM[-DD]])",
             "url": "Address (https://…)", "document": "Archived text (path relative to the store's document_root)"}
    fields = {k: given.get(k) or click.prompt(f"{label} of {source_id}",
                                              value_proc=_date_answer if k == "published" else None)
              for k, label in asked.items()}
    author = given.get("author") or click.prompt("Author (blank if none)", default="", show_default=False) or None
    return new_source(source_id, author=author, **fields)  # type: ignore[arg-type]


def _prompt_statement(store, given: dict[str, Any], ask_all: bool) -> dict[str, Any]:  # noqa: ANN001
    """The statement's fields from the terminal: those missing, or all when `ask_all` (after a
    refusal: what was given is the default, so only the wrong field needs typing). Parties and
    places are proposed from the names in the claim, and a quote that is not in its source's
    document is refused on the spot, with the document's closest passage offered instead."""
    from .curation import named_entities

    def ask(key: str) -> bool:
        return ask_all or not given[key]

    fields = dict(given)
    if ask("claim"):
        fields["claim"] = click.prompt("Claim", default=given["claim"] or None)
    if ask("verdict"):
        fields["verdict"] = click.prompt("Verdict", type=click.Choice(STATEMENT_VERDICTS), default=given["verdict"])
    parties, places, unknown = named_entities(store, fields["claim"])
    if ask("parties"):
        if parties or unknown:
            named = [f"{e} ({store.entities[e].name})" for e in parties] + [f"{n} (not in the store)" for n in unknown]
            click.echo(f"Named in the claim: {', '.join(named)}")
        default = ", ".join(given["parties"] or parties)
        fields["parties"] = _words(click.prompt("Parties (entity ids, comma-separated)", default=default,
                                                show_default=bool(default)))
    if ask_all or (not given["places"] and places):
        default = ", ".join(given["places"] or places)
        fields["places"] = _words(click.prompt("Places (entity ids of kind place, comma-separated)", default=default,
                                               show_default=bool(default)))
    if ask_all or given["date"] is None:
        fields["date"] = click.prompt("Date of the event (YYYY[-MM[-DD]], blank if unknown)",
                                      default=given["date"] or "", show_default=bool(given["date"]),
                                      value_proc=_date_answer)
    if ask_all or given["deal"] is None:
        fields["deal"] = click.prompt("Deal (e.g. joint venture; blank to skip)", default=given["deal"] or "",
                                      show_default=bool(given["deal"])) or None
    if ask("sources"):
        fields["sources"] = (click.prompt("Source id", default=(given["sources"] or (None,))[0]),)
    if ask("quotes"):
        fields["quotes"] = tuple(_prompt_quote(store, source_id, (given["quotes"] or ("",))[0])
                                 for source_id in fields["sources"][:1])
    return fields


def _prompt_quote(store, source_id: str, default: str) -> str:  # noqa: ANN001
    """A quote that is in the source's document (checked when the source is already stored)."""
    from .sources import quote_suggestion

    while True:
        quote = click.prompt("Quote (verbatim from the source's archived text)", default=default or None)
        source = store.sources.get(source_id)
        if source is None:
            return quote
        found, passage = quote_suggestion(source, quote, allowed_documents())
        if found:
            return quote
        click.echo(f"Not in {source.document}.", err=True)
        if passage is not None:
            click.echo(f"Closest passage ({source.document}:{passage.line}:{passage.column}, similarity "
                       f"{passage.similarity:.0f}):\n  {passage.text}", err=True)
            if click.confirm("Quote this passage instead?", default=True):
                return passage.text
        default = quote


def _missing(**values: object) -> None:
    missing = [f"--{name.replace('_', '-')}" for name, value in values.items() if not value]
    if missing:
        raise click.UsageError(f"missing {', '.join(missing)} (or run on a terminal to be asked for them)")


def _show_near_duplicate(exc) -> None:  # noqa: ANN001
    match = exc.match
    click.echo(f"{match.location}: warning: the new statement nearly duplicates '{match.id}' (similarity "
               f"{exc.score:.0f}; check gives the new claim: {exc.verdict})", err=True)
    click.echo(f"  stored: {match.claim} ({match.verdict})", err=True)
    click.echo(f"  new:    {exc.claim}", err=True)


def _statement_options(editing: bool):  # noqa: ANN202 - a click decorator
    """The fields of a statement as options, for `add` and (where '' clears a field) `edit`."""
    clears = " ('' clears)" if editing else ""
    replaces = "; replaces them all" if editing else ""
    date = _edit_date if editing else _store_date
    options = [
        click.option("--claim", help="The statement, as one sentence."),
        click.option("--verdict", type=click.Choice(STATEMENT_VERDICTS), help="Whether the sources show it true or false."),
        click.option("--party", "parties", multiple=True, metavar="ENTITY",
                     help=f"Entity id of a party (repeatable{replaces})."),
        click.option("--place", "places", multiple=True, metavar="ENTITY",
                     help=f"Entity id of a place (repeatable{replaces}){clears}."),
        click.option("--date", "event_date", callback=date, metavar="YYYY[-MM[-DD]]",
                     help=f"When the event happened{clears}."),
        click.option("--deal", help=f"What kind of deal, e.g. 'joint venture'{clears}."),
        click.option("--said-by", metavar="ENTITY", help=f"Entity id of who made the statement{clears}."),
        click.option("--said-on", callback=date, metavar="YYYY[-MM[-DD]]", help=f"When it was said{clears}."),
        click.option("--source", "sources", multiple=True, metavar="SOURCE",
                     help=f"Source id of a citation (repeatable, paired with --quote in order; one source serves all "
                          f"quotes{replaces})."),
        click.option("--quote", "quotes", multiple=True,
                     help="Verbatim words from the source's archived text (repeatable)."),
    ]

    def decorate(command):  # noqa: ANN001, ANN202
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


def _citations(sources: tuple[str, ...], quotes: tuple[str, ...]):  # noqa: ANN202
    """Citations from --source and --quote: one source for every quote, or one per quote."""
    from .store import Citation

    if len(sources) == 1:
        sources = sources * len(quotes)
    if len(sources) != len(quotes):
        raise click.UsageError("give one --source for all quotes, or one --source per --quote")
    return tuple(Citation(s, q) for s, q in zip(sources, quotes))


@cli.command()
@_statement_options(editing=False)
@click.option("--id", "statement_id", help="Id of the new statement.  [default: parties-date-deal]")
@click.option("--force", is_flag=True, help="Add it even if it nearly duplicates a stored statement.")
@_write_options
def add(claim: str | None, verdict: str | None, parties: tuple[str, ...], places: tuple[str, ...],
        event_date: str | None, deal: str | None, said_by: str | None, said_on: str | None,
        sources: tuple[str, ...], quotes: tuple[str, ...], statement_id: str | None, force: bool,
        stores: tuple[Path, ...], into: Path | None, dry_run: bool, lock_timeout: float) -> None:
    """Record a statement; on a terminal, ask for what the options leave out.

    The id is proposed from parties, date and deal unless --id is given; a taken id is refused.
    The store file is changed only if the whole store then passes `factcheck validate`. A
    statement that nearly duplicates a stored one is shown and not added (exit status 1) unless
    --force, or confirmed at the terminal.
    """
    from .editing import Changes
    from .errors import NearDuplicateError
    from .ids import PROPOSE_ID
    from .store import Statement

    from .errors import EditError

    given = {"claim": claim, "verdict": verdict, "parties": parties, "places": places, "date": event_date,
             "deal": deal, "sources": sources, "quotes": quotes}
    store = _existing_store(stores, into) if _interactive() else None
    ask_all = False
    while True:
        new_entities, new_sources = [], []
        if store is not None:
            given = _prompt_statement(store, given, ask_all)
            for entity_id in dict.fromkeys((*given["parties"], *given["places"], *([said_by] if said_by else []))):
                if entity_id not in store.entities and click.confirm(f"'{entity_id}' is not in the store. Add it?",
                                                                     default=True):
                    new_entities.append(_prompt_entity(entity_id))
            for source_id in dict.fromkeys(given["sources"]):
                if source_id not in store.sources and click.confirm(
                        f"Source '{source_id}' is not in the store. Add it?", default=True):
                    new_sources.append(_prompt_source(source_id))
        _missing(claim=given["claim"], verdict=given["verdict"], source=given["sources"], quote=given["quotes"])
        statement = Statement(statement_id or PROPOSE_ID, given["claim"], given["verdict"],  # type: ignore[arg-type]
                              given["parties"], _citations(given["sources"], given["quotes"]), given["deal"],
                              given["date"], given["places"], said_by, said_on)
        changes = Changes(tuple(new_entities), tuple(new_sources), (statement,))
        try:
            outcome = _apply(stores, into, changes, dry_run=dry_run, lock_timeout=lock_timeout, force=force)
        except NearDuplicateError as exc:
            _show_near_duplicate(exc)
            if not (store is not None and click.confirm("Add it anyway?", default=False)):
                click.echo("not added (--force adds it anyway)", err=True)
                sys.exit(EXIT_FINDINGS)
            outcome = _apply(stores, into, changes, dry_run=dry_run, lock_timeout=lock_timeout, force=True)
        except CliError as exc:
            if store is None or not click.confirm(
                    "\n".join([*exc.lines, "Change the entry and try again?"]), default=True, err=True):
                raise
            ask_all = True  # every field again, with what was given as the default
            continue
        break
    _report_written(outcome)


@cli.command("add-entity")
@click.argument("entity_id", metavar="ID")
@click.option("--name", help="The usual name.")
@click.option("--alias", "aliases", multiple=True, help="Another name it goes by (repeatable).")
@click.option("--kind", type=click.Choice(ENTITY_KINDS), help="What it is.")
@click.option("--parent", metavar="ENTITY", help="Entity id of its parent group, owner or enclosing place.")
@_write_options
def add_entity(entity_id: str, name: str | None, aliases: tuple[str, ...], kind: str | None, parent: str | None,
               stores: tuple[Path, ...], into: Path | None, dry_run: bool, lock_timeout: float) -> None:
    """Add an entity (a company, regulator, person, place…) with id ID."""
    from .editing import Changes
    from .store import Entity

    if _interactive():
        entity = _prompt_entity(entity_id, name, kind, aliases or None, parent)
    else:
        _missing(name=name, kind=kind)
        entity = Entity(entity_id, name, kind, aliases, parent)  # type: ignore[arg-type]
    _report_written(_apply(stores, into, Changes(entities=(entity,)), dry_run=dry_run, lock_timeout=lock_timeout))


@cli.command("add-source")
@click.argument("source_id", metavar="ID")
@click.option("--title", help="Headline of the article or document.")
@click.option("--publisher", help="Who published it.")
@click.option("--published", callback=_store_date, metavar="YYYY[-MM[-DD]]", help="When it was published.")
@click.option("--url", help="Its address (http or https).")
@click.option("--document", metavar="PATH", help="Its archived text, relative to the store's document_root.")
@click.option("--author", help="Byline, if any.")
@_write_options
def add_source(source_id: str, title: str | None, publisher: str | None, published: str | None, url: str | None,
               document: str | None, author: str | None, stores: tuple[Path, ...], into: Path | None,
               dry_run: bool, lock_timeout: float) -> None:
    """Add a source with id ID; its archived text must already be in place."""
    from .editing import Changes, new_source

    given = {"title": title, "publisher": publisher, "published": published, "url": url, "document": document}
    if _interactive():
        source = _prompt_source(source_id, author=author or "", **given)
    else:
        _missing(**given)
        source = new_source(source_id, author=author, **given)  # type: ignore[arg-type]
    _report_written(_apply(stores, into, Changes(sources=(source,)), dry_run=dry_run, lock_timeout=lock_timeout))


def _edit_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A date to set (YYYY[-MM[-DD]]), "" to clear it, None to leave it."""
    return value if value is None or not value.strip() else _store_date(ctx, param, value)


def _cleared(values: tuple[str, ...]) -> tuple[str, ...] | None:
    """A repeatable option's values: None when not given, () when given only as '' (cleared)."""
    return None if not values else tuple(v for v in values if v.strip())


def _problem_lines(exc) -> list[str]:  # noqa: ANN001
    """An EditError's lines; a problem with no place in a file (a missing id) is its message."""
    return [str(p) if p.location.path else p.message for p in exc.problems] + [exc.message]


def _store_to_change(stores: tuple[Path, ...]):  # noqa: ANN202
    """The store's paths and the store as it is (to find the record a change is about)."""
    from .store import default_store_paths, load_store

    paths = list(stores) or default_store_paths()
    try:
        return paths, load_store(paths)
    except StoreError as exc:
        raise store_error(exc) from None


def _edit(stores: tuple[Path, ...], kind: str, record_id: str, fields: dict[str, Any], *, dry_run: bool,
          lock_timeout: float) -> None:
    """Write a record anew with the fields given, or as edited in $EDITOR when none is given."""
    from .curation import edited_record, edited_statement, find_record, record_file, replacement
    from .errors import EditError

    paths, store = _store_to_change(stores)
    try:
        record = find_record(store, kind, record_id)
    except EditError as exc:
        raise CliError(_problem_lines(exc)) from None
    target = record_file(store, record)
    if all(value is None for value in fields.values()):
        new = _edit_in_editor(kind, record_id, target)
    elif kind == "statement":
        new = edited_statement(record, **fields)  # type: ignore[arg-type]
    else:
        new = edited_record(record, **fields)  # type: ignore[arg-type]
    outcome = _write(paths, target, replacement(new), dry_run=dry_run, lock_timeout=lock_timeout)
    if not outcome.diff:
        click.echo(f"{kind} {record_id} unchanged: nothing written", err=True)
    elif not dry_run:
        click.echo(f"edited {kind} {record_id} in {target}")


def _edit_in_editor(kind: str, record_id: str, target: Path):  # noqa: ANN202
    """The record as the curator leaves it in $EDITOR (its YAML as in the file), checked before
    anything is written; on a terminal, a mistake reopens the editor on what was written."""
    from .curation import record_from_yaml
    from .editing import entry_text
    from .errors import EditError

    section = {"statement": "statements", "entity": "entities", "source": "sources"}[kind]
    text = entry_text(target.read_text(encoding="utf-8-sig"), section, record_id, target)
    while True:
        edited = click.edit(text, extension=".yaml", require_save=True)
        if edited is None:
            click.echo(f"{kind} {record_id} unchanged: nothing written", err=True)
            sys.exit(0)
        try:
            return record_from_yaml(kind, record_id, edited, f"<edited {record_id}>")
        except EditError as exc:
            lines = _problem_lines(exc)
            if not _interactive():
                raise CliError(lines) from None
            click.echo("\n".join(lines[:-1]), err=True)
            if not click.confirm("Edit again?", default=True):
                raise CliError(lines[-1:]) from None
            text = edited


def _remove(stores: tuple[Path, ...], kind: str, record_id: str, *, force: bool, dry_run: bool,
            lock_timeout: float) -> None:
    from .curation import find_record, plan_removal, record_file
    from .errors import EditError

    paths, store = _store_to_change(stores)
    try:
        removal = plan_removal(store, kind, record_id, force)
    except EditError as exc:
        raise CliError(_problem_lines(exc)) from None
    target = record_file(store, find_record(store, kind, record_id))
    _write(paths, target, removal.changes, dry_run=dry_run, lock_timeout=lock_timeout)
    verb = "would remove" if dry_run else "removed"
    for what in (f"{kind} {record_id}", *removal.cascaded):
        click.echo(f"{verb} {what} from {target}", err=dry_run)


_FORCE_REMOVE = click.option("--force", is_flag=True, help="Also remove what refers to it (see the README).")


@cli.command()
@click.argument("statement_id", metavar="ID")
@_statement_options(editing=True)
@click.option("--event-type", help="Event type from the vocabulary ('' for none).")
@click.option("--event-stage", help="Event stage from the vocabulary ('' for none).")
@_change_options
def edit(statement_id: str, claim: str | None, verdict: str | None, parties: tuple[str, ...],
         places: tuple[str, ...], event_date: str | None, deal: str | None, said_by: str | None,
         said_on: str | None, sources: tuple[str, ...], quotes: tuple[str, ...], event_type: str | None,
         event_stage: str | None, stores: tuple[Path, ...], dry_run: bool, lock_timeout: float) -> None:
    """Change statement ID: the fields given as options, or, with none, its YAML in $EDITOR.

    The store file is changed only if the whole store then passes `factcheck validate`.
    """
    citations = _citations(sources, quotes) if sources or quotes else None
    event = None
    if event_type is not None or event_stage is not None:
        event = {k: v for k, v in (("type", event_type), ("stage", event_stage)) if v}
    fields = {"claim": claim, "verdict": verdict, "parties": _cleared(parties), "places": _cleared(places),
              "date": event_date, "deal": deal, "said_by": said_by, "said_on": said_on, "citations": citations,
              "event": event}
    _edit(stores, "statement", statement_id, fields, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command("edit-entity")
@click.argument("entity_id", metavar="ID")
@click.option("--name", help="The usual name.")
@click.option("--alias", "aliases", multiple=True, help="Another name (repeatable; replaces all; '' clears).")
@click.option("--kind", type=click.Choice(ENTITY_KINDS))
@click.option("--parent", metavar="ENTITY", help="Parent group, owner or enclosing place ('' clears).")
@_change_options
def edit_entity(entity_id: str, name: str | None, aliases: tuple[str, ...], kind: str | None, parent: str | None,
                stores: tuple[Path, ...], dry_run: bool, lock_timeout: float) -> None:
    """Change entity ID: the fields given as options, or, with none, its YAML in $EDITOR."""
    fields = {"name": name, "aliases": _cleared(aliases), "kind": kind, "parent": parent}
    _edit(stores, "entity", entity_id, fields, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command("edit-source")
@click.argument("source_id", metavar="ID")
@click.option("--title")
@click.option("--publisher")
@click.option("--published", callback=_store_date, metavar="YYYY[-MM[-DD]]")
@click.option("--url")
@click.option("--document", metavar="PATH", help="Its archived text, relative to the store's document_root.")
@click.option("--author", help="Byline ('' clears).")
@_change_options
def edit_source(source_id: str, title: str | None, publisher: str | None, published: str | None, url: str | None,
                document: str | None, author: str | None, stores: tuple[Path, ...], dry_run: bool,
                lock_timeout: float) -> None:
    """Change source ID: the fields given as options, or, with none, its YAML in $EDITOR."""
    fields = {"title": title, "publisher": publisher, "published": published, "url": url, "document": document,
              "author": author}
    _edit(stores, "source", source_id, fields, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command()
@click.argument("statement_id", metavar="ID")
@_change_options
def remove(statement_id: str, stores: tuple[Path, ...], dry_run: bool, lock_timeout: float) -> None:
    """Take statement ID out of the store."""
    _remove(stores, "statement", statement_id, force=False, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command("remove-entity")
@click.argument("entity_id", metavar="ID")
@_FORCE_REMOVE
@_change_options
def remove_entity(entity_id: str, force: bool, stores: tuple[Path, ...], dry_run: bool, lock_timeout: float) -> None:
    """Take entity ID out of the store; refused while statements or entities refer to it.

    --force also removes the statements that name it and the entities it is the parent of."""
    _remove(stores, "entity", entity_id, force=force, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command("remove-source")
@click.argument("source_id", metavar="ID")
@_FORCE_REMOVE
@_change_options
def remove_source(source_id: str, force: bool, stores: tuple[Path, ...], dry_run: bool, lock_timeout: float) -> None:
    """Take source ID out of the store; refused while statements cite it.

    --force also removes its citations, and the statements left citing nothing."""
    _remove(stores, "source", source_id, force=force, dry_run=dry_run, lock_timeout=lock_timeout)


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@store_option
def stats(output_format: str, stores: tuple[Path, ...]) -> None:
    """Count what the store holds: by verdict, event type, source and party; statements without
    an event, sources without documents, the oldest and newest events."""
    import json

    from .curation import store_stats

    found = store_stats(load(stores))
    if output_format == "json":
        click.echo(json.dumps(found.as_json(), ensure_ascii=False, indent=2))
        return
    click.echo(f"{found.statements} statements, {found.entities} entities, {found.sources} sources "
               f"in {found.files} file(s)")
    for end, value in (("oldest", found.oldest), ("newest", found.newest)):
        click.echo(f"{end:<8}{value[0]}  {value[1]}" if value else f"{end:<8}-")
    click.echo(f"undated {found.undated}")
    for title, counts in (("verdict", found.by_verdict), ("event type", found.by_event_type),
                          ("source", found.by_source), ("party", found.by_party)):
        click.echo(f"\nby {title}")
        width = max((len(key) for key in counts), default=0)
        for key, count in counts.items():
            click.echo(f"  {key:<{width}}  {count:>6}")
    click.echo(f"\nstatements without an event: {len(found.without_event)}")
    click.echo(f"sources without documents: {len(found.sources_without_documents)}"
               + (f" ({', '.join(found.sources_without_documents)})" if found.sources_without_documents else ""))


@cli.command()
@click.argument("document", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--source", "source_id", required=True, metavar="SOURCE", help="The source whose archived text it is.")
@click.option("--add", "add_all", is_flag=True, help="Add every proposal to the store (those that would not "
                                                      "validate or nearly duplicate a stored statement are "
                                                      "reported and left out).")
@_write_options
def extract(document: Path, source_id: str, add_all: bool, stores: tuple[Path, ...], into: Path | None,
            dry_run: bool, lock_timeout: float) -> None:
    """Propose statements from DOCUMENT, the archived text of source SOURCE.

    Each sentence that states a deal event becomes a draft statement (parties, event, date,
    places, the sentence as claim and quote); sentences the store already quotes are skipped.
    Prints the drafts as YAML to append under `statements:`; on a terminal, asks for each
    whether to add it (y), skip it (n), edit it in $EDITOR first (e) or stop (q); with --add,
    adds them all.
    """
    from .editing import Changes
    from .extract import document_of, proposals_yaml, propose_statements
    from .sources import read_document

    paths, store = _store_to_change(stores)
    source = store.sources.get(source_id)
    if source is None:
        raise CliError([f"no source '{source_id}' in the store (add it first with add-source)"])
    refusal = document_of(source, document)
    if refusal:
        raise CliError([refusal])
    try:
        text = read_document(document)
    except (OSError, UnicodeDecodeError) as exc:
        raise CliError([f"{document}: cannot be read: {getattr(exc, 'strerror', None) or exc}"]) from None
    proposals = propose_statements(text, source, store, str(document))
    if not proposals:
        click.echo(f"{document}: no sentence states a deal event the store does not record", err=True)
        return
    if add_all:
        chosen = [p.statement for p in proposals]
    elif _interactive():
        chosen = _choose_proposals(proposals, str(document))
    else:
        click.echo(proposals_yaml(proposals, str(document)), nl=False)
        click.echo(f"{len(proposals)} proposal(s) from {document}", err=True)
        return
    if not chosen:
        return
    outcome = _apply(stores, into, Changes(statements=tuple(chosen)), dry_run=dry_run, lock_timeout=lock_timeout,
                     partial=True)
    for rejected in outcome.rejected:
        click.echo(f"not added: {rejected.statement.id}: {'; '.join(rejected.reasons)}", err=True)
    _report_written(outcome)


def _choose_proposals(proposals, document: str) -> list:  # noqa: ANN001
    """Ask about each proposal at the terminal: add, skip, edit in $EDITOR, or stop."""
    from .curation import record_from_yaml
    from .editing import statement_entries
    from .errors import EditError

    chosen = []
    for proposal in proposals:
        statement = proposal.statement
        click.echo(f"\n{document}:{proposal.line}:{proposal.column}\n{statement_entries([statement])}", nl=False)
        answer = click.prompt("Add it? [y]es, [n]o, [e]dit, [q]uit", type=click.Choice(["y", "n", "e", "q"]),
                              default="y", show_choices=False)
        if answer == "q":
            break
        while answer == "e":
            edited = click.edit(statement_entries([statement], indent=0).removeprefix("- ").replace("\n  ", "\n"),
                                extension=".yaml")
            try:
                statement = record_from_yaml("statement", statement.id, edited or "", f"<edited {statement.id}>")
                answer = "y"
            except EditError as exc:
                click.echo("\n".join(_problem_lines(exc)[:-1]), err=True)
                answer = click.prompt("[e]dit again or [n]o", type=click.Choice(["e", "n"]), default="e")
        if answer == "y":
            chosen.append(statement)
    return chosen


@cli.command()
@click.argument("query", nargs=-1)
@click.option("--party", "parties", multiple=True, metavar="ENTITY",
              help="Only statements naming this entity (id, name or alias; a group includes its subsidiaries). "
                   "Repeatable: all must be named.")
@click.option("--verdict", "verdicts", multiple=True, type=click.Choice(STATEMENT_VERDICTS),
              help="Only statements with this verdict (repeatable).")
@click.option("--since", callback=_date_bound, metavar="YYYY[-MM[-DD]]", help="Only events on or after this date.")
@click.option("--until", callback=_date_bound, metavar="YYYY[-MM[-DD]]", help="Only events on or before this date.")
@click.option("--source", "sources", multiple=True, metavar="SOURCE",
              help="Only statements citing this source (repeatable: any of them).")
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True, help="At most this many results.")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "jsonl"]), default="text",
              show_default=True, help="Output format.")
@store_option
def search(query: tuple[str, ...], parties: tuple[str, ...], verdicts: tuple[str, ...], since: date | None,
           until: date | None, sources: tuple[str, ...], limit: int, output_format: str,
           stores: tuple[Path, ...]) -> None:
    """Statements most relevant to QUERY (all of them without one), filtered.

    Text is a table at a terminal and tab-separated lines (score, id, verdict, date, claim) when
    piped.
    """
    from .cache import recovering
    from .errors import InputError
    from .reporters.json import dumps
    from .search import Filters, hit_dict, resolve_entity, resolve_source, search as find

    index = load_index(stores)
    def found() -> list:
        filters = Filters(tuple(resolve_entity(index.entity_records, p) for p in parties), frozenset(verdicts),
                          since, until, tuple(resolve_source(index.sources, s) for s in sources))
        return find(index, " ".join(query), filters, limit)

    try:
        hits = recovering(index, found)
    except InputError as exc:
        raise CliError([str(exc)]) from None
    if output_format == "json":
        click.echo(dumps([hit_dict(h) for h in hits], indent=2))
    elif output_format == "jsonl":
        for hit in hits:
            click.echo(dumps(hit_dict(hit)))
    elif not hits:
        click.echo("no statement matches", err=True)
    elif sys.stdout.isatty():
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        from .reporters.styled import printable
        from .reporters.text import verdict_style

        table = Table(box=None, header_style="bold")
        for column in ("score", "id", "verdict", "date"):  # copied into `show`: never folded or cut
            table.add_column(column, no_wrap=True,
                             min_width=max(len(h.statement.id) for h in hits) if column == "id" else None)
        table.add_column("claim", overflow="fold")
        for hit in hits:
            s = hit.statement  # store text: shown as written, never read as rich markup
            table.add_row("" if hit.score is None else f"{hit.score:.0f}", Text(printable(s.id)),
                          Text(s.verdict, style=verdict_style(s.verdict)), Text(printable(s.date or "")),
                          Text(printable(s.claim)))
        Console().print(table)
    else:
        for hit in hits:
            s = hit.statement
            fields = ["" if hit.score is None else f"{hit.score:.1f}", s.id, s.verdict, s.date or "", s.claim]
            click.echo("\t".join(" ".join(f.split()) for f in fields))


@cli.command()
@click.argument("statement_id", metavar="ID")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@store_option
def show(statement_id: str, output_format: str, stores: tuple[Path, ...]) -> None:
    """One statement in full, with its entities, sources and quotes."""
    from .errors import InputError
    from .search import find_statement, statement_dict

    store = load(stores)
    try:
        statement = find_statement(store, statement_id)
    except InputError as exc:
        raise CliError([str(exc)]) from None
    if output_format == "json":
        from .reporters.json import dumps

        click.echo(dumps(statement_dict(store, statement), indent=2))
        return
    from .reporters import rated
    from .reporters.styled import line_writer
    from .reporters.text import verdict_style

    def names(ids: tuple[str, ...]) -> list[tuple[str, str]]:
        parts: list[tuple[str, str]] = []
        for n, i in enumerate(ids):
            parts += [("; " if n else "", ""), (store.entities[i].name, ""), (f" ({i}, {store.entities[i].kind})", "dim")]
        return parts

    line = line_writer(sys.stdout)
    s = statement
    line([(s.id, "bold"), ("  ", ""), (s.verdict.upper(), verdict_style(s.verdict))])
    line([(f"  {s.claim}", "")])
    rows = [("Deal", s.deal and [(s.deal, "")]), ("Date", s.date and [(s.date, "")]), ("Parties", names(s.parties)),
            ("Places", names(s.places)), ("Said by", s.said_by and names((s.said_by,))),
            ("Said on", s.said_on and [(s.said_on, "")]), ("Appeared", s.appeared_in and [(" ".join(s.appeared_in), "")]),
            ("Recorded", [(str(s.location), "")])]
    for label, value in rows:
        if value:
            line([("  ", ""), (f"{label:<9}", "bold"), *value])
    for number, citation in enumerate(s.citations, start=1):
        source = store.sources[citation.source]
        if citation.quote is None and source.review is not None:
            line([("  ", ""), (f"[{number}]", "bold"), (f" {rated(source)} ", ""), (f"({source.id})", "dim")])
            line([("      ", ""), ("claim reviewed:", "dim"), (f" “{source.review.claim}”", "italic")])
            continue
        byline = ", ".join(p for p in (source.author, source.publisher, source.published) if p)
        line([("  ", ""), (f"[{number}]", "bold"), (f" {source.title} ", ""), (f"— {byline} ({source.id})", "dim")])
        line([("      ", ""), (source.url, f"link {source.url}")])
        line([("      ", ""), ("archived:", "dim"), (f" {source.document}", "")])
        line([("      ", ""), (f"“{citation.quote}”", "italic")])


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["claimreview"]), default="claimreview",
              show_default=True, help="schema.org ClaimReview JSON-LD, one review per statement.")
@click.option("--reviewer-name", help="Who publishes the reviews (the newsroom).  [default: the store's reviewer]")
@click.option("--reviewer-url", help="The reviewer's address.  [default: the store's reviewer]")
@click.option("--reviewer-logo", help="Address of the reviewer's logo.")
@click.option("--review-url", metavar="TEMPLATE",
              help="Address of each review, {id} standing for the statement id, e.g. https://desk.example/checks/{id}.")
@click.option("--archive-url", metavar="URL",
              help="Where the archived documents are published: archivedAt is this address joined with their path.")
@store_option
def export(output_format: str, reviewer_name: str | None, reviewer_url: str | None, reviewer_logo: str | None,
           review_url: str | None, archive_url: str | None, stores: tuple[Path, ...]) -> None:
    """Write the store's statements to standard output as the reviews its reviewer publishes.

    The reviewer (name, url, logo, review_url, archive_url) comes from the store's `reviewer:`;
    the options override each part.
    """
    from dataclasses import replace

    from .claimreview import ExportError, export as claimreview_export
    from .reporters.json import dumps
    from .store import Reviewer

    store = load(stores)
    given = {"name": reviewer_name, "url": reviewer_url, "logo": reviewer_logo, "review_url": review_url,
             "archive_url": archive_url}
    for option, value in given.items():
        if value is not None and option != "name" and not value.startswith(("http://", "https://")):
            raise click.BadParameter(f"{value!r} is not an http or https address", param_hint=f"--{option.replace('_', '-')}"
                                     if option in ("review_url", "archive_url") else f"--reviewer-{option}")
    if review_url is not None and "{id}" not in review_url:
        raise click.BadParameter("the template needs {id}, where each statement's id goes", param_hint="--review-url")
    reviewer = store.reviewer or (Reviewer(reviewer_name, reviewer_url) if reviewer_name and reviewer_url else None)
    if reviewer is not None:
        reviewer = replace(reviewer, **{k: v for k, v in given.items() if v is not None})
    try:
        click.echo(dumps(claimreview_export(store, reviewer), indent=2))
    except ExportError as exc:
        raise CliError([f"{store.files[0] if store.files else 'store'}: {exc}"]) from None


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--on-existing", type=click.Choice(["skip", "update", "fail"]), default="skip", show_default=True,
              help="A review already in the store (same address and claim): leave it, write it anew, or import nothing.")
@click.option("--document-root", metavar="PATH",
              help="For a new store file: the folder its sources' archived texts are in, relative to it.")
@click.option("--force", is_flag=True, help="Import statements that nearly duplicate stored ones too.")
@_write_options
def import_(file: Path, on_existing: str, document_root: str | None, force: bool, stores: tuple[Path, ...],
            into: Path | None, dry_run: bool, lock_timeout: float) -> None:
    """Read published fact-checks (FILE, or '-' for standard input) into the store.

    FILE holds schema.org ClaimReview JSON-LD (one review, a list, a page's @graph, a DataCommons
    DataFeed), a Google Fact Check Tools API search response, or JSON Lines of any of these. Each
    review becomes a source (the review: reviewer, date, address, rating, claim) and a statement
    citing it. Ratings map to verdicts by factcheck/ratings.json, else by a numeric rating at
    either end of its scale; reviews that cannot be mapped, or whose statement would not pass
    `factcheck validate`, are reported and left out (exit status 1); the rest is written.
    """
    from .bounded import read_file, read_stream
    from .claimreview import MAX_IMPORT_BYTES, import_reviews, read_reviews
    from .editing import Changes, new_file_text
    from .errors import InputError
    from .sources import document_folder

    name = "<stdin>" if str(file) == "-" else str(file)
    try:
        raw = read_stream(sys.stdin.buffer, MAX_IMPORT_BYTES) if name == "<stdin>" else \
            read_file(file, MAX_IMPORT_BYTES, pipes=True)
    except OSError as exc:
        raise CliError([f"{name}: cannot read: {exc.strerror or exc}"]) from None
    try:
        found = read_reviews(raw, name)
    except InputError as exc:
        raise CliError([str(exc)]) from None
    target = _write_target(stores, into)[1]
    if document_root and target.exists():
        raise click.UsageError("--document-root is only for a new store file")
    imported = import_reviews(found, _existing_store(stores, into), on_existing,
                              document_folder(target, document_root))
    rejected = [o for o in imported.outcomes if o.status == "rejected"]
    for outcome in rejected:
        where = f"{name}: review {outcome.number}" if outcome.number else name
        click.echo(f"{where}: not imported: {outcome.reason}", err=True)
    if on_existing == "fail" and any(o.kind == "already in the store" for o in rejected):
        click.echo("nothing written: reviews already in the store (--on-existing fail)", err=True)
        sys.exit(EXIT_FINDINGS)
    changes = Changes(imported.entities, imported.sources, imported.statements, imported.replaced_sources,
                      imported.replaced_statements)
    outcome = _apply(stores, into, changes, dry_run=dry_run, lock_timeout=lock_timeout, force=force,
                     partial=True, new_file=new_file_text(document_root), document_root=document_root) \
        if changes else None
    numbers = [o.number for o in imported.outcomes if o.status == "new"]
    for refused in outcome.rejected if outcome else ():
        label = f" ({refused.statement.id})" if refused.statement.id else ""
        click.echo(f"{name}: review {numbers[refused.position]}{label}: not imported: "
                   f"{'; '.join(refused.reasons)}", err=True)
    written = outcome.written if outcome else Changes()
    refusals = {"not valid in the store": len(outcome.rejected)} if outcome and outcome.rejected else {}
    click.echo(_import_summary(imported.outcomes, written, refusals, outcome.path if outcome else None, dry_run),
               err=dry_run)
    if rejected or refusals:
        sys.exit(EXIT_FINDINGS)


def _import_summary(outcomes, written, refusals: dict[str, int], path: Path | None,  # noqa: ANN001
                    dry_run: bool) -> str:
    """`read 7 reviews: 4 imported, 0 updated, 2 skipped (already in the store: 2), 1 rejected
    (no url: 1); 3 new entities and 5 new sources in store.yaml`."""
    from collections import Counter

    def counted(status: str, extra: dict[str, int] | None = None) -> str:
        kinds = Counter(o.kind for o in outcomes if o.status == status) + Counter(extra or {})
        total = sum(kinds.values())
        return f"{total} {status}" + (f" ({', '.join(f'{k}: {n}' for k, n in sorted(kinds.items()))})" if total else "")

    reviews = sum(1 for o in outcomes if o.number)
    verb = "to import" if dry_run else "imported"
    updated = len(written.replaced_statements)
    return (f"read {reviews} review{'s' if reviews != 1 else ''}: {len(written.statements)} {verb}, {updated} "
            f"{'to update' if dry_run else 'updated'}, {counted('skipped')}, {counted('rejected', refusals)}; "
            + (f"{len(written.entities)} new entities and {len(written.sources)} new sources in {path}" if path
               else "nothing to write"))


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised where the program is, so that it unwinds as after Ctrl-C:
    temporary files are removed and worker processes stopped on the way out."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _terminating(pid: int) -> Callable[[int, object], None]:
    """The handler of SIGTERM and SIGHUP in process `pid`. A worker forked from it keeps the
    handler until it sets its own (workers.py): signalled before that, it ends at once, quietly."""
    def handler(signum: int, frame: object) -> None:
        if os.getpid() != pid:
            os._exit(128 + signum)
        raise Terminated(signum)
    return handler


@cli.group()
def index() -> None:
    """The store's compiled index as a file of its own: built once, used anywhere (a CI cache)."""


@index.command("build")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, metavar="FILE",
              help="Where to write the index (replaced in one step once it is complete).")
@store_option
def index_build(out: Path, stores: tuple[Path, ...]) -> None:
    """Build the store's index into FILE, for `check --index FILE` and `scan --index FILE` (or
    `index = "FILE"` in the configuration) on a machine whose cache is empty."""
    from .cache import build_portable

    try:
        key = build_portable(list(stores) or None, out)
    except StoreError as exc:
        raise store_error(exc) from None
    click.echo(f"{out}: index of the store ({key})", err=True)


@cli.group()
def cache() -> None:
    """The compiled indexes kept between runs ($XDG_CACHE_HOME/factcheck, or $FACTCHECK_CACHE).

    An index is built the first time a store is used; the one it supersedes (the same store
    before its last change, or an older factcheck) is removed then, and the least recently used
    ones while the cache is over FACTCHECK_CACHE_MB (default 2048)."""


@cache.command("info")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def cache_info_command(output_format: str) -> None:
    """Show the cache folder and its indexes, most recently used first."""
    import json
    from datetime import datetime, timezone

    from .cache import cache_info

    folder, indexes = cache_info()
    if output_format == "json":
        click.echo(json.dumps({"version": 1, "folder": str(folder) if folder else None,
                               "bytes": sum(i.size for i in indexes),
                               "indexes": [{"path": str(i.path), "bytes": i.size,
                                            "last_used": datetime.fromtimestamp(i.last_used, timezone.utc).isoformat(),
                                            "stores": list(i.stores)} for i in indexes]}, indent=2))
        return
    if folder is None:
        click.echo("the cache is off (FACTCHECK_CACHE=off)")
        return
    total = sum(i.size for i in indexes)
    click.echo(f"{folder}: {len(indexes)} index{'es' if len(indexes) != 1 else ''}, {total / 2**20:.1f} MiB")
    for entry in indexes:
        used = datetime.fromtimestamp(entry.last_used).strftime("%Y-%m-%d %H:%M")
        owner = ", ".join(entry.stores) if entry.stores else "(superseded or unknown store)"
        click.echo(f"  {entry.path.name}  {entry.size / 2**20:8.1f} MiB  used {used}  {owner}")


@cache.command("clear")
def cache_clear_command() -> None:
    """Remove every cached index (each is built again when next needed)."""
    from .cache import clear_cache

    removed, freed = clear_cache()
    click.echo(f"removed {removed} index{'es' if removed != 1 else ''}, {freed / 2**20:.1f} MiB")


def main() -> None:
    """Entry point: also turns a closed pipe, Ctrl-C and SIGTERM into quiet, conventional exits."""
    terminated = _terminating(os.getpid())
    for signum in (signal.SIGTERM, signal.SIGHUP):
        if signal.getsignal(signum) == signal.SIG_DFL:  # not when started with it ignored (nohup)
            signal.signal(signum, terminated)
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
    except Terminated as exc:
        sys.exit(128 + exc.signum)
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
    finally:
        # The work is done and written: every object is moved out of the cyclic collector's
        # reach, so the interpreter's final collection does not walk the index head, the
        # vocabulary and the caches again (20 ms of a one-claim check). Objects are still freed.
        gc.freeze()
