"""The docs stand alone (issue 18): a district's copy of the repository has the README and
docs/ and nothing beside them, so they point at nothing outside the repository — no sibling
folder (the README once sent readers to ../shared/DESIGN.md), no link that leaves it, no repo
path that does not exist — and the deploy guide's release tag is this release's."""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TOP = ("ban138", "tips", "campaigns", "models_registry", "reports", "bench", "docs", "tests",
       "ops", "static", "templates")
# A path in backticks; docs/STYLE.md's examples from other public codebases ("HC `hc/…`") are
# theirs, named with the project's label, and not looked for here.
REPO_PATH = re.compile(rf"(?<![A-Z]{{2}} )`((?:{'|'.join(TOP)})/[\w./-]*)`")
MIGRATION = re.compile(r"(\w+)/(\d{4})(?:_\w+)?")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _id(path):
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_a_doc_names_nothing_outside_the_repository(doc):
    text = doc.read_text()
    assert not re.search(r"\.\./shared|(?<![\w/])shared/", text), "points outside the repository"
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # an address or an anchor, not a file
        resolved = (doc.parent / target.split("#")[0]).resolve()
        assert resolved.is_relative_to(ROOT) and resolved.exists(), target


@pytest.mark.parametrize("doc", DOCS, ids=_id)
def test_every_repository_path_a_doc_names_exists(doc):
    missing = [
        path for path in REPO_PATH.findall(doc.read_text()) if not _exists(path)
    ]
    assert missing == []


def _exists(path: str) -> bool:
    migration = MIGRATION.fullmatch(path)
    if migration:  # "tips/0003": an app's migration by its number
        app, number = migration.groups()
        return any((ROOT / app / "migrations").glob(f"{number}_*.py"))
    return (ROOT / path).exists()


def test_the_guide_checks_out_the_tag_of_this_release():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    guide = (ROOT / "docs" / "DEPLOY.md").read_text()
    assert re.findall(r"checkout (v[\d.]+)", guide) == [f"v{version}"]
