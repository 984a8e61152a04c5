"""No app imports itself in a circle: inside each app of the layers (pyproject.toml),
no module reaches back to one that imports it, counting imports inside functions too
(a deferred import hides a cycle, it does not break it). Imports under TYPE_CHECKING,
for type hints only, do not count."""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["root_packages"]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*APPS, exclude_type_checking_imports=True)


def cycles(graph: grimp.ImportGraph, app: str) -> list[str]:
    """Each import inside the app that the imported module leads back from, as a chain."""
    inside = {m for m in graph.modules if m == app or m.startswith(f"{app}.")}
    found = []
    for importer in sorted(inside):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & inside):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                found.append(" -> ".join((importer, *back)))
    return found


@pytest.mark.parametrize("app", APPS)
def test_no_module_of_an_app_imports_itself_in_a_circle(graph, app):
    assert cycles(graph, app) == []


def test_the_check_sees_a_cycle_hidden_in_a_function(tmp_path, monkeypatch):
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "models.py").write_text(
        "def later():\n    from circle.snapshot import take\n\n    return take()\n"
    )
    (package / "snapshot.py").write_text("from circle.models import later\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("circle", exclude_type_checking_imports=True, cache_dir=None)
    assert cycles(graph, "circle") == [
        "circle.models -> circle.snapshot -> circle.models",
        "circle.snapshot -> circle.models -> circle.snapshot",
    ]
