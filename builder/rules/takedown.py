"""Takedown lists: documents to leave out of a release, by id or URL, applied and recorded as proof.

A removal request names a document the way its sender sees it, which is rarely byte for byte the
way the crawl stored it, and a missed takedown is the costly mistake. So entries and documents are
compared on a normalised form:

- ids: as the duplicate-id check compares them (builder.text.ids.id_form): Unicode NFC, invisible
  characters and surrounding whitespace removed, otherwise exact (case-sensitive; a Cyrillic `а` is not
  a Latin `a`), so an entry removes the document with that id and nothing the build takes for another;
- URLs (entries starting with http:// or https://, any case): NFC; scheme, user name and password,
  fragment and default port (80, 443) dropped, so http and https match; host lower-cased, IDNA
  (punycode) form, a leading `www.` and trailing dot dropped; path and query with percent-encoding
  normalised (`%7e` = `~`, `%d9%85` = `%D9%85` = `م`; an encoded reserved character such as `%2F`
  stays distinct from `/`), a trailing `/` and an empty `?` dropped; in the path, the dot segments `/./`
  and `/../` resolved (RFC 3986 5.2.4, as a browser resolves them) and runs of `/` read as one (as most
  servers serve them: a request pasted from a log or a hand-edited link has them, the crawl's URL not);
  in the query, tracking parameters dropped (`utm_*`, `fbclid`, `gclid`: a link shared from a newsletter
  or a social network carries them). Path and query stay case-sensitive, and the query keeps its order
  (trial26). A URL entry also matches a document whose id is
  that text. An entry as a request or a mail pastes a URL is read as that URL too: wrapped in `<…>` or
  quotes, or without its scheme (`www.example.com/news/1`, `example.com/news/1`, `//example.com/news/1`: a
  host with a dot, then `/`, `?`, `#` or the end), where before it was read as an id alone and matched
  nothing (trial26). Such an entry still matches a document with that id too. A URL entry that ends in
  `,`, `;` or `.` (a column of a CSV file, the end of a sentence) also matches the URL without them.

The matching runs where documents are processed (builder.run.work), so an excluded document's text is
never in a worker's result, and so never in the build cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlsplit

import numpy as np

from builder.read.setting_files import SettingFileError, setting_file_chunks
from builder.run.compact import key64
from builder.text.ids import id_form
from builder.text.sanitise import identifier
from builder.user_paths import set_to


class TakedownError(ValueError):
    """The list cannot be read (a usage error)."""


_URL = re.compile(r"https?://", re.IGNORECASE)
# a URL written without its scheme: a host name with a dot (its last label starting with a letter, so `3.5/x` is
# none), an optional port, then the path, query, fragment or the end
_BARE_URL = re.compile(r"(?://)?(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_][\w-]*\.?(?::[0-9]+)?(?:[/?#]|$)")
_WRAPS = (("<", ">"), ('"', '"'), ("'", "'"), ("\u201c", "\u201d"))
_ESCAPE = re.compile(rb"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_KEEP = "!#$%&'()*+,/:;=?@[]~"  # reserved characters (and %) that quote() must leave as they are


def normalize_url(url: str) -> str:
    """The form of a URL that takedown entries and documents are compared on (see the module docstring)."""
    text = unicodedata.normalize("NFC", url.strip())
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # not a URL urllib can take apart (a bad port, a broken IPv6 host): compare as written
        return text
    host = (parts.hostname or "").rstrip(".")
    with contextlib.suppress(UnicodeError):
        host = host.encode("idna").decode("ascii")
    host = f"[{host}]" if ":" in host else host.removeprefix("www.")  # an IPv6 address keeps its brackets
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    path = _dot_segments(_percent(parts.path)).rstrip("/")
    query = _untracked(_percent(parts.query))
    return f"//{netloc}{path}" + (f"?{query}" if query else "")


_SLASHES = re.compile(r"//+")
# query parameters that say where a link was shared, never which page it is (names compared in lower case)
_TRACKING = re.compile(r"(?:utm_[^=&]*|fbclid|gclid)(?:=|$)", re.IGNORECASE)


def _dot_segments(path: str) -> str:
    """A path with runs of `/` read as one and `.` and `..` segments resolved (RFC 3986 5.2.4); `..` at the
    root stays at the root. Called after _percent, which decodes `%2E` to `.`."""
    if "//" not in path and "/." not in path:
        return path  # the usual URL: nothing to do (every document's URL comes through here)
    path = _SLASHES.sub("/", path)
    out: list[str] = []
    segments = path.split("/")
    for number, segment in enumerate(segments):
        last = number == len(segments) - 1
        if segment == ".":
            if last:
                out.append("")
        elif segment == "..":
            if len(out) > 1:
                out.pop()
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/".join(out)


def _untracked(query: str) -> str:
    """The query without its tracking parameters (_TRACKING), the rest in their order."""
    if not _TRACKING.search(query):
        return query
    return "&".join(p for p in query.split("&") if p and not _TRACKING.match(p))


# The characters that make _percent's round trip do more than quote() would: ASCII that quote() escapes
# (and that an escape must then keep), and `%`, an escape already written.
_ESCAPED_ASCII = re.compile(r'[\x00-\x20"%<>\\^`{|}\x7f]')


def _percent(component: str) -> str:
    """One canonical spelling of a path or query: unreserved characters and UTF-8 text decoded and
    in NFC, then everything outside ASCII's safe set percent-encoded with upper-case hex."""
    if not _ESCAPED_ASCII.search(component) and unicodedata.is_normalized("NFC", component):
        # Nothing to decode: every escape the round trip below would decode is a byte of a character
        # quote() escaped, and the text is NFC already, so it gives quote()'s spelling (every document's
        # URL is normalised in the first pass: the round trip was 2% of a build)
        return quote(component, safe=_KEEP, errors="surrogatepass")
    return _percent_round_trip(component)


def _percent_round_trip(component: str) -> str:
    """_percent without its shortcut."""
    encoded = quote(component, safe=_KEEP, errors="surrogatepass").encode("ascii")

    def decode(match: re.Match[bytes]) -> bytes:
        value = int(match[1], 16)
        return bytes([value]) if value >= 0x80 or value in _UNRESERVED else b"%" + match[1].upper()

    data = _ESCAPE.sub(decode, encoded)
    try:
        text = unicodedata.normalize("NFC", data.decode("utf-8"))
    except UnicodeDecodeError:  # percent-encoded bytes that are not UTF-8: keep them as bytes
        return quote(data, safe=_KEEP)
    return quote(text, safe=_KEEP, errors="surrogatepass")


def entry_keys(entry: str) -> set[str]:
    """What one line of the list matches: an id, and for a URL also the normalised URL."""
    keys = {"id:" + id_form(entry)}
    if (url := _as_url(entry)) is not None:
        keys.add("url:" + normalize_url(url))
        if (trimmed := url.rstrip(",;.")) != url:  # a CSV column's comma, a sentence's full stop
            keys.add("url:" + normalize_url(trimmed))
    return keys


def _as_url(entry: str) -> str | None:
    """The URL an entry names (see the module docstring), or None."""
    text = id_form(entry)
    if len(text) > 2 and (text[0], text[-1]) in _WRAPS:
        text = id_form(text[1:-1])
    if _URL.match(text):
        return text
    if _BARE_URL.match(text) and not any(char.isspace() for char in text):
        return "http://" + text.removeprefix("//")
    return None


def document_keys(fields: Any) -> list[str]:
    """What a raw document can be matched on: its id and its URL, when they are strings."""
    if not isinstance(fields, dict):
        return []
    keys = []
    if isinstance(doc_id := fields.get("id"), str):
        keys.append("id:" + id_form(doc_id))
    if isinstance(url := fields.get("url"), str):
        keys.append("url:" + normalize_url(url))
    return keys


def hashed(keys: Iterable[str]) -> np.ndarray:
    """64-bit hashes of match keys: what the build cache keeps to know which files a list touches."""
    return np.array([key64(hashlib.blake2b(k.encode("utf-8", "surrogatepass"), digest_size=8).digest())
                     for k in keys], dtype=np.uint64)


# Opt-out lists of millions of URLs run to hundreds of MB; the list is read in chunks, so what it costs in memory is
# its entries (a regular file of at most this size, read without blocking: builder.read.setting_files).
MAX_LIST_BYTES = 4 * 1024 * 1024 * 1024


def _lines(chunks: Iterable[bytes], digest: Any) -> Iterator[bytes]:
    """The lines of a file read in chunks (ends \n, \r\n or \r, as str.splitlines takes them in a list), each
    chunk added to `digest` as it goes by."""
    rest = b""
    for chunk in chunks:
        digest.update(chunk)
        lines = (rest + chunk).splitlines(keepends=True)
        rest = lines.pop() if lines and not lines[-1].endswith(b"\n") else b""  # may go on in the next chunk
        yield from (line.rstrip(b"\r\n") for line in lines)
    if rest:
        yield rest.rstrip(b"\r")


@dataclass(frozen=True)
class Takedown:
    """A loaded list. It travels to the workers, so it holds only what matching needs."""

    entries: tuple[str, ...] = ()  # as written, trimmed, in list order, without repeats
    lines: tuple[int, ...] = ()  # the line each entry is first on (1-based), as `entries`
    keys: frozenset[str] = frozenset()
    sha256: str | None = None

    @classmethod
    def load(cls, path: str | None, name: str = "--exclude") -> Takedown:
        """One entry per line: a document id, or a URL (http:// or https://); # starts a comment. `name`:
        where the path came from, for messages (the flag, or a config file's key: BuildConfig.origin)."""
        if path is None:
            return cls()
        first_on: dict[str, int] = {}
        digest = hashlib.sha256()
        number = 0
        try:
            for number, raw in enumerate(_lines(setting_file_chunks(path, name, MAX_LIST_BYTES), digest), 1):
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
                if line.strip() and not line.lstrip().startswith("#"):
                    first_on.setdefault(id_form(line), number)
        except SettingFileError as exc:
            raise TakedownError(str(exc)) from None
        except UnicodeDecodeError as exc:
            raise TakedownError(f"{set_to(name, path)}:{number}: cannot read the list: {exc}; save it as UTF-8 "
                                "text") from None
        entries = tuple(first_on)
        keys = frozenset(k for entry in entries for k in entry_keys(entry))
        return cls(entries, tuple(first_on.values()), keys, digest.hexdigest())

    def match(self, fields: Any) -> tuple[str, ...]:
        """The keys of this list that a raw document's fields match (empty: not excluded)."""
        if not self.keys:
            return ()
        return tuple(k for k in document_keys(fields) if k in self.keys)


@dataclass
class TakedownReport:
    """What the list did in this build, gathered in build order in the main process."""

    takedown: Takedown
    excluded: list[str] = field(default_factory=list)  # ids (or locations) of the documents left out
    matched: set[str] = field(default_factory=set)

    def add(self, name: str, keys: Iterable[str]) -> None:
        self.excluded.append(name)
        self.matched.update(keys)

    def unmatched(self) -> list[tuple[int, str]]:
        """(line, entry) of the entries that matched no document, in list order."""
        return [(line, e) for line, e in zip(self.takedown.lines, self.takedown.entries, strict=True)
                if not entry_keys(e) & self.matched]

    def record(self, unmatched: list[tuple[int, str]]) -> dict[str, Any] | None:
        """What the manifest keeps: the list's hash and size, which documents it removed, and which
        entries matched nothing (a misspelt id, a document no longer in the inputs) by the sha256 of each
        (12 hex digits): the list is any file the configuration names, and the manifest is published, so an
        entry that names no document is not copied into it (the build's summary gives its line in the list).
        `unmatched`: `self.unmatched()`, which the caller also shows."""
        if self.takedown.sha256 is None:
            return None
        # identifiers as everywhere in the output (builder.text.sanitise): the ids listed are the rejects' doc_ids
        return {"sha256": self.takedown.sha256, "entries": len(self.takedown.entries),
                "excluded": [identifier(i) for i in self.excluded],
                "unmatched_sha256": [hashlib.sha256(e.encode("utf-8", "surrogatepass")).hexdigest()[:12]
                                     for _, e in unmatched]}
