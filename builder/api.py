"""The Python API: build, validate, publish and diff, with typed arguments and results.

The command line is a thin layer over these functions. Like the CLI they check everything before
anything runs, and they never print: problems are exceptions that say what to do (ConfigError,
SourceError, UsageError, …: see `builder.cli.main` for which is which), results are dataclasses.

    from builder import build, validate
    result = build(["corpus/"], "release", "build.toml", steps=[MyFilter(limit=3)])
    assert validate("release").valid
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from builder.config import BuildConfig, ConfigError, field_pairs
from builder.outcomes import Issue
from builder.user_paths import named, user_path

if TYPE_CHECKING:
    from builder.reasons import Reasons
    from builder.release.diff import ReleaseDiff
    from builder.release.publish import Published
    from builder.run.summary import BuildSummary
    from builder.steps import Reader, Step

PathLike = str | os.PathLike[str]


class UsageError(ValueError):
    """Arguments that cannot be used together or at all (the CLI's exit 2)."""


class UnreadableReleaseError(ValueError):
    """A release given to diff has a file that cannot be read as one this tool writes."""

    def __init__(self, folder: Path, problem: str) -> None:
        super().__init__(f"{folder}/{problem}")
        self.folder = folder


class NothingKeptError(ValueError):
    """A build kept no document, so it committed nothing: a previous release in `out` is as it was. `result`
    counts why (its reasons); `rejects` is the folder the rejected documents and lines were set aside in
    (`out`/.rejected-build/rejects, which the next build into `out` clears)."""

    def __init__(self, result: BuildResult, rejects: str) -> None:
        hint = ""
        if result.document_rejects.get("schema_invalid", 0) * 2 >= max(result.documents_in, 1):
            # what the command line prints as a hint (ux29: Python said only where the rejects were)
            hint = ("; most documents do not match the document schema (validate(SOURCES) says what is wrong with "
                    "each); if your records name `id` or `text` otherwise, map them, e.g. "
                    "BuildConfig.load(None, fields={'id': 'url', 'text': 'content'})")
        super().__init__("no document was kept, so nothing was written to the release; "
                         f"{nothing_kept_why(result, rejects)}{hint}")
        self.result, self.rejects = result, rejects


def nothing_kept_why(result: BuildResult, rejects: str) -> str:
    """Where to look when a build kept nothing: its rejects, or, when its inputs held no document at all (an empty
    JSONL file or JSON array, a Parquet file of no rows), not there: the folder holds no reject to say why."""
    if result.documents_in:
        return f"the rejects say why: {rejects}"
    return ("its inputs hold no document (an empty JSONL file or JSON array, a Parquet file without rows): check that "
            "SOURCE names the files you meant")


@dataclass(frozen=True)
class SplitResult:
    documents: int
    paragraphs: int
    shards: tuple[str, ...]  # paths relative to the release folder; none when no document was assigned


@dataclass(frozen=True)
class BuildResult:
    """What a build wrote: counts by split and by reason. `summary` has everything the card shows."""

    out: Path | str  # the folder, or the URL of a release in object storage
    documents_in: int
    documents_kept: int
    paragraphs: int
    splits: dict[str, SplitResult]
    document_rejects: dict[str, int]  # reason code -> documents dropped for it
    line_rejects: dict[str, int]  # reason code -> lines and paragraphs dropped for it
    takedown_unmatched: tuple[str, ...]  # takedown entries that matched no document
    cache_hits: int
    cache_misses: int
    summary: BuildSummary = field(repr=False)

    @property
    def documents_rejected(self) -> int:
        return self.documents_in - self.documents_kept


@dataclass(frozen=True)
class ValidationReport:
    """Every problem found in raw documents or in a release; `valid` when there is none."""

    kind: Literal["documents", "release"]
    target: str  # the release folder, or the sources, as given
    issues: tuple[Issue, ...]
    documents: int | None = None  # documents checked (raw documents only)
    # what to know of a release that is no problem of it: a card edited after the build whose claims hold
    # (reason `card_edited`); `valid` does not depend on them
    notes: tuple[Issue, ...] = ()

    @property
    def valid(self) -> bool:
        return not self.issues


def input_size(sources: Iterable[PathLike] | PathLike, config: BuildConfig | None = None) -> int:
    """Bytes of input a build of these sources reads (what `progress` adds up to); `config` for its readers."""
    from builder.read.discovery import discover

    given = _paths(sources)
    if config is not None and not isinstance(config, BuildConfig):
        raise ConfigError(f"config: expected a BuildConfig or None, got {type(config).__name__}")
    readers = config.read_options.readers if config is not None else None
    options = dict(config.read.storage_options) if config is not None else None
    return sum(f.size() for f in discover(given, readers, options) if f.readable)


def build(sources: Iterable[PathLike] | PathLike, out: PathLike, config: BuildConfig | PathLike | None = None, *,
          steps: Sequence[Step] = (), readers: Sequence[Reader] = (),
          progress: Callable[[int], None] | None = None,
          storage_options: dict[str, Any] | None = None) -> BuildResult:
    """Build a release folder from sources (files, folders or globs, local or fsspec URLs such as
    s3://bucket/prefix/) into `out` (a folder or a URL). `config` is a BuildConfig, a TOML file or None
    (the defaults); `steps` and `readers` are instances of the user's own classes, run after those the
    config names. `storage_options` (fsspec's: endpoint_url, anon, …) add to the config's [read] ones.
    `progress` is called with input bytes as the work advances, through both passes over the inputs
    (counting lines, then processing); the calls add up to `input_size`."""
    from builder.run.pipeline import build as run_build
    from builder.run.summary import NothingKept

    given = _paths(sources)  # every argument is checked before the config is read or anything is written
    _check_path(out, "out", UsageError)
    _check_config(config, ConfigError)
    _check_instances(steps, "steps", ConfigError)
    _check_instances(readers, "readers", ConfigError)
    _check_callback(progress, "progress", UsageError)
    _check_options(storage_options, "storage_options", ConfigError)
    if not isinstance(config, BuildConfig):
        config = BuildConfig.load(Path(config) if config is not None else None)
    if storage_options:
        config = config.with_storage_options(storage_options)
    if steps or readers:
        config = config.with_extensions(tuple(steps), tuple(readers))
    target = _target(out)
    try:
        summary = run_build(given, target, config, progress=progress)
    except NothingKept as exc:
        raise NothingKeptError(_result(target, exc.summary), exc.rejects) from None
    return _result(target, summary)


def _result(target: Path | str, summary: BuildSummary) -> BuildResult:
    return BuildResult(
        out=target, documents_in=summary.documents_in, documents_kept=summary.documents_kept,
        paragraphs=summary.paragraphs,
        splits={name: SplitResult(s.documents, s.paragraphs, tuple(s.shards)) for name, s in summary.splits.items()},
        document_rejects=dict(sorted(summary.document_rejects.items())),
        line_rejects=dict(sorted(summary.line_rejects.items())),
        takedown_unmatched=tuple(e for _, e in summary.takedown_unmatched),
        cache_hits=summary.cache_hits, cache_misses=summary.cache_misses, summary=summary)


def reasons(config: BuildConfig | PathLike | None = None, *, steps: Sequence[Step] = (),
            readers: Sequence[Reader] = ()) -> Reasons:
    """Every reason code a build with this config can give (the built-in ones, and those its own steps
    and readers declare), with the sentence that explains it: what rejects/, the manifest and the card
    will say."""
    from builder.reasons import Reasons
    from builder.run.plan import BUILT_IN

    _check_config(config, ConfigError)
    _check_instances(steps, "steps", ConfigError)
    _check_instances(readers, "readers", ConfigError)
    if not isinstance(config, BuildConfig):
        config = BuildConfig.load(Path(config) if config is not None else None)
    if steps or readers:
        config = config.with_extensions(tuple(steps), tuple(readers))
    return Reasons.of((*BUILT_IN, *config.steps, *config.readers))


def validate(sources: Iterable[PathLike] | PathLike, *, fields: Mapping[str, str | Sequence[str]] | None = None,
             on_issue: Callable[[Issue], None] | None = None,
             storage_options: dict[str, Any] | None = None) -> ValidationReport:
    """Check one built release (a folder, or a URL in object storage), or raw documents (files, folders,
    globs or URLs) against schema/document.schema.json; `storage_options` are fsspec's, for URLs.
    `fields` renames document fields as for build (a field -> its key, or its keys in order of
    preference); `on_issue` sees each problem as it is found (a large corpus need not be checked to the
    end to show the first)."""
    from builder.outcomes import Invalid
    from builder.read.discovery import SourceError, discover
    from builder.read.registry import read
    from builder.read.remote import StorageError, is_url
    from builder.read.validate import check_stream
    from builder.release.check import inspect_release
    from builder.release.layout import is_release
    from builder.release.remote_check import inspect_remote_release, is_remote_release

    given = _paths(sources)
    _check_fields(fields, ConfigError)
    _check_callback(on_issue, "on_issue", UsageError)
    _check_options(storage_options, "storage_options", ConfigError)
    if len(given) == 1 and is_url(given[0]):
        try:
            if is_remote_release(given[0], storage_options):
                inspection = inspect_remote_release(given[0], storage_options)
                for issue in inspection.issues:
                    if on_issue is not None:
                        on_issue(issue)
                return ValidationReport("release", given[0], tuple(inspection.issues),
                                        notes=tuple(inspection.notes))
        except StorageError as exc:
            raise SourceError(str(exc)) from None
    if len(given) > 1 and (release := next((g for g in given if not is_url(g) and is_release(Path(g))), None)):
        alone = named(f"`dataset-builder validate {release}`", f"validate({release!r})")
        raise UsageError(f"{release} is a release folder: validate checks one release at a time, or raw documents "
                         f"(run {alone} on its own, and once for each other release)")
    if len(given) == 1 and is_release(Path(given[0])):
        inspection = inspect_release(Path(given[0]))
        if on_issue is not None:
            for issue in inspection.issues:
                on_issue(issue)
        return ValidationReport("release", str(Path(given[0])), tuple(inspection.issues),
                                notes=tuple(inspection.notes))
    config = BuildConfig.load(None, fields=field_pairs(fields) if fields else None,
                              storage_options=tuple(storage_options.items()) if storage_options else None)
    found: list[Issue] = []
    documents = 0
    files = discover(given, config.read_options.readers, dict(config.read.storage_options))
    for item in check_stream(read(files, config.read_options)):
        documents += 1
        if isinstance(item, Invalid):
            found.extend(item.issues)
            if on_issue is not None:
                for issue in item.issues:
                    on_issue(issue)
    return ValidationReport("documents", " ".join(given), tuple(found), documents)


def publish(release: PathLike, to: str, *, version: str | None = None, force: bool = False, dry_run: bool = False,
            storage_options: dict[str, Any] | None = None,
            log: Callable[[str], None] | None = None) -> Published:
    """Validate a release, then upload it under its version to `to` (hf://datasets/ORG/NAME, s3://…,
    another fsspec URL, or a local path) and check what landed against the manifest. A version that
    exists is replaced only with `force`; `dry_run` returns the plan without uploading. Error messages name
    the arguments of this call (`to=`, `version=`, `force=True`, `storage_options`), as the command line's
    name its flags."""
    from builder.release.destinations import DestinationError
    from builder.release.publish import publish as run_publish

    release, to = _check_path(release, "release", UsageError), _check_path(to, "to", UsageError)
    _check_optional_text(version, "version", UsageError)
    _check_flag(force, "force", UsageError)
    _check_flag(dry_run, "dry_run", UsageError)
    _check_options(storage_options, "storage_options", UsageError)
    _check_callback(log, "log", UsageError)
    try:
        return run_publish(Path(user_path(release)), user_path(to), version, force, dry_run, storage_options or {},
                           log=log or (lambda _: None))
    except DestinationError as exc:  # the destination, version or options: nothing was read or written
        raise UsageError(str(exc)) from None


def diff(old: PathLike, new: PathLike) -> ReleaseDiff:
    """Documents (by id and raw-text hash) and paragraphs (by text hash) added, removed and changed."""
    from builder.release.diff import UnreadableRelease, compare, read_release
    from builder.release.layout import is_release

    folders = (Path(user_path(_check_path(old, "old", UsageError))),
               Path(user_path(_check_path(new, "new", UsageError))))
    for folder in folders:  # named as --previous names it (trial24): a missing folder is not "not a release"
        if not folder.exists():
            raise UsageError(f"{folder}: no such folder; give the folder of a release (the one with manifest.json)")
        if not folder.is_dir():
            raise UsageError(f"{folder}: not a folder; give the folder of a release (the one with manifest.json)")
        if not is_release(folder):
            raise UsageError(f"{folder} is not a release folder (no manifest.json or data/)")
    contents = []
    for folder in folders:  # releases from anywhere: what cannot be read is named, not a crash
        try:
            contents.append(read_release(folder))
        except UnreadableRelease as exc:
            raise UnreadableReleaseError(folder, str(exc)) from None
    return compare(*contents)


def _paths(sources: Iterable[PathLike] | PathLike) -> list[str]:
    """One source or many, as the strings discovery takes (a glob stays a pattern, file:///PATH is PATH, so
    that every check of a local path applies to it; `~` expanded, builder.user_paths)."""
    from builder.read.discovery import SourceError
    from builder.read.remote import StorageError, local_path

    given = _check_sources(sources, SourceError)
    if not given:  # the CLI requires a SOURCE; a build or check of nothing is a mistake here too
        raise SourceError("no source given: pass a file, a folder, a glob or a URL of documents")
    try:
        return [local_path(user_path(source)) for source in given]
    except StorageError as exc:
        raise SourceError(str(exc)) from None


def _target(out: PathLike) -> Path | str:
    """--out as a URL, or the local folder (file:///PATH is PATH, as for publish --to; `~` expanded; `file:/x`
    or `s3:/x` is a URL mistyped, refused rather than made into a folder named `file:` here)."""
    from builder.read.remote import is_url
    from builder.release.destinations import DestinationError, parse_destination
    from builder.release.outdir import OutDirError

    if is_url(str(out)):
        return str(out)
    try:
        return Path(parse_destination(user_path(str(out)), flag="--out").path)
    except DestinationError as exc:
        raise OutDirError(str(exc)) from None


# The arguments, checked before anything runs or is written. Type hints are not enforced at run time:
# `build(src, None)` would build into a folder named "None", `progress=5` fail mid-build with a folder half
# made, `fields={"text": 5}` surface as "'int' object is not iterable". A wrong argument is the documented
# error naming it: SourceError for the sources, ConfigError for what becomes the build's configuration
# (config, steps, readers, fields, storage_options), UsageError for the rest.


def _got(value: Any) -> str:
    shown = repr(value)
    return f"{type(value).__name__} {shown if len(shown) <= 60 else shown[:59] + '…'}"


# What each path argument names, for the message that refuses an empty one (as the CLI's names its flag)
_PATH_TAKES = {
    "sources": "a folder, a file, a glob or a URL of documents",
    "out": "the folder to build the release in ('.' for the current folder) or a URL",
    "release": "the folder of a release (the one with manifest.json)",
    "to": "the folder or URL to publish to",
    "old": "the folder of a release (the one with manifest.json)",
    "new": "the folder of a release (the one with manifest.json)",
    "config": "the path of a TOML file, or None for the defaults",
}


def _check_path(value: Any, name: str, error: Callable[[str], Exception]) -> str:
    """A str or os.PathLike of str, not empty: what `_PATH_TAKES` says the argument `name` takes."""
    if isinstance(value, os.PathLike):
        value = os.fspath(value)
    if not isinstance(value, str):
        raise error(f"{name}: expected a path or URL (str or os.PathLike), got {_got(value)}")
    if not value:
        raise error(f"{name}: an empty path; give {_PATH_TAKES[name.split('[')[0]]}")
    return value


def _check_sources(value: Any, error: Callable[[str], Exception]) -> list[str]:
    """One source or an iterable of them (a str is one source, not its characters)."""
    if isinstance(value, (str, os.PathLike)):
        return [_check_path(value, "sources", error)]
    if isinstance(value, (bytes, Mapping)) or not hasattr(value, "__iter__"):
        raise error(f"sources: expected a path, a URL or a list of them, got {_got(value)}")
    return [_check_path(item, f"sources[{i}]", error) for i, item in enumerate(value)]


def _check_callback(value: Any, name: str, error: Callable[[str], Exception]) -> None:
    if value is not None and not callable(value):
        raise error(f"{name}: expected a function or None, got {_got(value)}")


def _check_flag(value: Any, name: str, error: Callable[[str], Exception]) -> None:
    if not isinstance(value, bool):
        raise error(f"{name}: expected True or False, got {_got(value)}")


def _check_optional_text(value: Any, name: str, error: Callable[[str], Exception]) -> None:
    if value is not None and not isinstance(value, str):
        raise error(f"{name}: expected a str or None, got {_got(value)}")


def _check_instances(value: Any, name: str, error: Callable[[str], Exception]) -> None:
    """steps= and readers=: a list or tuple of instances (the config checks what each is)."""
    if not isinstance(value, (list, tuple)):
        raise error(f"{name}: expected a list or tuple of instances of your classes, got {_got(value)}")
    for i, item in enumerate(value):
        if isinstance(item, type):
            raise error(f"{name}[{i}]: {item.__name__} is a class; pass an instance, {item.__name__}(...)")


def _check_options(value: Any, name: str, error: Callable[[str], Exception]) -> None:
    """storage_options=: fsspec's keyword arguments, a dict with str keys."""
    if value is None:
        return
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise error(f"{name}: expected a dict of fsspec options with str keys (endpoint_url=…, anon=…), "
                    f"got {_got(value)}")


def _check_fields(value: Any, error: Callable[[str], Exception]) -> None:
    """fields=: a document field -> its key, or its keys in order of preference."""
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise error(f"fields: expected a dict of document field -> key (or list of keys), got {_got(value)}")
    for target, keys in value.items():
        if not isinstance(target, str):
            raise error(f"fields: a field name is a str, got {_got(target)}")
        if isinstance(keys, str):
            continue
        if not isinstance(keys, (list, tuple)) or not keys or not all(isinstance(k, str) for k in keys):
            raise error(f"fields[{target!r}]: expected a key (str) or a non-empty list of keys, got {_got(keys)}")


def _check_config(value: Any, error: Callable[[str], Exception]) -> None:
    """config=: a BuildConfig (checked when made), a path to a TOML file, or None (the defaults)."""
    if value is None or isinstance(value, BuildConfig):
        return
    if not isinstance(value, (str, os.PathLike)):
        raise error(f"config: expected a BuildConfig, a path to a TOML file or None, got {_got(value)}; make one "
                    "with BuildConfig(filter=FilterSettings(min_words=3), …) or BuildConfig.load(path, min_words=3)")
    _check_path(value, "config", error)
