"""Start-up: the scenario list comes from an index kept in the cache folder,
so `sim` starts without the YAML parser and the typed model; the files are
loaded in full when a scenario is opened. The index must never show what the
files no longer say."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sim.session import catalog as catalog_module
from sim.session.catalog import Catalog
from tests.conftest import ROOT, SAMPLE
from tests.functional.tui.conftest import BROKEN


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / folder.name
    shutil.copytree(folder, target)
    return target


def shown(catalog: Catalog) -> list[tuple[str, object, tuple[str, ...]]]:
    return [(e.key, e.info, tuple(p.format() for p in e.problems)) for e in catalog.entries]


def test_the_second_start_lists_from_the_index_without_loading_files(tmp_path):
    folder = copy_of(SAMPLE, tmp_path)
    first = Catalog.load([folder])
    assert first._source._library is not None  # no index yet: the files were loaded
    second = Catalog.load([folder])
    assert second._source._library is None  # listed from the index alone
    assert shown(second) == shown(first)
    info = second.find("sample").info
    assert info.title == {"fi": "Esimerkki", "en": "Sample"} and info.channel == "desk" and info.difficulty == "easy"
    assert info.persona is not None and info.languages == ("en",) and not info.builtin
    # Opening a scenario loads the files, and it is the same scenario.
    assert second.find("sample").loaded.scenario == first.find("sample").loaded.scenario
    assert second._source._library is not None


def test_an_edited_file_is_read_again(tmp_path):
    folder = copy_of(SAMPLE, tmp_path)
    Catalog.load([folder])
    path = folder / "sample.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: Sample}", "en: Sample renamed}"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert Catalog.load([folder]).find("sample").info.title["en"] == "Sample renamed"
    # A new file in the folder is noticed too.
    (folder / "second.yaml").write_text(text.replace("id: sample", "id: second"), encoding="utf-8")
    assert Catalog.load([folder]).find("second") is not None


def test_broken_files_are_listed_from_the_index_with_their_problems(tmp_path):
    folder = copy_of(BROKEN, tmp_path)
    first = Catalog.load([folder])
    second = Catalog.load([folder])
    assert second._source._library is None
    broken = [e for e in second.entries if e.broken]
    assert broken and broken[0].loaded is None
    assert shown(second) == shown(first)
    assert any("there is no node `nowhere`" in p.message for p in broken[0].problems)


def test_a_scenario_broken_after_the_list_was_made_shows_its_problems(tmp_path):
    folder = copy_of(SAMPLE, tmp_path)
    Catalog.load([folder])
    listed = Catalog.load([folder])  # from the index
    path = folder / "sample.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("next: details", "next: nowhere", 1), encoding="utf-8")
    entry = listed.find("sample")
    assert not entry.broken  # the list was made before the edit
    assert entry.loaded is None
    assert any("there is no node `nowhere`" in p.message for p in entry.problems)


def test_an_unreadable_index_is_ignored_and_rewritten(tmp_path):
    folder = copy_of(SAMPLE, tmp_path)
    index = catalog_module._index_path()
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text("{not json", encoding="utf-8")
    assert Catalog.load([folder]).find("sample") is not None
    assert Catalog.load([folder])._source._library is None


def test_a_damaged_index_is_rebuilt_not_shown(tmp_path):
    import json

    folder = copy_of(SAMPLE, tmp_path)
    first = Catalog.load([folder])
    index = catalog_module._index_path()
    data = json.loads(index.read_text(encoding="utf-8"))
    for item in data["sets"].values():
        for row in item["rows"]:
            if row["info"] is not None:
                row["info"]["title"] = ["not", "text"]
    index.write_text(json.dumps(data), encoding="utf-8")
    again = Catalog.load([folder])
    assert again._source._library is not None  # read from the files again
    assert shown(again) == shown(first)


def test_the_index_lives_in_the_platform_cache_folder_not_among_the_data(tmp_path, _isolated_home):
    cache = Path(os.environ["XDG_CACHE_HOME"])
    former = _isolated_home / "cache" / catalog_module.INDEX_NAME  # where 0.1.0 kept it
    former.parent.mkdir()
    former.write_text("{}", encoding="utf-8")
    Catalog.load([copy_of(SAMPLE, tmp_path)])
    assert (cache / "encounter-sim" / catalog_module.INDEX_NAME).is_file()
    assert not former.parent.exists()  # the old copy is gone, and so is its empty folder


def test_a_cache_folder_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # the cache folder cannot be made inside a file
    folder = copy_of(SAMPLE, tmp_path)
    first = Catalog.load([folder])
    again = Catalog.load([folder])
    assert again._source._library is not None and shown(again) == shown(first)


def test_the_index_keeps_a_few_source_sets(tmp_path):
    folders = [copy_of(SAMPLE, tmp_path / str(i)) for i in range(catalog_module.INDEX_KEEP + 2)]
    for folder in folders:
        Catalog.load([folder])
    assert Catalog.load([folders[-1]])._source._library is None
    assert Catalog.load([folders[0]])._source._library is not None  # the oldest was dropped


def test_starting_the_app_imports_neither_the_model_nor_the_parser(_isolated_home):
    code = (
        "import sys\n"
        "from sim.session.catalog import Catalog\n"
        "Catalog.load()\n"  # writes the index
        "for m in [m for m in sys.modules if m.startswith(('pydantic', 'yaml', 'sim.'))]: del sys.modules[m]\n"
        "from sim.session.catalog import Catalog\n"
        "import sim.tui.app, sim.tui.launch\n"
        "Catalog.load()\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'sim.content.model', 'sim.core.engine', 'sim.content.loader') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sim_exit_on_ready_starts_headless_and_lists_every_built_in_scenario(_isolated_home):
    env = {**os.environ, "SIM_EXIT_ON_READY": "1", "SIM_TRAINEE": "Tess"}
    builtin = len(Catalog.load().entries)
    for _ in range(2):  # without, then with the index
        result = subprocess.run([sys.executable, "-m", "sim"], capture_output=True, text=True, env=env, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=60)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == f"ready: screen=home home-rows={builtin}"


def _loading_code() -> set[Path]:
    """Every module of sim/content, every sim module they import, transitively
    (lazy imports included), and the catalogue itself: found by `ast`,
    independently of how sim.session.catalog finds them."""
    import ast

    import sim

    package = Path(sim.__file__).parent

    def files_of(dotted: str) -> list[Path]:
        parts = dotted.split(".")[1:]
        inits = [package.joinpath(*parts[:i], "__init__.py") for i in range(len(parts) + 1)]
        return [p for p in (*inits, package.joinpath(*parts).with_suffix(".py")) if p.is_file()]

    found: set[Path] = set()
    todo = list((package / "content").rglob("*.py"))
    while todo:
        path = todo.pop()
        if path in found:
            continue
        found.add(path)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                todo += [f for alias in node.names if alias.name.split(".")[0] == "sim" for f in files_of(alias.name)]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and node.module.split(".")[0] == "sim":
                todo += files_of(node.module)
                todo += [f for alias in node.names for f in files_of(f"{node.module}.{alias.name}")]
    return found | {package / "session" / "catalog.py"}


def test_a_change_to_any_loading_code_invalidates_the_index(tmp_path, monkeypatch):
    # The index is trusted only while the code that decides what loads is the
    # same: every module of sim/content, its subpackages included, what they
    # import from sim (files.py reads the YAML; its messages end up in the
    # cached problems), and the catalogue that writes the index.
    import sim

    package = Path(sim.__file__).parent
    expected = _loading_code()
    assert set(catalog_module._code_files()) == expected
    for path in ("content/conditions/parser.py", "files.py", "text.py", "paths.py", "i18n.py", "session/catalog.py"):
        assert package / path in expected, path

    folder = copy_of(SAMPLE, tmp_path)
    key, before = catalog_module._fingerprint((folder,))
    # A copy of the code tree, so the test can change a file without touching the install.
    code = tmp_path / "code"
    for path in expected:
        target = code / path.relative_to(package)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    monkeypatch.setattr(catalog_module, "_CONTENT", code / "content")
    _, copied = catalog_module._fingerprint((folder,))
    seen = {before, copied}
    for path in sorted(expected):
        changed = code / path.relative_to(package)
        changed.write_text(changed.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
        _, now = catalog_module._fingerprint((folder,))
        assert now not in seen, f"a change to {path.relative_to(package)} keeps the index"
        seen.add(now)
