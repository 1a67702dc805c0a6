"""The console script as pip installs it: a Ctrl-C while the CLI's modules import (a second or more: pyarrow,
datasets) ends as one during a build does, not in a traceback (trial26 row 11)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# a real SIGINT to the process the moment it starts to import pyarrow, which the CLI needs and the package does not
INTERRUPT_AT_PYARROW = (
    "import os, signal, sys\n"
    # Python as a terminal starts it: one started with SIGINT ignored (a background job of a script, as CI may run
    # the suite) keeps ignoring it, and no Ctrl-C reaches it at all
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "class Interrupt:\n"
    "    @staticmethod\n"
    "    def find_spec(name, path=None, target=None):\n"
    "        if name == 'pyarrow':\n"
    "            sys.meta_path.remove(Interrupt)\n"
    "            print('sent', file=sys.stderr, flush=True)\n"
    "            os.kill(os.getpid(), signal.SIGINT)\n"
    "        return None\n"
    "sys.meta_path.insert(0, Interrupt)\n")


def console_script() -> str:
    """What pip's generated `dataset-builder` script runs, for the entry point pyproject.toml declares."""
    entry = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    module, function = entry["dataset-builder"].split(":")
    return f"import sys\nfrom {module} import {function}\nsys.argv[0] = 'dataset-builder'\nsys.exit({function}())\n"


def test_ctrl_c_while_modules_import_says_interrupted_and_exits_130() -> None:
    done = subprocess.run([sys.executable, "-c", INTERRUPT_AT_PYARROW + console_script(), "build", "--help"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stderr == "sent\ninterrupted\n", done.stderr
    assert done.returncode == 130 and done.stdout == ""


def test_without_an_interrupt_the_console_script_runs_the_cli() -> None:
    done = subprocess.run([sys.executable, "-c", console_script(), "reasons"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0 and "excluded" in done.stdout, done.stderr
