"""Shared fixtures: the example release is built once per test session, for real."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
EXAMPLE_CONFIG = ROOT / "examples" / "build.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = EXAMPLES / "news" / "ar" / "000_30e7cbf137371a0a.txt"


@pytest.fixture(scope="session")
def example_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("example") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG))
    return out


def read_manifest(release: Path) -> dict:
    return json.loads((release / "manifest.json").read_text(encoding="utf-8"))


VOCABULARY = ("council budget debate taxes opposition mayor city river bridge school teachers students market "
              "prices bread wheat harbour ships rain roads villages doctors hospital vaccine children museum "
              "statues festival poets library archive train station workers union strike minister report "
              "election voters parliament court judge lawyers farmers harvest drought energy solar wind").split()


def text_for(seed: str) -> str:
    """Two prose lines of words drawn by seed: distinct documents never look like near-duplicates."""
    rng = random.Random(seed)
    return "\n".join("The " + " ".join(rng.choice(VOCABULARY) for _ in range(14)) + "." for _ in range(2))


def release_files(folder: Path) -> dict[str, bytes]:
    """Every file of a release, by path; the build cache (.cache/) is not part of the release."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.relative_to(folder).as_posix().startswith(".cache/")}
