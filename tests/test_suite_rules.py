"""Rules for the test suite itself."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, at any depth (inside functions too), by its full dotted name."""
    names = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_test_imports_from_benchmarks() -> None:
    """benchmarks/ is not shipped, not installed, and changes for its own reasons (new baselines, corpus
    access): a test that needs its code needs it moved into tests/ or builder/."""
    offenders = {path.relative_to(TESTS).as_posix(): sorted(name for name in imported_modules(path)
                                                            if name.split(".")[0] == "benchmarks")
                 for path in sorted(TESTS.rglob("*.py"))}
    assert {path: names for path, names in offenders.items() if names} == {}
