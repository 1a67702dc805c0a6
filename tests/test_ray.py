"""The Ray executor, on a real local Ray instance, gives the same release as a local build, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.release.destinations import PublishError
from builder.release.writer import ReleaseWriter
from builder.run.executors import Ray
from builder.run.pipeline import build
from tests.conftest import EXAMPLE_CONFIG, EXAMPLES, release_files

pytestmark = pytest.mark.slow  # starts a local Ray instance

ray = pytest.importorskip("ray", reason="the Ray executor is an optional extra: pip install -e '.[ray]'")




def test_ray_build_is_byte_identical_to_local(example_release: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    handed = []  # what the driver handed the writer for each batch's rows (the real method still runs)
    place = ReleaseWriter.place

    def watched(self: ReleaseWriter, rows: object, placement: object) -> None:
        handed.append(type(rows))
        place(self, rows, placement)  # type: ignore[arg-type]

    monkeypatch.setattr(ReleaseWriter, "place", watched)
    out = tmp_path / "ray"
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, workers=2, executor="ray"))
    assert release_files(out) == release_files(example_release)
    # the rows went from the tasks to the writer by reference: the driver never fetched them (builder.run.parted)
    assert handed and set(handed) == {ray.ObjectRef}
    assert summary.writer_cpu > 0  # the shards were written beside the driver (builder.release.offload)
    assert not ray.is_initialized()  # the local instance the build started is shut down again


FAILED = "s3://bucket/out: uploading data/train-00000-of-00001.parquet failed: EndpointConnectionError: gone"


class FailingUpload:
    """A process beside the driver whose upload fails, as it does when the store goes away mid-build."""

    def run(self) -> None:
        raise PublishError(FAILED)


def test_an_error_raised_beside_the_driver_reaches_it_as_itself() -> None:
    run = Ray(1)
    try:
        with pytest.raises(PublishError) as raised:  # the CLI prints a PublishError's message, one line
            run.beside(FailingUpload).result("run")
        assert type(raised.value) is PublishError and str(raised.value) == FAILED  # not Ray's wrapper and traceback
    finally:
        run.close()
