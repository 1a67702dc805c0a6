"""Command line: argument parsing, progress, messages and exit codes — nothing else."""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib.util
import json
import math
import os
import re
import shlex
import sys
from collections.abc import Callable, MutableMapping, Sequence
from pathlib import Path
from typing import Any, ClassVar, NoReturn, TypeVar

from builder import api
from builder.api import UnreadableReleaseError, UsageError
from builder.config import BuildConfig, ConfigError, grouped_fields, settings_help
from builder.outcomes import Issue
from builder.read.discovery import SourceError
from builder.reasons import ReasonConflict
from builder.release.github import annotation, one_line
from builder.release.licenses import license_warning
from builder.release.outdir import OutDirError
from builder.release.publish import PublishError
from builder.rules.takedown import TakedownError
from builder.run import env_errors
from builder.run.executors import ExecutorError, close_prestarted, default_workers, prestart
from builder.run.lean import give_memory_back, keep_pandas_out
from builder.steps import StepError
from builder.text.visible import visible
from builder.user_paths import command_line, user_path
from builder.version import __version__

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
MAX_SHARD_MB = 1024 * 1024  # schema/config.schema.json's max_shard_bytes maximum, in the flag's unit

DESCRIPTION = """\
Turn raw scraped documents into a validated, cleaned, paragraph-level dataset: Parquet shards that
load with `datasets.load_dataset(DIR)`, a rejects config holding everything dropped (with a reason),
a dataset card (README.md) and a manifest with checksums.

SOURCE is a file, a directory (searched recursively) or a quoted glob, local or as an fsspec URL
(s3://bucket/prefix/, hf://datasets/ORG/NAME/..., gs://..., https://host/file.jsonl; credentials and
endpoints with --storage-option). Inputs: .txt (one document per file, id = path relative to the
source root), .jsonl / .jsonl.gz / .jsonl.zst (one document object per line), .json (an array of
objects), .parquet, and .html / .htm pages (the article text extracted; pip install
'dataset-builder[html]').
"""


def _number(kind: type[int] | type[float], minimum: float, maximum: float | None = None) -> Callable[[str], float]:
    """An argparse type for a flag's range: a bad value is a usage error that says the range."""
    def shown(bound: float) -> str:  # 1048576, not 1.04858e+06
        return str(int(bound)) if bound == int(bound) else f"{bound:g}"

    what = ("a whole number" if kind is int else "a number") + (
        f" from {shown(minimum)} to {shown(maximum)}" if maximum is not None else f" of at least {shown(minimum)}")

    def parse(text: str) -> float:
        value: float | None
        try:
            value = kind(text)
        except ValueError:
            value = None
        if value is None or not math.isfinite(value) or value < minimum or (maximum is not None and value > maximum):
            raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in some messages
    return parse


def _given(text: str) -> str:
    """An argparse type for a path or URL argument: an empty one (`--out ""`, a shell variable never set) is a usage
    error naming the argument, where it was read as the current folder (`publish "" …`: `. is not a release`; Path('')
    is '.') or named as the Python API names it (`sources[0]: an empty path`)."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path; give a path (. for the current folder)")
    return text


def _given_path(text: str) -> Path:
    return Path(_given(text))


class _Parser(argparse.ArgumentParser):
    """argparse's parser (its subcommands' too), the last usage error kept for a `--format json` report."""

    errors: ClassVar[list[str]] = []

    def error(self, message: str) -> NoReturn:
        _Parser.errors.append(message)
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="dataset-builder", description=DESCRIPTION,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = commands.add_parser("build", help="build a release folder from raw documents",
                            description="Build a release folder (data/, rejects/, README.md, manifest.json),\n"
                                        "or a release in object storage (--out s3://bucket/prefix).",
                            epilog=settings_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("sources", nargs="+", metavar="SOURCE", type=_given,
                   help="file, directory or glob of raw documents, or an fsspec URL (s3://bucket/prefix/)")
    b.add_argument("--out", required=True, metavar="DIR", type=_given,
                   help="release folder to write, or an object-storage URL (s3://bucket/prefix; see --storage-option)")
    b.add_argument("--config", type=_given_path, metavar="FILE",
                   help="TOML file of build settings, in the tables listed below (flags override it)")
    b.add_argument("--split", action="append", metavar="NAME=SHARE",
                   help="a split and its share of documents, e.g. --split train=0.9 --split test=0.1 "
                        "(default: train=1.0); documents are assigned by a hash of their id")
    b.add_argument("--field", action="append", metavar="FIELD=KEY",
                   help="read a document field from another key, e.g. --field text=content --field url=link; a "
                        "field given twice takes the first key a record has (--field id=url --field id=link)")
    b.add_argument("--languages", metavar="CODES",
                   help="keep only these languages, comma-separated ISO 639 codes, e.g. ar,fa,ur; documents "
                        "and confidently detected paragraphs in other languages go to rejects")
    b.add_argument("--min-words", type=_number(int, 0), metavar="N", help="drop paragraphs with fewer than N words")
    b.add_argument("--min-alpha-ratio", type=_number(float, 0, 1), metavar="R",
                   help="drop paragraphs whose share of letters is below R (0-1)")
    b.add_argument("--pii-phones", action="store_true", default=None,
                   help="also replace phone numbers with <phone> (e-mail and IP addresses, credentials and "
                        "id numbers (national ids, passports, MAC addresses) are always replaced)")
    b.add_argument("--max-shard-mb", type=_number(float, 0.001, MAX_SHARD_MB), metavar="MB",
                   help=f"largest shard, in MB of Arrow data (default 128, at most {MAX_SHARD_MB}: 1 TiB)")
    b.add_argument("--version", metavar="V", help="release version (e.g. 1.2.0), in the manifest and the card")
    b.add_argument("--name", metavar="TEXT", help="pretty name for the dataset card")
    b.add_argument("--license", metavar="ID", help="license for the dataset card (default: other)")
    b.add_argument("--workers", type=_number(int, 1), metavar="N",
                   help=f"worker processes (default: all {default_workers()} cores); the output is byte-identical "
                        "for any N")
    b.add_argument("--executor", choices=("local", "ray"),
                   help="where the per-document work runs: local processes (default) or Ray; the output is the same")
    b.add_argument("--ray-address", metavar="ADDRESS",
                   help="an existing Ray cluster (e.g. ray://head:10001); without it --executor ray starts a local one")
    b.add_argument("--no-cache", dest="cache", action="store_false", default=None,
                   help="do not keep per-input results in DIR/.cache (by default a rebuild redoes only the inputs "
                        "that changed, with output identical to a full build)")
    b.add_argument("--exclude", metavar="FILE", type=_given,
                   help="takedown list, one entry per line (# starts a comment): a document id, or a URL "
                        "(https://example.com/news/1, or pasted without its scheme: example.com/news/1); scheme, "
                        "www., case of the host, a trailing /, tracking parameters (utm_*) and percent-encoding "
                        "do not matter. Those documents are left out and listed in manifest.json as proof")
    b.add_argument("--previous", metavar="DIR", type=_given,
                   help="the previous release: the card gets a changelog (documents and paragraphs added, "
                        "removed, changed); it may be DIR itself, which is read before anything is replaced")
    b.add_argument("--strict", action="store_true", default=None,
                   help="stop with exit 1 at the first document that would be rejected (bad encoding, "
                        "malformed JSON, schema errors, duplicate ids, nothing left after cleaning)")
    b.add_argument("--storage-option", action="append", metavar="KEY=VALUE",
                   help="fsspec option for SOURCE and --out URLs (s3://, hf://, gs://, https://), e.g. "
                        "endpoint_url=http://127.0.0.1:9000 or anon=true; repeatable; credentials also come from "
                        "the usual environment (AWS_ACCESS_KEY_ID, …)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")

    p = commands.add_parser("publish", help="upload a release to the Hub, object storage or a path",
                            description="Upload a validated release under its version, which is never overwritten "
                                        "(unless --force), then check what landed against the manifest's sizes and "
                                        "sha256. URL: hf://datasets/ORG/NAME (token from HF_TOKEN), s3://bucket/prefix "
                                        "or another object store (gs://, az://, abfs://, oss://), sftp://HOST/PATH, "
                                        "hdfs://…, file:///ABSOLUTE/PATH, or a local path. The release lands in "
                                        "URL/VERSION/ (on the Hub: the repository, tagged VERSION).")
    p.add_argument("release", type=_given_path, metavar="DIR", help="a release folder written by build")
    p.add_argument("--to", required=True, metavar="URL", type=_given,
                   help="hf://datasets/ORG/NAME, s3://bucket/prefix, or a path")
    p.add_argument("--version", metavar="V",
                   help="the version to publish as, for a release built without one; a release built with "
                        "--version is published as that version only (its manifest and card name it), which is the "
                        "default")
    p.add_argument("--dry-run", action="store_true", help="print what would be uploaded, with sizes, and stop")
    p.add_argument("--force", action="store_true", help="replace a version that already exists")
    p.add_argument("--storage-option", action="append", metavar="KEY=VALUE",
                   help="fsspec option for the destination, e.g. endpoint_url=http://127.0.0.1:9000")

    d = commands.add_parser("diff", help="what changed between two releases",
                            description="Documents (by id and raw-text hash) and paragraphs (by text hash) added, "
                                        "removed and changed between two release folders. Each is first checked as "
                                        "`dataset-builder validate` checks it (all but loading it with datasets): "
                                        "one that fails is refused with its first problem (exit 1), as a build "
                                        "refuses such a --previous; a folder that is no release is a usage error "
                                        "(exit 2).")
    d.add_argument("old", type=_given_path, metavar="OLD", help="the earlier release folder")
    d.add_argument("new", type=_given_path, metavar="NEW", help="the later release folder")
    d.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: the counts, with the first 10 document ids of each; json: one object with every id")

    r = commands.add_parser("reasons", help="every reason code a build can give, and what it means",
                            description="The reason codes of rejects/, manifest.json and the card: the built-in "
                                        "ones and those of the steps and readers a config names.")
    r.add_argument("--config", type=_given_path, metavar="FILE",
                   help="include the user steps and readers this config names")
    r.add_argument("--format", choices=("text", "json"), default="text",
                   help="text: LEVEL  CODE  explanation, a line each; json: {document: {code: explanation}, line: {…}}")

    v = commands.add_parser("validate", help="check raw documents, or a built release",
                            description="Check raw documents against schema/document.schema.json, or (given a "
                                        "release folder or URL) check a built release: files against manifest.json, "
                                        "shard names, schemas, every row, counts in data, manifest and card, and that "
                                        "datasets loads it. Exit 0 when valid, 1 when not, 2 on a usage error, 3 "
                                        "on an internal error (a bug).")
    v.add_argument("sources", nargs="+", metavar="SOURCE", type=_given,
                   help="file, directory, glob or URL of raw documents; or one release folder or URL "
                        "(s3://bucket/prefix)")
    v.add_argument("--field", action="append", metavar="FIELD=KEY", help="as for build")
    v.add_argument("--storage-option", action="append", metavar="KEY=VALUE", help="as for build, for URLs")
    v.add_argument("--format", choices=("text", "json", "github"), default="text",
                   help="text: FILE:LINE: $.path: message; json: one object (documents or release, valid, issues; a "
                        "release's notes, such as an edited card; error and exit_code when it could not check); "
                        "github: Actions annotations")
    return parser


T = TypeVar("T")


def _pairs(values: list[str] | None, flag: str, convert: Callable[[str], T]) -> tuple[tuple[str, T], ...] | None:
    if not values:
        return None
    pairs: list[tuple[str, T]] = []
    for value in values:
        name, sep, rest = value.partition("=")
        if not sep or not name or not rest:
            raise UsageError(f"{flag} expects NAME=VALUE, got {value!r}")
        try:
            pairs.append((name, convert(rest)))
        except ValueError:
            raise UsageError(f"{flag} {value!r}: {rest!r} is not a number") from None
    return tuple(pairs)


def _storage_options(values: list[str] | None) -> tuple[tuple[str, object], ...] | None:
    from builder.release.destinations import option_value

    for value in values or ():
        name, _, rest = value.partition("=")
        if rest.lstrip().startswith(("{", "[")):  # fsspec would take a dict here (client_kwargs) and fail later
            raise UsageError(f"--storage-option {name}: a value is a string, a number, true, false or null; nested "
                             "options such as client_kwargs are not taken (give endpoint_url=… and the like directly)")
    return _pairs(values, "--storage-option", option_value)


def _languages(value: str | None) -> tuple[str, ...] | None:
    """--languages ar,fa,ur; an empty list or code is a typo (it would reject every document), not "all"."""
    if value is None:
        return None
    codes = tuple(code.strip() for code in value.split(","))
    if codes == ("",):
        raise UsageError("--languages: an empty list; give codes such as ar,fa,ur, or leave --languages out to "
                         "keep every language")
    if "" in codes:
        raise UsageError(f"--languages: an empty code in {value!r}; separate the codes with single commas, "
                         "e.g. ar,fa,ur")
    return codes


class _Silent(contextlib.AbstractContextManager["_Silent"]):
    """What `_bar` gives where nothing is shown: a bar whose updates go nowhere."""

    def __exit__(self, *exc: object) -> None:
        return None

    def update(self, done: int) -> None:
        return None

    def close(self) -> None:
        return None


def _bar(total: int, quiet: bool, **options: Any) -> Any:
    """A byte-counting bar of `total` (none with `quiet`; tqdm's own choice, none, where stderr is not a terminal;
    `options` are tqdm's, over these). tqdm is imported only for a bar: its import was 0.05-0.1 s of every
    `--quiet` build's start."""
    if quiet:
        return _Silent()
    from tqdm import tqdm

    class Bar(tqdm):  # type: ignore[type-arg]  # tqdm is generic in its stubs only
        """tqdm without its monitor thread (which only refreshes a bar whose updates stall; ours come with every
        batch): a build forks its workers only from a process that runs no thread (builder.run.executors).

        Its speed, and so its ETA, is measured from the first batch counted, not from the start: start-up (the
        workers, the models) counted as no progress, and a 40 s build showed an ETA of 29 hours at 3 s. Until a
        batch after the first is counted it shows no ETA ("?")."""

        monitor_interval = 0
        first: tuple[float, float] | None = None  # (time, bytes done) when the first batch was counted

        def now(self) -> float:
            return float(self._time())  # type: ignore[attr-defined]  # tqdm's clock (its elapsed time's), untyped

        def update(self, n: float | None = 1) -> bool | None:
            shown = super().update(n)
            if self.first is None and self.n > 0:
                self.first = (self.now(), self.n)
            return shown

        @property
        def format_dict(self) -> MutableMapping[str, Any]:
            found = super().format_dict
            since = self.now() - self.first[0] if self.first is not None else 0.0
            done = found["n"] - self.first[1] if self.first is not None else 0
            found["rate"] = done / since if since > 0 and done > 0 else 0  # 0: tqdm shows ? for the ETA
            return found

    # smoothing=0: the ETA from the average speed so far (both passes advance the bar at about one speed);
    # tqdm's default, the last few updates, swings with each batch and with worker start-up
    return Bar(**{"total": total, "unit": "B", "unit_scale": True, "desc": "building", "disable": None,
                  "smoothing": 0, **options})


def _build(args: argparse.Namespace) -> int:
    from builder.run.place import StrictModeError

    config = BuildConfig.load(
        args.config, splits=_pairs(args.split, "--split", float), fields=_pairs(args.field, "--field", str),
        max_shard_bytes=int(args.max_shard_mb * 1024 * 1024) if args.max_shard_mb is not None else None,
        pretty_name=args.name, license=args.license, strict=args.strict, version=args.version,
        languages=_languages(args.languages),
        min_words=args.min_words, min_alpha_ratio=args.min_alpha_ratio, pii_phones=args.pii_phones,
        workers=args.workers if args.workers is not None else default_workers(), executor=args.executor,
        ray_address=args.ray_address, cache=args.cache, exclude_file=args.exclude, previous=args.previous,
        storage_options=_storage_options(args.storage_option),
    )
    if warning := license_warning(config.card.license):
        print(f"warning: {printable(warning)}", file=sys.stderr)
    if args.own_process and not config.steps and not config.readers and config.run.executor == "local":
        keep_pandas_out()  # the `dataset-builder` process, running only our code: pandas stays out (run/lean.py)
    if args.own_process and config.run.executor == "local":
        # imported by the first calls of the work and of this process alike (np.unique's look for masked arrays,
        # a table's group_by): once here, not again in each forked worker (25-30 ms of CPU a worker at load 10)
        import numpy.ma  # noqa: F401
        import pyarrow.acero  # noqa: F401

        from builder.run import pipeline, plan  # noqa: F401  # the work: imported once, before the workers are forked
        from builder.run.foresee import cache_answers
        from builder.run.work import warm_up

        # The modules' objects live as long as the process: out of the collector's sight, a collection does not walk
        # them (the collector's time in a 1-worker build halved, 0.13 -> 0.07 CPU-s) nor, in a forked worker, write
        # to the pages it shares with this process
        gc.freeze()
        # before anything below, which workers must not inherit; each loads what its first batch would meanwhile.
        # Not for a rebuild the cache will answer: it works its few changed inputs here, and the pool went unused
        if config.run.workers <= 1 or not cache_answers(args.sources, args.out, config, pipeline.SMALL_WORK_BYTES):
            prestart(config.run.workers, lean=not config.steps, warm=warm_up)
    if args.own_process and (config.run.executor == "ray" or config.run.workers > 1):
        give_memory_back()  # a driver: the work runs elsewhere, its peak RSS is what it holds (run/lean.py)
    # the bar's total: the inputs listed once more (a stat each, a bucket's listing request); no bar, no total
    total = 0 if args.quiet else api.input_size(args.sources, config)
    with _bar(total, args.quiet) as bar:
        def advance(done: int) -> None:
            bar.update(done)

        rejects = None
        try:
            result = api.build(args.sources, args.out, config, progress=advance)
        except StrictModeError as exc:
            bar.close()
            print(f"error: {printable(str(exc))}\n(--strict stops at the first problem; drop --strict to record it in "
                  "rejects/ and carry on)", file=sys.stderr)
            return EXIT_INVALID
        except api.NothingKeptError as exc:
            result, rejects = exc.result, exc.rejects
    out = user_path(args.out)  # as the build expanded it: the commands printed below must find the release
    print(_summary(result, out, dict(_storage_options(args.storage_option) or ()), rejects))
    if result.document_rejects.get("schema_invalid", 0) * 2 >= max(result.documents_in, 1):
        sources = " ".join(shlex.quote(source) for source in args.sources)
        # the count alone does not say why (a missing field, a wrong type, a control character in an id): validate does
        print("hint: most documents do not match the document schema (`dataset-builder validate "
              f"{sources}` says what is wrong with each); if your records name `id` or `text` otherwise, map them, "
              "e.g. --field id=url --field text=content", file=sys.stderr)
    if (unread := result.document_rejects.get("unsupported_format", 0)) and importlib.util.find_spec(
            "trafilatura") is None:
        # the reject of each page says so, but only the rejects: the summary's count alone left a new user at that
        print(f"hint: {unread} file(s) not read (unsupported_format); if they are HTML pages (.html, .htm), install "
              "the extractor they need: pip install 'dataset-builder[html]', then build again", file=sys.stderr)
    if rejects is not None:
        print(f"error: no document was kept, so nothing was written to the release (a previous one in {out} is "
              f"as it was); {api.nothing_kept_why(result, rejects)}", file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def printable(text: str) -> str:
    """A message with text from outside in it (a takedown entry, a file name) as a terminal must get it:
    controls, separators and bidi controls as escapes (builder.text.visible), so that it never receives an
    escape sequence it would act on (title, clear screen) nor a reordered line; a message's own line
    breaks stay."""
    return "\n".join(visible(line) for line in text.split("\n"))


def _summary(s: api.BuildResult, out: str, storage_options: dict[str, object] | None = None,
             rejects: str | None = None) -> str:
    """The closing summary; `rejects`: where a build that kept nothing (and committed nothing) set its rejects."""
    if rejects is not None:
        lines = [f"nothing built in {out}: 0 of {s.documents_in} documents kept"]
    else:
        lines = [f"built {out}: {s.documents_kept} of {s.documents_in} documents kept, {s.paragraphs} paragraphs"]
        lines += [f"  {name}: {st.documents} documents, {st.paragraphs} paragraphs in {len(st.shards)} shard(s)"
                  if st.paragraphs else f"  {name}: empty (no document was assigned to it), left out of the release"
                  for name, st in s.splits.items()]
    if looked := s.cache_hits + s.cache_misses:  # each input is looked up once a pass
        lines.append(f"  cache: {s.cache_hits} of {looked} results reused (one for each input and pass)")
    if s.document_rejects:
        lines.append("  documents rejected: " + ", ".join(f"{k} {v}" for k, v in sorted(s.document_rejects.items())))
    if s.line_rejects:
        lines.append("  lines dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(s.line_rejects.items())))
    if rejects is not None:  # set aside, read as shards: there is no release to load them from
        if s.documents_rejected:
            lines.append(f"  see them with: python -c \"import pyarrow.parquet as pq; print(pq.read_table('{rejects}', "
                         "columns=['source', 'line', 'reason', 'message']).to_pandas().to_string(max_rows=20, "
                         "max_colwidth=70))\"")
    elif "://" in out and (s.documents_rejected or s.line_rejects):  # object storage: its shards, with the options
        lines.append(f"  see them with: python -c \"import datasets; print(datasets.load_dataset('parquet', "
                     f"data_files='{out}/rejects/*.parquet'{_shown_options(storage_options or {})})['train']"
                     ".to_pandas())\"")
    elif s.documents_rejected or s.line_rejects:
        lines.append(f"  see them with: python -c \"import datasets; print(datasets.load_dataset('{out}', "
                     "'rejects')['train'].to_pandas())\"")
    if unmatched := [line for line, _ in s.summary.takedown_unmatched]:
        # by line, not the entries themselves: the list may be any file a configuration names (a log keeps this)
        shown = ", ".join(map(str, unmatched[:10])) + (", …" if len(unmatched) > 10 else "")
        lines.append(f"  warning: {len(unmatched)} takedown {'entry' if len(unmatched) == 1 else 'entries'} matched "
                     f"no document: line{'s' if len(unmatched) > 1 else ''} {shown} of the list (check their "
                     "spelling against the inputs; manifest.json counts them under takedown.unmatched_sha256, "
                     "by hash; in Python, BuildResult.takedown_unmatched holds them)")
    return "\n".join(lines)


_SECRET = re.compile("secret|key|token|password|credential", re.IGNORECASE)


def _shown_options(options: dict[str, object]) -> str:
    """The --storage-option values as load_dataset takes them, for a command the user can paste; a
    secret's value is not printed (the environment or the user fills it in)."""
    if not options:
        return ""
    shown = ", ".join(f"{name!r}: {'...' if _SECRET.search(name) else value!r}" for name, value in options.items())
    return f", storage_options={{{shown}}}"


def _checking(source: str) -> str | None:
    """The line a terminal gets before a local release is checked (tens of seconds for a large one, where it
    got no word at all): how many records its manifest lists, when it can be read. None for anything else."""
    from builder.release.layout import is_release
    from builder.release.manifest import read_manifest
    from builder.release.untrusted import ReleaseError

    if "://" in source or not is_release(Path(source)):
        return None
    try:
        outputs = read_manifest(Path(source)).get("outputs")
        rows = [o.get("rows") for o in outputs if str(o.get("path", "")).startswith("data/")] \
            if isinstance(outputs, list) and all(isinstance(o, dict) for o in outputs) else []
    except (OSError, ReleaseError):
        rows = []
    count = f"{sum(rows)} records" if rows and all(type(n) is int and n >= 0 for n in rows) else "the records"
    return f"checking {count} of {printable(source)} (every file and row)..."


def _validate(args: argparse.Namespace) -> int:
    def show(issue: Issue) -> None:  # text is printed as it is found; a file name with a newline stays on its line
        print(one_line(str(issue)))

    if args.format == "text" and len(args.sources) == 1 and sys.stderr.isatty() and (
            line := _checking(args.sources[0])):
        print(line, file=sys.stderr, flush=True)

    fields = grouped_fields(_pairs(args.field, "--field", str) or ())
    report = api.validate(args.sources, fields=fields, on_issue=show if args.format == "text" else None,
                          storage_options=dict(_storage_options(args.storage_option) or ()))
    if report.kind == "release":
        _report(list(report.issues), args.format, {"release": report.target}, list(report.notes))
        if args.format == "text":  # a note is no problem: beside the verdict, on stderr
            for note in report.notes:
                print(one_line(f"{note.location}: note: {note.message}"), file=sys.stderr)
        if args.format != "json":
            verdict = ("valid" if report.valid else
                       f"{len(report.issues)} problem(s); rebuild it, or restore the files named")
            print(f"release {report.target}: {verdict}", file=sys.stderr)
        return EXIT_OK if report.valid else EXIT_INVALID
    _report(list(report.issues), args.format, {"documents": report.documents})
    if args.format != "json":
        bad = len({i.location for i in report.issues})
        verdict = "all valid" if report.valid else f"{bad} invalid, {len(report.issues)} problem(s)"
        print(f"{report.documents} document(s) checked: {verdict}", file=sys.stderr)
    return EXIT_OK if report.valid else EXIT_INVALID


def _json_error(command: str | None, message: str, code: int) -> None:
    """What a command asked for `--format json` prints when it fails before its report: one JSON object with the
    error and the exit code (validate's with `valid` false and no issues, as its report's keys), so that a CI step
    that parses stdout gets an object on every exit."""
    shape: dict[str, object] = {"valid": False, "issues": []} if command == "validate" else {}
    print(json.dumps({**shape, "error": message.removeprefix("error: "), "exit_code": code}, ensure_ascii=False,
                     indent=2))
    sys.stdout.flush()


def _asks_json(argv: Sequence[str]) -> bool:
    """Whether a command line that argparse refused asked for `--format json` (its own value or the next)."""
    return any(arg == "--format=json" or (arg == "--format" and following == "json")
               for arg, following in zip(argv, [*argv[1:], ""], strict=True))


def _command(argv: Sequence[str]) -> str | None:
    return next((arg for arg in argv if arg in ("build", "validate", "publish", "diff", "reasons")), None)


def _report(issues: list[Issue], fmt: str, header: dict[str, object], notes: list[Issue] | None = None) -> None:
    """json and github output (text is printed as it comes). `notes`: a release's (a list in its JSON report,
    empty or not; raw documents have none)."""
    if fmt == "json":
        print(json.dumps({**header, "valid": not issues, "issues": [i.to_dict() for i in issues],
                          **({"notes": [n.to_dict() for n in notes]} if notes is not None else {})},
                         ensure_ascii=False, indent=2))
    elif fmt == "github":  # escaped: a file name must not be able to inject a workflow command
        for level, found in (("error", issues), ("notice", notes or [])):
            for issue in found:
                print(annotation(level, f"{issue.json_path}: {issue.message}", file=issue.location.path,
                                 line=issue.location.line or None, title=issue.reason))


def _reasons(args: argparse.Namespace) -> int:
    table = api.reasons(args.config)
    levels = {"document": dict(sorted(table.document.items())), "line": dict(sorted(table.line.items()))}
    if args.format == "json":
        print(json.dumps(levels, ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(code) for codes in levels.values() for code in codes)
    for level, codes in levels.items():
        for code, explanation in codes.items():
            print(f"{level:<8}  {code:<{width}}  {printable(explanation)}")
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    try:
        result = api.diff(args.old, args.new)
    except UnreadableReleaseError as exc:
        message = f"error: {one_line(str(exc))}\n(check it with `dataset-builder validate {exc.folder}`)"
        print(message, file=sys.stderr)
        if args.format == "json":
            _json_error(args.command, message, EXIT_INVALID)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{args.old} ({result.old_version or 'no version'}) -> {args.new} ({result.new_version or 'no version'})")
    for kind in ("added", "removed", "changed"):  # ids come from the releases: one line each, whatever is in them
        ids = [one_line(i) for i in getattr(result, f"documents_{kind}")]
        shown = f"  ({', '.join(ids[:10])}{', …' if len(ids) > 10 else ''})" if ids else ""
        print(f"documents {kind}: {len(ids)}{shown}")
    print(f"paragraphs added: {result.paragraphs_added}, removed: {result.paragraphs_removed}, "
          f"unchanged: {result.paragraphs_kept}")
    if result.settings_changed:  # values come from the releases' manifests: each shown short, on this one line
        print("settings changed: " + "; ".join(f"{name} {_shown_setting(old)} -> {_shown_setting(new)}"
                                               for name, (old, new) in result.settings_changed.items()))
    return EXIT_OK


def _shown_setting(value: Any) -> str:
    shown = one_line(json.dumps(value, ensure_ascii=False))
    return shown if len(shown) <= 80 else f"{shown[:77]}..."


def _publish(args: argparse.Namespace) -> int:
    options = dict(_storage_options(args.storage_option) or ())
    result = api.publish(args.release, args.to, version=args.version, force=args.force, dry_run=args.dry_run,
                         storage_options=options, log=lambda line: print(line, file=sys.stderr))
    total = sum(item.bytes for item in result.items)
    if result.dry_run:
        print(f"would upload {len(result.items)} files ({total} bytes) to {result.destination}:")
        for item in result.items:
            print(f"  {item.bytes:>12}  {item.path}")
        return EXIT_OK
    print(f"published {len(result.items)} files ({total} bytes) to {result.destination}; "
          "verified against the manifest (sizes and sha256)")
    return EXIT_OK


def console() -> int:
    """The `dataset-builder` command and `python -m builder`: the process is ours, so a build may keep pandas out
    of it. `main()` called from Python leaves the caller's process as it found it."""
    return main(own_process=True)


def main(argv: Sequence[str] | None = None, own_process: bool = False) -> int:
    import signal

    from builder.run.executors import WorkerDied

    parser = _parser()
    _Parser.errors.clear()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's usage error (exit 2) or --help (exit 0)
        if exc.code and _Parser.errors and _asks_json(sys.argv[1:] if argv is None else argv):
            _json_error(_command(sys.argv[1:] if argv is None else argv), f"error: {_Parser.errors[-1]}",
                        int(exc.code))
        raise
    args.own_process = own_process
    terminated: list[int] = []

    def on_sigterm(signum: int, frame: object) -> None:  # `timeout`, systemd, kill: stop as Ctrl-C does
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # once: a second one must not interrupt the clean-up
        terminated.append(signum)
        raise KeyboardInterrupt

    def fail(message: str, code: int) -> int:
        """The message on stderr; with --format json, a JSON object on stdout too, so that every exit gives one."""
        print(message, file=sys.stderr)
        if getattr(args, "format", None) == "json":
            _json_error(args.command, message, code)
        return code

    try:
        previous = signal.signal(signal.SIGTERM, on_sigterm)
    except ValueError:  # not the main thread (main() called from a library): leave signals alone
        previous = None
    try:
        with command_line():  # messages name paths by their flags
            code = {"build": _build, "validate": _validate, "publish": _publish, "diff": _diff,
                    "reasons": _reasons}[args.command](args)
        sys.stdout.flush()  # a failed write of the output is reported here, not as a traceback at exit
        return code
    except PublishError as exc:
        return fail(f"error: {printable(str(exc))}", EXIT_INVALID)
    except WorkerDied as exc:  # the environment (memory), not the usage
        return fail(f"error: {printable(str(exc))}", EXIT_INVALID)
    except StepError as exc:  # a user's step failed: theirs to fix, not a usage of ours
        return fail(f"error: {printable(str(exc))}\n(the step is in your code: fix it, or leave it out of the config)",
                    EXIT_USAGE)
    except (UsageError, ConfigError, SourceError, ExecutorError, TakedownError, OutDirError, ReasonConflict) as exc:
        return fail(f"error: {printable(str(exc))}\n(run `dataset-builder {args.command} --help` for usage)",
                    EXIT_USAGE)
    except KeyboardInterrupt:
        return fail("interrupted; run the same command again to rebuild", 143 if terminated else 130)
    except BrokenPipeError:  # the reader went away (`| head`): not a disk problem, not a bug
        env_errors.detach_stdout()
        print(env_errors.CLOSED_PIPE, file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:  # the environment: permissions, a full disk, a path that went away
        env_errors.settle_stdout()
        try:
            return fail(env_errors.describe(exc), EXIT_INVALID)
        except OSError:  # stdout is what failed (a full disk): the message is on stderr
            env_errors.detach_stdout()
            return EXIT_INVALID
    except Exception as exc:
        if os.environ.get("DATASET_BUILDER_DEBUG"):
            raise
        return fail(f"error: internal error: {type(exc).__name__}: {printable(str(exc))}\n(this is a bug in "
                    "dataset-builder; please report it with the command you ran; DATASET_BUILDER_DEBUG=1 shows the "
                    "traceback)", EXIT_INTERNAL)
    finally:
        close_prestarted()  # workers forked for a build that did not need them
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
