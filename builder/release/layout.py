"""Names of the files and folders in a release."""

from pathlib import Path

DATA = "data"
REJECTS = "rejects"
REJECTS_SPLIT = "train"
CARD = "README.md"
MANIFEST = "manifest.json"
REMOVED_LINES = "removed_lines.json"
STAGING = ".staging"  # the release being built; moved into place at the end
LEDGER = "commit.json"  # in STAGING: the files a commit in progress replaces and writes
CACHE = ".cache"
# The rejects of a build that kept no document (it commits nothing over the release): they say why, and the next
# build into the folder replaces them.
SET_ASIDE = ".rejected-build"
MARKER = ".dataset-builder-build"  # written first, removed last: "a build of this tool, not finished"


def is_release(path: Path) -> bool:
    """A folder a build wrote (finished or not), as opposed to a folder of raw documents."""
    return path.is_dir() and ((path / MANIFEST).exists() or (path / MARKER).exists()
                              or ((path / DATA).is_dir() and (path / CARD).exists()))
