"""One sanitiser for all text that leaves a build: which fields of each output are free text and
which are identifiers, decided here and nowhere else.

- Free text (paragraphs, the text and message of a reject, removed lines, and through them the
  card) has each e-mail and IP address, URL credential (and phone number, with --pii-phones) replaced
  by `<email>`, `<ip>`, `<secret>`, `<phone>`, and every replacement is counted for the card and the manifest.
- Identifiers (`doc_id`, `url`, `duplicate_of`) keep their shape: an address inside one becomes
  `<email:HASH>` (see pii.pseudonymise), so ids stay unique and stable and the rows of one document
  still join. These are not counted: the same id is repeated on every row of its document. Phone
  numbers are not looked for in ids (numeric ids would match).
- File paths (the `source` column of records and rejects, the manifest's inputs, the card's and
  `removed_lines.json`'s source folders) are identifiers too: an address in a file or folder name
  becomes `<email:HASH>` / `<ip:HASH>` the same way, so one file has one name everywhere in the
  release (and the user, who has the file, can compute the hash to find it). A name that is not
  UTF-8 is written with backslash escapes, and a backslash a name holds twice (see path).

Kept paragraphs are redacted where they are made (builder.rules.paragraphs, in the workers); records get
their identifiers here (records.record_rows, also in the workers: builder.run.rows), and every reject is
sanitised once, where it is made (builder.run.work.sanitised in the workers, builder.run.place for the
duplicates the driver finds), before it is counted or written, which covers rejects/,
removed_lines.json and the card.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from builder.outcomes import Reject
from builder.text.clean import MAY_BE_INVISIBLE, remove_invisible, search_all
from builder.text.pii import may_hold_pattern, pseudonymise, pseudonymise_all, redact, redacts


# A document's id and source are written on each of its rejects and records (thousands of times a batch, a
# few distinct values): recent values are remembered, so memory stays flat
@lru_cache(maxsize=4096)
def identifier(value: str | None) -> str | None:
    """An address hidden by invisible characters (`jane\u2060@example.org`) is found in the value
    without them; only then is the value written without them, so other ids are unchanged."""
    if value is None:
        return None
    visible = remove_invisible(value)
    if visible != value and pseudonymise(visible) != visible:
        return pseudonymise(visible)
    return pseudonymise(value)


def identifiers(values: Sequence[str], picks: Sequence[bool] | None = None) -> list[str | None]:
    """`identifier` of each of a batch of values, where only those Sanitiser.may_change picks in one RE2 pass
    are looked at, and those without an invisible character (where identifier is pseudonymise) as one batch
    (pii.pseudonymise_all): one by one, pseudonymise's regexes take about 27 us a value, and most document ids
    with a date or a long name in them are picked (`…-20180423.txt` might be a card number). `picks`: what
    may_change gives the values, when the caller has it (with phones or without: identifier leaves alone what
    either does not pick)."""
    picks = Sanitiser().may_change(values) if picks is None else picks
    visible = [value for value, may in zip(values, picks, strict=True) if may and remove_invisible(value) == value]
    found = dict(zip(visible, pseudonymise_all(visible), strict=True))
    return [found[value] if value in found else identifier(value) if may else value
            for value, may in zip(values, picks, strict=True)]


@lru_cache(maxsize=4096)
def path(value: str) -> str:
    r"""A file path as the release shows it: written as UTF-8 (escapes for bytes that are not), with
    each address in it pseudonymised. Every place that writes a path calls this, so they agree.

    A backslash the name holds is written twice: the byte 0xE9 of a name that is not UTF-8 is written `\xe9`,
    and a name that holds those four characters `\\xe9`, so two files never get one spelling (every backslash
    of a path so written is doubled or starts an escape). A name without a backslash is written as it is. So
    this is applied once, to the name as read, where a row or a file is written (never to a path it wrote):
    a reject carries its file's name as read (Sanitiser.reject leaves it) until records.reject_row."""
    return pseudonymise(value.replace("\\", "\\\\").encode("utf-8", "surrogateescape")
                        .decode("utf-8", "backslashreplace"))


RAW_ADDRESS = "holds an e-mail or IP address or a URL secret, which a build always replaces"  # validate's words for it


def unsanitised(text: str) -> bool:
    """Whether free text holds what a build's sanitiser replaces: text a build wrote never does, so a release
    whose text does was edited after its build."""
    return Sanitiser().text(text) != text


def _sanitised(value: str, phones: bool, counts: Counter[str]) -> str:
    """Sanitiser.text of a value (not None)."""
    visible = remove_invisible(value)
    if visible != value and redact(visible, phones) != visible:
        value = visible
    return redact(value, phones, counts)


# Short values recur on every paragraph (an annotator's label such as the quality signals' script, a
# document's field on each of its records): whether one is left as it is, counting nothing, is remembered
_REMEMBERED_CHARS = 100


@lru_cache(maxsize=1024)
def _left_alone(value: str, phones: bool) -> bool:
    counts: Counter[str] = Counter()
    return _sanitised(value, phones, counts) == value and not counts


@dataclass
class Sanitiser:
    phones: bool = False
    counts: Counter[str] = field(default_factory=Counter)  # replacements in free text, by kind

    def text(self, value: str | None) -> str | None:
        """Redacted free text. Kept paragraphs are cleaned before this (invisible characters gone);
        rejected text is not, so an address split by a soft hyphen or a zero-width character is looked
        for without them, and such a text is written without them."""
        if value is None:
            return None
        if len(value) <= _REMEMBERED_CHARS and _left_alone(value, self.phones):
            return value
        return _sanitised(value, self.phones, self.counts)

    def may_change(self, values: Sequence[str] | pa.Array[Any] | pa.ChunkedArray[Any]) -> list[bool]:
        """Whether `text` may change each of a batch of values (False: it leaves it as it is, and counts
        nothing): those pii.may_hold picks, or with an invisible character, both found by one RE2 pass."""
        return search_all(values, self._may_change)

    def may_change_mask(self, values: pa.Array[Any] | pa.ChunkedArray[Any]) -> Any:
        """`may_change` of an Arrow column as an Arrow mask (null for a null), with no Python value per row:
        for a whole cached column (builder.run.cache_format)."""
        return pc.match_substring_regex(values, self._may_change)

    def still_may_change(self, values: Sequence[str], picks: Sequence[bool]) -> list[bool]:
        """Of the values `picks` marks (what may_change gives them), whether `text` may still change each or count
        something in it (False: it leaves it as it is, and counts nothing): one with an invisible character may; of
        the others (where `text` is pii.redact), those pii.redacts finds, in one batch."""
        plain = [i for i, (value, may) in enumerate(zip(values, picks, strict=True))
                 if may and remove_invisible(value) == value]
        still = list(picks)
        for i, redacted in zip(plain, redacts([values[i] for i in plain], self.phones), strict=True):
            still[i] = redacted
        return still

    @property
    def _may_change(self) -> str:
        return f"{MAY_BE_INVISIBLE}|{may_hold_pattern(self.phones)}"

    def changes(self, values: Sequence[str]) -> list[bool]:
        """Whether `text` would change each of a batch of values: only those `may_change` picks are
        looked at one by one."""
        return [may and self.text(value) != value for value, may in zip(values, self.may_change(values), strict=True)]

    def identifier(self, value: str | None) -> str | None:
        return identifier(value)

    def reject(self, item: Reject, text_sanitised: bool = False) -> Reject:
        """The reject with its free text redacted and its identifiers pseudonymised; its text left as it is
        when it was sanitised already (sanitising is idempotent: that only saves the work). Its source stays the
        file's name as read, grouped and written as every other (see path: spelling a name is done once)."""
        return replace(item, text=item.text if text_sanitised else self.text(item.text),
                       message=self.text(item.message) or "",
                       doc_id=self.identifier(item.doc_id), duplicate_of=self.identifier(item.duplicate_of))
