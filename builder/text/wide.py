"""Full-width forms read as ASCII, for finding personal data only: the text written keeps them.

An East Asian input method types Latin letters, digits and signs as their full-width forms (U+FF01-U+FF5E:
`Ｐａｓｓｗｏｒｄ：`, `４１１１ １１１１ …`, `ｇｈｐ＿…`), and a leak copied through one, or written so to slip past a
filter, is that data all the same (trial24: a full-width card number, password label or token was kept while its
ASCII spelling was replaced). Each such character stands for exactly one ASCII character, so a text and its folded
form have the same length and positions: the detectors run on the folded form, and what they leave is taken back
from the text as written (`unfold`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

Make = Callable[[str, str], str]  # (kind, what was found) -> what is written in its place (builder.text.pii)

_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ！ … ～ -> ! … ~ (NFKC's mapping of the block)
# what makes a text worth folding: a full-width letter or digit, or the signs an address or a label is written with
# (real characters, for RE2 as for Python's re)
WIDE = "[０-９Ａ-Ｚａ-ｚ＠＝：]"
_WIDE = re.compile(WIDE)


def fold(text: str) -> str:
    """The text with each full-width form as the ASCII character it stands for (same length, same positions)."""
    return text.translate(_FOLD)


def detect_folded(text: str, make: Make, detect: Callable[[str, Make], str]) -> str:
    """`detect(text, make)`, where the text holds a full-width letter, digit or sign run on its fold instead, and
    what the detectors leave of it written as the text wrote it (see unfold)."""
    if _WIDE.search(text) is None:
        return detect(text, make)
    made: list[str] = []

    def marking(kind: str, found: str) -> str:
        made.append(written := make(kind, found))
        return written

    folded = fold(text)
    return unfold(text, folded, detect(folded, marking), made)


def unfold(text: str, folded: str, replaced: str, made: list[str]) -> str:
    """`replaced` (the detectors' output for `folded`, the fold of `text`, having written each of `made` in place of
    what it found) with the text between those as `text` wrote it. Each such piece is a piece of `folded`, in
    order, and each replacement stands for at least one character. Where a piece is not found so (a later detector
    took part of an earlier one's replacement), the folded output is returned: the data stays replaced, the
    full-width forms around it are lost."""
    if replaced == folded:
        return text
    if not made:
        return replaced
    between = re.compile("|".join(re.escape(written) for written in sorted(set(made), key=len, reverse=True)))
    pieces, holders = between.split(replaced), between.findall(replaced)
    if not folded.startswith(pieces[0]):
        return replaced
    out, at = [text[:len(pieces[0])]], len(pieces[0])
    for n, (holder, piece) in enumerate(zip(holders, pieces[1:], strict=True), 1):
        start = folded.find(piece, at + 1) if n < len(holders) else len(folded) - len(piece)
        if start <= at or folded[start:start + len(piece)] != piece:
            return replaced
        out += [holder, text[start:start + len(piece)]]
        at = start + len(piece)
    return "".join(out)
