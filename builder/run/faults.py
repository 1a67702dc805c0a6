"""Named kill points, for the crash tests: with DATASET_BUILDER_FAULT=NAME in the environment, the
build (or publish) kills itself with SIGKILL when it reaches the point NAME (one of POINTS, or of
PUBLISH_POINTS), exactly as a power cut or the OOM killer would, but at a chosen place instead of a
chosen time.

Unset (always, outside tests), a point is one comparison with None.
"""

from __future__ import annotations

import os
import signal

ENVIRONMENT = "DATASET_BUILDER_FAULT"

POINTS = (
    "after-lock",              # --out claimed and marked as a build of this tool, nothing else written
    "after-first-pass",        # lines counted; HTML pages' extractions kept in the staging folder (run.spill)
    "after-first-batch",       # the first batch of documents written to the staging folder
    "before-finish",           # every document written, shards not yet closed
    "before-commit",           # the new release complete in .staging, the previous one untouched
    "after-manifest-removed",  # the previous manifest gone: from here on the folder is not a release
    "after-old-removed",       # the previous release's files that the new one does not have, removed
    "after-swap-data",         # the new data/ shards in place
    "after-swap-rejects",      # the new rejects/ shards in place
    "before-manifest",         # every file in place but manifest.json
    "after-manifest",          # the release finished; .staging and the marker not yet removed
)
PUBLISH_POINTS = (
    "publish-after-first-file",  # publish: its ledger and one file of the version written, no manifest
)
WORKER_POINTS = (
    "worker-mid-item",  # a pool's worker: an item's header sent to the driver, its bytes not (builder.run.channel)
    "worker-before-item",  # a pool's worker: an item made, nothing of it sent (its task's result may be)
)

_ARMED = os.environ.get(ENVIRONMENT)


def point(name: str) -> None:
    """Die here, now, if the environment names this point."""
    if name == _ARMED:
        os.kill(os.getpid(), signal.SIGKILL)
