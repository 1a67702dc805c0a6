"""Shared fixtures: the example release is built once per test session, for real."""

from __future__ import annotations

import atexit
import json
import os
import random
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from builder.config import BuildConfig
from builder.run.pipeline import build

# No per-example deadline: timing is for benchmarks, and on a loaded machine a slow example failed a
# property test that holds (test_cleaning_is_idempotent, DeadlineExceeded at load 15)
settings.register_profile("builder", deadline=None)
settings.load_profile("builder")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "corpus"
EXAMPLE_CONFIG = ROOT / "examples" / "build.toml"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
CACHE_KEY_ENV = "DATASET_BUILDER_CACHE_KEY_FILE"
SEED = EXAMPLES / "news" / "ar" / "000_30e7cbf137371a0a.txt"


def pytest_configure(config: pytest.Config) -> None:
    """datasets' cache of loaded releases, fresh for each session (and the subprocesses it starts):
    load_dataset keys a local folder by its name, its card's configs and counts, not by the files'
    content, so a release built by an earlier run of the suite, or by other code, into a folder of the
    same name could be served instead of the one a test just built."""
    if "HF_DATASETS_CACHE" not in os.environ:
        folder = tempfile.mkdtemp(prefix="hf-datasets-")
        os.environ["HF_DATASETS_CACHE"] = folder
        atexit.register(shutil.rmtree, folder, True)


@pytest.fixture(scope="session", autouse=True)
def cache_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The build cache's secret for every test (and the CLI subprocesses they start, which inherit
    the environment): never the real home's, so no test depends on it or writes there."""
    key = tmp_path_factory.mktemp("cache-key") / "cache.key"
    before = os.environ.get(CACHE_KEY_ENV)
    os.environ[CACHE_KEY_ENV] = str(key)
    yield key
    if before is None:
        os.environ.pop(CACHE_KEY_ENV, None)
    else:
        os.environ[CACHE_KEY_ENV] = before


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


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus built as version 1.0.0 without a cache, once per test module that asks for it."""
    out = tmp_path_factory.mktemp("untrusted") / "release"
    build([str(EXAMPLES)], out, BuildConfig.load(version="1.0.0", cache=False))
    return out


@pytest.fixture
def release(built: Path, tmp_path: Path) -> Path:
    """A copy of `built` that the test may damage."""
    copy = tmp_path / "release"
    shutil.copytree(built, copy)
    return copy


@pytest.fixture
def s3_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A real S3-compatible server (moto) on loopback, with a 'releases' bucket: its endpoint URL."""
    pytest.importorskip("s3fs")
    from moto.server import ThreadedMotoServer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    endpoint = f"http://127.0.0.1:{port}"
    import boto3

    boto3.client("s3", endpoint_url=endpoint).create_bucket(Bucket="releases")
    yield endpoint
    server.stop()
