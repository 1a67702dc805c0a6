"""ux28 row 11: passport numbers after the word passport (en/ar/fa/ur/fr), MAC addresses and IPv4 addresses written
with spaced or bracketed dots were kept. Each is replaced now, with or without --pii-phones; the near misses (years,
counts, prices, dates, versions, scores, times, phone-like figures) stay."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from builder.text.pii import may_hold, redact, redacts
from tests.conftest import text_for
from tests.planted import build_files, every_output_text, release_problems

REPLACED = {
    # passports, after their name, in the languages asked for and a few more
    "passport number X12345678": ("passport number <id>", "id"),
    "Passport No. AB1234567 was issued in 2019": ("Passport No. <id> was issued in 2019", "id"),
    "my passport is J8369854.": ("my passport is <id>.", "id"),
    "رقم جواز السفر A12345678": ("رقم جواز السفر <id>", "id"),
    "جواز سفر رقم: ١٢٣٤٥٦٧٨٩": ("جواز سفر رقم: <id>", "id"),
    "شماره پاسپورت من K12345678 است": ("شماره پاسپورت من <id> است", "id"),
    "شماره گذرنامه: ۱۲۳۴۵۶۷۸": ("شماره گذرنامه: <id>", "id"),
    "پاسپورٹ نمبر AB1234567 ہے": ("پاسپورٹ نمبر <id> ہے", "id"),
    "numéro de passeport 12AB34567": ("numéro de passeport <id>", "id"),
    "N° de passeport : 19FV12345": ("N° de passeport : <id>", "id"),
    "número de pasaporte: PAA123456": ("número de pasaporte: <id>", "id"),
    # MAC addresses
    "the laptop's MAC 00:1A:2B:3C:4D:5E was logged": ("the laptop's MAC <id> was logged", "id"),
    "adapter 00-1a-2b-3c-4d-5e.": ("adapter <id>.", "id"),
    "show mac 001a.2b3c.4d5e": ("show mac <id>", "id"),
    "bssid 00:11:22:33:44:55": ("bssid <id>", "id"),
    # IPv4 with spaced or bracketed dots
    "the server at 192 . 168 . 1 . 1 was down": ("the server at <ip> was down", "ip"),
    "ping 10 .0 .0 .1 now": ("ping <ip> now", "ip"),
    "C2 at 203[.]0[.]113[.]7": ("C2 at <ip>", "ip"),
    "dns 8(.)8(.)4(.)4": ("dns <ip>", "ip"),
    "host 192 dot 168 dot 1 dot 1": ("host <ip>", "ip"),
    "host 192 .168 .1 .1": ("host <ip>", "ip"),
}


@pytest.mark.parametrize("phones", [False, True])
@pytest.mark.parametrize("text", list(REPLACED))
def test_passports_macs_and_spaced_ips_are_replaced(text: str, phones: bool) -> None:
    counts: Counter[str] = Counter()
    expected, kind = REPLACED[text]
    assert redact(text, phones=phones, counts=counts) == expected
    assert counts == {kind: 1}
    assert may_hold([text], phones=phones) == [True]
    assert redacts([text], phones=phones) == [True]


@pytest.mark.parametrize("text", [
    "passport 2024",  # a year
    "Henley Passport Index 2024 ranks Japan first with 193 destinations",
    "passport fees rose to 150000 rials",  # a word between that says something else
    "passport issued 12.03.2019",  # a date
    "passport photo 35x45",
    "Passport number 1234567.89 dollars",
    "The passport office handled 12345678 applications",
    "passports 12345678",  # not the word passport
    "He scored 10. 20 people came. 30 left. 40 stayed",  # full stops
    "the vote was 120 . 130 . 140 . 150 . 160",  # five numbers: a row, not an address
    "pages 3 . 4 . 5 . 6",  # four small numbers split by spaced dots only
    "scores 300 . 168 . 1 . 1",  # past 255
    "version 1 . 2", "chapters 1 . 2 . 3",
    "12:30:45", "score 12:30:45:00:11",  # times and scores
    "FF:FF:FF:FF:FF:FF", "00:00:00:00:00:00",  # broadcast and empty: no device
    "2024-01-02-03-04-05", "12-34-56-78-90-12", "1234.5678.9012",  # dates and figures in pairs and fours
    "aa:bb:cc:dd:ee:ff:00",  # seven pairs
    "dates 01.02.2024",
    "c0 .27 0 .54.09.72 0 .27.09.54", "M1 .36.72.09.99",  # an SVG path's decimals: dots not written alike
])
def test_near_misses_stay(text: str) -> None:
    assert redact(text, phones=False) == text
    assert redacts([text]) == [False]


def test_a_release_replaces_them_everywhere_and_its_card_names_the_kind(tmp_path: Path) -> None:
    planted = ["X12345678", "00:1A:2B:3C:4D:5E", "192 . 168 . 7 . 9"]
    out = build_files(tmp_path, {"post.txt": "\n".join([
        text_for("kept"),
        f"The clerk copied his passport number {planted[0]} and the laptop's address {planted[1]} into the log.",
        f"The router at {planted[2]} kept the log for a week, the report said.",
    ]) + "\n"})
    written = every_output_text(out)
    assert [value for value in planted if value in written] == []
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "| id numbers: national ids, passports, MAC addresses | 2 |" in card
    assert release_problems(out) == []
    # a card written before session 28 names the row "national id numbers": it still validates
    (out / "README.md").write_text(card.replace("| id numbers: national ids, passports, MAC addresses |",
                                                "| national id numbers |"), encoding="utf-8")
    assert release_problems(out) == []
