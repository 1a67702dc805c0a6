"""The card's machine-readable claims against manifest.json and the rows: the YAML header's licence,
pretty name, `language:` list, size category, configs and dataset_info (features and sizes), and the Languages
table's counts.

Hubs index a dataset by these (licence and language filters, size buckets) and `datasets` reads the configs,
so a card edited to claim another licence or language misleads everyone who finds the dataset through them.
They are held to what the build would write for this manifest and these rows (builder.release.card). The
card's prose is the user's to edit: only these claims and the numbers builder/release/card_text.py reads are
checked (a card edited by hand is valid while they hold: builder/release/check.py).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from builder.columns import REJECT_COLUMNS, Column
from builder.release.card import CARD_LANGUAGE_SHARE, card_languages, pretty_name, size_category
from builder.release.card_text import section, table
from builder.release.layout import DATA, REJECTS, REJECTS_SPLIT

_LANGUAGE_ROW = re.compile(r"^\| ((?:[^|\\]|\\.)+) \| (\d+) \|$", re.MULTILINE)

Problem = tuple[str, str]  # (JSON path in the card's YAML, or "$" for its body; message)


def card_claim_problems(meta: dict[str, Any], text: str, manifest: dict[str, Any], paragraphs: Counter[str],
                        chars: Counter[str]) -> Iterator[Problem]:
    """`paragraphs` and `chars`: the data rows' paragraphs and characters per language."""
    config, counts = manifest.get("config", {}), manifest["counts"]
    within = ", within the config's languages" if config.get("languages") else ""
    claims = [("license", config.get("license"), "manifest.json's config says"),
              ("pretty_name", pretty_name(config["pretty_name"]) if isinstance(config.get("pretty_name"), str)
               else None, "manifest.json's config says"),
              ("language", card_languages(chars, config.get("languages") or ()),
               f"the rows give (the languages of at least {CARD_LANGUAGE_SHARE:.0%} of the characters{within})"),
              ("size_categories", [size_category(sum(s["paragraphs"] for s in counts["splits"].values()))],
               "the rows give")]
    for name, expected, whence in claims:
        if expected is not None and meta.get(name) != expected:
            yield f"$.{name}", f"{name} is {_short(meta.get(name))}; {whence} {_short(expected)}"
    found_files = {(c.get("config_name"), f.get("split"), str(f.get("path"))) for c in meta.get("configs", [])
                   for f in c.get("data_files", [])}
    expected_files = {("default", name, f"{DATA}/{name}-*.parquet") for name, s in counts["splits"].items()
                      if s["paragraphs"]}
    if counts["rejects"]:
        expected_files.add(("rejects", REJECTS_SPLIT, f"{REJECTS}/{REJECTS_SPLIT}-*.parquet"))
    if found_files != expected_files:
        yield "$.configs", (f"the configs' data files are {_files(found_files)}; the release's splits give "
                            f"{_files(expected_files)}")
    for message in table("languages (paragraphs)", section(text, "Languages"), _LANGUAGE_ROW, 1, dict(paragraphs),
                         "the rows give"):
        yield "$", message


def dataset_info_problems(meta: dict[str, Any], columns: list[Column]) -> Iterator[Problem]:
    """Each config's `dataset_info` features, which `datasets` and the Hub read, against the release's columns
    (`columns`: its records'; the rejects' are fixed), and its dataset_size against its splits' num_bytes. Split
    counts and num_bytes are checked against the manifest's counts beside these (builder/release/check.py); the
    download_size is left: a shard rewritten with the manifest to match is found by its rows, and the Hub measures
    the files itself."""
    expected = {"default": columns, "rejects": REJECT_COLUMNS}
    for info in meta.get("dataset_info", []):
        name = info.get("config_name")
        if name not in expected:
            yield f"$.dataset_info[{_short(name)}]", f"config {_short(name)} is not one of the release's (default, " \
                                                     "rejects)"
            continue
        want = expected[name]
        where = f"$.dataset_info[{name}]"
        features = [{"name": c.name, "dtype": c.dtype} for c in want]
        if (found := info.get("features")) != features:
            yield f"{where}.features", f"the features of {name} {_first_difference(found, features)}"
        split_bytes = [s.get("num_bytes") for s in info.get("splits", [])]
        total = sum(split_bytes) if all(isinstance(n, int) for n in split_bytes) else None
        if info.get("dataset_size") != total:
            yield f"{where}.dataset_size", (f"dataset_size of {name} is {_short(info.get('dataset_size'))}; its "
                                            f"splits' num_bytes add up to {total}")


def _first_difference(found: Any, expected: list[dict[str, str]]) -> str:
    """Where a config's features first differ from the release's columns (a list of a hundred would not be read)."""
    if not isinstance(found, list):
        return f"are {_short(found)}, not a list; the release has {len(expected)} columns"
    for index, (have, want) in enumerate(zip(found, expected, strict=False)):
        if have != want:
            return (f"give {_short(have)} as feature {index}; the release's column {index} is {want['name']} "
                    f"{want['dtype']}")
    return f"are {len(found)}; the release has {len(expected)} columns"


def _files(files: set[tuple[Any, Any, str]]) -> str:
    return ", ".join(f"{c}/{s}: {p}" for c, s, p in sorted(files, key=str)) or "none"


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 120 else shown[:119] + "…"
