"""A build on a real Ray cluster (a head and a worker node on loopback, `ray start` each) from and to a
moto S3 server on loopback: the release in the bucket is byte for byte the local build of the same
inputs, the Ray workers (not the driver) read the inputs from S3, and a task whose worker is killed
is run again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest

from builder.cli import main
from builder.release.offload import ON_THE_CLUSTER
from builder.run.executors import WORKER_FAULT
from tests.conftest import EXAMPLES, ROOT, release_files, text_for
from tests.test_remote_out import objects, upload

pytestmark = pytest.mark.slow  # a Ray cluster of two nodes and an S3 server

pytest.importorskip("ray", reason="the Ray executor is an optional extra: pip install -e '.[ray]'")
pytest.importorskip("s3fs", reason="S3 inputs need the s3 extra: pip install -e '.[s3]'")
from tests.clusters import CREDENTIALS, RayCluster, ray_cluster  # noqa: E402 (needs psutil, as ray does)


@pytest.fixture(scope="module")
def armed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The file whose existence arms the workers' one-time kill (executors.WORKER_FAULT)."""
    return tmp_path_factory.mktemp("fault") / "kill-next-task"


@pytest.fixture(scope="module")
def cluster(armed: Path) -> Iterator[RayCluster]:
    env = {**CREDENTIALS, "PYTHONPATH": str(ROOT), WORKER_FAULT: f"kill-worker-once:{armed}"}
    with ray_cluster(workers=1, cpus=1, env=env) as started:
        yield started


# The driver: a process of its own, as a user's would be (a process that ran a local Ray instance
# before cannot always join another cluster); it prints which processes read the inputs.
DRIVER = """
import json, os, sys
from builder.api import build
from builder.config import BuildConfig
from builder.release import remote_out
source, out, address, endpoint = sys.argv[1:]
uploaded = []  # the release's files this process uploaded itself
upload = remote_out._upload
remote_out._upload = lambda fs, local, remote: (uploaded.append(remote), upload(fs, local, remote))[1]
config = BuildConfig.load(executor="ray", ray_address=address, version="1.0.0",
                          storage_options={"endpoint_url": endpoint})
summary = build([source], out, config).summary
print(json.dumps({"driver": os.getpid(), "readers": sorted(summary.reader_pids),
                  "workers": sorted(summary.worker_pids), "driver_uploaded": len(uploaded),
                  "imported": [m for m in ("s3fs", "botocore", "builder.run.plan") if m in sys.modules]}))
"""


def drive(cluster: RayCluster, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **cluster.driver_env, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-3000:]
    return cast(dict[str, Any], json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The example corpus and a few more JSONL files: several tasks for two nodes."""
    source = tmp_path / "corpus"
    for path in EXAMPLES.rglob("*"):
        if path.is_file():
            (source / path.relative_to(EXAMPLES)).parent.mkdir(parents=True, exist_ok=True)
            (source / path.relative_to(EXAMPLES)).write_bytes(path.read_bytes())
    for f in range(6):
        lines = [json.dumps({"id": f"extra-{f}-{d}", "text": text_for(f"{f}-{d}")}) for d in range(20)]
        (source / f"extra-{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return source


# Under a prefix of their own: moto keeps one store per process, which every test's server shares.


def test_a_build_on_a_ray_cluster_from_s3_to_s3_is_the_local_build(cluster: RayCluster, s3_server: str,
                                                                   corpus: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    assert main(["build", str(corpus), "--out", str(local), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    upload(s3_server, corpus, "releases/ray-cluster/corpus")
    pids = drive(cluster, "s3://releases/ray-cluster/corpus/", "s3://releases/ray-cluster/built", cluster.address,
                 s3_server)
    assert objects(s3_server, "releases/ray-cluster/built") == release_files(local)  # shards, rejects, card, manifest
    readers = set(pids["readers"])
    assert readers and pids["driver"] not in readers  # the driver opened no input: the Ray workers did
    assert readers <= set(pids["workers"]) and len(readers) >= 2  # more than one worker (a CPU per node)
    # the release's bytes went to the staging prefix from the process that wrote the shards, not the driver
    assert pids["driver_uploaded"] == 0
    # nor did it list, claim or commit (those requests were made beside it) or build the plan (the tasks did): it
    # never imported the store's client or the rule modules
    assert pids["imported"] == []


def test_a_task_whose_worker_is_killed_is_run_again(cluster: RayCluster, armed: Path, s3_server: str,
                                                    corpus: Path, tmp_path: Path) -> None:
    local = tmp_path / "local"
    assert main(["build", str(corpus), "--out", str(local), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    upload(s3_server, corpus, "releases/ray-cluster/corpus")
    armed.touch()  # the first task to start now kills its worker (SIGKILL), as a preempted node would
    drive(cluster, "s3://releases/ray-cluster/corpus/", "s3://releases/ray-cluster/retried", cluster.address, s3_server)
    assert not armed.exists()  # a worker took the fault and died
    assert objects(s3_server, "releases/ray-cluster/retried") == release_files(local)


def cli(cluster: RayCluster, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`dataset-builder ARGS` run in `folder` (not the cluster's: it runs in ROOT) as a user's shell would."""
    return subprocess.run([sys.executable, "-m", "builder", *args], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, **cluster.driver_env, "PYTHONPATH": str(ROOT)}, timeout=900)


def test_a_ray_client_build_is_the_local_build(cluster: RayCluster, corpus: Path, tmp_path: Path) -> None:
    """Ray Client (ray://, the README's example) has no generator tasks: a task's results come back in one object,
    and the release is the local build's, byte for byte (it crashed: "Streaming ... not supported")."""
    local = tmp_path / "local"
    assert main(["build", str(corpus), "--out", str(local), "--quiet", "--workers", "1", "--version", "1.0.0"]) == 0
    done = cli(cluster, tmp_path, "build", str(corpus), "--out", "client", "--executor", "ray", "--ray-address",
               cluster.client_address, "--quiet", "--version", "1.0.0")
    assert done.returncode == 0, done.stderr[-3000:]
    assert release_files(tmp_path / "client") == release_files(local)


def test_relative_sources_are_the_drivers_on_a_cluster(cluster: RayCluster, corpus: Path, tmp_path: Path) -> None:
    """A relative SOURCE names a folder of the driver's working folder, not of the cluster's (its workers read the
    inputs, and ran in another folder: every input was unreadable_source); one beside an absolute SOURCE too."""
    local = tmp_path / "local"
    sources = ["corpus", str(EXAMPLES / "news")]
    assert main(["build", *[str(tmp_path / s) for s in sources], "--out", str(local), "--quiet", "--workers", "1",
                 "--version", "1.0.0"]) == 0
    done = cli(cluster, tmp_path, "build", *sources, "--out", "ray", "--executor", "ray", "--ray-address",
               cluster.address, "--quiet", "--version", "1.0.0")
    assert done.returncode == 0, done.stderr[-3000:]
    assert release_files(tmp_path / "ray") == release_files(local)


FAILING = """
import sys
from builder.api import build
from builder.config import BuildConfig
from builder.read.discovery import SourceError
source, out, address, endpoint = sys.argv[1:]
config = BuildConfig.load(executor="ray", ray_address=address, storage_options={"endpoint_url": endpoint})
try:
    build([source], out, config)
except SourceError as exc:
    print(exc)
"""


def test_a_stores_error_on_a_cluster_says_where_the_store_was_asked(cluster: RayCluster, s3_server: str) -> None:
    """The store is listed from the cluster, in its nodes' environment: credentials set in the driver's shell do not
    reach it, and the message said to set them there. It says where it was asked and how to give them. (The API:
    the command lists the sources here too first, for its progress bar; there the tester's listing succeeded.)"""
    done = subprocess.run([sys.executable, "-c", FAILING, "s3://no-such-bucket/corpus/", "s3://releases/ray-cluster/none",
                           cluster.address, s3_server], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **cluster.driver_env, "PYTHONPATH": str(ROOT)}, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    error = done.stdout.strip().splitlines()[-1]
    assert error.startswith("s3://no-such-bucket/corpus/: no such object") and error.endswith(ON_THE_CLUSTER), error


# No credentials for the store anywhere on the cluster (an empty variable is none to botocore; no file, no metadata)
NO_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
                  "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
                  "AWS_EC2_METADATA_DISABLED": "true", "AWS_DEFAULT_REGION": "us-east-1"}


def test_inputs_the_clusters_workers_cannot_read_say_where_credentials_go(s3_server: str, corpus: Path,
                                                                            tmp_path: Path) -> None:
    """An earlier tester: S3 inputs, credentials in the shell that ran the build but not where the cluster's nodes
    were started: every input was an unreadable_source reject saying only that reading stopped (with moto, the
    build stopped as a bug: botocore's NoCredentialsError is no OSError). Each reject now says that the cluster's
    workers could not read it, and where the credentials go."""
    upload(s3_server, corpus, "releases/ray-cluster/unread")
    with ray_cluster(workers=0, cpus=1, env={**NO_CREDENTIALS, "PYTHONPATH": str(ROOT)}) as bare:
        done = cli(bare, tmp_path, "build", "s3://releases/ray-cluster/unread/", "--out", "out", "--executor", "ray",
                   "--ray-address", bare.address, "--storage-option", f"endpoint_url={s3_server}", "--quiet")
    assert done.returncode == 1, done.stderr[-3000:]  # nothing kept: the rejects are set aside, not published
    assert "this is a bug" not in done.stderr
    import pyarrow.parquet as pq

    rejects = pq.read_table(tmp_path / "out" / ".rejected-build" / "rejects").to_pylist()
    assert rejects and {r["reason"] for r in rejects} == {"unreadable_source"}
    assert all("NoCredentialsError" in r["message"] and "the Ray cluster's workers could not read it" in r["message"]
               and "--storage-option key=… secret=…" in r["message"] and "AWS_ACCESS_KEY_ID" in r["message"]
               for r in rejects), rejects[0]["message"]
