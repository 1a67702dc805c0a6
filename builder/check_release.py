"""Check a built release: files against the manifest, shard names, schemas, every row, counts in
data, manifest and card, and that `datasets` loads it. Every problem names the file and the mismatch."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from builder.document import Location
from builder.layout import CARD, DATA, MANIFEST, REJECTS, REJECTS_SPLIT
from builder.manifest import sha256_file
from builder.records import RECORD_COLUMNS, RECORD_SCHEMA, REJECT_COLUMNS, REJECT_SCHEMA, features
from builder.validate import Issue, is_valid, validator

MAX_ROW_ISSUES = 10
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_SHARD = re.compile(r"^(?P<split>\w+)-(?P<index>\d{5})-of-(?P<count>\d{5})\.parquet$")


def check_release(folder: Path, load: bool = True) -> list[Issue]:
    """Every problem found; an empty list means the release is complete and consistent."""
    def issue(path: str, message: str, where: str = "$", reason: str = "release_invalid") -> Issue:
        return Issue(Location(str(folder / path)), where, message, reason)

    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [issue(MANIFEST, "missing: this is not a finished release (an interrupted build?); "
                                "run the build again", reason="release_incomplete")]
    except (OSError, ValueError) as exc:
        return [issue(MANIFEST, f"unreadable: {exc}")]
    issues = list(_check_files(folder, manifest, issue))
    shards = {o["path"]: o for o in manifest.get("outputs", []) if o["path"].endswith(".parquet")}
    on_disk = [p.relative_to(folder).as_posix() for sub in (DATA, REJECTS) for p in sorted((folder / sub).glob("*.parquet"))]
    issues += _check_names(on_disk, issue)
    rows = {}
    for path in sorted(shards):
        if (folder / path).exists():
            found, shard_issues = _check_shard(folder / path, path, issue)
            rows[path] = found
            issues += shard_issues
    issues += _check_counts(folder, manifest, rows, issue)
    if load and not issues:
        issues += _check_loads(folder, issue)
    return issues


def _check_files(folder: Path, manifest: dict[str, Any], issue: Any) -> Iterator[Issue]:
    listed = {o["path"]: o for o in manifest.get("outputs", [])}
    for path, entry in sorted(listed.items()):
        file = folder / path
        if not file.exists():
            yield issue(path, "missing: listed in manifest.json but not in the release")
            continue
        if file.stat().st_size != entry["bytes"]:
            yield issue(path, f"size {file.stat().st_size} bytes, manifest.json says {entry['bytes']} "
                              "(truncated, or written by another build)")
        elif sha256_file(file) != entry["sha256"]:
            yield issue(path, "sha256 differs from manifest.json (changed, or written by another build)")
    for sub in (DATA, REJECTS):
        for file in sorted((folder / sub).glob("*")) if (folder / sub).is_dir() else []:
            path = file.relative_to(folder).as_posix()
            if path not in listed:
                yield issue(path, "not listed in manifest.json (left by another build?); remove it or rebuild")


def _check_names(shards: list[str], issue: Any) -> Iterator[Issue]:
    by_split: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for path in shards:
        folder, _, name = path.partition("/")
        match = _SHARD.match(name)
        if folder not in (DATA, REJECTS) or not match:
            yield issue(path, "shard name does not follow {split}-{i:05d}-of-{n:05d}.parquet")
            continue
        by_split.setdefault((folder, match["split"]), []).append((int(match["index"]), int(match["count"]), path))
    for (folder, split), found in sorted(by_split.items()):
        counts = {count for _, count, _ in found}
        indexes = sorted(index for index, _, _ in found)
        expected = next(iter(counts)) if len(counts) == 1 else None
        if expected is None or indexes != list(range(expected)):
            missing = sorted(set(range(max(counts))) - set(indexes))
            yield issue(f"{folder}/{split}-*", f"shards of split {split!r} are not numbered 0..n-1 of n "
                                               f"(have {indexes} of {sorted(counts)}; missing {missing})")


def _check_shard(file: Path, path: str, issue: Any) -> tuple[int | None, list[Issue]]:
    schema, expected, record = ((RECORD_SCHEMA, features(RECORD_COLUMNS), "record") if path.startswith(DATA + "/")
                                else (REJECT_SCHEMA, features(REJECT_COLUMNS), None))
    try:
        parquet = pq.ParquetFile(file)
    except (OSError, pa.ArrowException) as exc:
        return None, [issue(path, f"not a readable Parquet file: {exc}")]
    issues = []
    if not parquet.schema_arrow.equals(schema, check_metadata=True):
        issues.append(issue(path, f"Arrow schema differs from the release schema: {_schema_diff(parquet.schema_arrow, schema)}"))
    elif datasets.Features.from_arrow_schema(parquet.schema_arrow) != expected:
        issues.append(issue(path, "datasets Features in the Parquet metadata differ from the record features"))
    rows = bad_rows = 0
    try:
        for batch in parquet.iter_batches(batch_size=4096):
            for row in batch.to_pylist():
                rows += 1
                if record and not is_valid(row, record):
                    bad_rows += 1
                    if bad_rows <= MAX_ROW_ISSUES:
                        error = next(validator(record).iter_errors(row))
                        issues.append(issue(path, f"row {rows}: {error.message}", error.json_path))
    except (OSError, pa.ArrowException) as exc:
        issues.append(issue(path, f"unreadable after row {rows}: {exc}"))
        return None, issues
    if bad_rows > MAX_ROW_ISSUES:
        issues.append(issue(path, f"{bad_rows} rows do not match schema/record.schema.json "
                                  f"(the first {MAX_ROW_ISSUES} are listed)"))
    return rows, issues


def _schema_diff(found: pa.Schema, expected: pa.Schema) -> str:
    have, want = {f.name: f for f in found}, {f.name: f for f in expected}
    parts = [f"missing {', '.join(sorted(set(want) - set(have)))}" if set(want) - set(have) else "",
             f"unexpected {', '.join(sorted(set(have) - set(want)))}" if set(have) - set(want) else "",
             ", ".join(f"{n} is {have[n].type}{'' if have[n].nullable else ' not null'}, expected {want[n].type}"
                       for n in sorted(set(have) & set(want)) if not have[n].equals(want[n]))]
    if not any(parts):
        parts.append("the datasets Features in its metadata differ" if found.metadata != expected.metadata
                     else "columns in another order")
    return "; ".join(p for p in parts if p)


def card_yaml(folder: Path) -> dict[str, Any]:
    """The card's YAML front matter, delimited as the Hub does: `---` lines at the very top."""
    match = _FRONT_MATTER.match((folder / CARD).read_text(encoding="utf-8"))
    if not match:
        raise ValueError("no YAML front matter between --- lines at the top")
    return yaml.safe_load(match[1]) or {}


def _check_counts(folder: Path, manifest: dict[str, Any], rows: dict[str, int | None], issue: Any) -> list[Issue]:
    issues = []
    try:
        info = {c["config_name"]: c for c in card_yaml(folder).get("dataset_info", [])}
    except (OSError, ValueError, yaml.YAMLError, KeyError, TypeError) as exc:
        return [issue(CARD, f"cannot read the card's YAML: {exc}")]
    counts = manifest.get("counts", {})
    expected = {("default", name): s["paragraphs"] for name, s in counts.get("splits", {}).items() if s["paragraphs"]}
    if counts.get("rejects"):
        expected[("rejects", REJECTS_SPLIT)] = counts["rejects"]
    for (config, split), n in sorted(expected.items()):
        folder_name = DATA if config == "default" else REJECTS
        in_data = [r for p, r in rows.items() if p.startswith(f"{folder_name}/{split}-")]
        if None not in in_data and sum(in_data) != n:  # type: ignore[arg-type]
            issues.append(issue(f"{folder_name}/{split}-*", f"{sum(in_data)} rows, manifest.json says {n}"))  # type: ignore[arg-type]
        card_splits = {s["name"]: s for s in info.get(config, {}).get("splits", [])}
        if card_splits.get(split, {}).get("num_examples") != n:
            issues.append(issue(CARD, f"num_examples of {config}/{split} is {card_splits.get(split, {}).get('num_examples')}, "
                                      f"manifest.json says {n}", f"$.dataset_info[{config}].splits[{split}]"))
        num_bytes = counts.get("splits", {}).get(split, {}).get("num_bytes") if config == "default" else None
        if num_bytes is not None and card_splits.get(split, {}).get("num_bytes") != num_bytes:
            issues.append(issue(CARD, f"num_bytes of {config}/{split} differs from manifest.json ({num_bytes})",
                                f"$.dataset_info[{config}].splits[{split}]"))
    if counts.get("documents_in") != counts.get("documents_kept", 0) + counts.get("documents_rejected", 0):
        issues.append(issue(MANIFEST, "documents in != kept + rejected", "$.counts"))
    return issues


def _check_loads(folder: Path, issue: Any) -> list[Issue]:
    bars = datasets.is_progress_bar_enabled()
    datasets.disable_progress_bars()
    try:
        with tempfile.TemporaryDirectory() as cache:
            datasets.load_dataset(str(folder), cache_dir=cache, verification_mode="all_checks")
            if (folder / REJECTS).is_dir() and any((folder / REJECTS).iterdir()):
                datasets.load_dataset(str(folder), "rejects", cache_dir=cache, verification_mode="all_checks")
    except Exception as exc:  # any failure to load is the finding, whatever datasets raises
        return [issue(CARD, f"datasets.load_dataset fails: {type(exc).__name__}: {exc}")]
    finally:
        if bars:
            datasets.enable_progress_bars()
    return []
