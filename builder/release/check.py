"""Check a built release: files against the manifest, shard names, schemas, every row, counts in
data, manifest and card, and that `datasets` loads it. Every problem names the file and the mismatch. The card
is held to its claims, not its sha256: its prose is the user's to edit (an edited card is noted, CARD_EDITED).

The release may come from anyone: the manifest is read bounded and checked against its schema before
any value in it is used, only listed paths that stay inside the folder are opened, only regular files
are read (builder/release/untrusted.py), every row is checked (builder/release/row_checks.py), and `datasets` is
asked to load the release only when all of that passed and the card points it at data/ and rejects/.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import yaml

from builder.columns import Column, arrow_schema
from builder.outcomes import Issue, Location
from builder.release.card_claims import card_claim_problems, dataset_info_problems
from builder.release.card_text import card_text_problems
from builder.release.layout import (
    CARD,
    DATA,
    MANIFEST,
    REJECTS,
    REJECTS_SPLIT,
    REMOVED_LINES,
    SET_ASIDE,
    SHARD,
    is_release,
)
from builder.release.manifest import (
    MAX_MANIFEST_BYTES,
    manifest_problems,
    parse_manifest,
    release_columns,
)
from builder.release.records import REJECT_SCHEMA
from builder.release.removed_check import removed_lines_problems
from builder.release.row_checks import RowChecks
from builder.release.tally import Tally
from builder.release.untrusted import (
    ReleaseError,
    RowCountMismatch,
    batches,
    not_regular,
    open_parquet,
    open_regular,
    read_bounded,
    scan,
    sha256_of,
    size_of,
)
from builder.schemas import validator
from builder.text.sanitise import Sanitiser
from builder.user_paths import named

MAX_ROW_ISSUES = 10
_SANITISER = Sanitiser()
MAX_CARD_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_OFFSET = 16 * 1024 * 1024  # BuildConfig.max_document_bytes, for a manifest without a config
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)
_DATA_FILES = re.compile(rf"(?:{DATA}|{REJECTS})/\w[\w.*-]*\.parquet")  # a pattern inside data/ or rejects/

IssueMaker = Callable[..., Issue]


# The card's prose is the user's to edit: a card whose bytes are not the ones manifest.json lists is valid when every
# claim it makes (see _check_card) holds, and this note says so (reason `card_edited`; not a problem of the release)
CARD_EDITED = "card edited after the build: its claims checked against the manifest"


@dataclass
class Inspection:
    """What checking a release found; `manifest` and its bytes are what was checked (publish uploads those).
    `notes`: what a user should know of a valid release (an edited card); `card`: the size and sha256 of the card
    that was checked when they are not the ones the manifest lists (publish uploads that card, and checks it is)."""

    issues: list[Issue] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    manifest_bytes: bytes | None = None
    notes: list[Issue] = field(default_factory=list)
    card: tuple[int, str] | None = None


def check_release(folder: Path, load: bool = True) -> list[Issue]:
    """Every problem found; an empty list means the release is complete and consistent."""
    return inspect_release(folder, load).issues


def inspect_release(folder: Path, load: bool = True) -> Inspection:
    def issue(path: str, message: str, where: str = "$", reason: str = "release_invalid") -> Issue:
        # messages quote values from the release (rows, manifest, card): sanitised like all text the tool
        # prints, whatever the format (text, json, github); the file path is the user's own, kept
        return Issue(Location(str(folder / path)), _SANITISER.text(where) or "$", _SANITISER.text(message) or "",
                     reason)

    result = Inspection()
    try:
        raw = read_bounded(folder, MANIFEST, MAX_MANIFEST_BYTES)
        manifest = parse_manifest(raw)
    except FileNotFoundError:
        if not is_release(folder):  # a folder of raw documents (given to publish), not a build's
            make = named("`dataset-builder build SOURCE --out DIR`", "build(SOURCE, out=DIR)")
            result.issues.append(issue(MANIFEST, "missing: this folder is not a release (no manifest.json, data/ or "
                                                 f"dataset card); make one with {make}", reason="release_incomplete"))
            return result
        set_aside = folder / SET_ASIDE / REJECTS
        if set_aside.is_dir() and not (folder / SET_ASIDE).is_symlink() and not set_aside.is_symlink():
            # ux29: after a build that kept nothing (NothingKeptError), this said "an interrupted build"
            result.issues.append(issue(MANIFEST, "missing: the last build into this folder kept no document, so it "
                                                 f"wrote no release; what it rejected, and why, is in {set_aside} "
                                                 "(fix the inputs, or map their fields with --field, and build "
                                                 "again)", reason="release_incomplete"))
            return result
        result.issues.append(issue(MANIFEST, "missing: this is not a finished release (an interrupted build, or "
                                             "a release copied or published in part: the manifest is written "
                                             "last); run the build again, or copy or publish the whole release "
                                             "(to check its files as raw documents instead, name them or data/ "
                                             "itself)",
                                   reason="release_incomplete"))
        return result
    except ReleaseError as exc:
        result.issues.append(issue(MANIFEST, str(exc).removeprefix(f"{MANIFEST}: ")))
        return result
    problems = manifest_problems(manifest)
    if problems:  # nothing else can be checked against a manifest whose values cannot be trusted
        result.issues += [issue(MANIFEST, message, where) for where, message in problems]
        return result
    listed = {o["path"]: o for o in manifest["outputs"]}
    issues, regular = _check_files(folder, manifest["outputs"], issue)
    issues += _check_unlisted(folder, listed, issue)
    issues += _check_top(folder, listed, issue)
    on_disk = [path for sub in (DATA, REJECTS) for path, mode in scan(folder, sub)
               if stat.S_ISREG(mode) and path != sub]
    issues += _check_names(on_disk, issue)
    config = manifest.get("config", {})
    declared = {code for kind in ("steps", "readers") for step in config.get(kind, []) for code in step["reasons"]}
    checks = RowChecks(config.get("max_document_bytes", DEFAULT_MAX_OFFSET), declared)
    tally = Tally(manifest, checks.reasons)
    columns = release_columns(manifest)[0]  # the built-in ones and those the release declares
    rows: dict[str, int | None] = {}
    for index, entry in enumerate(manifest["outputs"]):
        path = entry["path"]
        if path in regular and path.endswith(".parquet") and path.startswith((f"{DATA}/", f"{REJECTS}/")):
            listed_rows = entry.get("rows") if isinstance(entry.get("rows"), int) else None
            found, shard_issues = _check_shard(folder, path, columns, checks, tally, issue, listed_rows)
            rows[path] = found
            issues += shard_issues
            if found is not None and "rows" in entry and entry["rows"] != found:
                issues.append(issue(MANIFEST, f"{path} has {found} rows, manifest.json says {entry['rows']}",
                                    f"$.outputs[{index}].rows"))
    # a shard listed but not read (missing, a link, unreadable: reported above) leaves the counts, the card's
    # figures and what a duplicate_of names unknown, not wrong (ux27: a data shard replaced by a link made every
    # reference to its rows a second problem)
    unread = {path for path in listed if path.endswith(".parquet") and rows.get(path) is None}
    rows.update(dict.fromkeys(unread))  # (a shard of data/ or rejects/: listed elsewhere, it is not read as one)
    every_reject = not any(path.startswith(f"{REJECTS}/") for path in unread)
    every_data = not any(path.startswith(f"{DATA}/") for path in unread)
    if every_data and every_reject:
        issues += [issue(path, f"row {row}: {message}", where)
                   for path, row, where, message in checks.finish(MAX_ROW_ISSUES)]
    issues += [issue(MANIFEST, message, where)
               for where, message in tally.problems(manifest, every_reject, every_data)]
    card_issues, card = _check_card(folder, manifest, columns, rows, tally if every_data else None, issue)
    issues += card_issues
    if card is not None and isinstance(listed_card := listed.get(CARD), dict) \
            and (len(card), hashlib.sha256(card).hexdigest()) != (listed_card.get("bytes"), listed_card.get("sha256")):
        result.notes.append(issue(CARD, CARD_EDITED, reason="card_edited"))
        result.card = len(card), hashlib.sha256(card).hexdigest()
    if REMOVED_LINES in regular:  # listed and a regular file; _check_files reported it otherwise
        issues += [issue(REMOVED_LINES, message, where)
                   for where, message in removed_lines_problems(folder, checks.reasons)]
    if load and not issues:
        issues += _check_loads(folder, issue)
    result.issues, result.manifest, result.manifest_bytes = issues, manifest, raw
    return result


def _check_files(folder: Path, outputs: list[dict[str, Any]], issue: IssueMaker) -> tuple[list[Issue], set[str]]:
    """Size and sha256 of each listed file but the card (its prose is the user's: _check_card holds its claims to
    the manifest instead); also returns the listed paths that are regular files."""
    issues, regular = [], set()
    for entry in sorted(outputs, key=lambda o: o["path"]):
        path = entry["path"]
        try:
            file = open_regular(folder, path)
        except FileNotFoundError:
            issues.append(issue(path, "missing: listed in manifest.json but not in the release"))
            continue
        except ReleaseError as exc:
            issues.append(issue(path, str(exc).removeprefix(f"{path}: ")))
            continue
        regular.add(path)
        with file:
            if path == CARD:
                continue
            size = size_of(file)
            if size != entry["bytes"]:
                issues.append(issue(path, f"size {size} bytes, manifest.json says {entry['bytes']} "
                                          "(truncated, or written by another build)"))
            elif sha256_of(file) != entry["sha256"]:
                issues.append(issue(path, "sha256 differs from manifest.json (changed, or written by another build)"))
    return issues, regular


def _check_unlisted(folder: Path, listed: dict[str, Any], issue: IssueMaker) -> Iterator[Issue]:
    """Anything in data/ or rejects/ that the manifest does not list (datasets would load it)."""
    for sub in (DATA, REJECTS):
        for path, mode in scan(folder, sub):
            if path == sub:
                yield issue(path, f"{not_regular(path, mode).removeprefix(f'{path}: ')}; {sub}/ must be a folder")
            elif path not in listed:
                kind = "" if stat.S_ISREG(mode) else f" and {not_regular(path, mode).removeprefix(f'{path}: ')}"
                yield issue(path, f"not listed in manifest.json (left by another build?){kind}; remove it or rebuild")


def _check_top(folder: Path, listed: dict[str, Any], issue: IssueMaker) -> Iterator[Issue]:
    """No symlink, FIFO or device in the release's own folder either: a release holds regular files and
    folders, and whatever opens one of those later (datasets, a copy, a mirror) would block or leave it.
    A file the manifest lists is reported by _check_files already, once."""
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            mode = entry.stat(follow_symlinks=False).st_mode
            if entry.name not in listed and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                yield issue(entry.name, not_regular(entry.name, mode).removeprefix(f"{entry.name}: "))


def _check_names(shards: list[str], issue: IssueMaker) -> Iterator[Issue]:
    by_split: dict[tuple[str, str], list[tuple[int, int, str]]] = {}
    for path in shards:
        folder, _, name = path.partition("/")
        match = SHARD.fullmatch(name)
        if not match:
            yield issue(path, "shard name does not follow {split}-{i:05d}-of-{n:05d}.parquet")
            continue
        by_split.setdefault((folder, match["split"]), []).append((int(match["index"]), int(match["count"]), path))
    for (folder, split), found in sorted(by_split.items()):
        counts = {count for _, count, _ in found}
        indexes = sorted(index for index, _, _ in found)
        expected = next(iter(counts)) if len(counts) == 1 else None
        if expected is None or indexes != list(range(expected)):
            missing = sorted(set(range(max(counts))) - set(indexes))[:20]
            yield issue(f"{folder}/{split}-*", f"shards of split {split!r} are not numbered 0..n-1 of n "
                                               f"(have {indexes[:20]} of {sorted(counts)[:5]}; missing {missing})")


def _check_shard(folder: Path, path: str, columns: list[Column], checks: RowChecks, tally: Tally,
                 issue: IssueMaker, listed_rows: int | None = None) -> tuple[int | None, list[Issue]]:
    """The shard's schema and Features (those of the release's declared `columns` for data), then every
    row (only when the schema is the release's), counted in `tally` too. The Features are compared as the
    schema's metadata, where datasets stores them: a build's --previous is checked in a process that does not
    import datasets (builder.run.lean)."""
    data = path.startswith(DATA + "/")
    schema = arrow_schema(columns) if data else REJECT_SCHEMA
    try:
        file = open_regular(folder, path)
    except (OSError, ReleaseError) as exc:
        return None, [issue(path, str(exc))]
    with file:
        try:
            parquet = open_parquet(file, path, listed_rows)
        except RowCountMismatch as exc:
            return None, [issue(MANIFEST, str(exc), "$.outputs")]
        except ReleaseError as exc:
            return None, [issue(path, str(exc).removeprefix(f"{path}: "))]
        if not parquet.schema_arrow.equals(schema, check_metadata=True):
            return None, [issue(path, "Arrow schema differs from the release schema: "
                                      f"{_schema_diff(parquet.schema_arrow, schema)}")]
        checks.start_shard(path)
        issues: list[Issue] = []
        rows = bad_rows = 0
        try:
            for batch in batches(file, path, expected_rows=listed_rows):
                found = batch.to_pylist()
                found_problems = (checks.records(found, rows + 1) if data
                                  else checks.rejects(found, rows + 1))
                for row, problems in zip(found, found_problems, strict=True):
                    rows += 1
                    (tally.record if data else tally.reject)(row, path, rows)
                    if problems:
                        bad_rows += 1
                        if bad_rows <= MAX_ROW_ISSUES:
                            issues += [issue(path, f"row {rows}: {message}", where) for where, message in problems]
        except ReleaseError as exc:
            issues.append(issue(path, str(exc).removeprefix(f"{path}: ")))
            return None, issues
    if bad_rows > MAX_ROW_ISSUES:
        schema_file = "record" if data else "reject"
        issues.append(issue(path, f"{bad_rows} rows do not match schema/{schema_file}.schema.json and the release's "
                                  f"invariants (the first {MAX_ROW_ISSUES} are listed)"))
    return rows, issues


def _schema_diff(found: pa.Schema, expected: pa.Schema) -> str:
    have, want = {f.name: f for f in found}, {f.name: f for f in expected}
    parts = [f"missing {', '.join(sorted(set(want) - set(have)))}" if set(want) - set(have) else "",
             f"unexpected {', '.join(sorted(set(have) - set(want)))[:200]}" if set(have) - set(want) else "",
             ", ".join(f"{n} is {_shown(have[n])}, expected {_shown(want[n])}"
                       for n in sorted(set(have) & set(want)) if not have[n].equals(want[n]))]
    if not any(parts):
        parts.append("the datasets Features in its metadata differ" if found.metadata != expected.metadata
                     else "columns in another order")
    return "; ".join(p for p in parts if p)


def _shown(field: pa.Field[Any]) -> str:
    """A column's type as the schema message names it, with its nullability on both sides of the comparison:
    a nullable `text` against the release's own was shown as 'text is string, expected string'."""
    return f"{field.type}{'' if field.nullable else ' not null'}"


class _CardLoader(yaml.SafeLoader):
    """YAML without aliases: a card a build writes has none, and `*alias` chains can expand to gigabytes
    in whatever walks the result (the "billion laughs")."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("YAML aliases (*name) are not allowed in a release card")
        return super().compose_node(parent, index)


def card_yaml(folder: Path) -> dict[str, Any]:
    """The card's YAML front matter, delimited as the Hub does: `---` lines at the very top.

    ValueError (or ReleaseError, FileNotFoundError) when it cannot be read as a mapping."""
    return _front_matter(_card_text(folder))


def _card_text(folder: Path) -> str:
    return _card_bytes(folder).decode("utf-8")


def _card_bytes(folder: Path) -> bytes:
    return read_bounded(folder, CARD, MAX_CARD_BYTES)


def _front_matter(text: str) -> dict[str, Any]:
    match = _FRONT_MATTER.match(text)
    if not match:
        raise ValueError("no YAML front matter between --- lines at the top")
    try:
        meta = yaml.load(match[1], Loader=_CardLoader) or {}
    except RecursionError:
        raise ValueError("the YAML front matter is nested too deeply") from None
    if not isinstance(meta, dict):
        raise ValueError(f"the YAML front matter is a {type(meta).__name__}, not a mapping")
    return meta


def _check_card(folder: Path, manifest: dict[str, Any], columns: list[Column], rows: dict[str, int | None],
                tally: Tally | None, issue: IssueMaker) -> tuple[list[Issue], bytes | None]:
    """The card's claims: its YAML header (what the Hub indexes and `datasets` reads) and the counts its body
    states, against the manifest, the shards' `columns` and `rows`, and `tally`: the rows' counts, when every data
    shard was read (its claims are checked against them then). Also returns the bytes checked (None: unread)."""
    try:
        raw = _card_bytes(folder)
    except FileNotFoundError:
        return [issue(CARD, "missing: a release has a dataset card")], None
    except ReleaseError as exc:
        return [issue(CARD, f"cannot read the card's YAML: {str(exc)[:300]}")], None
    return _card_problems(raw, manifest, columns, rows, tally, issue), raw


def _card_problems(raw: bytes, manifest: dict[str, Any], columns: list[Column], rows: dict[str, int | None],
                   tally: Tally | None, issue: IssueMaker) -> list[Issue]:
    try:
        text = raw.decode("utf-8")
        meta = _front_matter(text)
    except (ValueError, yaml.YAMLError) as exc:  # UnicodeDecodeError is a ValueError
        return [issue(CARD, f"cannot read the card's YAML: {str(exc)[:300]}")]
    errors = sorted(validator("card").iter_errors(meta), key=lambda e: (e.json_path, e.message))
    if errors:
        return [issue(CARD, e.message[:240], e.json_path) for e in errors]
    issues = [issue(CARD, f"data_files path {path!r} is not a pattern inside {DATA}/ or {REJECTS}/; datasets would "
                          "read files the release does not list", f"$.configs[{i}].data_files[{j}].path")
              for i, config in enumerate(meta.get("configs", [])) for j, files in enumerate(config["data_files"])
              for path in ([files["path"]] if isinstance(files["path"], str) else files["path"])
              if not _DATA_FILES.fullmatch(path)]
    issues += _check_counts(meta, manifest, rows, issue)
    issues += [issue(CARD, message, where) for where, message in dataset_info_problems(meta, columns)]
    issues += [issue(CARD, message) for message in card_text_problems(text, manifest)]
    if tally is not None:
        issues += [issue(CARD, message, where) for where, message in
                   card_claim_problems(meta, text, manifest, tally.language_paragraphs, tally.language_chars)]
    return issues


def _check_counts(meta: dict[str, Any], manifest: dict[str, Any], rows: dict[str, int | None],
                  issue: IssueMaker) -> list[Issue]:
    issues = []
    info = {c["config_name"]: {s["name"]: s for s in c.get("splits", [])} for c in meta.get("dataset_info", [])}
    counts = manifest["counts"]
    expected = {("default", name): s["paragraphs"] for name, s in counts["splits"].items() if s["paragraphs"]}
    if counts["rejects"]:
        expected[("rejects", REJECTS_SPLIT)] = counts["rejects"]
    for (config, split), n in sorted(expected.items()):
        folder_name = DATA if config == "default" else REJECTS
        in_data = [r for p, r in rows.items() if p.startswith(f"{folder_name}/{split}-")]
        counted = [r for r in in_data if r is not None]  # a shard that could not be counted is reported already
        if len(counted) == len(in_data) and sum(counted) != n:
            issues.append(issue(f"{folder_name}/{split}-*", f"{sum(counted)} rows, manifest.json says {n}"))
        card_split = info.get(config, {}).get(split, {})
        if card_split.get("num_examples") != n:
            issues.append(issue(CARD, f"num_examples of {config}/{split} is {card_split.get('num_examples')}, "
                                      f"manifest.json says {n}", f"$.dataset_info[{config}].splits[{split}]"))
        num_bytes = counts["splits"].get(split, {}).get("num_bytes") if config == "default" else None
        if num_bytes is not None and card_split.get("num_bytes") != num_bytes:
            issues.append(issue(CARD, f"num_bytes of {config}/{split} differs from manifest.json ({num_bytes})",
                                f"$.dataset_info[{config}].splits[{split}]"))
    if counts["documents_in"] != counts["documents_kept"] + counts["documents_rejected"]:
        issues.append(issue(MANIFEST, "documents in != kept + rejected", "$.counts"))
    return issues


def _check_loads(folder: Path, issue: IssueMaker) -> list[Issue]:
    import datasets

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
