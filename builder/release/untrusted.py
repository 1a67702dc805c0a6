"""Reading the files of a release someone else made: validate, publish and diff go through here.

A release folder is untrusted input. A path from its manifest could point outside it; a file in it
could be a symlink (to /etc/…), a FIFO (opening it blocks forever) or a device (/dev/zero never
ends); a 13 KB Parquet shard can decode to gigabytes. So:

- only paths that pass `names.release_path_problem` are opened, below the release folder, with no
  symlink followed on the way (each folder is checked with lstat, the file is opened with O_NOFOLLOW
  and must be the regular file lstat saw);
- a file's size is known (fstat) before a byte of it is read, and reads stop at a limit;
- a Parquet shard's row groups are checked in its metadata before any is decoded; string columns are
  decoded as dictionaries (a 25 MB value in 66 rows, stored once, stays 25 MB) and every value is
  measured in Arrow before any becomes a Python object (limits below).
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from builder.release.names import release_path_problem

# A build rejects documents over max_document_bytes (16 MiB by default), so no value it writes is
# larger; a row group's rows average well under that. Anything bigger is not decoded.
MAX_VALUE_BYTES = 16 * 1024 * 1024
MAX_ROW_BYTES = MAX_VALUE_BYTES + 64 * 1024  # a value plus the row's other columns
MAX_ROW_GROUP_BYTES = 2 * 1024**3  # uncompressed, whatever the rows: what one shard row group may hold
BATCH_ROWS = 1024  # rows decoded at a time (string columns as dictionaries: a repeated value is held once)
CONVERT_BYTES = 64 * 1024 * 1024  # values turned into Python objects at a time (at least one row)


class ReleaseError(ValueError):
    """A file of a release cannot be read safely, or not as this tool writes it; the message names it."""


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISLNK, "a symlink"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a plain file"


def not_regular(relative: str, mode: int) -> str:
    return (f"{relative}: not a regular file ({_kind(mode)}); a release holds only regular files, and this one "
            "is never opened")


def open_regular(folder: Path, relative: str) -> BinaryIO:
    """`folder/relative` opened for reading, if it is a regular file reached without following a symlink.

    Raises FileNotFoundError when it (or a folder on the way) is missing, ReleaseError for anything else."""
    problem = release_path_problem(relative)
    if problem:
        raise ReleaseError(f"{relative!r}: {problem}")
    path = folder
    parts = relative.split("/")
    try:
        for depth, part in enumerate(parts):
            path = path / part
            mode = os.lstat(path).st_mode
            if depth < len(parts) - 1 and not stat.S_ISDIR(mode):
                where = "/".join(parts[: depth + 1])
                raise ReleaseError(f"{relative}: {where} is {_kind(mode)}, not a folder of the release; it is "
                                   "never followed")
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise ReleaseError(f"{relative}: cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(mode):
        raise ReleaseError(not_regular(relative, mode))
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after lstat, opening it does not block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReleaseError(f"{relative}: cannot be opened: {exc.strerror}") from None
    opened = os.fstat(fd)
    if not stat.S_ISREG(opened.st_mode):
        os.close(fd)
        raise ReleaseError(not_regular(relative, opened.st_mode))
    return os.fdopen(fd, "rb")


def size_of(file: BinaryIO) -> int:
    return os.fstat(file.fileno()).st_size


def json_from_elsewhere(raw: bytes | str) -> Any:
    """json.loads of what another party may have written (a manifest, a commit or publish ledger): JSON nested too
    deeply for the parser raises RecursionError, which is not a ValueError, so each caller's refusal of invalid JSON
    missed it and the command stopped with `internal error`; here it is a ValueError like any other invalid JSON."""
    try:
        return json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def read_bounded(folder: Path, relative: str, limit: int) -> bytes:
    """The whole file, if it is a regular file of at most `limit` bytes."""
    with open_regular(folder, relative) as file:
        size = size_of(file)
        if size > limit:
            raise ReleaseError(f"{relative}: {size} bytes, over the {limit} bytes a release's {relative} may have")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise ReleaseError(f"{relative}: grew past {limit} bytes while being read")
    return data


def sha256_of(file: BinaryIO) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: file.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def scan(folder: Path, sub: str) -> Iterator[tuple[str, int]]:
    """(relative path, lstat mode) of each entry of `folder/sub`, without following symlinks or descending;
    nothing if `sub` is missing. A `sub` that is not a real folder is one entry, for the caller to report."""
    try:
        mode = os.lstat(folder / sub).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(mode):
        yield sub, mode
        return
    with os.scandir(folder / sub) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            yield f"{sub}/{entry.name}", entry.stat(follow_symlinks=False).st_mode


class RowCountMismatch(ReleaseError):
    """A shard's footer and manifest.json disagree on its row count (the manifest's entry is wrong,
    or the shard is not the one it describes)."""


def open_parquet(file: BinaryIO, relative: str, expected_rows: int | None = None) -> pq.ParquetFile:
    """A Parquet file whose metadata promises rows of a sane size (and, when the manifest says how
    many rows it has, exactly that many); ReleaseError otherwise. The row count is checked on the
    footer, before anything is decoded: a small file can hold millions of copies of one row."""
    try:
        parquet = pq.ParquetFile(file)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise ReleaseError(f"{relative}: not a readable Parquet file: {exc}") from None
    metadata = parquet.metadata
    if expected_rows is not None and metadata.num_rows != expected_rows:
        raise RowCountMismatch(f"{relative}: its footer says {metadata.num_rows} rows, manifest.json says "
                               f"{expected_rows}; it is not decoded (written by another build, or tampered with)")
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        size, rows = group.total_byte_size, group.num_rows
        if size < 0 or rows < 0 or size > MAX_ROW_GROUP_BYTES or size > max(rows, 1) * MAX_ROW_BYTES:
            raise ReleaseError(
                f"{relative}: row group {index} holds {size} bytes for {rows} rows, over the limits for a release "
                f"(at most {MAX_ROW_BYTES // 1024**2} MiB a row on average and {MAX_ROW_GROUP_BYTES // 1024**3} "
                f"GiB a row group; a build never writes values over {MAX_VALUE_BYTES // 1024**2} MiB, "
                "max_document_bytes); it is not decoded")
    return parquet


def batches(file: BinaryIO, relative: str, columns: list[str] | None = None,
            expected_rows: int | None = None) -> Iterator[pa.RecordBatch]:
    """The shard's rows in slices of at most CONVERT_BYTES of values (or one row), after open_parquet's
    checks. String columns are read as dictionaries, so a value repeated in many rows (which Parquet
    stores once) is held once; each value's size is measured in Arrow, and one over MAX_VALUE_BYTES
    stops the read with ReleaseError before any of it is decoded. Slices come back with plain string
    columns, decoded CONVERT_BYTES at a time. Unreadable data is a ReleaseError too."""
    schema = open_parquet(file, relative, expected_rows).schema_arrow
    strings = [f.name for f in schema if (columns is None or f.name in columns) and _is_bytes(f.type)]
    try:
        file.seek(0)
        reader = pq.ParquetFile(file, read_dictionary=strings).iter_batches(batch_size=BATCH_ROWS, columns=columns)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise ReleaseError(f"{relative}: not a readable Parquet file: {exc}") from None
    first = 1  # the row number of the batch's first row
    while True:
        try:
            batch = next(reader)
        except StopIteration:
            return
        except (OSError, ValueError, pa.ArrowException) as exc:
            raise ReleaseError(f"{relative}: unreadable after row {first - 1}: {exc}") from None
        sizes = np.zeros(batch.num_rows, dtype=np.int64)
        for name, column in zip(batch.schema.names, batch.columns, strict=True):
            if isinstance(column, pa.DictionaryArray):
                # a string column's dictionary is a StringArray; the stubs type .dictionary as a plain Array
                lengths = pc.binary_length(column.dictionary)  # type: ignore[call-overload]
                longest = pc.max(lengths).as_py()
                if longest is not None and longest > MAX_VALUE_BYTES:
                    row = first + pc.index(column.indices, pc.index(lengths, longest)).as_py()
                    raise ReleaseError(f"{relative}: row {row}: {name} is {longest} bytes, over the "
                                       f"{MAX_VALUE_BYTES // 1024**2} MiB a value of a release may have "
                                       "(max_document_bytes); it is not decoded")
                sizes += pc.take(lengths, column.indices).fill_null(0).to_numpy(zero_copy_only=False)
        ends = np.cumsum(sizes)
        start = 0
        while start < batch.num_rows:
            before = int(ends[start - 1]) if start else 0
            end = max(int(np.searchsorted(ends, before + CONVERT_BYTES, side="right")), start + 1)
            part = batch.slice(start, end - start)  # decoded back to plain strings: fast to convert, bounded
            yield pa.RecordBatch.from_arrays(
                [c.dictionary_decode() if isinstance(c, pa.DictionaryArray) else c for c in part.columns],
                names=part.schema.names)
            start = end
        first += batch.num_rows


def _is_bytes(kind: pa.DataType) -> bool:
    return (pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind)
            or pa.types.is_large_binary(kind))
