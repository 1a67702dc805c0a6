"""The package as users install it: a wheel, not this checkout. It must carry the JSON Schemas that
`build` and `validate` read (they were left out, and only the editable install was ever tested)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, ROOT

pytestmark = pytest.mark.slow  # builds a wheel and installs it into a fresh virtual environment

IGNORED = (".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis")
TOP_LEVEL_OUTPUTS = {"build", "dist", "release"}  # only at the top: builder/release/ is a package


def _ignored(folder: str, names: list[str]) -> set[str]:
    ignored = shutil.ignore_patterns(*IGNORED)(folder, names)
    return ignored | (TOP_LEVEL_OUTPUTS & set(names) if Path(folder) == ROOT else set())
OFFLINE_SIGNS = ("No matching distribution found for setuptools", "Failed to establish a new connection",
                 "Temporary failure in name resolution", "Network is unreachable")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip builds from a copy of the checkout without its environments and build outputs
    (so nothing stale from a build/ folder gets in), in an isolated build environment, as
    `pip install .` does."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_ignored)
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--retries", "1",
                           "--timeout", "15", "--wheel-dir", str(work / "dist"), str(source)],
                          capture_output=True, text=True)
    if done.returncode != 0 and any(sign in done.stderr for sign in OFFLINE_SIGNS):
        pytest.skip(f"pip cannot fetch the build backend (setuptools>=77) here: {done.stderr.strip()[-300:]}")
    assert done.returncode == 0, done.stderr
    (built,) = (work / "dist").glob("dataset_builder-*.whl")
    return built


def test_the_wheel_ships_every_schema(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = {Path(n).name: archive.read(n) for n in archive.namelist() if n.startswith("builder/schema/")}
    expected = {p.name: p.read_bytes() for p in (ROOT / "schema").glob("*.json")}
    assert "document.schema.json" in expected and "record.schema.json" in expected
    assert shipped == expected


def test_the_wheel_ships_the_console_scripts_module(wheel: Path) -> None:
    """`dataset-builder` runs dataset_builder_console:console, outside the package, so that it can catch a Ctrl-C
    while the CLI imports (tests/test_console.py): the module must be in the wheel, beside builder/."""
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        assert "dataset-builder = dataset_builder_console:console" in archive.read(entry_points).decode()
    assert "dataset_builder_console.py" in names


def test_build_and_validate_run_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    """Installed on its own (this environment's libraries, but not this checkout) and run from a
    folder outside the repository: the example builds and validates."""
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "builder", *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True)

    where = subprocess.run([sys.executable, "-c", "import builder; print(builder.__file__)"], cwd=elsewhere,
                           env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(where).is_relative_to(site), where  # the wheel's copy, not the checkout
    raw = cli("validate", str(EXAMPLES))
    assert raw.returncode == 0, raw.stdout + raw.stderr
    built = cli("build", str(EXAMPLES), "--config", str(EXAMPLE_CONFIG), "--out", str(tmp_path / "release"),
                "--workers", "1", "--quiet")
    assert built.returncode == 0, built.stdout + built.stderr
    checked = cli("validate", str(tmp_path / "release"))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_declared_build_backend_reads_the_projects_license_field() -> None:
    """trial22: `license = "Apache-2.0"` (an SPDX string, PEP 639) is read by setuptools 77 and later; 68-76 stop
    with "`project.license` must be valid exactly by one definition", yet `requires` allowed them, so a build
    without isolation (`pip wheel --no-build-isolation`, a distribution's packager) with setuptools 70 failed."""
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (requirement,) = [r for r in project["build-system"]["requires"] if r.startswith("setuptools")]
    least = re.fullmatch(r"setuptools>=([0-9]+)(?:\.[0-9]+)*", requirement)
    assert least is not None, requirement
    if isinstance(project["project"].get("license"), str):
        assert int(least.group(1)) >= 77, requirement
