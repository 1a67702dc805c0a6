"""Names of the files and folders in a release."""

import re
from collections.abc import Iterable
from pathlib import Path

DATA = "data"
REJECTS = "rejects"
REJECTS_SPLIT = "train"
CARD = "README.md"
MANIFEST = "manifest.json"
REMOVED_LINES = "removed_lines.json"
STAGING = ".staging"  # the release being built; moved into place at the end
LEDGER = "commit.json"  # in STAGING: the files a commit in progress replaces and writes
SPILL = "extracted"  # in STAGING: what the first pass read of costly inputs, for the second (builder.run.spill)
CACHE = ".cache"
# The rejects of a build that kept no document (it commits nothing over the release): they say why, and the next
# build into the folder replaces them.
SET_ASIDE = ".rejected-build"
PUBLISHING = ".publishing.json"  # in a version folder: the files a publish in progress writes, removed last
MARKER = ".dataset-builder-build"  # written first, removed last: "a build of this tool, not finished"
SHARD = re.compile(r"(?P<split>\w+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.parquet")  # shards.shard_name


def is_release(path: Path) -> bool:
    """A folder a build wrote (finished or not), as opposed to a folder of raw documents: a manifest, the
    build's marker, a card beside data/, or shards in data/ (a release copied or published in part)."""
    return path.is_dir() and ((path / MANIFEST).exists() or (path / MARKER).exists()
                              or ((path / DATA).is_dir() and ((path / CARD).exists() or _has_shards(path / DATA))))


def holds_shards(names: Iterable[str]) -> bool:
    """Whether any of these release-relative names is a shard in data/ (`data/train-00000-of-00001.parquet`)."""
    return any(folder == DATA and SHARD.fullmatch(name) for folder, _, name in (n.partition("/") for n in names))


def _has_shards(data: Path) -> bool:
    return holds_shards([f"{DATA}/{p.name}" for p in data.glob("*-of-*.parquet")])
