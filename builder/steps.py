"""What a step is: the one interface every line rule, filter, annotator and reader implements, built-in
or written in a user's own module.

A step is one class. It declares

- `name`: how the config and the card call it (`[steps.NAME]` holds its settings);
- `reasons`: the reason codes it can give, each with the sentence that explains it (rejects, the
  card and `dataset-builder reasons` take them from here);
- its settings, as dataclass fields with defaults (the class is a frozen dataclass; `steps.NAME` in
  the config gives their values, checked against the field types);

and one method that works on a **batch**: an Arrow table with one row per line, paragraph or
document of a batch of documents, returning Arrow arrays. Per-row Python inside a step is allowed;
the built-in steps work on whole columns (numpy, Arrow compute) and keep per-row Python for the few
rows a cheap test leaves, and the pipeline does not see the difference.

Steps must be deterministic and picklable (they run in worker processes and on Ray): the output of
a build may not depend on how its work is spread.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:
    from builder.columns import Column
    from builder.outcomes import RawDocument, Reject
    from builder.read.inputs import InputFile, Limits


class StepError(ValueError):
    """A user's step that raised, or that does not keep to this interface: the user's mistake (exit 2), reported
    with the step's name and class (builder.run.plan); the work adds where (`StepError.at`)."""

    def at(self, where: str) -> StepError:
        """The same error, saying which documents the step was working on."""
        return StepError(f"{self}; {where}")


@dataclass(frozen=True)
class Step:
    """The base of every step. Subclass one of the kinds below, not this."""

    name: ClassVar[str] = ""
    reasons: ClassVar[dict[str, str]] = {}  # reason code -> the sentence that explains it
    level: ClassVar[str] = ""  # "line" or "document": where its reasons land in rejects (set by the kind)


@dataclass(frozen=True)
class LineRule(Step):
    """Decides which lines of the documents are site chrome, before paragraphs are made.

    `lines` has one row per line of every document of the batch, in order:

    | column | type | |
    |---|---|---|
    | doc | int32 | the document's position in the batch (see `documents` of the other steps) |
    | line | int32 | 1-based line number in the raw text |
    | char_start, char_end | int64 | the line's span in the raw text |
    | raw | string | the raw line (lone surrogates from undecodable input as U+FFFD) |
    | text | string | the cleaned line (what becomes the paragraph) |
    | site | string | the document's site (URL host, else the input's folder) |
    | repeated | bool | the site repeats this line on 3 or more of its pages in this build |
    | elsewhere | bool | a headline-shaped line (4-20 words, no sentence end) on 2 or more of the site's pages |
    | block | bool | a short line (no sentence) in a run of 2 or more that another page of the site has in that order |
    | | | (not on a page whose first two sentences another page of the site has: a copy) |
    | closing | bool | the site's sign-off, on 6 or more of its pages in this build ("Story link at X: <headline>"; |
    | | | cut from the end of the last line, which then has two rows with the same `line`) |
    | reason | string | the reason an earlier rule dropped the line; null while it is kept |
    | key | string | the text's matching key (`builder.text.keys.line_key`: no case, marks or spaces) |
    | words | int32 | words in the text (`builder.text.keys.word_counts`: Chinese and Japanese by characters) |
    | length | int32 | characters in the text |
    | ends_sentence, ends_clause | bool | the text ends a sentence / a sentence or a clause (`builder.text.keys`) |

    The last five are computed once for the whole batch, so a rule that decides on them (with
    `array`, `undecided` and `where` below, or `pyarrow.compute`) does no per-line Python.
    Return one reason code per row (a string array of the same length), null to keep the line.
    Rows already dropped keep their first reason whatever is returned for them. Rules run in order.
    """

    level: ClassVar[str] = "line"

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class DocumentFilter(Step):
    """Drops whole documents after cleaning.

    `documents` has one row per valid document of the batch that still has paragraphs: doc (int32),
    id, url, source, title (strings), language (the detected language of its kept text),
    language_score (float32), text (the raw text), and the per-document columns of the release.
    Return one reason code per row, null to keep the document."""

    level: ClassVar[str] = "document"

    def decide(self, documents: pa.Table) -> pa.Array[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class ParagraphFilter(Step):
    """Drops paragraphs (as line rejects).

    `paragraphs` has one row per kept paragraph of the batch: doc (int32), text (cleaned, personal data
    replaced), char_start, char_end (int64), line (int32), language (string), language_score
    (float32), detected (bool: False when the paragraph was too short and took its document's
    language). Filters run in order, before the annotators; return one reason code per row, null to
    keep the paragraph."""

    level: ClassVar[str] = "line"

    def decide(self, paragraphs: pa.Table) -> pa.Array[Any]:
        raise NotImplementedError


@dataclass(frozen=True)
class Annotator(Step):
    """Adds columns to the records. `columns` declares them (name, Arrow type, nullability, the
    description the card shows); `annotate` gets the same `paragraphs` table as ParagraphFilter.decide
    (only paragraphs that are kept) and returns one array per declared column, in order."""

    columns: ClassVar[tuple[Column, ...]] = ()

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array[Any]]:
        raise NotImplementedError


@dataclass(frozen=True)
class Reader(Step):
    """Reads one input format. `suffixes` are the file endings it takes (".jsonl.gz"; the longest
    match wins, and on a tie the reader added last); `read` yields a RawDocument per document, or a
    Reject (with a reason from `reasons`) for what cannot be read, with its location. It reads the file
    through `file.open()` and `file.size()` (a local file or an object in storage alike; `file.path`
    is there for local files only). Before `read`
    the file has passed the checks every input passes (a regular file inside its source root);
    errors it raises become located rejects (builder.read.registry). `maps_fields`: whether the
    config's field map applies to what it yields (False when it makes the document fields itself,
    as the .txt reader does). `ids_from_path`: whether a document's id is its file's `path_id`. `costly`:
    whether reading a file costs more than writing what it yields to disk and reading that back (HTML's
    extraction): a build's first pass then keeps it for the second (builder.run.spill).
    """

    level: ClassVar[str] = "document"
    suffixes: ClassVar[tuple[str, ...]] = ()
    maps_fields: ClassVar[bool] = True
    ids_from_path: ClassVar[bool] = False
    costly: ClassVar[bool] = False

    def read(self, file: InputFile, limits: Limits) -> Iterator[RawDocument | Reject]:
        raise NotImplementedError


def values(table: pa.Table, column: str) -> list[Any]:
    """One column of a batch as Python values, for a step that works row by row (a list of its own: the caller may
    change it)."""
    found = table.column(column)
    converted = getattr(_memo, "converted", None)
    if converted is None:
        return cast(list[Any], found.to_pylist())
    key = column_key(found)
    if key not in converted:
        converted[key] = (found, found.to_pylist())
    return list(converted[key][1])


# .converted: column_key -> (the column, held so that no other has its buffers' addresses while it lives; its Python
# values); None outside remembered_values(). One a thread: two builds in threads of one process (the API) each enter
# and leave their own (one global memo, the second to leave put back the first's, which then held every column
# converted after it for good: attack28)
_memo = threading.local()


@contextmanager
def remembered_values() -> Iterator[None]:
    """While in it, `values` converts a column to Python once and hands each caller a copy of that list (a batch's
    work, builder.run.work._run_plan, and its line rules, masks.shared: the lines table's `text` is read by its
    features, the rules and the paragraphs, its `key` by three or four rules and the paragraphs' keys). Forgotten on
    leaving: what is remembered holds the columns."""
    outer = getattr(_memo, "converted", None)
    _memo.converted = {} if outer is None else outer  # inside another: one memo for both, kept until the outer ends
    try:
        yield
    finally:
        _memo.converted = outer


def column_key(column: pa.ChunkedArray[Any]) -> tuple[Any, ...]:
    """Which values a column holds, by where they are: each chunk's type, offset, length and buffers' addresses
    (Arrow's buffers are immutable: while a column is held, no other column has them)."""
    return tuple((str(chunk.type), chunk.offset, len(chunk), *(b.address if b is not None else 0
                                                                for b in chunk.buffers()))
                 for chunk in column.chunks)


def array(table: pa.Table, column: str) -> np.ndarray:
    """One column of a batch (numbers or bools, no nulls) as a numpy array, for a step that works on
    whole columns."""
    return table.column(column).to_numpy()


def undecided(lines: pa.Table) -> np.ndarray:
    """The lines no earlier rule has dropped, as a numpy mask."""
    return lines.column("reason").is_null().to_numpy()


def where(mask: np.ndarray, reason: str, otherwise: pa.Array[Any] | None = None) -> pa.Array[Any]:
    """`reason` where `mask` is set, else `otherwise` (null by default): a rule's or filter's answer
    from a mask."""
    rest = otherwise if otherwise is not None else pa.nulls(len(mask), pa.string())
    return cast("pa.Array[Any]", pc.if_else(pa.array(mask, pa.bool_()), pa.scalar(reason, pa.string()), rest))
