"""Bytes to text, the one way every reader does it: strict UTF-8, and a reject that points at the
first bad byte when it is not. A web page alone may say it is in another encoding (decode_page)."""

from __future__ import annotations

import re

from builder.outcomes import Location, Reject
from builder.read.inputs import InputFile, Limits


def decode_utf8(data: bytes, where: Location, source: str, *, guess_encoding: bool = False) -> str | Reject:
    """Strict UTF-8; on failure a Reject that points at the first bad byte (`where.line` is the line
    `data` starts on)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return invalid_utf8(data, exc, where, source, guess_encoding=guess_encoding)


def invalid_utf8(data: bytes, exc: UnicodeDecodeError, where: Location, source: str, *,
                 guess_encoding: bool = False) -> Reject:
    """The reject; with guess_encoding (a whole file, not one of the millions of lines a JSONL file may have), it
    names the encoding the bytes look like and the command that converts them."""
    line = (where.line or 1) + data.count(b"\n", 0, exc.start)
    message = f"invalid UTF-8 at byte {exc.start}: {exc.reason}{_conversion_hint(data, guess_encoding)}"
    return Reject.document("invalid_utf8", Location(where.path, line), source, message=message)


HINT_BYTES = 1 << 16  # what the encoding is guessed from: enough to tell cp1252 from cp1256, cheap on a big file
# a well-formed UTF-8 sequence of two to four bytes
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
GUESS_FROM = 5  # fewer bytes outside ASCII than this, and any guess at their code page is noise
# the code pages guessed among, most used on the web first (which a tie goes to: cp1250, cp1252 and cp1257
# read a French sentence alike); a guess among all of Python's codecs named cp775 and cp1006 for such text
# ISO-8859-6 and -5 last: without them Arabic in ISO-8859-6 was told CP874 (Thai) and Russian in -5 CP1251
CODE_PAGES = ("cp1252", "cp1256", "cp1251", "cp1250", "cp1253", "cp1254", "cp1255", "cp1257", "cp874", "gb18030",
              "big5", "shift_jis", "euc_jp", "euc_kr", "koi8_r", "iso8859_6", "iso8859_5")


def _conversion_hint(data: bytes, guess_encoding: bool) -> str:
    """The encoding the bytes look like and the command that converts them, when a guess can be made: a file
    saved as UTF-16 or in a legacy code page (windows-1256, cp1252) is a common cause, and converting it is the
    fix. No guess for UTF-8 with a few bad bytes (most of its bytes outside ASCII form UTF-8 sequences, or there
    are too few to tell): converting it would garble the rest. charset_normalizer (a dependency of requests,
    which datasets needs) guesses; only a rejected file pays."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return " (it looks like UTF-16: convert it with `iconv -f UTF-16 -t UTF-8`)"
    sample = data[:HINT_BYTES]
    outside_ascii = len(sample) - len(sample.translate(None, bytes(range(0x80, 0x100))))
    in_sequences = sum(len(sequence) for sequence in _UTF8_SEQUENCE.findall(sample))
    if not guess_encoding or outside_ascii < GUESS_FROM or 2 * in_sequences >= outside_ascii:
        return ""
    from charset_normalizer import from_bytes

    guesses = [g for g in from_bytes(sample, cp_isolation=list(CODE_PAGES)) if g.encoding in CODE_PAGES]
    if not guesses:
        return ""
    guess = min(guesses, key=lambda g: (g.chaos, -g.coherence, CODE_PAGES.index(g.encoding)))
    name = _same_reading(sample, guess.encoding).upper().replace("_", "-")
    return f" (it looks like {name}: convert it with `iconv -f {name} -t UTF-8`)"


def _same_reading(sample: bytes, encoding: str) -> str:
    """CP1252 (ISO-8859-1's letters, the most used code page) in place of the code page guessed when the sample
    reads the same in both: a German file's ä ö ü ß sit at the same bytes in CP1250, which charset_normalizer may
    prefer (trial23), and a user told CP1250 looks for a Central European file they do not have."""
    try:
        same = encoding != CODE_PAGES[0] and sample.decode(encoding) == sample.decode(CODE_PAGES[0])
    except UnicodeDecodeError:
        return encoding
    return CODE_PAGES[0] if same else encoding


UTF16_SAMPLE = 4096  # characters: enough to tell text from binary data, cheap on a rejected file


def utf16_hint(text: str) -> str:
    """For a text rejected as binary data: the conversion to name when it is UTF-16 saved without a BOM (trial22:
    such a file is valid UTF-8 when its characters are below U+0800 — ASCII, Arabic, Persian, Urdu — every other
    byte a NUL or 0x06, so it was read, and rejected as binary data without a word of UTF-16). The text is its
    bytes when it is ASCII, as every character of such a file is; it is read as UTF-16LE and UTF-16BE, and the
    one that gives text with no control character is named."""
    sample = text[:UTF16_SAMPLE]
    if not sample.isascii():
        return ""
    data = sample.encode("ascii")[:len(sample) // 2 * 2]
    for name in ("UTF-16LE", "UTF-16BE"):
        decoded = data.decode(name, "replace")
        if decoded and all(char.isprintable() or char in "\t\n\r" for char in decoded):
            return f" (it looks like {name} without a byte order mark: convert it with `iconv -f {name} -t UTF-8`)"
    return ""


# a page that says it is UTF-8: a BOM, or the first charset (<meta charset>, http-equiv) or XML encoding
# declared in the first 1,024 bytes, where a browser looks for it
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
DECLARATION_BYTES = 1024


def decode_page(data: bytes, where: Location, source: str) -> str | Reject:
    """A web page's text, decoded as trafilatura decodes it (after undoing a gzip/zstd/brotli encoding): as
    UTF-8 when it is valid UTF-8, whatever its <meta> says (a page that claims iso-8859-1 and is UTF-8 is
    common), else in the first encoding trafilatura's guess lists that fits all its bytes. Unlike trafilatura,
    which then falls back to UTF-8 with U+FFFD for every bad byte, a page that says it is UTF-8, or that no
    encoding fits, is UTF-8 with bad bytes: the invalid_utf8 reject of a .txt file, located the same way."""
    from trafilatura.utils import detect_encoding, handle_compressed_file

    data = handle_compressed_file(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if not _declares_utf8(data):
            for guess in detect_encoding(data):
                try:
                    return data.decode(guess)
                except (LookupError, UnicodeDecodeError):
                    continue
        return invalid_utf8(data, exc, where, source, guess_encoding=True)


def _declares_utf8(data: bytes) -> bool:
    if data.startswith(b"\xef\xbb\xbf"):
        return True
    declared = _DECLARED.search(data, 0, DECLARATION_BYTES)
    return declared is not None and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"") == b"utf8"


def whole_file(file: InputFile, limits: Limits) -> bytes | Reject:
    """The bytes of a file that is one document (.txt, .html), refused unread when it is over
    max_document_bytes."""
    size = file.size()
    if size > limits.max_document_bytes:
        return Reject.document("too_large", Location(file.display), file.relative, message=f"{size} bytes, over the "
                               f"limit of {limits.max_document_bytes} (max_document_bytes)")
    with file.open() as f:
        data = f.read(limits.max_document_bytes + 1)  # bounded, should the file have grown since
    if len(data) > limits.max_document_bytes:
        return Reject.document("too_large", Location(file.display), file.relative, message=f"over the limit of "
                               f"{limits.max_document_bytes} bytes (max_document_bytes)")
    return data
