"""The JSON Schemas shipped in factcheck/schemas/ describe what `check` and `scan` really write."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from referencing import Registry, Resource

from factcheck.cli import cli

SCHEMAS = {name: json.loads(files("factcheck").joinpath("schemas", f"{name}.schema.json").read_text(encoding="utf-8"))
           for name in ("check", "scan")}
REGISTRY = Registry().with_resources(
    (f"{name}.schema.json", Resource.from_contents(schema)) for name, schema in SCHEMAS.items())


def validate(data: object, name: str) -> None:
    jsonschema.Draft202012Validator(SCHEMAS[name], registry=REGISTRY).validate(data)


@pytest.mark.parametrize("claims", [["Acme bought Initech for $2bn"], ["Acme and Globex formed a JV", "Acme deal"], []])
def test_check_json_is_one_versioned_document_matching_its_schema(mini_store: Path, claims: list[str]) -> None:
    args = ["check", "--store", str(mini_store), "--format", "json", "--fail-on", "none", "--top", "2"]
    result = CliRunner().invoke(cli, args + (claims or ["-"]), input="" if not claims else None)
    data = json.loads(result.stdout)
    validate(data, "check")
    assert data["version"] == 1 and [r["claim"] for r in data["results"]] == claims


def test_check_json_lines_are_results_of_the_schema(mini_store: Path) -> None:
    result = CliRunner().invoke(cli, ["check", "--store", str(mini_store), "--format", "jsonl", "--fail-on", "none",
                                      "Acme bought Initech for $2bn"])
    [line] = result.stdout.splitlines()
    validate({"version": 1, "results": [json.loads(line)]}, "check")


def test_scan_json_matches_its_schema(mini_store: Path, tmp_path: Path) -> None:
    (tmp_path / "draft.md").write_text("Acme agreed to buy Initech for $2 billion.\n\nGlobex bought Initech.\n",
                                       encoding="utf-8")
    (tmp_path / "broken.md").write_bytes(b"\xff")
    result = CliRunner().invoke(cli, ["scan", "--store", str(mini_store), "--format", "json", "--show",
                                      "unverified,supported", str(tmp_path / "draft.md"), str(tmp_path / "broken.md")])
    data = json.loads(result.stdout)
    validate(data, "scan")
    assert data["version"] == 1 and len(data["findings"]) == 2 and "error" in data["files"][1]


def test_a_schema_refuses_what_it_does_not_describe() -> None:
    with pytest.raises(jsonschema.ValidationError):
        validate([{"claim": "a bare array, the old shape for several claims"}], "check")
