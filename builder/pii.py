"""Replace personal data with placeholders: e-mail and IP addresses always (as FineWeb does), phones on request."""

from __future__ import annotations

import re
from collections import Counter

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w])")
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
IPV4 = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?![0-9]|\.[0-9])")
# International or long national numbers: 9+ digits, optionally grouped by spaces, dots or dashes.
PHONE = re.compile(r"(?<![\w+])\+?[0-9](?:[ .-]?\(?[0-9]\)?){8,14}(?![\w])")

PLACEHOLDERS = {"email": "<email>", "ip": "<ip>", "phone": "<phone>"}


def redact(text: str, phones: bool = False, counts: Counter[str] | None = None) -> str:
    """The text with personal data replaced; `counts` (if given) is increased per kind replaced."""
    patterns = [("email", EMAIL), ("ip", IPV4)] + ([("phone", PHONE)] if phones else [])
    for kind, pattern in patterns:
        text, n = pattern.subn(PLACEHOLDERS[kind], text)
        if n and counts is not None:
            counts[kind] += n
    return text
