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

Ids that hold letters have a shape of their own (`LetteredId`, one class a shape: a Spanish DNI or NIE, an Italian
codice fiscale, a Chinese resident id, a UK National Insurance number, a German identity card's number): after
their name, or alone where the shape's check character holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import ClassVar

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


def _after_name(names: str, shape: str, edge: str = r"\w-") -> re.Pattern[str]:
    """An id of this shape, with its name before it (`name`: then `:`, `=`, `#`, `-` or up to two words, `No.`) or
    without one; no `edge` character (a class's body: a word's by default) right before or after the id."""
    return re.compile(rf"(?:(?P<name>{names})(?:[ \t]*[:=：#-][ \t]*|(?:[ \t]+[^\W\d_]{{1,8}}\.?){{0,2}}"
                      rf"[ \t]*[:=：]?[ \t]*))?(?<![{edge}])(?P<id>{shape})(?![{edge}])")


class LetteredId:
    """One country's identity number that holds letters, and so has a shape of its own (trial26: `DNI 12345678Z`,
    `身份证号 11010519491231002X`, `NINO QQ 12 34 56 C` were kept, with `--pii-phones` too). After its name it is
    replaced as written; without one, only where the shape has a check character and it holds (`valid`), as a card
    number counts only when its Luhn digit does. A check of one character in 23 or 26 passes by chance once in so
    many codes of the shape, which are rare in prose (eight digits run into a capital, sixteen letters and digits in
    a fixed order): what that cost over the corpus is in benchmarks/README.md (session 26). A class gives its
    pattern (_after_name) and check; `may` is no narrower than `pattern`, starts with a class or a literal (Python's
    re skips to it) and is valid RE2."""

    may: ClassVar[re.Pattern[str]]
    pattern: ClassVar[re.Pattern[str]]

    @classmethod
    def valid(cls, code: str) -> bool:
        return False  # found by its name only

    @classmethod
    def replace(cls, text: str, make: Make) -> str:
        def one(match: re.Match[str]) -> str:
            if match.group("name") is None and not cls.valid(match.group("id")):
                return match.group()
            start = match.start("id") - match.start()
            return match.group()[:start] + make("id", match.group("id"))

        return cls.pattern.sub(one, text)


_DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"


class SpanishId(LetteredId):
    """A Spanish DNI (eight digits and a letter: `12345678Z`, `12345678-Z`) or a foreigner's NIE (`X`, `Y` or `Z`,
    seven digits, a letter: `X1234567L`). The letter is the number mod 23 (the NIE's first letter read as 0, 1 or
    2) in the Interior Ministry's table (Real Decreto 1553/2005, art. 11)."""

    may = re.compile("[0-9]{7}-?[A-Z]")
    pattern = _after_name(r"(?<![\w-])(?:DNI|NIE|NIF|N\.I\.[EF]\.|(?i:documento[ ]nacional[ ]de[ ]identidad))",
                          "(?:[XYZ]-?[0-9]{7}|[0-9]{8})-?[A-Z]")

    @classmethod
    def valid(cls, code: str) -> bool:
        plain = code.replace("-", "")
        number = str("XYZ".index(plain[0])) + plain[1:-1] if plain[0] in "XYZ" else plain[:-1]
        return plain[-1] == _DNI_LETTERS[int(number) % 23]


# the value of each character at an odd place (1st, 3rd, …) of a codice fiscale; at an even place a digit is itself
# and a letter its place in the alphabet from 0 (Decreto ministeriale 23 dicembre 1976, allegato)
_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", [1, 0, 5, 7, 9, 13, 15, 17, 19, 21] * 2
                + [2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23], strict=True))
_EVEN = {**{str(d): d for d in range(10)}, **{chr(65 + i): i for i in range(26)}}


class ItalianFiscalCode(LetteredId):
    """An Italian codice fiscale, sixteen characters: six letters of the surname and name, the year's two digits, a
    letter for the month, the day's two digits (plus 40 for a woman), a place's letter and three digits, a check
    letter (`RSSMRA85T10A562S`); where two people's codes would be alike a digit is written as a letter (omocodia,
    `LMNPQRSTUV` for 0-9)."""

    may = re.compile("[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST]")
    _DIGIT = "[0-9LMNPQRSTUV]"
    pattern = _after_name(r"(?i:(?<![\w-])(?:codice[ ]fiscale|cod\.[ ]?fisc\.|c\.f\.))",
                          rf"[A-Z]{{6}}{_DIGIT}{{2}}[ABCDEHLMPRST]{_DIGIT}{{2}}[A-Z]{_DIGIT}{{3}}[A-Z]")

    @classmethod
    def valid(cls, code: str) -> bool:
        total = sum(_ODD[char] if place % 2 == 0 else _EVEN[char] for place, char in enumerate(code[:15]))
        return code[15] == chr(65 + total % 26)


_CN_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


class ChineseResidentId(LetteredId):
    """A Chinese resident identity card's number (GB 11643-1999): six digits of the place, the birth date
    (`YYYYMMDD`), three of order, a check digit or `X` (ISO 7064 MOD 11-2): `11010519491231002X`. Without its
    name it counts only with a date of birth that can be one (1900-2099) and its check, so that an 18-digit order or
    tweet id passes once in some 2,400 times, not 11."""

    may = re.compile("[0-9]{17}[0-9Xx]")
    # (Chinese writes the number straight after its name or a word: only a Latin letter or digit may not touch it)
    pattern = _after_name("身份证(?:号码|号|编号)?|身份證(?:號碼|號|編號)?|(?i:(?<![\\w-])resident[ ]id(?:entity)?"
                          "(?:[ ]card)?(?:[ ](?:number|no\\.?))?)", "[1-9][0-9]{16}[0-9Xx]", "0-9A-Za-z_-")

    @classmethod
    def valid(cls, code: str) -> bool:
        year, month, day = int(code[6:10]), int(code[10:12]), int(code[12:14])
        if not (1900 <= year <= 2099 and 1 <= month <= 12 and 1 <= day <= 31):
            return False
        total = sum(int(digit) * weight for digit, weight in zip(code, _CN_WEIGHTS, strict=False))
        return code[17].upper() == "10X98765432"[total % 11]


class UkNationalInsuranceNumber(LetteredId):
    """A UK National Insurance number: two letters, six digits (often in pairs), a letter A-D (`QQ 12 34 56 C`); it
    has no check character, and two capitals and six digits are also a vehicle's or a part's code, so only after
    its name."""

    may = re.compile("[Nn](?i:ational[ ]insurance|i[ ]n[uo])|NINO")
    pattern = _after_name(r"(?<![\w-])(?:(?i:national[ ]insurance(?:[ ](?:number|no\.?))?|ni[ ](?:number|no\.?))|NINO)",
                          "[A-Z]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[0-9]{2}[ ]?[A-D]")


class GermanIdCardNumber(LetteredId):
    """A German identity card's (Personalausweis) or passport's number, nine characters from the letters and digits
    the Bundesdruckerei uses (no vowels, no B, D, Q, S), perhaps with its check digit (`T22000129`, `T220001293`):
    a code of that shape is anything (an order, a part), so only after its name."""

    may = re.compile("[Aa](?i:usweis)|[Rr](?i:eisepass)")
    pattern = _after_name(r"(?<![\w-])(?i:(?:personal)?ausweis(?:nummer|[ -]?nr\.?)?|personalausweises|"
                          r"reisepass(?:nummer|[ -]?nr\.?)?)",
                          "(?=[0-9CFGHJKLMNPRTVWXYZ]{0,8}[0-9])[CFGHJKLMNPRTVWXYZ][0-9CFGHJKLMNPRTVWXYZ]{8}[0-9]?")


# A passport's name in English, French, Spanish, Portuguese, Italian, Turkish, Polish, Arabic (`جواز السفر`), Persian
# (`پاسپورت`, `گذرنامه`) and Urdu (`پاسپورٹ`), with its `number`/`No.`/`رقم`/`شماره`/`نمبر` before or after it
_PASSPORT = (r"(?:(?<![\w-])(?i:(?:num[ée]ro[ ]de[ ]|n°[ ]?(?:de[ ])?)?(?:passport|passeport|pasaporte|passaporte"
             r"|passaporto|pasaport|paszport)(?:[ ](?:number|no\.?|nr\.?|num[ée]ro|n°|#))?)"
             r"|(?:رقم[ ])?جواز[ ](?:ال)?سفر(?:[ ]رقم)?|(?:شماره[ ])?(?:پاسپورت|گذرنامه)(?:[ ]شماره)?"
             r"|پاسپورٹ(?:[ ]نمبر)?)")
# between the name and the number: a sign, or a few words that say whose or that it is (`is`, `est`, `من`, `ہے`)
_PASSPORT_GAP = (r"(?:[ \t]*[:=：#-][ \t]*|[ \t]+(?:(?i:is|was|:|est|es|é|my|his|her|mon|son|sa)[ \t]+){0,2}"
                 r"|[ \t]+(?:(?:من|او|ایشان|هو|هي|کا|کی|ہے)[ \t]+){0,2})")
_PASSPORT_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"


class PassportNumber(LetteredId):
    """A passport's number after the word passport (ux28 row 11: `passport number X12345678`, `رقم جواز السفر
    A12345678`, `شماره پاسپورت من K12345678 است` were kept). A passport number has no check character outside its
    machine-readable zone, and a letter or two and digits are an order's or a flight's code too, so only after its
    name, and only a shape passports use: up to three capitals and 6 to 9 digits (`X12345678`, `AB1234567`, `J8369854`,
    `123456789`), or France's `12AB34567`. Years, counts and prices after the word (`passport 2024`, `passport fees
    rose to 150`) have too few digits or a word between that says something else, and stay."""

    may = re.compile("[Pp](?i:ass(?:port|eport|aport)|asaport|aszport)|جواز[ ]|پاسپور|گذرنامه")
    pattern = re.compile(rf"(?P<name>{_PASSPORT}){_PASSPORT_GAP}"
                         rf"(?<![\w-])(?P<id>[A-Z]{{0,3}}{_PASSPORT_DIGIT}{{6,9}}|[0-9]{{2}}[A-Z]{{2}}[0-9]{{5}})"
                         r"(?![\w-]|[.,/:][0-9])")


LETTERED_IDS: tuple[type[LetteredId], ...] = (SpanishId, ItalianFiscalCode, ChineseResidentId,
                                              UkNationalInsuranceNumber, GermanIdCardNumber, PassportNumber)
