"""Find personal data: e-mail and IP addresses always (as FineWeb does), phones on request.

The patterns decide where an address starts and ends by ASCII characters only: the text around it
may be in any script, and in Arabic, Persian or Urdu web text an address often runs straight into
the next word (`…@gmail.comللتواصل`). With Python's Unicode `\\w`, such a neighbour looked like part
of the address and the address was missed, so every boundary here is written out in ASCII.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

# Image names like logo@2x.png look like addresses; no top-level domain is a file extension.
_NOT_TLD = r"(?!(?:png|jpe?g|gif|svg|webp|avif|bmp|ico|tiff?|pdf)(?![A-Za-z]))"
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\." + _NOT_TLD
    + r"[A-Za-z]{2,}(?![A-Za-z0-9_-])")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = re.compile(rf"(?<![A-Za-z0-9_.]){_OCTET}(?:\.{_OCTET}){{3}}(?![0-9]|\.[0-9])")
# International or long national numbers: 9+ digits, optionally grouped by spaces, dots or dashes,
# in ASCII, Arabic-Indic (٠-٩) or Persian/Urdu (۰-۹) digits.
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
PHONE = re.compile(rf"(?<![A-Za-z0-9_+\u0660-\u0669\u06f0-\u06f9])\+?{_DIGIT}(?:[ .-]?\(?{_DIGIT}\)?){{8,14}}"
                   r"(?![A-Za-z0-9_\u0660-\u0669\u06f0-\u06f9])")

PLACEHOLDERS = {"email": "<email>", "ip": "<ip>", "phone": "<phone>"}


def _patterns(phones: bool) -> list[tuple[str, re.Pattern[str], str]]:
    """(kind, pattern, a character every match holds): most text has no '@', and skipping the
    search there keeps sanitising every reject cheap."""
    return [("email", EMAIL, "@"), ("ip", IPV4, ".")] + ([("phone", PHONE, "")] if phones else [])


def redact(text: str, phones: bool = False, counts: Counter[str] | None = None) -> str:
    """The text with personal data replaced; `counts` (if given) is increased per kind replaced."""
    for kind, pattern, needed in _patterns(phones):
        if needed not in text:
            continue
        text, n = pattern.subn(PLACEHOLDERS[kind], text)
        if n and counts is not None:
            counts[kind] += n
    return text


def pseudonymise(text: str) -> str:
    """For identifiers: each e-mail or IP address becomes `<kind:HASH>` (12 hex digits of its sha256),
    so ids stay distinct and stable across rebuilds, and the rows of one document still join,
    without the address itself being written. (A hash can confirm a guessed address; it cannot
    reveal one.) Phone numbers are left: long numeric ids are common and would look like phones."""
    for kind, pattern, needed in _patterns(phones=False):
        if needed not in text:
            continue
        text = pattern.sub(lambda m: f"<{kind}:{hashlib.sha256(m.group().encode()).hexdigest()[:12]}>", text)
    return text
