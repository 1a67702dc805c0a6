"""The package layout is the map of the stages, and no module depends on itself through others: every
import inside builder/ counts, at any depth of the file (in functions, under TYPE_CHECKING), so a cycle
cannot hide behind a late import."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "builder"
STAGES = {"read", "text", "rules", "dedup", "release", "run"}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, modules: set[str], package: Path = PACKAGE) -> set[str]:
    """The builder modules `path` imports anywhere in its text."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:  # `from builder.run import plan` imports the module builder.run.plan
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return {name for name in found if name in modules and name != module_name(path, package)}


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    files = sorted(package.rglob("*.py"))
    modules = {module_name(f, package) for f in files}
    return {module_name(f, package): imports(f, modules, package) for f in files}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each module that is on one (depth-first search)."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return found


def test_no_module_of_the_package_imports_itself_through_others() -> None:
    assert cycles(graph()) == []


def test_the_cycle_check_finds_a_late_import_cycle(tmp_path: Path) -> None:
    package = tmp_path / "builder"
    (package / "run").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "run" / "__init__.py").write_text("")
    (package / "a.py").write_text("from builder.run import b\n")
    (package / "run" / "b.py").write_text("def f():\n    from builder.a import x\n")
    assert cycles(graph(package)) == [["builder.a", "builder.run.b", "builder.a"]]


def test_the_stages_are_packages_and_the_top_level_holds_only_what_crosses_them() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file()}
    assert folders >= STAGES
    top = {p.stem for p in PACKAGE.glob("*.py")}
    assert top == {"__init__", "__main__", "api", "cli", "columns", "config", "outcomes", "reasons", "schemas",
                   "step_loader", "steps", "user_paths", "version"}
