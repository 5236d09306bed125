"""`factcheck scan` in a project: folders and globs, .gitignore and exclusions, configuration
files, paths relative to the repository, standard input's name, -q and -o."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from factcheck.cli import cli

from conftest import write_store

DENIED = "Acme agreed to buy Initech for $2 billion.\n"
UNVERIFIED = "Globex bought Initech in 2019.\n"


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_ACTIONS", "FORCE_COLOR", "FACTCHECK_STORE"):
        monkeypatch.delenv(name, raising=False)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with a store, drafts, an ignored folder and a configuration file."""
    top = tmp_path / "newsroom"
    top.mkdir()
    subprocess.run(["git", "init", "-q", str(top)], check=True)
    write_store(top / "factcheck")
    write(top / ".factcheck.toml", 'store = "factcheck/store.yaml"\nshow = ["unverified"]\n'
                                   'extend-exclude = ["factcheck/", "drafts/old.md"]\n')
    write(top / ".gitignore", "generated/\n*.tmp.md\n")
    write(top / "drafts" / "deal.md", DENIED)
    write(top / "drafts" / "notes.txt", UNVERIFIED)
    write(top / "drafts" / "old.md", DENIED)
    write(top / "drafts" / "scratch.tmp.md", DENIED)
    write(top / "drafts" / "picture.png", DENIED)
    write(top / "generated" / "copy.md", DENIED)
    write(top / "node_modules" / "pkg" / "README.md", DENIED)
    monkeypatch.chdir(top)
    return top


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["scan", *args], input=stdin)


def scanned(result: Result) -> list[str]:
    return [f["path"] for f in json.loads(result.stdout)["files"]]


def test_a_folder_is_scanned_with_the_configured_store_leaving_out_what_git_ignores(repo: Path) -> None:
    result = run(".", "--format", "json")
    assert result.exit_code == 1, result.output
    assert scanned(result) == ["drafts/deal.md", "drafts/notes.txt"]
    assert [(f["path"], f["verdict"]) for f in json.loads(result.stdout)["findings"]] == \
        [("drafts/deal.md", "denied"), ("drafts/notes.txt", "unverified")]  # show = unverified, from the file


def test_configuration_is_found_from_a_subfolder_and_its_paths_are_its_own(repo: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "drafts")
    result = run(".", "--format", "json")
    assert scanned(result) == ["deal.md", "notes.txt"]  # old.md: excluded relative to the config's folder
    assert result.exit_code == 1


def test_the_command_line_wins_and_isolated_reads_no_configuration(repo: Path) -> None:
    result = run("drafts", "--format", "json", "--show", "denied", "--extend-exclude", "nothing")
    assert [f["verdict"] for f in json.loads(result.stdout)["findings"]] == ["denied", "denied"]
    assert scanned(result) == ["drafts/deal.md", "drafts/notes.txt", "drafts/old.md"]
    isolated = run("drafts", "--isolated", "--format", "json")  # the shipped store, which knows no Acme
    assert isolated.exit_code == 0 and json.loads(isolated.stdout)["findings"] == []
    assert scanned(run("drafts", "--isolated", "--store", "factcheck/store.yaml", "--format", "json")) == \
        ["drafts/deal.md", "drafts/notes.txt", "drafts/old.md"]


def test_config_option_names_the_file(repo: Path, tmp_path: Path) -> None:
    config = write(tmp_path / "strict.toml", 'store = "newsroom/factcheck/store.yaml"\nfail-on = ["unverified"]\n')
    result = run("drafts/notes.txt", "--config", str(config))
    assert result.exit_code == 1
    assert run("drafts/notes.txt", "--config", str(config), "--isolated").exit_code == 2


@pytest.mark.parametrize("text, expected", [
    ('[tool.factcheck]\nstore = "s.yaml"\nfail_on = ["denied"]\n',
     "pyproject.toml:3:1: unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ('[project]\nname = "x"\n\n[tool.factcheck]\nthreshold = "high"\n',
     "pyproject.toml:5:1: 'threshold' must be a number from 0 to 100"),
    ('[tool.factcheck.scan]\nshow = []\n',
     "pyproject.toml:1:1: unknown key 'scan' (known keys: store, allow-documents, threshold, fail-on, show, "
     "top, exclude, extend-exclude, respect-gitignore, root, lock-timeout, index)"),
    ('[tool]\nfactcheck.colour = true\n', "pyproject.toml:2:1: unknown key 'colour' (known keys: store, "
     "allow-documents, threshold, fail-on, show, top, exclude, extend-exclude, respect-gitignore, root, "
     "lock-timeout, index)"),
    ('[tool.factcheck]\nstore = [\n', "pyproject.toml:2:1: not valid TOML: "),
])
def test_a_bad_configuration_is_one_line_naming_file_and_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               text: str, expected: str) -> None:
    write(tmp_path / "pyproject.toml", text)
    write(tmp_path / "draft.md", DENIED)
    monkeypatch.chdir(tmp_path)
    for command in (["scan", "draft.md"], ["check", "Acme bought Initech"], ["validate"]):
        result = CliRunner().invoke(cli, command)
        assert result.exit_code == 2
        assert result.stderr.startswith(expected) and result.stderr.count("\n") == 1, result.stderr


def test_pyproject_without_a_factcheck_table_is_passed_over(repo: Path) -> None:
    write(repo / "drafts" / "pyproject.toml", '[tool.other]\nfail_on = 1\n')
    assert run("drafts/deal.md", "--format", "json").exit_code == 1  # the repository's .factcheck.toml applies


def test_each_file_is_scanned_once_however_it_is_named(repo: Path) -> None:
    (repo / "link.md").symlink_to(repo / "drafts" / "deal.md")
    result = run("drafts/deal.md", "./drafts/deal.md", "drafts", "link.md", "drafts/*.md", "--format", "json")
    assert scanned(result) == ["drafts/deal.md", "drafts/notes.txt"]


def test_globs_are_expanded_and_one_that_matches_nothing_is_an_error(repo: Path) -> None:
    assert scanned(run("**/*.md", "--format", "json")) == ["drafts/deal.md"]  # ignored and excluded left out
    result = run("drafts/*.rst", "drafts/deal.md", "--format", "json")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "drafts/*.rst: no file matches this pattern"
    assert scanned(result)[-1] == "drafts/deal.md"


def test_gitignore_can_be_disregarded_and_a_named_file_is_always_read(repo: Path) -> None:
    assert "generated/copy.md" in scanned(run(".", "--no-respect-gitignore", "--format", "json"))
    assert scanned(run("generated/copy.md", "--format", "json")) == ["generated/copy.md"]


def test_repository_paths_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo / "docs" / "sub dir" / "x.md", DENIED)
    write(repo / "top.md", DENIED)
    monkeypatch.chdir(repo / "docs")
    github = run("--format", "github", "sub dir/x.md", "../top.md")
    assert [line.split(",line=")[0] for line in github.stdout.splitlines()] == \
        ["::error file=top.md", "::error file=docs/sub dir/x.md"]  # worst first, then by path as given
    sarif = json.loads(run("--format", "sarif", "sub dir/x.md", "../top.md").stdout)["runs"][0]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in sarif["results"]] == [
        {"uri": "docs/sub%20dir/x.md", "uriBaseId": "%SRCROOT%"}, {"uri": "top.md", "uriBaseId": "%SRCROOT%"}]
    assert len(run("--format", "json", "../top.md", str(repo / "top.md")).stdout.split('"path"')) == 3  # 1 file, 1 finding
    assert sarif["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    rooted = run("--format", "github", "--root", "..", "sub dir/x.md")
    assert rooted.stdout.startswith("::error file=docs/sub dir/x.md,")


def test_standard_input_is_named_by_stdin_filename(repo: Path) -> None:
    result = run("--format", "github", "--stdin-filename", "drafts/pasted.txt", "-", stdin=DENIED)
    assert result.stdout.startswith("::error file=drafts/pasted.txt,line=1,col=1,")
    sarif = run("--format", "sarif", "-", stdin=DENIED)
    assert sarif.exit_code == 2
    assert sarif.stderr.endswith("give --stdin-filename with '-': code scanning needs a file name for every result\n")


def test_identical_sentences_get_distinct_stable_fingerprints(repo: Path) -> None:
    write(repo / "twice.md", DENIED + "\n" + DENIED)

    def fingerprints() -> list[str]:
        log = json.loads(run("--format", "sarif", "twice.md").stdout)
        return [r["partialFingerprints"]["factcheckSentence/v2"] for r in log["runs"][0]["results"]]

    first = fingerprints()
    assert len(set(first)) == 2 and fingerprints() == first


def test_an_annotation_over_two_lines_has_no_column(repo: Path) -> None:
    write(repo / "wrapped.md", "Acme agreed to buy Initech\nfor $2 billion.\n")
    assert run("--format", "github", "wrapped.md").stdout.startswith(
        "::error file=wrapped.md,line=1,endLine=2,title=factcheck%3A denied::")


def test_quiet_prints_only_findings_and_output_writes_the_report_to_a_file(repo: Path) -> None:
    quiet = run("-q", "drafts/deal.md")
    assert quiet.exit_code == 1 and quiet.stderr == ""
    assert quiet.stdout.startswith("drafts/deal.md:1:1: denied: Acme agreed to buy Initech for $2 billion.\n")
    report = repo / "out" / "report.sarif"
    report.parent.mkdir()
    written = run("--format", "sarif", "-o", str(report), "drafts/deal.md")
    assert written.exit_code == 1 and written.stdout == ""
    assert json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "factcheck/denied"
    assert [p.name for p in report.parent.iterdir()] == ["report.sarif"]  # no temporary file left
    missing = run("-o", str(repo / "nowhere" / "r.txt"), "drafts/deal.md")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[-1].startswith(f"{repo / 'nowhere' / 'r.txt'}: cannot create a temporary file")


def test_a_folder_does_not_yield_the_stores_own_documents(repo: Path) -> None:
    """The archived documents are what the store quotes, not drafts: a walk passes them by,
    while a document named on the command line is read as asked."""
    write(repo / ".factcheck.toml", 'store = "factcheck/store.yaml"\n')
    walked = scanned(run("--format", "json", "--fail-on", "none", "."))
    assert "factcheck/docs/gazette.txt" not in walked and "drafts/deal.md" in walked
    named = scanned(run("--format", "json", "--fail-on", "none", "factcheck/docs/gazette.txt"))
    assert named == ["factcheck/docs/gazette.txt"]
