"""Incremental rebuilds: each input file's results from both passes, stored under DIR/.cache and
keyed by the file's content, its path, the settings and the library versions.

The second pass also depends on which of the file's short lines recur across the whole build, so
its key includes a hash of exactly those lines: adding documents that make a line "repeated" in an
old file reprocesses that file, and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import zstandard

from builder.sources import InputFile


class BuildCache:
    def __init__(self, folder: Path, settings: dict[str, Any]) -> None:
        self.folder = folder
        self.settings = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()[:16]
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def file_key(self, file: InputFile, content_sha256: str) -> str:
        path = file.relative.encode("utf-8", "surrogateescape")
        return hashlib.sha256(self.settings.encode() + b"\0" + path + b"\0" + content_sha256.encode()).hexdigest()[:32]

    def _path(self, key: str, name: str) -> Path:
        return self.folder / key / f"{name}.pickle.zst"

    def has(self, key: str, name: str) -> bool:
        found = self._path(key, name).exists()
        self.used.add(key)
        if found:
            self.hits += 1
        else:
            self.misses += 1
        return found

    def read(self, key: str, name: str) -> Iterator[Any]:
        with open(self._path(key, name), "rb") as raw, zstandard.ZstdDecompressor().stream_reader(raw) as stream:
            while True:
                try:
                    yield pickle.load(stream)
                except EOFError:
                    return

    def writer(self, key: str, name: str) -> "CacheWriter":
        self.used.add(key)
        return CacheWriter(self._path(key, name))

    def collect_garbage(self) -> None:
        """Forget inputs this build did not use (changed or removed files, other settings)."""
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in self.used:
                    shutil.rmtree(entry, ignore_errors=True)


class CacheWriter:
    """Appends one pickled result per batch; the entry appears (atomically) only when committed."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.tmp = path.with_name(path.name + ".partial")
        self.raw = open(self.tmp, "wb")
        self.stream = zstandard.ZstdCompressor(level=1).stream_writer(self.raw)

    def add(self, result: Any) -> None:
        pickle.dump(result, self.stream, protocol=pickle.HIGHEST_PROTOCOL)

    def commit(self) -> None:
        self.stream.close()  # closes the raw file too
        os.replace(self.tmp, self.path)
