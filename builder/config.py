"""Build configuration: one frozen dataclass, read from TOML, with CLI flags layered on top."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The raw-document fields a mapping may rename (see schema/document.schema.json).
DOCUMENT_FIELDS = ("id", "text", "url", "title", "language", "date_published", "date_crawled", "license", "metadata")


class ConfigError(ValueError):
    """The configuration is unusable; the message says which setting and why."""


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
    max_document_bytes: int = 16 * 1024 * 1024  # a bigger document (or JSONL line) is rejected as too_large
    max_decompression_ratio: int = 100  # a .gz/.zst input expanding more than this is stopped
    # cleaning and filtering
    languages: tuple[str, ...] = ()  # keep only these (ISO 639 codes); empty keeps all
    min_words: int = 0
    min_alpha_ratio: float = 0.0
    pii_phones: bool = False  # e-mail and IP addresses are always replaced; phone numbers on request
    # card metadata
    version: str | None = None  # the release version, recorded in the manifest and the card
    pretty_name: str = "Paragraph dataset"
    license: str = "other"
    description: str = ""

    def __post_init__(self) -> None:
        names = [name for name, _ in self.splits]
        if not names:
            raise ConfigError("splits: at least one split is needed, e.g. --split train=1.0")
        if len(set(names)) != len(names):
            raise ConfigError(f"splits: a split is named twice in {names}")
        for name, ratio in self.splits:
            if not name.isidentifier():
                raise ConfigError(f"splits: {name!r} is not a valid split name (use letters, digits and _)")
            if not 0 < ratio <= 1:
                raise ConfigError(f"splits: the share of {name!r} must be in (0, 1], got {ratio}")
        if abs(sum(r for _, r in self.splits) - 1) > 1e-9:
            raise ConfigError(f"splits: shares must add up to 1, got {sum(r for _, r in self.splits):g}")
        for target, _ in self.fields:
            if target not in DOCUMENT_FIELDS:
                raise ConfigError(f"fields: {target!r} is not a document field; use one of {', '.join(DOCUMENT_FIELDS)}")
        if self.max_shard_bytes < 1024:
            raise ConfigError("max_shard_bytes: must be at least 1024")
        if self.executor not in ("local", "ray"):
            raise ConfigError(f"executor: must be 'local' or 'ray', got {self.executor!r}")
        if self.workers < 1:
            raise ConfigError(f"workers: must be at least 1, got {self.workers}")
        if not 0 <= self.min_alpha_ratio <= 1:
            raise ConfigError(f"min_alpha_ratio: must be between 0 and 1, got {self.min_alpha_ratio}")

    @property
    def read_options(self) -> "ReadOptions":
        from builder.sources import ReadOptions

        return ReadOptions(self.fields, self.max_document_bytes, self.max_decompression_ratio)

    @property
    def filters(self) -> "Filters":
        from builder.filters import Filters

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
        """Read a TOML file (if given), then apply overrides that are not None."""
        values: dict[str, Any] = {}
        if path is not None:
            try:
                values = tomllib.loads(path.read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise ConfigError(f"{path}: cannot read config: {exc}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise ConfigError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        for key in ("splits", "fields"):
            if isinstance(values.get(key), dict):
                values[key] = tuple(values[key].items())
        if isinstance(values.get("languages"), list):
            values["languages"] = tuple(values["languages"])
        return cls(**values)
