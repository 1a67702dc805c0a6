"""Check raw documents against schema/document.schema.json, reporting every error with its location."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from builder.columns import DOCUMENT_COLUMNS
from builder.outcomes import Document, Invalid, Issue, Location, RawDocument, Reject
from builder.read.decode import utf16_hint
from builder.run.compact import HashIndex, key64
from builder.schemas import is_valid, validator
from builder.text.clean import remove_invisible
from builder.text.ids import id_form
from builder.text.pii import redact
from builder.text.visible import first_unsafe

if TYPE_CHECKING:
    from jsonschema import ValidationError

MAX_MESSAGE = 240
_SURROGATE = re.compile("[\ud800-\udfff]")
_PARENT_PART = re.compile(r"(^|/)\.\.(/|$)")  # a part the schema's id pattern refuses (written as it writes it)
# The control characters that are not whitespace (U+0000-0008, U+000E-001F), as their UTF-8 bytes
CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20)])
BINARY_CONTROL_SHARE = 0.01
BINARY_MIN_CONTROLS = 16


def _short(message: str) -> str:
    """A message for people: short, and with personal data from the document replaced (messages
    quote values, and end up in CI logs and rejects)."""
    message = redact(message)
    return message if len(message) <= MAX_MESSAGE else message[: MAX_MESSAGE - 1] + "…"


def schema_issues(obj: Any, location: Location, schema: str = "document") -> list[Issue]:
    """Every schema error of one object, in a stable order."""
    if is_valid(obj, schema):
        return []
    errors = sorted(validator(schema).iter_errors(obj), key=lambda e: (e.json_path, e.message))
    # the two validators disagreeing is our bug, but what fast_check refuses is never called valid
    return [Issue(location, e.json_path, _short(_quoted_briefly(_said(e), e.instance))) for e in errors] or [
        Issue(location, "$", f"does not match schema/{schema}.schema.json (the checks disagree on why: please report "
                             "this document)")]


def _said(error: ValidationError) -> str:
    """jsonschema's message; for a value refused by a pattern for a character it holds, which character
    (the pattern itself says little to a person)."""
    if error.validator == "pattern" and isinstance(error.instance, str) and (unsafe := first_unsafe(error.instance)):
        return (f"{error.instance!r} holds {unsafe}: control characters, line and paragraph separators and bidi "
                "controls are not allowed here")
    if error.validator == "pattern" and isinstance(error.instance, str) and _PARENT_PART.search(error.instance) \
            and _PARENT_PART.pattern in str(error.validator_value):
        return (f"{error.instance!r} has a '..' part: an id is printable characters (no control or bidi character), "
                "and no part of it between slashes may be '..', which would read as a step out of its folder")
    if error.validator == "maxLength" and isinstance(error.instance, str):  # jsonschema's says only "is too long"
        told = " (a .txt or .html file's id is its path under the source without the extension: shorten the path)" \
            if list(error.path) == ["id"] else ""
        return f"{error.instance!r} is too long: at most {error.validator_value:,} characters{told}"
    if error.validator == "type" and isinstance(error.instance, bytes | bytearray):  # a Parquet binary column
        return ("bytes, not text (a binary column?): store it as a string column of UTF-8 text (pyarrow: table.cast "
                "with pa.string() for it)")
    described = error.schema.get("description") if isinstance(error.schema, Mapping) else None
    if error.validator == "pattern" and isinstance(error.instance, str) and isinstance(described, str):
        return f"{error.instance!r} is not of the form this field takes: {_first_clause(described)}"
    return error.message


def _first_clause(description: str) -> str:
    """What a schema's description says first ("Declared language as a BCP-47 tag (e.g. `ar`, `fa`,
    `en-GB`)"), up to its first colon or full stop outside brackets."""
    depth = 0
    for index, char in enumerate(description):
        depth += (char == "(") - (char == ")")
        if depth == 0 and (char == ":" or description.startswith(". ", index)):
            return description[:index]
    return description.rstrip(".")


def _quoted_briefly(message: str, value: Any) -> str:
    """jsonschema's message with a long value it quotes first ("['…', …] is not of type 'string'")
    described instead ("a list of 12 items is not of type 'string'"), so that what is wrong is not
    cut off by the quote."""
    quoted = repr(value)
    if len(quoted) <= 60 or not message.startswith(quoted):
        return message
    if isinstance(value, str):
        described = f"a text of {len(value):,} characters"
    elif isinstance(value, list):
        described = f"a list of {len(value):,} item{'s' * (len(value) != 1)}"
    elif isinstance(value, dict):
        described = f"an object with {len(value):,} key{'s' * (len(value) != 1)}"
    else:
        described = f"a {type(value).__name__}"
    return described + message[len(quoted):]


# A document's own one-line texts, written to every record and shown in tables: an id and a URL with a control or
# bidi character in them are invalid (the schema's patterns), these are kept with them taken out (a date and a
# license too since trial21 found a U+202E, a NUL and a line break kept raw in them)
HEADER_FIELDS = ("title", "author", "date_published", "license")


_BREAKS = re.compile("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]+")


def header_text(value: str) -> str:
    """A title or author as a release keeps it: one line (each run of line breaks and tabs as one space), without
    the invisible characters cleaning removes from text (controls, bidi controls and marks, zero-width space,
    BOM, soft hyphen; ZWNJ stays, Persian spelling needs it). Other spaces stay as they were given."""
    return remove_invisible(_BREAKS.sub(" ", value))


def check_document(raw: RawDocument, metadata_columns: Iterable[tuple[str, str]] = ()) -> Document | list[Issue]:
    """A validated Document, or the list of everything wrong with it. `metadata_columns` (key of its
    `metadata` -> dtype, the setting of that name) are the metadata fields it must give with that type,
    or not at all."""
    issues = schema_issues(raw.fields, raw.location)
    if issues:
        return issues
    f = raw.fields
    columns = {c.name: f.get(c.name) for c in DOCUMENT_COLUMNS}
    metadata = f.get("metadata") or {}
    strings = [(f"$.{key}", f.get(key)) for key in ("id", "url", *columns)]
    issues = []
    for name, dtype in metadata_columns:
        value = columns[name] = metadata.get(name)
        strings.append((f"$.metadata.{name}", value))
        if (problem := _metadata_problem(value, dtype)) is not None:
            issues.append(Issue(raw.location, f"$.metadata.{name}",
                                f"{problem} (metadata_columns declares {name} as {dtype})"))
        elif dtype == "float64" and value is not None:
            columns[name] = float(value)  # a whole number given for a float column
    if not id_form(f["id"]):
        issues.append(Issue(raw.location, "$.id", _blank_id(f["id"], raw.location.path)))
    issues += [Issue(raw.location, where, "contains a lone surrogate (\\ud800-\\udfff escape): not valid Unicode")
               for where, value in strings if isinstance(value, str) and _SURROGATE.search(value)]
    if _looks_binary(f["text"]):
        issues.append(Issue(raw.location, "$.text", "looks like binary data (NUL or control bytes), not text"
                            + utf16_hint(f["text"]), "binary_content"))
    if issues:
        return issues
    for key in HEADER_FIELDS:
        if isinstance(value := columns[key], str):
            columns[key] = header_text(value)
    return Document(
        id=f["id"], text=f["text"], source=raw.source, location=raw.location,
        url=f.get("url"), title=columns["title"], language=f.get("language"), metadata=metadata,
        input_sha256=raw.input_sha256, columns=columns,
    )


def _blank_id(doc_id: str, path: str) -> str:
    """Why an id of nothing but spaces (or invisible characters) is refused, and what to do: such an id is the empty
    id to the duplicate check and the takedown list (`id_form`), so no list line could name the document."""
    told = "a file's id is its path under the source without the extension: rename the file" \
        if path.lower().endswith((".txt", ".html", ".htm")) else "give the document an id with a visible character"
    return (f"{doc_id!r} is blank: an id needs a visible character (without its surrounding spaces and invisible "
            f"characters nothing is left, and the takedown list could not name it); {told}")


_INT64 = range(-(2**63), 2**63)


def _metadata_problem(value: Any, dtype: str) -> str | None:
    """Why a declared metadata value cannot be stored in its column (None: it can; null is missing)."""
    if value is None:
        return None
    if dtype == "string":
        ok = isinstance(value, str)
    elif dtype == "bool":
        ok = isinstance(value, bool)
    elif dtype == "int64":
        ok = type(value) is int and value in _INT64
    else:  # float64: any JSON number; NaN and infinity are not numbers JSON has
        ok = (type(value) is float and math.isfinite(value)) or (type(value) is int and abs(value) < 2**1023)
    return None if ok else f"{_short(repr(value))[:60]} is not {'an' if dtype[0] in 'i' else 'a'} {dtype}"


_PATH_FIRST = re.compile(r"(\$(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])+): ")


def invalid_from_reject(reject: Reject) -> Invalid:
    """Input that could not even be read as a document (bad bytes, malformed JSON, …). A reader's message that
    starts with the field it is about (a Parquet row's `$.date_published: …`) is located at that field: `validate`
    printed it after `$: ` as well (`d.parquet:2: $: $.date_published: …`)."""
    match = _PATH_FIRST.match(reject.message)
    where, message = (match.group(1), reject.message[match.end():]) if match else ("$", reject.message)
    return Invalid(reject, (Issue(reject.location, where, message, reject.reason),))


def _looks_binary(text: str) -> bool:
    """A few stray control characters are noise for cleaning; many mean the file is not text at all."""
    sample = text[:65536]
    # counted in C: each is one byte in UTF-8, and no other character has a byte below 0x80 (a regex
    # scan of every document, in both passes, was 1% of a build)
    encoded = sample.encode("utf-8", "surrogatepass")
    controls = len(encoded) - len(encoded.translate(None, CONTROL_BYTES))
    return controls >= BINARY_MIN_CONTROLS and controls > BINARY_CONTROL_SHARE * len(sample)


def invalid_from_issues(raw: RawDocument, issues: list[Issue]) -> Invalid:
    doc_id = raw.fields.get("id") if isinstance(raw.fields, dict) else None
    text = raw.fields.get("text") if isinstance(raw.fields, dict) else None
    message = "; ".join(f"{i.json_path}: {i.message}" for i in issues)
    reject = Reject.document(issues[0].reason, raw.location, raw.source, message=_short(message),
                             doc_id=doc_id if isinstance(doc_id, str) else None,
                             text=text if isinstance(text, str) else None)
    return Invalid(reject, tuple(issues))


class DuplicateIds:
    """Ids must be unique across the whole build; the first document with an id wins. Ids are compared
    in their `id_form` (NFC, no invisible characters or surrounding whitespace), as the takedown list
    compares them.

    Ids are remembered as 64-bit hashes with where they were first seen (compact.HashIndex), so a
    build of millions of documents does not hold millions of strings. (Two different ids share a
    hash with odds of about 1 in 10^7 at ten million documents.)"""

    LINE_BITS = 40

    def __init__(self) -> None:
        self.first_seen = HashIndex()
        self.paths: list[str] = []
        self.path_index: dict[str, int] = {}

    def check(self, doc: Document) -> Invalid | None:
        earlier = self.seen(doc.id, doc.location.path, doc.location.line)
        return None if earlier is None else self.duplicate(doc, earlier)

    def seen(self, doc_id: str, path: str, line: int | None) -> int | None:
        """Where `doc_id` was first seen (for `duplicate`), or None: it is new, and now taken here."""
        return self.first_seen.setdefault(id_key(doc_id), self.place(path, line))

    def place(self, path: str, line: int | None) -> int:
        """Where a document is, as one number (what `seen` keeps for an id; a build's driver keeps it in
        an index of its own, checked a batch at a time: builder.run.place)."""
        number = self.path_index.setdefault(path, len(self.path_index))
        if number == len(self.paths):
            self.paths.append(path)
        return (number << self.LINE_BITS) | (line or 0)

    def duplicate(self, doc: Document, earlier: int) -> Invalid:
        """The reject of `doc`, whose id was first seen at `earlier` (from `seen`)."""
        line = earlier & ((1 << self.LINE_BITS) - 1)
        where = Location(self.paths[earlier >> self.LINE_BITS], line or None)
        # an id that only compares equal is named by its form (escaping it would hide an address behind
        # `\u2060` from the sanitiser the message goes through)
        form = id_form(doc.id)
        shown = repr(doc.id) if form == doc.id else f"{form!r} (spelt differently: {ID_FORM})"
        message = _short(f"duplicate id {shown}, first seen at {where}")
        reject = Reject.document("duplicate_id", doc.location, doc.source, doc_id=doc.id, text=doc.text,
                                 message=message)
        return Invalid(reject, (Issue(doc.location, "$.id", message, "duplicate_id"),))


ID_FORM = "ids are compared in Unicode NFC, without invisible characters and surrounding whitespace"


def id_key(doc_id: str) -> int:
    """A document id's 64-bit key, as DuplicateIds remembers it: of its `id_form`, so that two ids the
    takedown list would take for one are one id here too."""
    return key64(hashlib.blake2b(id_form(doc_id).encode("utf-8", "surrogatepass"), digest_size=8).digest())


def check_stream(items: Iterable[RawDocument | Reject]) -> Iterator[Document | Invalid]:
    """Validate a stream: unreadable input, schema errors and repeated ids become Invalid."""
    ids = DuplicateIds()
    for item in items:
        if isinstance(item, Reject):
            yield invalid_from_reject(item)
            continue
        result = check_document(item)
        if isinstance(result, list):
            yield invalid_from_issues(item, result)
        else:
            yield ids.check(result) or result
