"""Names that come from outside and become parts of paths: release versions and the relative paths a
manifest lists. Both are checked against an allow-list, so that no value read from a command line or
a release can point outside the folder it names a file in (`..`, absolute paths, drive letters,
backslashes), nor be taken for a pattern (`*`, `[`) or a command (newlines) where it is used later.

No heavy imports: config.py checks versions with this too.
"""

from __future__ import annotations

import re
from typing import TypeGuard

from builder.release.layout import CARD, DATA, MANIFEST, REJECTS, REMOVED_LINES, SHARD
from builder.release.plots import FIGURES, PLOTS

VERSION_PATTERN = r"[A-Za-z0-9][A-Za-z0-9._+-]*"  # matched whole (re.fullmatch): never `.`, `..`, `/`
MAX_VERSION = 128
VERSION_RULE = ("a version is a letter or digit followed by letters, digits and . _ + - "
                f"(at most {MAX_VERSION} characters), e.g. 1.2.0 or 2024.01+rc1")

# One component of a release path: word characters (any script, as split names are), dots and dashes,
# not starting with a dot (no `.`, `..` or hidden files). A build writes nothing else.
_COMPONENT = re.compile(r"\w[\w.-]*")
MAX_PATH = 255
# What a release may hold, the one rule for build (outdir), validate and publish: at the top only the
# card, the removed-lines report and the manifest; below it a shard in data/ and rejects/
# ({split}-{i:05d}-of-{n:05d}.parquet) and the figures in plots/. Compared exactly: `Manifest.json` or `Data/x` would
# collide with ours on a case-insensitive mirror, and `run_me.sh` is nothing a build writes. Nor is `plots/mine.png`
# or `data/notes.parquet`: a build replaces and deletes the files a release's manifest lists, and that manifest
# may be edited (ux28: a file of the user's listed with its own size and sha256 was deleted by the next build).
TOP_FILES = (CARD, REMOVED_LINES, MANIFEST)
RELEASE_FOLDERS = (DATA, REJECTS, PLOTS)
LAYOUT_RULE = (f"a release holds only {', '.join(TOP_FILES)} at the top, shards named "
               f"{{split}}-{{i:05d}}-of-{{n:05d}}.parquet in {DATA}/ and {REJECTS}/, and {' and '.join(FIGURES)} in "
               f"{PLOTS}/")


def version_problem(version: object) -> str | None:
    """What is wrong with `version` as a release version, or None when it is fine."""
    if not isinstance(version, str):
        return f"{version!r} is not a string; {VERSION_RULE}"
    if len(version) > MAX_VERSION or not re.fullmatch(VERSION_PATTERN, version):
        return f"{version!r} is not a valid version: {VERSION_RULE}"
    return None


def check_version(version: str) -> str:
    """`version`, or ValueError saying what is wrong with it."""
    problem = version_problem(version)
    if problem:
        raise ValueError(problem)
    return version


def release_path_problem(path: object) -> str | None:
    """What is wrong with `path` as a file of a release (relative to the release folder, `/`-separated,
    normalised), or None when it is fine. Anything that could name a file outside the release is refused."""
    if not isinstance(path, str):
        return f"{path!r} is not a string"
    if not path:
        return "an empty path"
    if len(path) > MAX_PATH:
        return f"{path[:40]!r}… is longer than {MAX_PATH} characters"
    if path.startswith("/") or re.match(r"[A-Za-z]:", path):
        return f"{path!r} is an absolute path; a release lists paths relative to its folder"
    if "\\" in path:
        return f"{path!r} contains a backslash; a release uses / between folders"
    for part in path.split("/"):
        if part in ("", ".", ".."):
            return (f"{path!r} is not a normalised relative path (it has an empty, . or .. part); it could "
                    "name a file outside the release")
        if not _COMPONENT.fullmatch(part):
            return (f"{path!r}: {part!r} is not a plain file name (letters, digits, _ . - only, not starting "
                    "with a dot)")
    parts = path.split("/")
    if (len(parts) == 1 and path not in TOP_FILES) or (len(parts) == 2 and parts[0] not in RELEASE_FOLDERS) \
            or len(parts) > 2 or (len(parts) == 2 and not _named_as_built(*parts)):
        return f"{path!r} is not a file a build writes: {LAYOUT_RULE}"
    return None


def _named_as_built(folder: str, name: str) -> bool:
    return name in FIGURES if folder == PLOTS else SHARD.fullmatch(name) is not None


def is_build_output(path: object) -> TypeGuard[str]:
    """A file a build writes beside manifest.json (which the build writes last, by itself): what a
    previous release's manifest may list for the next build to replace."""
    return release_path_problem(path) is None and path != MANIFEST
