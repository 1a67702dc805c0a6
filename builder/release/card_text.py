"""The card's body (README.md below its YAML) against manifest.json: the numbers it states, and no raw
e-mail or IP address.

People read the body, not the YAML: a card edited by hand (its prose is the user's: builder/release/check.py
calls it valid while its claims hold) must not tell them other counts than the release has, nor publish an
address a build would have replaced. The numbers are read where builder/release/card_template.md writes them:
the documents and lines sentences, the tables of splits, of what was removed by reason and of replaced addresses.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from builder.text.pii import EARLIER_KIND_NAMES, KIND_NAMES
from builder.text.sanitise import unsanitised

_DOCUMENTS = re.compile(r"^Documents in: \*\*(\d+)\*\* = kept \*\*(\d+)\*\* \+ rejected \*\*(\d+)\*\*\.", re.MULTILINE)
_LINES = re.compile(r"^Lines kept as paragraphs: \*\*(\d+)\*\*; lines dropped: \*\*(\d+)\*\*\.", re.MULTILINE)
_SPLIT_ROW = re.compile(r"^\| ((?:[^|\\]|\\.)+) \| (\d+) \| (\d+) \|$", re.MULTILINE)
_REASON_ROW = re.compile(r"^\| ((?:[^|\\]|\\.)+) \| (document|line) \| (\d+) \| ", re.MULTILINE)
_PII_ROW = re.compile(rf"^\| ({'|'.join(KIND_NAMES.values())}) \| (\d+) \|$", re.MULTILINE)


def card_text_problems(text: str, manifest: dict[str, Any]) -> Iterator[str]:
    """A message for each number of the card's body that differs from manifest.json, and for a raw
    address in the card."""
    counts = manifest["counts"]
    documents = [(counts["documents_in"], counts["documents_kept"], counts["documents_rejected"])]
    found = [tuple(int(n) for n in m.groups()) for m in _DOCUMENTS.finditer(text)]
    if found != documents:
        said = "no" if not found else ", ".join(f"in {a} = kept {b} + rejected {c}" for a, b, c in found)
        yield (f"the card's body states {said} document counts; manifest.json says in {documents[0][0]} = kept "
               f"{documents[0][1]} + rejected {documents[0][2]}")
    lines = [(counts.get("lines_kept"), sum(counts.get("lines_dropped_by_reason", {}).values()))]
    found = [tuple(int(n) for n in m.groups()) for m in _LINES.finditer(text)]
    if found != lines:
        yield f"the card's body states lines kept and dropped {found or 'nowhere'}; manifest.json says {lines}"
    splits = {name: (s["documents"], s["paragraphs"]) for name, s in counts["splits"].items()}
    yield from table("splits (documents, paragraphs)", section(text, "Counts"), _SPLIT_ROW, 1, splits)
    removed = {(code, kind): n for kind, key in (("document", "documents_rejected_by_reason"),
                                                 ("line", "lines_dropped_by_reason"))
               for code, n in counts.get(key, {}).items()}
    yield from table("what was removed (reason, kind)", section(text, "What was removed, and why"), _REASON_ROW,
                      2, removed)
    pii = counts.get("pii_replaced", {})
    phones = manifest.get("config", {}).get("pii_phones") or "phone" in pii
    personal = section(text, "Personal data")
    for earlier, kind in EARLIER_KIND_NAMES.items():  # a row under the name an earlier version gave it
        personal = personal.replace(f"\n| {earlier} |", f"\n| {KIND_NAMES[kind]} |")
    # cards written before credentials were replaced have no row for them: one is required once there is one; a
    # national id's row is written only where one was replaced
    secrets = "secret" in pii or f"| {KIND_NAMES['secret']} |" in personal
    yield from table("replaced addresses", personal, _PII_ROW, 1,
                      {name: pii.get(kind, 0) for kind, name in KIND_NAMES.items()
                       if (kind != "phone" or phones) and (kind != "secret" or secrets)
                       and (kind != "id" or "id" in pii or f"| {name} |" in personal)})
    yield from _addresses(text, manifest.get("version"))


def section(text: str, title: str) -> str:
    """The body of the card's `## title` section (its cells escape `#`, so no value can start one)."""
    start = text.find(f"\n## {title}\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start: end if end >= 0 else len(text)]


def table(name: str, section: str, row: re.Pattern[str], keys: int, expected: dict[Any, Any],
          whence: str = "manifest.json says") -> Iterator[str]:
    """The rows of a table (`keys` cells naming a row, then numbers) against what the manifest (or `whence`) gives."""
    found: dict[Any, Any] = {}
    for match in row.finditer(section):
        key = tuple(_unescaped(cell) for cell in match.groups()[:keys])
        value = tuple(int(cell) for cell in match.groups()[keys:])
        found[key if keys > 1 else key[0]] = value if len(value) > 1 else value[0]
    if found != expected:
        yield f"the card's table of {name} says {_shown(found)}; {whence} {_shown(expected)}"


def _unescaped(cell: str) -> str:
    return re.sub(r"\\(.)", r"\1", cell)


def _shown(table: dict[Any, Any]) -> str:
    return "{" + ", ".join(f"{' '.join(map(str, k)) if isinstance(k, tuple) else k}: {v}"
                           for k, v in sorted(table.items(), key=str)) + "}" if table else "nothing"


def _addresses(text: str, version: Any) -> Iterator[str]:
    """A raw e-mail or IP address anywhere in the card, found as a build's sanitiser finds them. The
    release's version is left out: it follows the version rule, and `1.2.3.4` is no one's address."""
    if isinstance(version, str) and version:
        text = text.replace(version, "")
    lines = [number for number, line in enumerate(text.splitlines(), 1) if unsanitised(line)]
    if lines:
        yield (f"line(s) {', '.join(map(str, lines[:5]))}{', …' if len(lines) > 5 else ''} hold an e-mail or IP "
               "address or a URL secret, which a build always replaces (with <email>, <ip> or <secret>); the card was "
               "edited after the build")
