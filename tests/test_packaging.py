"""Packaging hygiene: the distribution's name and version, its licence, the tested dependency
range and the CI command, each kept in step with the README and pyproject.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck import __version__
from factcheck.cli import cli

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"

pytestmark = pytest.mark.skipif(not PYPROJECT.exists(), reason="needs the source tree")


def project() -> dict:
    return tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lower_bounds(requirements: list[str]) -> dict[str, str]:
    bounds = {}
    for requirement in requirements:
        found = re.fullmatch(r"([A-Za-z0-9._-]+)>=([0-9][0-9.]*)", requirement.split(";")[0].strip())
        assert found, f"{requirement}: every dependency has a tested lower bound and no other pin"
        bounds[normalized(found[1])] = found[2]
    return bounds


def release(version: str) -> tuple[int, ...]:
    """'8.0' and '8.0.0' are the same release."""
    numbers = [int(part) for part in version.split(".")]
    while numbers and numbers[-1] == 0:
        numbers.pop()
    return tuple(numbers)


def pins(path: Path) -> dict[str, str]:
    lines = (line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return {normalized(name): version for name, version in (line.split("==") for line in lines if line)}


def test_version_is_the_packages_own() -> None:
    """Not looked up by distribution name: another project's `factcheck` could answer."""
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "factcheck" in result.stdout and __version__ in result.stdout


def test_the_distribution_name_is_not_the_taken_one() -> None:
    name = project()["name"]
    assert normalized(name) == "deal-factcheck"
    assert project()["scripts"] == {"factcheck": "factcheck.cli:main"}
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert f'"{name} @ file://$ACTION_PATH"' in action  # the GitHub Action installs this distribution
    for text in (action, (ROOT / "README.md").read_text(encoding="utf-8")):
        assert not re.search(r'["\s]factcheck @ ', text)


def test_the_action_uploads_sarif_even_when_the_scan_fails() -> None:
    import yaml

    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite" and set(action["inputs"]) == {
        "paths", "args", "sarif-file", "python-version"}
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "factcheck.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["code-scanning"]["steps"]
    [upload] = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    assert "!cancelled()" in upload["if"]  # runs after the scan step failed on a finding


def test_the_licence_is_shipped() -> None:
    assert project()["license"] == "MIT"
    assert project()["license-files"] == ["LICENSE"]
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License\n")


def test_the_lowest_constraints_pin_the_lower_bounds() -> None:
    """`.ci/fresh --lowest` installs exactly the lower bounds that pyproject.toml promises."""
    bounds = lower_bounds(project()["dependencies"] + project()["optional-dependencies"]["test"])
    pinned = pins(ROOT / ".ci" / "constraints-lowest.txt")
    assert {name: release(pinned.get(name, "0")) for name in bounds} == \
        {name: release(version) for name, version in bounds.items()}


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest"
    assert command in readme
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("\n" + command)
    assert "fresh" not in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
