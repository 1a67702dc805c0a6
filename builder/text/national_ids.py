"""National identity numbers, replaced by `<id>` with or without `--pii-phones`: a number that names one person for
life (a Saudi national id or iqama, Egypt's national number, Iran's کد ملی, a Pakistani CNIC, an Indian Aadhaar, a
US social security number), as a form, a leaked list or a forum post writes it after its name: `رقم الهوية:
1012345678`, `کد ملی من ۰۰۱۲۳۴۵۶۷۸ است`, `CNIC No. 35202-1234567-1`, `national ID 1012345678`. Before trial22 such a
number was replaced only as a phone number, with `--pii-phones`, and kept without it.

The number is found by its name (a national id has no shape of its own: ten digits are a phone number, an order or
a tweet), except a CNIC, whose grouping `NNNNN-NNNNNNN-N` nothing else uses. The value is 8 to 15 digits (ASCII,
Arabic-Indic or Persian), whole or in groups joined by `-`, `.` or a space (CNIC 5-7-1, SSN 3-2-4, Aadhaar 4-4-4,
a CPF 3.3.3-2, an Emirates ID 3-4-7-1: 15 digits, as a French NIR), after
the name and `:`, `=` or at most three words (`is`, `الخاص بي`, `من`); a word of time among those words (`since
2015`) makes it a year or a count, and it stays. A bare `ID` (`post ID: 12345678`) is no name: ids of everything
else are written so.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Make = Callable[[str, str], str]  # (kind, value) -> its replacement, as in builder.text.pii

_D = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_NAMES = (r"(?i:(?<![\w-])(?:national[ ]id(?:entity)?(?:[ ]card)?(?:[ ](?:number|no\.?))?|id(?:entity)?[ ]card[ ]"
          r"(?:number|no\.?)|id[ ](?:number|no\.)|identity[ ]number|cnic(?:[ ](?:number|no\.?))?|aadhaar(?:[ ]"
          r"(?:number|no\.?))?|ssn|social[ ]security[ ](?:number|no\.?)|iqama(?:[ ](?:number|no\.?))?"
          # other countries' (trial26): Turkish, Polish, Dutch, Brazilian, French, German, Emirati, Canadian
          r"|(?:t\.?c\.?[ ])?kimlik[ ](?:no\.?|numarası|numarasi)|pesel|bsn|burgerservicenummer|cpf"
          r"|num[ée]ro[ ]de[ ]s[ée]curit[ée][ ]sociale|steuer-?id|steueridentifikationsnummer"
          r"|emirates[ ]id(?:[ ](?:number|no\.?))?|social[ ]insurance[ ]number)(?![\w-]))"
          r"|رقم[ ]ال(?:هوية|إقامة|اقامة|سجل[ ]المدني|بطاقة[ ]الشخصية)(?:[ ]الوطنية)?|الهوية[ ]الوطنية"  # Arabic
          r"|الرقم[ ]القومي|السجل[ ]المدني|الهوية[ ]الإماراتية|هوية[ ]إماراتية"
          r"|(?:کد|شماره)[ ]?ملی|شماره[ ]شناسنامه"  # Persian
          r"|(?:قومی[ ])?شناختی[ ]کارڈ(?:[ ]نمبر)?")  # Urdu
_NUMBER = rf"{_D}{{8,15}}|{_D}{{1,6}}(?:[-. ]{_D}{{1,7}}){{1,6}}"
_NOT_AFTER = rf"(?!{_D}|\w|[.,\u066b\u066c/:-]{_D})"


class NationalId:
    """A national identity number after its name, or a CNIC by its grouping (see the module's docstring)."""

    # every name's core words, and a CNIC's grouping: a Latin name's first letter as a class first, as for the other
    # detectors (Python's re skips to it); no narrower than `pattern` (each name holds one of these), and narrow enough
    # that Arabic "مجلس", "سجل" (a verb), "قومي", Persian "ملی", "کارشناس" and English "said " do not let every
    # line through to `pattern` (they did: 1,163 substitutions, 0.5 CPU-s, in a fifth of the benchmark corpus)
    may = re.compile("[Nn](?i:ational[ ]id|um[ée]ro[ ]de[ ]s)|[Iiİı](?i:d(?:entity)?[ ]card|d[ ]n[uo]|dentity[ ]number"
                     "|qama)|[Cc](?i:nic|pf)|[Aa](?i:adhaar)|[Ss](?i:sn|ocial[ ]security|ocial[ ]insurance|teuer)"
                     "|[Kk](?i:imlik[ ]n)|[Pp](?i:esel)|[Bb](?i:sn|urgerservicen)|[Ee](?i:mirates[ ]id)"
                     "|الهوية[ ]الإماراتية|هوية[ ]إماراتية"
                     "|رقم[ ]ال(?:هوية|إقامة|اقامة|سجل|بطاقة)|الهوية[ ]الوطنية|الرقم[ ]القومي|السجل[ ]المدني"
                     "|(?:کد|شماره)[ ]?ملی|شماره[ ]شناسنامه|شناختی[ ]کارڈ"
                     rf"|{_D}{{5}}-{_D}{{7}}-{_D}")
    pattern = re.compile(rf"(?:(?P<name>{_NAMES})(?P<gap>[ \t]*[:=：][ \t]*|(?:[ \t]+[^\W\d_]{{1,12}}){{0,3}}"
                         rf"[ \t]*[:=：]?[ \t]+)(?P<number>{_NUMBER})"
                         rf"|(?<![0-9\u0660-\u0669\u06f0-\u06f9\w-])(?P<cnic>{_D}{{5}}-{_D}{{7}}-{_D}))"
                         rf"{_NOT_AFTER}")
    _NOT_AN_ID = frozenset("since from until till before after in year years منذ عام سنة حتى از سال تا سے".split())

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            if match.group("cnic") is not None:
                return make("id", match.group())
            if any(word.strip(":=：") in cls._NOT_AN_ID for word in match.group("gap").lower().split()):
                return match.group()
            if not 8 <= sum(char.isdigit() for char in match.group("number")) <= 15:
                return match.group()
            start = match.start("number") - match.start()
            return match.group()[:start] + make("id", match.group("number"))

        return cls.pattern.sub(one, text)
