"""Build configuration: one frozen dataclass, read from TOML, with CLI flags layered on top.

Every value is checked before anything runs: against schema/config.schema.json (types and ranges),
then for what a schema cannot say (split shares add up to 1, language codes the detector can give).
A problem is reported where it came from: `FILE: $.min_words: …` for the config file, `--flag: …`
for a flag, `$.setting: …` for the Python API.
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.release.names import VERSION_PATTERN, version_problem
from builder.read.setting_files import SettingFileError, read_setting_file

# The raw-document fields a mapping may rename (see schema/document.schema.json).
DOCUMENT_FIELDS = ("id", "text", "url", "title", "language", "date_published", "date_crawled", "license", "metadata")

# A release version is checked by the same rule publish uses (builder.release.names); schema/config.schema.json
# holds the same pattern (tests hold them equal).

# setting -> the flag that sets it, to say where a bad value came from
FLAGS = {
    "splits": "--split", "fields": "--field", "max_shard_bytes": "--max-shard-mb", "strict": "--strict",
    "workers": "--workers", "executor": "--executor", "ray_address": "--ray-address", "cache": "--no-cache",
    "exclude_file": "--exclude", "previous": "--previous", "languages": "--languages", "min_words": "--min-words",
    "min_alpha_ratio": "--min-alpha-ratio", "pii_phones": "--pii-phones", "version": "--version",
    "pretty_name": "--name", "license": "--license",
}


class ConfigError(ValueError):
    """The configuration is unusable; the message says which setting, where, and why."""


@dataclass(frozen=True)
class BuildConfig:
    # split name -> share of documents; documents are assigned by a hash of their id
    splits: tuple[tuple[str, float], ...] = (("train", 1.0),)
    # document field -> key in the input records, e.g. {"text": "content", "url": "link"}
    fields: tuple[tuple[str, str], ...] = ()
    max_shard_bytes: int = 128 * 1024 * 1024
    strict: bool = False
    workers: int = 1  # processes for the per-document work; the output is the same for any number
    executor: str = "local"  # "local" (this machine's processes) or "ray"
    ray_address: str | None = None  # an existing Ray cluster; None starts a local Ray instance
    cache: bool = True  # keep per-input results in DIR/.cache, so a rebuild redoes only what changed
    content_defined_chunking: bool = True  # Parquet pages cut by content, for upload deduplication
    exclude_file: str | None = None  # takedown list: document ids or URLs, one per line
    previous: str | None = None  # the previous release folder: the card gets a changelog against it
    max_document_bytes: int = 16 * 1024 * 1024  # a bigger document (JSONL line, JSON item, Parquet row) is too_large
    max_decompression_ratio: int = 100  # a .gz/.zst/Parquet input expanding more than this is stopped
    # a document with more lines (blank ones too) is too_large: the per-line work holds a few objects per
    # line, so this bounds a document's memory (a 15 MB text of 7.5M one-letter lines took 4 GB)
    max_document_lines: int = 100_000
    # cleaning and filtering
    languages: tuple[str, ...] = ()  # keep only these (codes the detector gives, see language.codes); empty keeps all
    min_words: int = 0
    min_alpha_ratio: float = 0.0
    pii_phones: bool = False  # e-mail and IP addresses are always replaced; phone numbers on request
    # card metadata
    version: str | None = None  # the release version, recorded in the manifest and the card
    pretty_name: str = "Paragraph dataset"
    license: str = "other"
    description: str = ""

    def __post_init__(self) -> None:
        # the same checks as load(), for configs made in Python
        data = as_data({f.name: getattr(self, f.name) for f in dataclasses.fields(self)})
        _raise([("$" + path[1:] if path.startswith("$") else path, message) for path, message in problems(data)])
        names = [name for name, _ in self.splits]
        if len(set(names)) != len(names):
            raise ConfigError(f"$.splits: a split is named twice in {names}")
        if self.ray_address is not None and self.executor != "ray":  # it would be silently ignored
            raise ConfigError('$.ray_address: set without executor = "ray" (--ray-address needs --executor ray): '
                              'add --executor ray (executor = "ray" in a config file), or leave the address out')

    @property
    def read_options(self) -> "ReadOptions":
        from builder.read.sources import ReadOptions

        return ReadOptions(self.fields, self.max_document_bytes, self.max_decompression_ratio)

    @property
    def filters(self) -> "Filters":
        from builder.rules.filters import Filters

        return Filters(frozenset(self.languages), self.min_words, self.min_alpha_ratio)

    def to_dict(self) -> dict[str, Any]:
        """The settings that shape the output, as recorded in the manifest (how the work is run —
        workers, strict — does not change the output, so it is left out)."""
        data = dataclasses.asdict(self)
        for how in ("workers", "strict", "executor", "ray_address", "cache", "exclude_file", "previous"):
            del data[how]
        data["splits"] = dict(self.splits)
        data["fields"] = dict(self.fields)
        data["languages"] = list(self.languages)
        return data

    @classmethod
    def load(cls, path: Path | None = None, **overrides: Any) -> "BuildConfig":
        """Read a TOML file (if given), then apply overrides (flags) that are not None; each checked
        on its own, so a message says which one is wrong."""
        known = [f.name for f in dataclasses.fields(cls)]
        values: dict[str, Any] = {}
        if path is not None:
            try:
                values = tomllib.loads(read_setting_file(path, "--config").decode("utf-8"))
            except SettingFileError as exc:
                raise ConfigError(str(exc)) from None
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read config: {exc}") from exc
            _check_names(values, known, f"{path}: ")
            _raise([(f"{path}: {where}", message) for where, message in problems(values)])
        flags = {k: v for k, v in overrides.items() if v is not None}
        _check_names(flags, known, "")
        _raise([(_flag(where), message) for where, message in problems(as_data(flags))])
        values.update(flags)
        return cls(**_python(values))


def as_data(values: dict[str, Any]) -> dict[str, Any]:
    """Python shapes (pairs, tuples) as the JSON shapes of the schema (objects, arrays). Lists, as
    TOML gives them, are left alone: `splits = [0.9, 0.1]` must fail as not an object."""
    data = dict(values)
    for key in ("splits", "fields"):
        if isinstance(data.get(key), tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in data[key]):
            data[key] = dict(data[key])
    if isinstance(data.get("languages"), tuple):
        data["languages"] = list(data["languages"])
    return data


def _python(values: dict[str, Any]) -> dict[str, Any]:
    """The checked JSON shapes as BuildConfig's types."""
    values = dict(values)
    for key in ("splits", "fields"):
        if isinstance(values.get(key), dict):
            values[key] = tuple(values[key].items())
    if isinstance(values.get("languages"), list):
        values["languages"] = tuple(values["languages"])
    for key in ("max_shard_bytes", "workers", "max_document_bytes", "max_decompression_ratio", "max_document_lines",
                "min_words"):
        if isinstance(values.get(key), float):  # 1e6 in TOML: the schema accepts whole floats as integers
            values[key] = int(values[key])
    return values


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, message) for everything wrong with these settings, in a stable order."""
    from builder.text.sanitise import Sanitiser
    from builder.read.validate import validator

    if not_finite := _not_finite(data, "$"):  # NaN passes every range check of the schema (nan < 0 is False)
        return not_finite
    errors = sorted(validator("config").iter_errors(data), key=lambda e: (e.json_path, e.message))
    if errors:  # the checks below assume the types are right
        return [(e.json_path, e.message) for e in errors]
    found: list[tuple[str, str]] = []
    splits = data.get("splits")
    if splits is not None:
        for name in splits:
            if not name.isidentifier():
                found.append(("$.splits", f"{name!r} is not a valid split name (use letters, digits and _)"))
        if abs(sum(splits.values()) - 1) > 1e-9:
            found.append(("$.splits", f"shares must add up to 1, got {sum(splits.values()):g}"))
    for target in data.get("fields") or {}:
        if target not in DOCUMENT_FIELDS:
            found.append(("$.fields", f"{target!r} is not a document field; use one of {', '.join(DOCUMENT_FIELDS)}"))
    for i, code in enumerate(data.get("languages") or []):
        if message := _language_problem(code):
            found.append((f"$.languages[{i}]", message))
    version = data.get("version")
    if version is not None and (problem := version_problem(version)):
        found.append(("$.version", problem))
    for key in CARD_TEXT:
        value = data.get(key)
        if isinstance(value, str) and Sanitiser().text(value) != value:  # the sanitiser would change it
            found.append((f"$.{key}", "holds an e-mail or IP address, which would be published in the card and the "
                                      "manifest; remove it (the release names no person)"))
    return found


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


def _language_problem(code: str) -> str | None:
    from builder.text.language import codes

    valid = codes()
    if code in valid:
        return None
    wanted = code.strip().lower()
    close = sorted(c for c in valid if wanted.startswith(c) or c.startswith(wanted[:2]))[:3] if len(wanted) > 1 else []
    close = close or difflib.get_close_matches(wanted, sorted(valid), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close[:5])}?" if close else ""
    return (f"{code!r} is not a language code the detector can give (fastText lid.176: ISO 639-1 codes such as "
            f"ar, fa, ur, en, ISO 639-3 for languages without one, and und){hint}")


def _check_names(values: dict[str, Any], known: list[str], where: str) -> None:
    for name in sorted(set(values) - set(known)):
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ConfigError(f"{where}unknown setting {name!r}{hint}; known: {', '.join(sorted(known))}")


def _flag(where: str) -> str:
    """`$.splits.train` -> `--split: $.splits.train`; `$.workers` -> `--workers`."""
    setting = re.match(r"\$\.(\w+)", where)
    if not setting or setting.group(1) not in FLAGS:
        return where
    flag = FLAGS[setting.group(1)]
    return f"{flag}: {where}" if setting.group(1) in ("splits", "fields") and where != setting.group(0) else flag


def _raise(found: list[tuple[str, str]]) -> None:
    if found:
        raise ConfigError("\n".join(f"{where}: {message}" for where, message in found))
