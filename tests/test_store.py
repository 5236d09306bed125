"""Loading and validating stores: every problem as `file:line:col: message`, exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.cli import cli
from factcheck.errors import StoreError
from factcheck.store import default_store_paths, load_store

from conftest import MINI_STORE, write_store


def validate(runner, path: Path):
    return runner.invoke(cli, ["validate", "--store", str(path)])


def test_shipped_store_validates_clean(runner) -> None:
    """No error; the only warnings are event fields that say what the text reader cannot read."""
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert all(": warning: event field of '" in line for line in result.stdout.splitlines())
    assert result.stderr.startswith("valid: ")


def test_mini_store_validates_clean(runner, mini_store: Path) -> None:
    result = validate(runner, mini_store)
    assert result.exit_code == 0
    assert "valid: 2 statements, 6 entities, 1 sources in 1 file(s)" in result.stderr


@pytest.mark.parametrize("edit, message", [
    (("verdict: supported", "verdict: maybe"), "statements[0].verdict: 'maybe' is not one of supported, denied"),
    (("date: 2021-03-04", "date: 4 March 2021"),
     "statements[0].date: '4 March 2021' is not a date of the form YYYY-MM-DD, YYYY-MM or YYYY"),
    (("parties: [acme, globex]", "parties: [acme, hooli]"), "unknown entity 'hooli' in parties"),
    (("{source: gazette, quote: \"Acme and Globex", "{source: herald, quote: \"Acme and Globex"),
     "unknown source 'herald'"),
    (("set up a joint venture in Springfield\"}", "merged\"}"),
     "quote of statement 'acme-globex-2021-03-jv' not found in docs/gazette.txt"),
    (("id: acme-initech-2021-03-acquisition", "id: acme-globex-2021-03-jv"),
     "duplicate statement id 'acme-globex-2021-03-jv' (first at line"),
    (("version: 1", "version: 2"), "version: 2 is not supported (expected 1)"),
])
def test_each_problem_is_reported_with_its_position(runner, tmp_path: Path, edit, message) -> None:
    store = write_store(tmp_path, MINI_STORE.replace(*edit))
    result = validate(runner, store)
    assert result.exit_code == 2
    line = next(line for line in result.stdout.splitlines() if message in line)
    path, row, column, _ = line.split(":", 3)
    assert path == str(store) and int(row) >= 1 and int(column) >= 1


def test_statement_without_citations_is_an_error(runner, tmp_path: Path) -> None:
    text = MINI_STORE.replace(
        '    citations: [{source: gazette, quote: "Acme and Globex set up a joint venture in Springfield"}]\n',
        "    citations: []\n")
    store = write_store(tmp_path, text)
    result = validate(runner, store)
    assert result.exit_code == 2
    [problem] = result.stdout.splitlines()  # the validator's own words follow the field and its value
    assert problem.startswith(f"{store}:19:16: statements[0].citations: [] ")


def test_duplicate_yaml_keys_are_errors_not_silent_overwrites(runner, tmp_path: Path) -> None:
    text = MINI_STORE.replace("  initech: {name: Initech, kind: company}\n",
                              "  initech: {name: Initech, kind: company}\n  acme: {name: Other, kind: company}\n")
    result = validate(runner, write_store(tmp_path, text))
    assert result.exit_code == 2
    assert f"{tmp_path / 'store.yaml'}:6:3: duplicate key 'acme'" in result.stdout


def test_unknown_fields_are_warnings(runner, tmp_path: Path) -> None:
    text = MINI_STORE.replace("    deal: acquisition\n", "    deal: acquisition\n    confidence: high\n")
    result = validate(runner, write_store(tmp_path, text))
    assert result.exit_code == 0
    assert "warning: unknown field 'statements[1].confidence' (ignored)" in result.stdout


def test_missing_document_is_an_error(runner, tmp_path: Path) -> None:
    store = write_store(tmp_path)
    (tmp_path / "docs" / "gazette.txt").unlink()
    result = validate(runner, store)
    assert result.exit_code == 2
    assert "document of source 'gazette' not found" in result.stdout


@pytest.mark.parametrize("text, message", [
    ("version: 1\nstatements: [\n", "invalid YAML"),
    ("- just\n- a list\n", "a store file must be a mapping with 'version' and 'statements', not a list"),
    ("", "a store file must be a mapping with 'version' and 'statements', not empty"),
    ("version: 1\nstatements: !!python/object/apply:os.system [echo hi]\n",
     "refused: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed"),
])
def test_unusable_files_give_one_line_and_exit_2(runner, tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    for command in (["validate"], ["check", "anything"]):
        result = runner.invoke(cli, [*command, "--store", str(path)])
        assert result.exit_code == 2
        assert message in result.output
        assert "Traceback" not in result.output


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join(f'*a{i - 1}' for _ in range(9))}]" for i in range(1, 10)]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(StoreError, match="alias"):
        load_store([path])


def test_non_utf8_store_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"version: 1\nstatements: []\n# caf\xe9\n")
    with pytest.raises(StoreError) as raised:
        load_store([path])
    assert str(raised.value) == f"{path}:3:6: not valid UTF-8 (byte 0xe9)"


def test_folder_store_merges_files_and_rejects_duplicate_ids(tmp_path: Path) -> None:
    write_store(tmp_path)
    second = MINI_STORE.split("statements:")[1]
    (tmp_path / "more.yaml").write_text("version: 1\nstatements:" + second, encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        load_store([tmp_path])
    assert "duplicate statement id 'acme-globex-2021-03-jv'" in str(raised.value)


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no .yaml or .yml files"):
        load_store([tmp_path])


def test_store_chosen_by_environment(monkeypatch, mini_store: Path) -> None:
    monkeypatch.setenv("FACTCHECK_STORE", str(mini_store))
    assert default_store_paths() == [mini_store]
    assert len(load_store().statements) == 2


def test_schema_is_published_as_json_schema() -> None:
    from factcheck.store import SCHEMA_PATH

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"version", "statements"}


MUTATIONS = [
    lambda d: d["statements"][0].update(verdict="maybe"),
    lambda d: d["statements"][0].update(extra="an unknown field"),
    lambda d: d["statements"][0].pop("citations"),
    lambda d: d["statements"][0].update(date="2020-13-01"),
    lambda d: d["statements"][0].update(id="Not An Id"),
    lambda d: d["statements"][0].update(claim="   "),
    lambda d: d["statements"][0].update(parties="acme"),
    lambda d: d["entities"].update({"x y": {"name": "X", "kind": "company"}}),
    lambda d: d["sources"]["gazette"].update(url="ftp://example.com"),
    lambda d: d.update(version=2),
]


@pytest.mark.parametrize("change", [None, *MUTATIONS])
def test_fast_schema_check_agrees_with_jsonschema(change) -> None:
    """The fast validator decides valid stores alone, so it must never pass what jsonschema fails."""
    from factcheck.store import _conforms, _schema_validator
    from factcheck.yaml_loader import parse_yaml

    data = parse_yaml(MINI_STORE, "store.yaml").data
    if change:
        change(data)
    valid = not list(_schema_validator().iter_errors(data))
    assert valid == (change is None)
    assert _conforms(data) == valid
