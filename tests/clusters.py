"""A real local Ray cluster and a moto S3 server, both on loopback: for tests/test_ray_cluster.py and
benchmarks/driver.py.

Each node is `ray start --block` in a session of its own, so that stopping the cluster stops exactly
the processes it started (by their ids: the session's members), never another Ray on the machine
(`ray stop` would stop every one).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psutil

CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def moto_s3(bucket: str) -> Iterator[str]:
    """A moto S3 server on loopback with `bucket` in it: its endpoint URL. Credentials: CREDENTIALS,
    which the caller puts in the environment of every process that talks to it."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # not a line per request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        endpoint = f"http://127.0.0.1:{port}"
        import boto3

        boto3.client("s3", endpoint_url=endpoint, region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
                     aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
                     aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"]).create_bucket(Bucket=bucket)
        yield endpoint
    finally:
        server.stop()


@dataclass
class RayCluster:
    address: str  # HOST:PORT, for --ray-address
    client_address: str  # ray://HOST:PORT of the head's Ray Client server, for --ray-address too
    nodes: list[subprocess.Popen[bytes]]  # the head first
    driver_env: dict[str, str]  # what a driver's environment needs to join

    def processes(self) -> list[int]:
        """Every process of every node now: ray start's daemons, the raylets, the GCS, the workers."""
        return [pid for node in self.nodes for pid in sorted(_members(node.pid))]


@contextmanager
def ray_cluster(workers: int = 1, cpus: int = 1, env: dict[str, str] | None = None,
                timeout: float = 120) -> Iterator[RayCluster]:
    """A head node and `workers` worker nodes, `cpus` CPUs each, started with `env` (the environment the
    Ray workers run in: credentials, PYTHONPATH, faults), stopped on the way out whatever happened."""
    ray = Path(sys.executable).parent / "ray"
    port, client_port = free_port(), free_port()  # not Ray's defaults (6379, 10001): another cluster may hold them
    temp = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))  # short: Ray's socket paths must fit in 107 bytes
    common = ["--node-ip-address=127.0.0.1", f"--num-cpus={cpus}", "--object-store-memory=200000000",
              f"--temp-dir={temp}", "--block"]
    # No token authentication (on by default for `ray start --head` since Ray 2.5x): a process that has
    # imported ray reads its auth mode once, so a test's own process could not join with a token. The
    # cluster is on this machine and lives for one test module or benchmark.
    driver_env = {"RAY_AUTH_MODE": "disabled"}
    # A node waits for its raylet to register with the GCS (60 s by default): on a small loaded machine
    # the raylets of several nodes starting at once took longer, and a node gave up ("timed out during
    # startup"), which is why a 4-node cluster never came up here. Nodes now start one after another,
    # each given up to `timeout` to register.
    environment = {"RAY_raylet_start_wait_time_s": str(int(timeout)), **os.environ, **(env or {}), **driver_env,
                   "RAY_USAGE_STATS_ENABLED": "0"}
    nodes: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> None:
        log = open(temp / f"node-{len(nodes)}.log", "wb")  # noqa: SIM115 (the node's process holds it)
        nodes.append(subprocess.Popen([str(ray), "start", *args, *common], env=environment, stdout=log,
                                      stderr=subprocess.STDOUT, start_new_session=True))

    try:
        start("--head", f"--port={port}", f"--ray-client-server-port={client_port}", "--include-dashboard=false",
              "--disable-usage-stats")
        _wait_for_nodes(f"127.0.0.1:{port}", 1, nodes, temp, timeout, environment)
        for count in range(2, 2 + workers):
            start(f"--address=127.0.0.1:{port}")
            _wait_for_nodes(f"127.0.0.1:{port}", count, nodes, temp, timeout, environment)
        yield RayCluster(f"127.0.0.1:{port}", f"ray://127.0.0.1:{client_port}", nodes, driver_env)
    finally:
        for node in reversed(nodes):
            _stop(node)
        shutil.rmtree(temp, ignore_errors=True)


def _wait_for_nodes(address: str, count: int, nodes: list[subprocess.Popen[bytes]], temp: Path,
                    timeout: float, env: dict[str, str]) -> None:
    """Until the cluster has `count` live nodes (asked from a short-lived process, so that this one
    does not stay connected as a driver)."""
    ask = ("import ray, sys; ray.init(address=sys.argv[1], log_to_driver=False); "
           "print(sum(n['Alive'] for n in ray.nodes())); ray.shutdown()")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(node.poll() is not None for node in nodes):
            break
        answer = subprocess.run([sys.executable, "-c", ask, address], capture_output=True, text=True, env=env)
        if answer.returncode == 0 and answer.stdout.strip().splitlines()[-1:] == [str(count)]:
            return
        time.sleep(1)
    logs = "\n".join(p.read_text(errors="replace")[-2000:] for p in sorted(temp.glob("node-*.log")))
    raise RuntimeError(f"the Ray cluster at {address} did not come up with {count} nodes:\n{logs}")


def _members(session: int) -> set[int]:
    """The processes of the session `session` started (ray start's daemons and workers all stay in it)."""
    found = set()
    for process in psutil.process_iter():
        try:
            if os.getsid(process.pid) == session:
                found.add(process.pid)
        except (ProcessLookupError, PermissionError):
            continue
    return found


def _stop(node: subprocess.Popen[bytes]) -> None:
    """SIGTERM to every process of the node's session, then SIGKILL to any left after 15 s."""
    members = _members(node.pid)
    for pid in members:
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    _gone, alive = psutil.wait_procs([p for p in map(_process, members) if p is not None], timeout=15)
    for process in alive:
        with suppress(psutil.NoSuchProcess):
            process.kill()
    node.wait(10)


def _process(pid: int) -> psutil.Process | None:
    try:
        return psutil.Process(pid)
    except psutil.NoSuchProcess:
        return None
