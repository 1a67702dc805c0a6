"""The Ray executor, on a real local Ray instance, gives the same release as a local build, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files

pytestmark = pytest.mark.slow  # starts a local Ray instance

ray = pytest.importorskip("ray", reason="the Ray executor is an optional extra: pip install -e '.[ray]'")




def test_ray_build_is_byte_identical_to_local(example_release: Path, tmp_path: Path) -> None:
    out = tmp_path / "ray"
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, workers=2, executor="ray"))
    assert release_files(out) == release_files(example_release)
    assert summary.writer_cpu > 0  # the shards were written beside the driver (builder.release.offload)
    assert not ray.is_initialized()  # the local instance the build started is shut down again
