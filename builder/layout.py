"""Names of the files and folders in a release."""

from pathlib import Path

DATA = "data"
REJECTS = "rejects"
REJECTS_SPLIT = "train"
CARD = "README.md"
MANIFEST = "manifest.json"
REMOVED_LINES = "removed_lines.json"
STAGING = ".staging"
CACHE = ".cache"


def is_release(path: Path) -> bool:
    """A folder a build wrote (finished or not), as opposed to a folder of raw documents."""
    return path.is_dir() and ((path / MANIFEST).exists() or ((path / DATA).is_dir() and (path / CARD).exists()))
