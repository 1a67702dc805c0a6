"""Build configuration: one frozen dataclass per section, read from TOML, with CLI flags layered on top.

A config file has one table per concern — `[read]`, `[clean]`, `[filter]`, `[output]`, `[card]`,
`[run]` — plus `steps` and `readers` (the user's own classes, `"module:Class"`) and `[settings.NAME]`
tables for their settings. The sections say what a setting changes: read, clean, filter and the
user's steps change the per-document work (the cache is keyed by exactly those), output and card
only what is written, run only how the work is spread.

Every value is checked before anything runs: against schema/config.schema.json (types and ranges),
then for what a schema cannot say (split shares add up to 1, language codes the detector can give).
A problem is reported where it came from: `FILE: $.filter.min_words: …` for the config file,
`--flag: …` for a flag, `$.filter.min_words: …` for the Python API.
"""

from __future__ import annotations

import dataclasses
import difflib
import json
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeVar

from builder.columns import BUILT_IN, NAME_PATTERN
from builder.read.remote import is_url
from builder.read.setting_files import SettingFileError, read_setting_file
from builder.release.layout import REJECTS
from builder.release.names import VERSION_PATTERN, version_problem
from builder.step_loader import StepLoadError, describe, load_reader, load_step
from builder.text.visible import first_unsafe
from builder.user_paths import named, user_path

if TYPE_CHECKING:
    from builder.read.registry import ReadOptions
    from builder.steps import Reader, Step

__all__ = [
    "VERSION_PATTERN",
    "BuildConfig",
    "CardSettings",
    "CleanSettings",
    "ConfigError",
    "FilterSettings",
    "OutputSettings",
    "ReadSettings",
    "RunSettings",
]

# A release version is checked by the same rule publish uses (builder.release.names); schema/config.schema.json
# holds the same pattern (tests hold them equal).

# setting -> the flag that sets it, to say where a bad value came from
FLAGS = {
    "splits": "--split", "fields": "--field", "max_shard_bytes": "--max-shard-mb", "strict": "--strict",
    "workers": "--workers", "executor": "--executor", "ray_address": "--ray-address", "cache": "--no-cache",
    "exclude_file": "--exclude", "previous": "--previous", "languages": "--languages", "min_words": "--min-words",
    "min_alpha_ratio": "--min-alpha-ratio", "pii_phones": "--pii-phones", "version": "--version",
    "pretty_name": "--name", "license": "--license", "storage_options": "--storage-option",
}
# Settings that never leave this machine: not in the manifest, not hashed into the cache key.
PRIVATE = frozenset({"storage_options"})


class ConfigError(ValueError):
    """The configuration is unusable; the message says which setting, where, and why."""


class _Section:
    """A section checks itself on creation, with the same rules as a config file, so a config made in
    Python is as safe as one read from TOML."""

    section: ClassVar[str]
    paths: ClassVar[tuple[str, ...]] = ()  # settings that are local paths: `~` expanded (builder.user_paths)
    __dataclass_fields__: ClassVar[dict[str, dataclasses.Field[Any]]]  # every section is a dataclass

    def __post_init__(self) -> None:
        _raise(problems({self.section: _data(self)}))
        # the config file's shapes (`fields={"text": "content"}`, `splits={"train": 1.0}`, a list of languages) pass
        # the check; what runs takes the Python ones (pairs, tuples), so they are given here, once
        for name, value in _python(_data(self)).items():
            object.__setattr__(self, name, value)
        for name in self.paths:  # once, here, so a flag, a config file and Python get the same path
            if isinstance(value := getattr(self, name), str):
                object.__setattr__(self, name, user_path(value))


@dataclass(frozen=True)
class ReadSettings(_Section):
    section: ClassVar[str] = "read"
    # (document field, key in the input records) pairs, e.g. (("text", "content"), ("url", "link")); a field
    # given several keys takes the first one a record has ({id = ["url", "link"]} in TOML)
    fields: tuple[tuple[str, str], ...] = ()
    max_document_bytes: int = 16 * 1024 * 1024  # a bigger document (JSONL line, JSON item, Parquet row) is too_large
    max_decompression_ratio: int = 100  # a .gz/.zst/Parquet input expanding more than this is stopped
    # a document with more lines (blank ones too) is too_large: the per-line work holds a few objects per
    # line, so this bounds a document's memory (a 15 MB text of 7.5M one-letter lines took 4 GB)
    max_document_lines: int = 100_000
    # keys of a document's `metadata` -> column type ("string", "int64", "float64", "bool"), each a
    # nullable column of every record (builder.columns.metadata_columns). A [read] setting, not
    # [output]: a value of the wrong type makes its document a reject, so it changes the per-document
    # work and the cache key must hash it
    metadata_columns: tuple[tuple[str, str], ...] = ()
    # fsspec options for SOURCE and --out URLs (endpoint_url, anon, profile, …): how to reach the data,
    # not what is made of it, so (like credentials that may be among them) never in the manifest or the
    # cache key (see PRIVATE)
    storage_options: tuple[tuple[str, str | int | float | bool | None], ...] = ()
    # trafilatura's trade-off for .html pages: "precision" removed more chrome for the same content on
    # held-out pages (benchmarks/README.md, "HTML extraction"), "balanced" is trafilatura's default
    html_extraction: Literal["precision", "balanced", "recall"] = "precision"

    @property
    def options(self) -> ReadOptions:
        from builder.read.registry import Readers, ReadOptions

        return ReadOptions(self.fields, self.max_document_bytes, self.max_decompression_ratio,
                           Readers.default(self.html_extraction))


@dataclass(frozen=True)
class CleanSettings(_Section):
    section: ClassVar[str] = "clean"
    pii_phones: bool = False  # e-mail and IP addresses are always replaced; phone numbers on request
    # the learned line scorer (builder/rules/scorer.py) after the line rules: off by default, because on the
    # held-out test part it kept 0.960 of the article text (the rules alone 0.986); see benchmarks/README.md
    line_scorer: bool = False


@dataclass(frozen=True)
class FilterSettings(_Section):
    section: ClassVar[str] = "filter"
    languages: tuple[str, ...] = ()  # keep only these (codes the detector gives, see language.codes); empty keeps all
    min_words: int = 0
    min_alpha_ratio: float = 0.0


@dataclass(frozen=True)
class OutputSettings(_Section):
    section: ClassVar[str] = "output"
    # split name -> share of documents; documents are assigned by a hash of their id (after the cache)
    splits: tuple[tuple[str, float], ...] = (("train", 1.0),)
    max_shard_bytes: int = 128 * 1024 * 1024
    content_defined_chunking: bool = True  # Parquet pages cut by content, for upload deduplication

    def __post_init__(self) -> None:
        _raise(_named_twice(self.splits))  # before the pairs become an object, which keeps one of each name
        super().__post_init__()


@dataclass(frozen=True)
class CardSettings(_Section):
    section: ClassVar[str] = "card"
    paths: ClassVar[tuple[str, ...]] = ("previous",)
    version: str | None = None  # the release version, recorded in the manifest and the card
    pretty_name: str = "Paragraph dataset"
    license: str = "other"
    description: str = ""
    previous: str | None = None  # the previous release folder: the card gets a changelog against it
    plots: bool = True  # figures in the card (with the plots extra); off, Pillow is never imported


@dataclass(frozen=True)
class RunSettings(_Section):
    section: ClassVar[str] = "run"
    paths: ClassVar[tuple[str, ...]] = ("exclude_file",)
    workers: int = 1  # processes for the per-document work; the output is the same for any number
    executor: Literal["local", "ray"] = "local"  # this machine's processes, or Ray
    ray_address: str | None = None  # an existing Ray cluster; None starts a local Ray instance
    cache: bool = True  # keep per-input results in DIR/.cache, so a rebuild redoes only what changed
    strict: bool = False
    # takedown list: document ids or URLs, one per line (the cache keys its effect per input itself)
    exclude_file: str | None = None


SECTIONS: dict[str, type[_Section]] = {cls.section: cls for cls in (ReadSettings, CleanSettings, FilterSettings,
                                                                   OutputSettings, CardSettings, RunSettings)}
_S = TypeVar("_S", bound=_Section)


def _section(kind: type[_S], values: dict[str, Any]) -> _S:
    return kind(**_python(values.get(kind.section, {})))


def settings_help(width: int = 78) -> str:
    """The config file's sections and settings, for `build --help` (a wheel's user has no README to read): made
    from the section classes themselves, so a new setting is listed as soon as it exists, and pointing to the
    installed config.schema.json, which gives each one's type, range and meaning."""
    import textwrap

    from builder.schemas import schema_path

    lines = ["config file (--config FILE, TOML; a flag overrides what it sets), its tables and settings:"]
    for name, cls in SECTIONS.items():
        lines += textwrap.wrap(", ".join(f.name for f in dataclasses.fields(cls)), width,
                               initial_indent=f"  [{name + ']':<9}", subsequent_indent=" " * 12)
    lines += textwrap.wrap("and, before any table, steps = [\"module:Class\", …] and readers = […], your own steps "
                           "and readers, with [settings.NAME] for each one's settings", width, initial_indent="  ",
                           subsequent_indent="  ")
    lines += textwrap.wrap(f"Each setting's type, range and meaning: {schema_path('config')} (README.md's \"The config "
                           "file\" has an example); e.g. [filter] languages = [\"ar\", \"fa\"] and [run] workers = 4.",
                           width, break_on_hyphens=False, break_long_words=False)
    return "\n".join(lines)


# setting name -> its section (names are unique across sections, so flags and moved keys map one way)
SECTION_OF = {f.name: name for name, cls in SECTIONS.items() for f in dataclasses.fields(cls)}
# The sections the per-document work depends on: the cache key hashes these, and the user's steps.
WORK_SECTIONS = ("read", "clean", "filter")


@dataclass(frozen=True)
class BuildConfig:
    read: ReadSettings = field(default_factory=ReadSettings)
    clean: CleanSettings = field(default_factory=CleanSettings)
    filter: FilterSettings = field(default_factory=FilterSettings)
    output: OutputSettings = field(default_factory=OutputSettings)
    card: CardSettings = field(default_factory=CardSettings)
    run: RunSettings = field(default_factory=RunSettings)
    # the user's own steps and readers, after the built-in ones; instances, settings already given
    steps: tuple[Step, ...] = ()
    readers: tuple[Reader, ...] = ()
    # setting -> where its value came from, for messages about it once it is used (a takedown list that
    # cannot be read): `--exclude` for a flag, `FILE: $.run.exclude_file` for a config file; see `origin`
    origins: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        for name, cls in SECTIONS.items():
            if not isinstance(getattr(self, name), cls):
                raise ConfigError(f"$.{name}: expected {cls.__name__}, got {type(getattr(self, name)).__name__}")
        names = [name for name, _ in self.output.splits]
        if len(set(names)) != len(names):
            raise ConfigError(f"$.output.splits: a split is named twice in {names}")
        if self.run.ray_address is not None and self.run.executor != "ray":  # it would be silently ignored
            raise ConfigError('$.run.ray_address: set without executor = "ray" (--ray-address needs --executor '
                              'ray): add --executor ray (executor = "ray" under [run] in a config file), or leave '
                              'the address out')
        from builder.step_loader import check_reader, check_step

        try:
            for i, step in enumerate(self.steps):
                check_step(step, f"$.steps[{i}]")
            for i, reader in enumerate(self.readers):
                check_reader(reader, f"$.readers[{i}]")
        except StepLoadError as exc:
            raise ConfigError(str(exc)) from None
        _unique_names(list(self.steps) + list(self.readers), "")
        if self.steps or self.readers:  # a core code (`excluded`) or another step's means one thing
            from builder.reasons import ReasonConflict, Reasons

            try:
                Reasons.of((*self.steps, *self.readers))
            except ReasonConflict as exc:
                raise ConfigError(f"$.steps: {exc}; give the step a reason code of its own (`dataset-builder "
                                  "reasons` lists the codes in use)") from None

    def origin(self, name: str) -> str:
        """Where the setting `name` came from, as messages name it (`$.run.exclude_file` when made in Python)."""
        return dict(self.origins).get(name, f"$.{SECTION_OF[name]}.{name}")

    @property
    def read_options(self) -> ReadOptions:
        """The [read] section's options, with the user's readers after the built-in ones."""
        options = self.read.options
        return dataclasses.replace(options, readers=options.readers.with_(*self.readers)) if self.readers else options

    def section_data(self, name: str) -> dict[str, Any]:
        """One section as the JSON shapes of the schema (what the cache key hashes), without PRIVATE settings."""
        return {key: value for key, value in _data(getattr(self, name)).items() if key not in PRIVATE}

    def to_dict(self) -> dict[str, Any]:
        """The settings that shape the output, as recorded in the manifest (flat, as manifests have always
        recorded them; how the work is run — [run] — does not change the output, so it is left out)."""
        data: dict[str, Any] = {}
        for name in SECTIONS:
            if name != "run":
                data.update(self.section_data(name))
        del data["previous"]
        if self.steps:
            data["steps"] = [describe(step, source=False) for step in self.steps]
        if self.readers:
            data["readers"] = [describe(reader, source=False) for reader in self.readers]
        return data

    def with_storage_options(self, options: dict[str, Any]) -> BuildConfig:
        """This config with more fsspec storage options (these win over its own)."""
        merged = tuple(sorted({**dict(self.read.storage_options), **options}.items()))
        return dataclasses.replace(self, read=dataclasses.replace(self.read, storage_options=merged))

    def with_extensions(self, steps: tuple[Step, ...] = (), readers: tuple[Reader, ...] = ()) -> BuildConfig:
        """This config with more user steps and readers (instances from Python) after its own."""
        return dataclasses.replace(self, steps=self.steps + tuple(steps), readers=self.readers + tuple(readers))

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> BuildConfig:
        """Read a TOML file (if given), then apply overrides that are not None, by setting name
        (`min_words=3`, as the flags give them; each goes to its section). Each source is checked on
        its own, so a message says which one is wrong."""
        values: dict[str, Any] = {}
        where = ""
        if path is not None:
            path = Path(user_path(str(path)))
            try:
                values = tomllib.loads(read_setting_file(path, named("--config", "config file")).decode("utf-8"))
            except SettingFileError as exc:
                raise ConfigError(str(exc)) from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read config: {exc}") from exc
            except RecursionError:  # tomllib recurses into arrays and inline tables
                raise ConfigError(f"{path}: cannot read config: nested too deeply") from None
            where = f"{path}: "
            _check_sections(values, where)
            _raise(problems(values), where)
            _beside(values, path.parent)
        flags = {k: v for k, v in overrides.items() if v is not None}
        _check_names(flags, list(SECTION_OF), "")
        _raise([(_flag(at), message) for at, message in _named_twice(flags.get("splits"))])
        for name, value in flags.items():
            section = values.setdefault(SECTION_OF[name], {})
            if name == "storage_options" and isinstance(section.get(name), dict):  # the flags add to the file's
                value = {**section[name], **dict(value)}
            section[name] = value
        _raise([(_flag(at), message) for at, message in problems(_as_data_sections(values))])
        origins = {name: f"{where}$.{section}.{name}" for section in SECTIONS
                   for name in (values.get(section) or {}) if SECTION_OF.get(name) == section}
        # an argument in Python as the call wrote it (`previous=`: user_paths.set_to joins it to its value)
        origins.update((name, named(FLAGS[name], f"{name}=") if name in FLAGS else f"$.{SECTION_OF[name]}.{name}")
                       for name in flags)
        return cls._from_data(values, where, tuple(sorted(origins.items())))

    @classmethod
    def _from_data(cls, values: dict[str, Any], where: str, origins: tuple[tuple[str, str], ...]) -> BuildConfig:
        sections = (_section(ReadSettings, values), _section(CleanSettings, values), _section(FilterSettings, values),
                    _section(OutputSettings, values), _section(CardSettings, values), _section(RunSettings, values))
        settings = values.get("settings", {})
        try:
            steps = tuple(load_step(spec, settings, f"$.steps[{i}]") for i, spec in enumerate(values.get("steps", [])))
            readers = tuple(load_reader(spec, settings, f"$.readers[{i}]")
                            for i, spec in enumerate(values.get("readers", [])))
        except StepLoadError as exc:
            raise ConfigError(f"{where}{exc}") from None
        named = {type(s).name for s in steps + readers}
        for name in sorted(set(settings) - named):
            close = difflib.get_close_matches(name, sorted(named), n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{where}$.settings.{name}: no step or reader named {name!r} is used{hint}; "
                              f"steps and readers used: {', '.join(sorted(named)) or 'none'}")
        _unique_names(list(steps) + list(readers), where)
        return cls(*sections, steps=steps, readers=readers, origins=origins)


def _beside(values: dict[str, Any], folder: Path) -> None:
    """A config file's relative local paths (`exclude_file = "take.txt"`, `previous = "../v1"`) made paths beside the
    file, as the user who wrote it sees them, wherever the build runs from: read from the current folder, a build run
    elsewhere silently used another folder's takedown list of that name (a build from a folder without one stopped,
    naming a path that is not where the user put the file). A `~` path is the home folder's, as
    everywhere (builder.user_paths); a flag's path stays the current folder's, as a shell gives it."""
    for name, cls in SECTIONS.items():
        section = values.get(name)
        for key in cls.paths:
            value = section.get(key) if isinstance(section, dict) else None
            if (isinstance(value, str) and value and not value.startswith("~") and not Path(value).is_absolute()
                    and not is_url(value)):  # a URL is refused where it is used, with a message of its own
                section[key] = str(folder / value)  # type: ignore[index]  # a dict: checked just above


def _unique_names(steps: list[Step], where: str) -> None:
    seen: dict[str, str] = {}
    for step in steps:
        path = f"{type(step).__module__}:{type(step).__qualname__}"
        if seen.get(type(step).name, path) != path:
            raise ConfigError(f"{where}two steps are named {type(step).name!r} ({seen[type(step).name]} and {path}): "
                              "[settings.NAME] and the card could not tell them apart; rename one")
        seen[type(step).name] = path


def _data(section: Any) -> dict[str, Any]:
    """A section's values as the JSON shapes of the schema (objects, arrays)."""
    return as_data({f.name: getattr(section, f.name) for f in dataclasses.fields(section)})


def as_data(values: dict[str, Any]) -> dict[str, Any]:
    """Python shapes (pairs, tuples) as the JSON shapes of the schema (objects, arrays). Lists, as
    TOML gives them, are left alone: `splits = [0.9, 0.1]` must fail as not an object."""
    data = dict(values)
    for key in ("splits", "fields", "metadata_columns", "storage_options"):
        if isinstance(data.get(key), tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in data[key]):
            data[key] = grouped_fields(data[key]) if key == "fields" else dict(data[key])
    if isinstance(data.get("languages"), tuple):
        data["languages"] = list(data["languages"])
    return data


def grouped_fields(pairs: Iterable[tuple[str, str]]) -> dict[str, str | list[str]]:
    """(field, key) pairs as the config's object: a field given several keys lists them in order."""
    keys: dict[str, list[str]] = {}
    for target, key in pairs:
        keys.setdefault(target, []).append(key)
    return {target: found[0] if len(found) == 1 else found for target, found in keys.items()}


def field_pairs(fields: Mapping[str, str | Sequence[str]]) -> tuple[tuple[str, str], ...]:
    """The config's object of fields as (field, key) pairs, a field's keys in their order."""
    return tuple((target, key) for target, keys in fields.items()
                 for key in ([keys] if isinstance(keys, str) else keys))


def _as_data_sections(values: dict[str, Any]) -> dict[str, Any]:
    return {name: as_data(section) if name in SECTIONS and isinstance(section, dict) else section
            for name, section in values.items()}


def _python(values: dict[str, Any]) -> dict[str, Any]:
    """The checked JSON shapes as the sections' types."""
    values = dict(values)
    for key in ("splits", "metadata_columns", "storage_options"):
        if isinstance(values.get(key), dict):
            values[key] = tuple(sorted(values[key].items()) if key == "storage_options" else values[key].items())
    if isinstance(values.get("fields"), dict):
        values["fields"] = field_pairs(values["fields"])
    if isinstance(values.get("languages"), list):
        values["languages"] = tuple(values["languages"])
    for key in ("max_shard_bytes", "workers", "max_document_bytes", "max_decompression_ratio", "max_document_lines",
                "min_words"):
        if isinstance(values.get(key), float):  # 1e6 in TOML: the schema accepts whole floats as integers
            values[key] = int(values[key])
    return values


_STEP_NAME = re.compile(r"\$\.(?:steps|readers)\[[0-9]+\]")


def _said(error: Any) -> str:
    """jsonschema's message, except for a value a pattern refused: the form it must take, as builder.read.validate
    tells a document's (`--version 'v 1'` was told "'v 1' does not match '^[A-Za-z0-9][A-Za-z0-9._+-]*$'")."""
    value = error.instance
    if error.validator == "uniqueItems" and isinstance(value, list):  # was "['ar', 'ar'] has non-unique elements"
        twice = next((item for i, item in enumerate(value) if item in value[:i]), None)
        return f"{twice!r} is given twice; give each once" if twice is not None else str(error.message)
    if error.validator == "type" and isinstance(value, str):
        return str(error.message) + _written_as(value, error.validator_value, error.json_path)
    if error.validator != "pattern" or not isinstance(value, str):
        return str(error.message)
    if error.json_path == "$.card.version":
        return version_problem(value) or str(error.message)
    if _STEP_NAME.fullmatch(error.json_path):
        return (f"{value!r} is not a step's or reader's name: write module:Class, a module's dotted name, a colon and "
                "a class defined in it (e.g. my_steps:Blocklist)")
    if error.validator_value == NAME_PATTERN:  # a key of metadata_columns or storage_options
        return f"{value!r} is not a name: letters, digits and _, not starting with a digit, at most 64 characters"
    return str(error.message)


def _written_as(value: str, wanted: str | list[str], where: str) -> str:
    """How to write a value given in quotes where TOML wants a list, a number or true/false (ux29: `languages = "ur"`
    and `max_document_bytes = "16MB"` were told only "is not of type 'array'" and "'integer'")."""
    types = [wanted] if isinstance(wanted, str) else wanted
    if "array" in types:
        parts = [part for part in re.split(r"[,\s]+", value) if part] or [value]
        return f": write a list, {json.dumps(parts, ensure_ascii=False)}" if len(value) <= 200 else ": write a list"
    if "integer" in types or "number" in types:
        try:
            float(value)
        except ValueError:
            unit = " or units (16 MiB is 16777216)" if where.endswith("_bytes") else ""
            return f": write a number, without quotes{unit}"
        return f": write the number without quotes, {value.strip()}" if len(value) <= 40 else ": write it unquoted"
    if "boolean" in types:
        return ": write true or false, without quotes"
    return ""


_SAID_CHARS = 400  # a message quotes the value it refuses: a longer one keeps the value's start and the reason


def _shortened(message: str) -> str:
    """A message that quotes a huge value (a 1 MB string where a number goes) cut in the middle: it was printed whole,
    a megabyte on one line."""
    if len(message) <= _SAID_CHARS:
        return message
    return f"{message[:_SAID_CHARS // 2]}…{message[-_SAID_CHARS // 2:]}"


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for everything wrong with these settings (sections as tables), in a stable order."""
    from builder.schemas import document_fields, is_valid, validator

    if not_finite := _not_finite(data, "$"):  # NaN passes every range check of the schema (nan < 0 is False)
        return not_finite
    errors = [] if is_valid(data, "config") else sorted(validator("config").iter_errors(data),
                                                        key=lambda e: (e.json_path, e.message))
    if errors:  # the checks below assume the types are right
        return [(e.json_path, _shortened(_said(e))) for e in errors]
    found: list[tuple[str, str]] = []
    splits = data.get("output", {}).get("splits")
    if splits is not None:
        folded: dict[str, str] = {}
        for name in splits:
            if (other := folded.setdefault(name.casefold(), name)) != name:
                # their shards, `Train-00000-of-00001.parquet` and `train-…`, are one file where case does not count
                found.append(("$.output.splits", f"the splits {other!r} and {name!r} differ only in case: on a "
                                                 "case-insensitive file system (macOS, Windows) their shards would be "
                                                 "one file; give them names that differ in letters"))
            if not name.isidentifier():
                found.append(("$.output.splits", f"{name!r} is not a valid split name (use letters, digits and _)"))
            elif name == REJECTS:  # the rejects' config: its shards would be written where the rejects' are
                found.append(("$.output.splits", f"{name!r} is the name of the release's rejects; give the split "
                                                 "another name"))
        if abs(sum(splits.values()) - 1) > 1e-9:
            # enough digits to show why: 0.7 + 0.3000001 is 1.0000001, not the "1" that :g prints
            found.append(("$.output.splits", f"shares must add up to 1, got {sum(splits.values()):.12g}"))
    for target in data.get("read", {}).get("fields") or {}:
        if target not in document_fields():
            found.append(("$.read.fields",
                          f"{target!r} is not a document field; use one of {', '.join(document_fields())}"))
    for name in data.get("read", {}).get("metadata_columns") or {}:
        if not re.fullmatch(NAME_PATTERN, name):  # the schema's pattern lets a final newline through
            found.append(("$.read.metadata_columns", f"{name!r} is not a column name (letters, digits and _)"))
        elif name in BUILT_IN:
            found.append((f"$.read.metadata_columns.{name}", f"{name!r} is a built-in column of every release, so a "
                                                             "metadata field cannot be a column of that name"))
    for i, code in enumerate(data.get("filter", {}).get("languages") or []):
        if message := _language_problem(code):
            found.append((f"$.filter.languages[{i}]", message))
    card = data.get("card", {})
    version = card.get("version")
    if version is not None and (problem := version_problem(version)):
        found.append(("$.card.version", problem))
    for key in CARD_TEXT:
        value = card.get(key)
        # the card writes a name and the description on one line, their whitespace (line breaks too) as single
        # spaces; a license is an id, written as it is. A control or a bidi override would reach the card raw.
        shown = " ".join(value.split()) if isinstance(value, str) and key != "license" else value
        if isinstance(shown, str) and (unsafe := first_unsafe(shown)):
            found.append((f"$.card.{key}", f"holds {unsafe}: a control character, line break or bidi control is "
                                           "not written into the card; remove it"))
        elif isinstance(value, str) and (personal := _personal_data(value)):
            found.append((f"$.card.{key}", personal))
    return found


# what the sanitiser replaces in a card's text, named (fix20: a token given as --name was refused as "an e-mail or IP
# address or a URL secret", which named neither the token nor what to do with one)
_PERSONAL = {"secret": "a credential or access token (<secret>)", "email": "an e-mail address (<email>)",
             "ip": "an IP address (<ip>)", "phone": "a phone number (<phone>)",
             "id": "a national id number (<id>)"}


def _personal_data(value: str) -> str | None:
    """What is wrong with a card's text the sanitiser would change, and what to do; None when it would not."""
    from builder.text.sanitise import Sanitiser

    sanitiser = Sanitiser()
    if sanitiser.text(value) == value:
        return None
    found = " and ".join(_PERSONAL[kind] for kind in _PERSONAL if sanitiser.counts[kind]) or _PERSONAL["secret"]
    advice = ("remove it: a token is never part of a release (to publish to the Hub, give it as HF_TOKEN in the "
              "environment)" if sanitiser.counts["secret"] else "remove it (the release names no person)")
    return f"holds {found}, which would be published in the card and the manifest; {advice}"


# Settings written verbatim into the card and the manifest: they must not carry personal data.
CARD_TEXT = ("pretty_name", "license", "description")


def _not_finite(value: Any, path: str) -> list[tuple[str, str]]:
    """NaN and infinity anywhere in the settings (TOML has nan and inf; flags give them as strings)."""
    if isinstance(value, float) and not math.isfinite(value):
        return [(path, f"{value} is not a finite number")]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _not_finite(item, f"{path}.{key}")]
    if isinstance(value, (list, tuple)):
        return [found for i, item in enumerate(value) for found in _not_finite(item, f"{path}[{i}]")]
    return []


# ISO 639 codes the detector gives under another name: withdrawn ones a system may still write (Hebrew as `iw`, Java's
# Locale does), and Filipino's ISO 639-2/3 code, which lid.176 labels `tl` (trial24: `iw` was told "yi, wa, vi",
# `fil` "fi", Finnish)
_ALIASES = {"iw": "he", "in": "id", "ji": "yi", "jw": "jv", "mo": "ro", "fil": "tl", "tgl": "tl"}


def _language_problem(code: str) -> str | None:
    from builder.text.language import codes

    valid = codes()
    if code in valid:
        return None
    wanted = unicodedata.normalize("NFKC", code).strip().lower()  # `ＡＲ` typed full-width
    if (alias := _ALIASES.get(wanted)) in valid or wanted in valid:
        return (f"{code!r} is not a language code the detector can give: it calls that language {alias or wanted}; "
                "give that code")
    close = sorted(c for c in valid if wanted.startswith(c) or c.startswith(wanted[:2]))[:3] if len(wanted) > 1 else []
    close = close or difflib.get_close_matches(wanted, sorted(valid), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
    return (f"{code!r} is not a language code the detector can give (fastText lid.176: ISO 639-1 codes such as "
            f"ar, fa, ur, en, ISO 639-3 for languages without one, and und){hint}")


def _check_sections(values: dict[str, Any], where: str) -> None:
    """A setting written at the top of the file (as before sections) says where it moved; anything else
    unknown gets the closest known name."""
    known = [*SECTIONS, "steps", "readers", "settings"]
    for name in sorted(set(values) - set(known)):
        if name in SECTION_OF:
            raise ConfigError(f"{where}$.{name}: settings are now in sections: move {name} under "
                              f"[{SECTION_OF[name]}] (write `[{SECTION_OF[name]}]` above it)")
        close = difflib.get_close_matches(name, known + list(SECTION_OF), n=1)
        hint = ""
        if close:
            hint = f" (did you mean {close[0]}?)" if close[0] in known else \
                f" (did you mean {close[0]}, under [{SECTION_OF[close[0]]}]?)"
        raise ConfigError(f"{where}unknown setting {name!r}{hint}; known: {', '.join(sorted(known))}")
    for section in SECTIONS:
        table = values.get(section)
        if not isinstance(table, dict):
            continue
        names = [f.name for f in dataclasses.fields(SECTIONS[section])]
        for name in sorted(set(table) - set(names)):
            if name in SECTION_OF:
                raise ConfigError(f"{where}$.{section}.{name}: {name} belongs under [{SECTION_OF[name]}], "
                                  f"not [{section}]")
            close = difflib.get_close_matches(name, names, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise ConfigError(f"{where}$.{section}: unknown setting {name!r}{hint}; known in [{section}]: "
                              f"{', '.join(names)}")


def _check_names(values: dict[str, Any], known: list[str], where: str) -> None:
    for name in sorted(set(values) - set(known)):
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(f"{where}unknown setting {name!r}{hint}; known: {', '.join(sorted(known))}")


def _flag(where: str) -> str:
    """`$.output.splits.train` -> `--split: $.output.splits.train`; `$.run.workers` -> `--workers` (from Python, as
    BuildConfig.load's arguments: `splits: $.output.splits.train`, `workers`)."""
    setting = re.match(r"\$\.\w+\.(\w+)", where)
    if not setting or setting.group(1) not in FLAGS:
        return where
    flag = named(FLAGS[setting.group(1)], setting.group(1))  # `fields` from Python (BuildConfig.load, validate)
    return f"{flag}: {where}" if setting.group(1) in ("splits", "fields") and where != setting.group(0) else flag


def _named_twice(splits: Any) -> list[tuple[str, str]]:
    """A split given twice (`--split train=0.5 --split train=0.5`): as pairs, before they become the
    config's object, where the second would silently replace the first. Pairs only: anything else is
    left to the schema."""
    if not isinstance(splits, tuple) or not all(isinstance(p, tuple) and len(p) == 2 for p in splits):
        return []
    names = [name for name, _ in splits]
    return [("$.output.splits", f"the split {name!r} is given {names.count(name)} times "
                                f"({', '.join(f'{name}={share}' for n, share in splits if n == name)}); give each "
                                "split once, with its share")
            for name in dict.fromkeys(names) if names.count(name) > 1]


def _raise(found: list[tuple[str, str]], where: str = "") -> None:
    if found:
        raise ConfigError("\n".join(f"{where}{at}: {message}" for at, message in found))
