"""What PyPI and a wheel install show works without the repository around it:
the README's links are absolute, the metadata names the project's pages, and
no message sends the user to a docs/ folder a wheel does not carry."""

from __future__ import annotations

import ast
import re
import tomllib

from sim.i18n import DOCS_URL, REPOSITORY_URL
from tests.conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def link_targets(markdown: str) -> list[str]:
    """Every link target: inline `[text](target)`, images, reference
    definitions `[ref]: target` and HTML `href`/`src`, outside code."""
    prose = re.sub(r"```.*?```", "", markdown, flags=re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    inline = re.findall(r"\]\(\s*<?([^)\s>]+)", prose)
    references = re.findall(r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", prose, flags=re.M)
    html = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)""", prose)
    return inline + references + html


def test_the_link_finder_sees_every_kind_of_link():
    text = "[a](docs/x.md) ![i](img.png) [b](#anchor)\n[r]: ARCHITECTURE.md\n<a href='y.md'>y</a> `[c](not-a-link)`\n"
    assert link_targets(text) == ["docs/x.md", "img.png", "#anchor", "ARCHITECTURE.md", "y.md"]


def test_every_readme_link_is_absolute():
    # PyPI renders the README on its own: a relative link or an in-page
    # anchor (whose id PyPI rewrites) leads nowhere there.
    targets = link_targets(README)
    assert targets, "the link pattern found nothing: has the README changed shape?"
    assert [t for t in targets if not re.match(r"https?://", t)] == []


def test_readme_links_into_the_repository_name_files_that_exist():
    prefix = f"{REPOSITORY_URL}/blob/main/"
    for target in link_targets(README):
        if target.startswith(prefix):
            path = target.removeprefix(prefix).partition("#")[0]
            assert (ROOT / path).is_file(), target


def test_the_metadata_names_the_projects_pages():
    urls = PYPROJECT["project"]["urls"]
    assert {"Homepage", "Source", "Documentation", "Issues"} <= urls.keys()
    assert urls["Source"] == REPOSITORY_URL
    assert urls["Documentation"] == f"{REPOSITORY_URL}/tree/main/docs"
    assert all(url.startswith("https://") for url in urls.values())
    # A Changelog entry needs a changelog to point at.
    changelogs = [p.name for p in ROOT.iterdir() if p.name.upper().startswith(("CHANGELOG", "CHANGES", "HISTORY", "NEWS"))]
    assert bool(changelogs) == ("Changelog" in urls)


def test_the_docs_address_is_in_the_repository():
    assert f"{REPOSITORY_URL}/blob/main/docs" == DOCS_URL
    assert (ROOT / "docs").is_dir()


def test_no_message_names_a_docs_folder_on_disk():
    # Hints and templates are strings in the code; docstrings and comments are
    # for readers of the source, who have the folder.
    found = []
    for path in sorted((ROOT / "sim").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            is_text = isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
            if is_text and re.search(r"(?<![/\w])docs/\w", node.value):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]!r}")
    assert found == []
