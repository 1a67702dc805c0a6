"""What the rows of a release add up to, against what its manifest.json says of them.

A manifest edited by hand (its sha256 is not in itself) could claim other counts, inputs or settings
than the shards hold, and `diff` (which compares content) would not notice. So, as the rows go by:
the rejects are counted by kind and reason (for `documents_rejected_by_reason` and
`lines_dropped_by_reason`), every row's `source` must be one of the manifest's `inputs` (a build
lists every input file it read or rejected), and the thresholds the config names must hold where a
build enforces them on paragraphs (min_words, min_alpha_ratio, and languages for paragraphs long and
sure enough: builder.rules.filters). Memory is the manifest's inputs (already read) and one counter
per known reason code; a threshold's breaches are counted, with the first kept to name it.

The rows are also tied to the inputs' sha256, where a build makes that exact: a row's `input_sha256` is
its input file's (the raw text was extracted from it: HTML, a TREC file), and a `.txt` file read as one
plain document (its id the file's path) has that file's sha256 as `doc_sha256`. A shard swapped in from an
older release, the manifest's outputs rewritten to match, carries the sha256 of the older inputs. What this
cannot tie: the rows of JSONL, JSON and Parquet inputs (many documents to a file, no hash of each in the
manifest), a swap whose author also rewrote the manifest's inputs (nothing in an unsigned release tells), and
a .txt's rows in a release of manifest_version 1 (made before TREC rows carried input_sha256, so a TREC file of
one document cannot be told from a plain one; a swap can set the version back, too) or built with a user's
reader (which may take .txt files).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from builder.read.compressed import COMPRESSIONS
from builder.release.layout import SHARD
from builder.rules.filters import LANGUAGE_CONFIDENT, LANGUAGE_MIN_CHARS

# float32 in the shards against the float64 a filter compared: a value equal to a threshold may be stored
# a little under it
_FLOAT32 = 1e-6
_BY_REASON = {"document": "documents_rejected_by_reason", "line": "lines_dropped_by_reason"}


@dataclass
class _Breach:
    """Rows that break one rule of the manifest; the first of them, to name it."""

    rows: int = 0
    first: str = ""

    def add(self, shard: str, number: int, found: str) -> None:
        self.rows += 1
        self.first = self.first or f"{shard} row {number}: {found}"


class Tally:
    def __init__(self, manifest: dict[str, Any], reasons: frozenset[str]) -> None:
        config = manifest.get("config", {})
        self.inputs = {entry["path"]: entry.get("sha256") for entry in manifest.get("inputs", [])}
        # before manifest_version 2 a TREC file's rows had no input_sha256: a .txt's rows could be of either; and a
        # user's reader may read .txt files its own way (the manifest does not say which suffixes it takes)
        self.plain_txt = manifest.get("manifest_version") != 1 and not config.get("readers")
        self.min_words = config.get("min_words") or 0
        self.min_alpha_ratio = config.get("min_alpha_ratio") or 0.0
        self.languages = frozenset(config.get("languages") or ())
        self.reasons = reasons  # only known codes are counted: a release cannot grow the counter
        self.rejected: dict[str, Counter[str]] = {kind: Counter() for kind in _BY_REASON}
        self.unlisted, self.other_input = _Breach(), _Breach()
        self.documents: Counter[str] = Counter()  # by split: a document's rows are contiguous (row_checks)
        # per language, what the card's `language:` list and Languages table are made from (builder.release.card)
        self.language_paragraphs: Counter[str] = Counter()
        self.language_chars: Counter[str] = Counter()
        self._document: tuple[str, Any] | None = None  # (split, doc_id) of the previous data row
        self.short, self.low_alpha, self.foreign = _Breach(), _Breach(), _Breach()

    def record(self, row: dict[str, Any], shard: str, number: int) -> None:
        """Data row `number` (1-based) of `shard`."""
        self._source(row, shard, number)
        self._input(row, shard, number)
        split = SHARD.fullmatch(shard.rpartition("/")[2])
        if split and (split["split"], row.get("doc_id")) != self._document:
            self._document = (split["split"], row.get("doc_id"))
            self.documents[split["split"]] += 1
        words, alpha, language = row.get("num_words"), row.get("alpha_ratio"), row.get("language")
        if isinstance(words, int) and words < self.min_words:
            self.short.add(shard, number, f"{words} words")
        if isinstance(alpha, float) and alpha < self.min_alpha_ratio - _FLOAT32:
            self.low_alpha.add(shard, number, f"alpha_ratio {alpha:.3f}")
        score, chars = row.get("language_score"), row.get("num_chars")
        if isinstance(language, str) and isinstance(chars, int):
            self.language_paragraphs[language] += 1
            self.language_chars[language] += chars
        if (self.languages and language not in self.languages and isinstance(score, float)
                and score >= LANGUAGE_CONFIDENT + _FLOAT32 and isinstance(chars, int) and chars >= LANGUAGE_MIN_CHARS):
            self.foreign.add(shard, number, f"{language!r}, score {score:.2f}, {chars} characters")

    def reject(self, row: dict[str, Any], shard: str, number: int) -> None:
        self._source(row, shard, number)
        kind, reason = row.get("kind"), row.get("reason")
        if kind in self.rejected and reason in self.reasons:
            self.rejected[kind][reason] += 1

    def _source(self, row: dict[str, Any], shard: str, number: int) -> None:
        if row.get("source") is not None and row["source"] not in self.inputs:
            self.unlisted.add(shard, number, f"source {row['source']!r}")

    def _input(self, row: dict[str, Any], shard: str, number: int) -> None:
        """The row against its input's sha256 in the manifest (see the module's docstring)."""
        source, expected = row.get("source"), self.inputs.get(row.get("source"))
        if not isinstance(source, str) or not isinstance(expected, str) or source.endswith(COMPRESSIONS):
            return  # a compressed input's sha256 is of its compressed bytes, not of what was read
        if row.get("input_sha256") is not None:
            found, what = row["input_sha256"], "input_sha256"
        elif self.plain_txt and source.endswith(".txt") and row.get("doc_id") in (source, source[:-4]):
            found, what = row.get("doc_sha256"), "doc_sha256 (a .txt file read as one document is its raw text)"
        else:
            return
        if found != expected:
            self.other_input.add(shard, number, f"{what} {str(found)[:12]}…, the sha256 of another version of "
                                                f"{source!r} than the one listed ({expected[:12]}…)")

    def problems(self, manifest: dict[str, Any], rejects_counted: bool,
                 data_counted: bool = True) -> list[tuple[str, str]]:
        """(JSON path in manifest.json, message) for each claim the rows contradict; the counts by reason
        only when every reject shard was read (`rejects_counted`), the documents of each split only when
        every data shard was (`data_counted`)."""
        counts, found = manifest["counts"], []
        if data_counted:
            for split, stats in sorted(counts["splits"].items()):
                if stats["documents"] != self.documents.get(split, 0):
                    found.append((f"$.counts.splits.{split}.documents",
                                  f"{stats['documents']}; the data/ shards of split {split!r} hold the rows of "
                                  f"{self.documents.get(split, 0)} documents"))
        if rejects_counted:
            for kind, key in _BY_REASON.items():
                claimed, counted = counts.get(key, {}), dict(self.rejected[kind])
                if claimed != counted:
                    found.append((f"$.counts.{key}", f"{_listed(claimed)}; the {kind} rows of rejects/ by reason: "
                                                     f"{_listed(counted)}"))
        rules = [(self.unlisted, "$.inputs", f"lists {len(self.inputs)} inputs, which do not hold the source of"),
                 (self.other_input, "$.inputs", "gives the sha256 of each input, which the rows built from it carry "
                                                "(rows from other inputs: a shard of another build?); yet"),
                 (self.short, "$.config.min_words", f"is {self.min_words}: a build drops paragraphs with fewer words; "
                                                    "yet"),
                 (self.low_alpha, "$.config.min_alpha_ratio", f"is {self.min_alpha_ratio}: a build drops paragraphs "
                                                              "with a smaller share of letters; yet"),
                 (self.foreign, "$.config.languages", f"is {sorted(self.languages)}: a build drops paragraphs "
                                                      "confidently detected in another language; yet")]
        for breach, where, claim in rules:
            if breach.rows:
                found.append((where, f"{claim} {breach.rows} row(s) of the release (the first: {breach.first})"))
        return found


def _listed(by_reason: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(by_reason.items())) or "none"
