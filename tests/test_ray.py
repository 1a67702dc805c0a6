"""The Ray executor, on a real local Ray instance, gives the same release as a local build, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.config import BuildConfig
from builder.release import manifest, plots
from builder.release.destinations import PublishError
from builder.release.writer import ReleaseWriter
from builder.run.executors import CHECK_ADDRESS, ExecutorError, Ray
from builder.run.pipeline import build
from builder.steps import StepError
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
    hashed, drawn = [], []  # what the driver itself hashed for the manifest, and the plots it drew
    sha256_file, bars = manifest.sha256_file, plots._bars
    monkeypatch.setattr(manifest, "sha256_file", lambda path: hashed.append(path.name) or sha256_file(path))
    monkeypatch.setattr(plots, "_bars", lambda *args: drawn.append(args[-2]) or bars(*args))
    out = tmp_path / "ray"
    summary = build([str(EXAMPLES)], out, BuildConfig.load(EXAMPLE_CONFIG, workers=2, executor="ray"))
    assert release_files(out) == release_files(example_release)
    # the rows went from the tasks to the writer by reference: the driver never fetched them (builder.run.parted)
    assert handed and set(handed) == {ray.ObjectRef}
    assert summary.writer_cpu > 0  # the shards were written beside the driver (builder.release.offload)
    # and read there for the manifest and the plots drawn there: the driver hashed only the small files it wrote
    assert hashed and not [name for name in hashed if name.endswith(".parquet")] and not drawn
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


STEP_FAILED = "step 'raises' (user_steps:Raises) raised ValueError: boom"


def _fails(batch: object, *args: object) -> None:
    raise StepError(STEP_FAILED)


def _given(batch: object, *args: object) -> object:
    return batch


def test_a_users_error_in_a_ray_task_reaches_the_driver_as_itself(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A user step's error in a task is the StepError itself (the CLI's exit 2, one line), not Ray's wrapper with
    the worker's traceback in colour codes; a step's module the workers cannot import says so."""
    run = Ray(1)
    try:
        with pytest.raises(StepError) as raised:
            list(run.map(_fails, [1]))
        assert type(raised.value) is StepError and str(raised.value) == STEP_FAILED
        folder = tmp_path / "late"  # on the driver's path only after Ray started: its workers do not search it
        folder.mkdir()
        (folder / "late_steps.py").write_text("class Late:\n    pass\n", encoding="utf-8")
        monkeypatch.syspath_prepend(str(folder))
        import late_steps  # type: ignore[import-not-found]

        with pytest.raises(ExecutorError, match=r"cannot import the module 'late_steps'.*importable on every node"):
            list(run.map(_given, [1], late_steps.Late()))
    finally:
        run.close()


SHARED_PAGES = """
import numpy as np, ray
from builder.run.lean import give_memory_back, shared_store_mappings, trim

def shmem():
    return next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("RssShmem:")) / 1e3

give_memory_back()
ray.init(address="local", num_cpus=1, include_dashboard=False, log_to_driver=False)  # not a cluster /tmp/ray names
ref = ray.put(np.arange(2_500_000, dtype=np.uint64))  # 20 MB: in the object store, read in place
held = ray.get(ref)
total = int(held.sum())
before = shmem()
trim()
after = shmem()
print(len(shared_store_mappings()), before, after, int(held.sum()) == total)
ray.shutdown()
"""


def test_a_driver_that_gives_memory_back_lets_go_of_the_object_stores_pages() -> None:
    import subprocess
    import sys

    found = subprocess.run([sys.executable, "-c", SHARED_PAGES], capture_output=True, text=True, timeout=300,
                           cwd=Path(__file__).resolve().parents[1])
    assert found.returncode == 0, found.stderr[-2000:]
    mappings, before, after, intact = found.stdout.split()
    assert int(mappings) >= 1
    assert float(before) > 19  # the object's pages were in the process's RSS as shared memory
    assert float(after) < 2  # and are not after trim(); the object still reads the same (from the store)
    assert intact == "True"


def test_a_ray_client_address_without_the_client_or_a_cluster_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """ray://… needs Ray's client (grpcio): without it the message says what to install, with it that the cluster
    cannot be reached (and what token authentication needs); exit 2 either way, never an internal error, and the
    --out the build made is gone again."""
    import importlib.util

    from builder.cli import main

    out = tmp_path / "out"
    code = main(["build", str(EXAMPLES), "--out", str(out), "--executor", "ray", "--ray-address", "ray://127.0.0.1:1",
                 "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    if importlib.util.find_spec("grpc") is None:
        assert err.startswith("error: --ray-address ray://127.0.0.1:1 is a Ray Client address, which needs Ray's "
                              "client: pip install 'ray[client]'"), err
    else:
        assert err.startswith("error: cannot reach the Ray cluster at ray://127.0.0.1:1") and "RAY_AUTH_TOKEN" in err
    assert not out.exists()


@pytest.mark.parametrize("address", ["127.0.0.1:{closed}", "no-such-host.invalid:6379"])
def test_a_direct_address_nothing_answers_at_is_a_usage_error_at_once(
        address: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Ray tries a refused or unknown address again and again, printing only its own warnings (the tester killed
    the build after 150 s): exit 2 before Ray is asked, with what to check, and no --out."""
    import socket

    from builder.cli import main

    with socket.socket() as s:  # a port of this machine nothing listens on
        s.bind(("127.0.0.1", 0))
        address = address.format(closed=s.getsockname()[1])
    out = tmp_path / "out"
    code = main(["build", str(EXAMPLES), "--out", str(out), "--executor", "ray", "--ray-address", address, "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith(f"error: cannot reach the Ray cluster at {address} (") and CHECK_ADDRESS in err, err
    assert not out.exists() and not ray.is_initialized()
