"""Whether the build cache will answer a build, guessed before anything is started for it: the command forks
its pool of workers before the build (executors.prestart), and a rebuild the cache answers never used it: two
workers forked, each loading the validator and the language model (0.35 CPU-s at load 5-7), on the cores the
rebuild's driver and its threads use, then stopped."""

from __future__ import annotations

import json
from pathlib import Path

from builder.config import BuildConfig
from builder.read.discovery import SourceError, discover
from builder.read.remote import StorageError, is_url, local_path
from builder.release.layout import CACHE
from builder.release.manifest import read_manifest
from builder.release.untrusted import ReleaseError
from builder.text.sanitise import path as release_path
from builder.user_paths import user_path


def cache_answers(sources: list[str], out: str, config: BuildConfig, small: int) -> bool:
    """True when `out` holds a build cache and a release built with these settings (as its manifest records
    them) whose manifest lists the inputs listed now with their sizes, but for fewer than `small` bytes (the
    uncached input a build works in its own process, without workers: pipeline.SMALL_WORK_BYTES): a rebuild
    after a small change, or after none. A guess, which decides only whether workers are forked ahead: the
    build looks its cache entries up and checks them as ever, and one that finds more to do than guessed starts
    its workers then (LazyExecutor). Anything not as expected (a URL, no cache, other settings, a manifest
    unreadable or of another shape, a source that lists nothing) guesses False, and the build says what is
    wrong."""
    if not config.run.cache or is_url(out) or any(is_url(source) for source in sources):
        return False
    folder = Path(user_path(out))
    try:
        if not (folder / CACHE).is_dir():
            return False
        manifest = read_manifest(folder)
        inputs = manifest.get("inputs")
        # another config (its settings as the manifest records them) may change every entry's key
        if not isinstance(inputs, list) or manifest.get("config") != json.loads(json.dumps(config.to_dict())):
            return False
        listed = {(entry.get("path"), entry.get("bytes")) for entry in inputs if isinstance(entry, dict)}
        files = discover([local_path(user_path(source)) for source in sources], config.read_options.readers)
        changed = 0
        for file in files:
            size = file.size() if file.readable else 0
            if (release_path(file.relative), size) not in listed:
                changed += size
        return changed < small
    except (OSError, ReleaseError, SourceError, StorageError, TypeError):  # TypeError: an unhashable path or size
        return False
