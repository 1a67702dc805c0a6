"""Captions and credits at any length: a picture's caption with its credit glued on, a report's
contributor line, its agency or source alone on a line, a copyright line, and a shop or teaser line
under an all-capitals label ("ADD TO CART: …").

The Image rule takes short lines that start by naming the picture; a caption that describes the photo
in a sentence is longer, and its mark may come first ("Image caption …", "تصویر کے کاپی رائٹ Getty
Images Image caption …") or last ("… Photograph: Jane Doe/Reuters", "… © AFP"). The marks are
caption words followed by what they mark, so an article sentence about photography does not match.
A caption without a mark can still have the shape of one: a list item alone between two paragraphs
(extractors give a figure's caption as a one-item list), a sentence long, that does not end like one; or a
sentence-long line that closes with the outlet's own name in brackets, the name its masthead or copyright line gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from builder.rules import lexicon
from builder.rules.blocks import UNPUNCTUATED_SHARE, opens_small
from builder.rules.masks import Hinted, document_slices, matching, search
from builder.rules.structure import prose, punctuated
from builder.steps import LineRule, array, undecided, values, where
from builder.text.keys import line_key

MAX_WORDS = 80  # a caption is a sentence or two; a longer line is the article's
# The Latin words that name a picture in a caption's mark, first in its line ("Photo: …", `_MARKS`) or in the bracket
# that credits it ("(Foto …", `_BRACKET_CREDIT`) (RE2)
_PICTURE = r"Photo|Foto|Image|Picture|Bild|Imagen"
# The words a caption names what the picture shows with, before a colon (RE2)
_IN_PICTURE = (r"Pictured|Im Bild|Auf dem Bild|Sur la photo|Sur notre photo|En la foto|En la imagen|Nella foto|"
               r"На фото|На снимке|في الصورة|در تصویر|تصویر میں")
# A caption mark at the start of the line, or "Image caption" among its first words (RE2 patterns, matched
# over the whole batch; \\b is ASCII there, so the non-Latin marks go without it).
_MARKS = (r"Image caption|Image copyright|Photo caption|Picture caption|Caption\s*:|کیپشن\s*:|Photo credit|"
          r"Crédits? photos?\b|"
          r"Légende\s*:|Bildunterschrift|Pie de foto|تصویر کے کاپی رائٹ|تصویر کا کیپشن|حقوق الصورة|مصدر الصورة|"
          r"(?:ال)?تعليق على الصورة|"
          # a picture word and a colon ("Photo: …", "عکس: …", "فوٹو: فائل", a help page's "Screenshot: …"), an
          # archive or aerial picture named first
          rf"(?:{_PICTURE}|Immagine|صورة|الصورة|عكس|عکس|تصویر|فوٹو|Screenshot|Screen shot|Capture d'écran|"
          r"Bildschirmfoto|Captura de pantalla|لقطة شاشة|لقطة الشاشة|اسکرین‌شات|اسکرین شات|اسکرین شاٹ)\s*[:：]|"
          r"صورة (?:أرشيفية|جوية)|عکس (?:آرشیوی|هوایی)|"
          # where each of several pictures is, then a colon or comma ("Clockwise from top: …", "De gauche à droite, …")
          r"(?:Clockwise )?from (?:top|left|right)(?: left| right)?\s*[:,]|(?:from )?left to right\s*[:,]|"
          r"de gauche à droite\s*[:,]|von links(?: nach rechts)?\s*[:,]|de izquierda a derecha\s*[:,]|"
          r"da sinistra\s*[:,]|من اليمين\s*[:،]|از راست\s*[:،]|"
          # who or what the picture shows, named first ("Pictured: …", "На фото: …")
          rf"(?:{_IN_PICTURE})\s*[:：]")
_OPENS = Hinted(rf"(?i)^[^\pL\pN]*(?:{_MARKS})|^.{{0,80}}\bImage caption\b", hint=f"(?i){_MARKS}")
# A credit at the end of the line: "Photograph: Jane Doe/Reuters", "© AFP", "(Photo: AP)".
_CREDIT = r"\b(?:Photograph|Photo|Foto|Picture|Illustration|Crédit(?: photo)?|Credit)\s*:"
_BRACKET_CREDIT = rf"\((?:{_PICTURE}|AFP|Reuters|AP|EPA|Getty Images|Shutterstock|iStock|Alamy|dpa|Anadolu)\b"
# ...and a photo agency of the Arabic press alone in the bracket after the caption ("… شمال الرياض في أكتوبر الماضي
# (واس)"; RE2's \b is ASCII's, so the bracket closes it); the bracket alone on its line is the story's Credit)
_AGENCY_BRACKET = r"\((?:واس|رويترز|الأناضول|أ ف ب|ا ف ب|إرنا|ایرنا)\)"
# ...and in Arabic, Persian and Urdu: a bracketed photographer ("(تصوير: محمد الحمادي)", "(عکس: …)"), or an archive
# picture's mark ("خبز مدعم - أرشيفية", "(صورة أرشيفية)")
_PHOTO = r"تصوير|الصورة|صورة|عدسة|عکس|تصویر|فوٹو"
_ARCHIVE = r"(?:صورة )?أرشيفية|أرشيف|(?:عکس )?آرشیوی|فائل فوٹو"
# ...or the outlet's own picture in brackets ("(Gazette file photo)", "(AP photo)")
_OWN_PHOTO = r"\((?:[\w'’.&-]+\s+){0,3}(?i:file photo|photo|photograph|picture)\)"
# (a photographer's initials may follow the © "… mardi. © Photo Gazette du Limousin / A. B.")
_CLOSES = Hinted(rf"(?:{_CREDIT}\s*[^.!?:]{{2,60}}|©\s*(?:[^.!?©]|\s[A-Z]\.){{2,40}}|"
                 rf"{_BRACKET_CREDIT}[^()]{{0,40}}\)|[^\s(]\s*{_AGENCY_BRACKET}|{_OWN_PHOTO})\s*$",
                 hint=f"(?i){_CREDIT}|©|{_BRACKET_CREDIT}|{_AGENCY_BRACKET}|photo\\)|photograph\\)|picture\\)")
# What the picture shows named after the caption's sentence ("… on Monday. Pictured: the new washing bay")
_SHOWN_AFTER = Hinted(rf"[.!?؟۔]\s+(?:{_IN_PICTURE})\s*[:：]\s*\S", hint=_IN_PICTURE)
# (a paragraph of the article may end with such a mark, "… من 6 إلى 9 مارس المقبل. (صورة أرشيفية)": only a line
# a caption long, PICTURED_WORDS, is the caption; no counted repetition: RE2 takes milliseconds to compile one)
_CAPS = "[A-ZÀ-ÖØ-Þ]"  # (Latin capitals: \\p{Lu} costs RE2 milliseconds to compile)
_PICTURED = Hinted(rf"(?:[(\[]\s*(?:{_PHOTO})\s*[:：/][^()\[\]]+[)\]]|(?:\s[-–—|]\s*|\()(?:{_ARCHIVE})\)?|"
                   rf"\s\|\s*{_CAPS}{_CAPS}(?:{_CAPS}|[\s'’.&/-])+|\s\|\s*{_CAPS}\.(?:\s?{_CAPS}\.){{0,2}}|"
                   # the outlet in capitals after the sentence and a slash: "… de mazapán. / LA VOZ DEL TAJO"
                   rf"[.!?]\s+/\s*{_CAPS}{_CAPS}(?:{_CAPS}|[\s'’.&-])+|"
                   # an outlet's site and its photographer in brackets: "(BeritaKota.com/Rina Putri)"
                   rf"\([\w-]+\.[a-z]{{2,4}}/\s*{_CAPS}[\w.]*(?:\s{_CAPS}[\w.]*){{0,3}}\))\s*$",
                   hint=f"{_PHOTO}|{_ARCHIVE}|\\||/")
PICTURED_WORDS = 20
# A credit set apart after the caption's sentence, with or without a colon, in any case: "… le 14 juin. Photo
# CdM/Pierre Lenoir", "… giovedì scorso (foto di Pasquale Iannotti)", "… home fans. Credit: J. Whitley/NFW",
# "… بازار نيشابور؛ عكس از علي نوروزي". Set apart: after a sentence's end, an opening bracket or a separator, and
# the line ends with the name (initials allowed); an article's sentence that mentions a photo goes on after it.
_PHOTO_WORDS = (r"photo|foto|photograph|crédits?|credit|bild|imagen|фото|عكس|عکس|تصوير|تصویر|فوٹو|انځور|hoto|picha|"
                r"gambar")
# (a slash sets it apart too, "… هستند / عكس: آرشيو", and the name may be quoted: "Фото: «Волжские вести»")
_SET_APART = re.compile(rf"(?:[.!?؟۔]\s+|\(\s*|[؛;|–—/-]\s*)(?:{_PHOTO_WORDS})(?:\s+(?:by|de|di|von|par|por|na|از))?"
                        r"\s*:?\s+(?:[\w'’.&/«»\"“”-]+\s*){1,7}\)?\s*$", re.IGNORECASE)
# A line that credits the reporters and editors of the story.
_CREDITED = (r"\bcontributed (?:reporting )?to this (?:report|story|article)\b|\bEditing by\b|\bWriting by\b|"
             r"ساهم في (?:إعداد|تغطية) (?:هذا|هذه)|شارك في إعداد (?:هذا|هذه)")
_CONTRIBUTORS = Hinted(rf"(?i){_CREDITED}|^[^\pL\pN]*(?:Additional )?reporting by\b",
                       hint=rf"(?i){_CREDITED}|reporting by\b")


_LIST_ITEM = r"^\s*[-–•*·▪]\s"
LONE_ITEM_WORDS = 8  # a caption without a mark is a sentence long; a shorter item is a subheading


def _lone_items(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Unfinished sentence-long list items alone between two prose lines, in documents that end their
    sentences with full stops."""
    words, ends = array(lines, "words"), array(lines, "ends_sentence")
    maybe = matching(lines, _LIST_ITEM, among=among & (words >= LONE_ITEM_WORDS) & ~ends)
    found = np.zeros(len(lines), dtype=bool)
    if not maybe.any():
        return found
    is_prose, kept = prose(words, ends), undecided(lines) & (array(lines, "length") > 0)
    item = matching(lines, _LIST_ITEM, among=kept)
    for start, end in document_slices(lines):
        if not maybe[start:end].any():
            continue
        order = [i for i in range(start, end) if kept[i]]
        if not punctuated(words[order], ends[order], UNPUNCTUATED_SHARE):
            continue
        for p, i in enumerate(order[1:-1], 1):
            before, after = order[p - 1], order[p + 1]
            found[i] = maybe[i] and is_prose[before] and is_prose[after] and not item[before] and not item[after]
    return found


# A caption credited to the page's own outlet, in brackets at its end: "… قطع الزليج الأصلية (تطوان اليوم)", "… (ننګرهار
# غږ)", "… under the new beams of the roof (Valley Courier)". The name is the outlet's when the page gives it as a whole
# line above its first prose line (the masthead), or, for a name of 2-4 words, inside a line of its head or foot (the
# copyright line "© 2026 Valley Courier | Privacy"). A bracketed place, party or group at the end of an
# article's line is named nowhere up or down there.
_BRACKETED_END = re.compile(r"\(\s*([^()]{2,40}?)\s*\)\s*$")
# ...the outlet before its photographer after a slash ("(زحلة اليوم / إيلي نصار)", "(WargaNusantara/Ayu)"), its masthead
# with the web address's ending
_DOMAIN_END = re.compile(r"\.(?:com|net|org|id|info|news|co|[a-z]{2})\s*$", re.IGNORECASE)
# ...a name found inside a line, where the sentence before the bracket does not end and the bracket holds no figure or
# label (":"), the name opening with a capital (not "(tableau récapitulatif)")
_CLOSING_NAME = Hinted(r"[^.!?؟۔。\s\"”»'’]\s*\([^()\d:：]+\)\s*$", hint=r"\)\s*$")
OUTLET_CAPTION_WORDS = 6  # a caption that ends with the outlet's name is this long at least (the name's words counted)
SITE_NAME_WORDS = (2, 4)  # a name inside a line: "نبض الجبيل", "Eco dell'Umbria"; one word is as often "(video)"


def _outlet_credited(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Lines of a short sentence (`among`, OUTLET_CAPTION_WORDS or more) that end with the page's own outlet in
    brackets: the bracket's key is the key of a whole line of the page's head (rows above its first prose line,
    positions the page's whatever an earlier rule dropped; the whole page when it has no prose), or its 2-4 words
    stand in a line of the
    head or the foot (below the last prose line) and the caption is alone in its shape: a list's items ("Saturday 24
    January, 10:00 to 13:00 (Upper Wye Club)") end with brackets next to each other, a caption stands between
    paragraphs."""
    words, ends, length = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length")
    maybe = matching(lines, r"\)\s*$", among=among & (words >= OUTLET_CAPTION_WORDS))
    found = np.zeros(len(lines), dtype=bool)
    if not maybe.any():
        return found
    texts, keys, is_prose = lines.column("text"), lines.column("key"), prose(words, ends)
    inside = matching(lines, _CLOSING_NAME, among=maybe & ~ends)
    closing = matching(lines, r"\)\s*$", among=length > 0)
    for start, end in document_slices(lines, among=maybe):
        rows = [i for i in range(start, end) if length[i]]
        body = [i for i in rows if is_prose[i] and not maybe[i]] or [end, start - 1]
        edge = [i for i in rows if i < body[0] or i > body[-1]]
        # the masthead's lines, and its name without the web address's ending ("KabarPalu.com": "(KabarPalu)")
        masthead = {key for i in edge if i < body[0]
                    for key in (str(keys[i].as_py()), line_key(_DOMAIN_END.sub("", str(texts[i].as_py()))))}
        edge_texts = [str(texts[i].as_py()) for i in edge]
        for k, i in enumerate(rows):
            bracket = _BRACKETED_END.search(str(texts[i].as_py())) if maybe[i] else None
            if bracket is None:
                continue
            name, key = bracket[1], line_key(bracket[1])
            if (key and key in masthead) or line_key(bracket[1].split("/")[0]) in masthead - {""}:
                found[i] = True  # the masthead's name alone on its line
                continue
            alone = not (k and closing[rows[k - 1]]) and not (k + 1 < len(rows) and closing[rows[k + 1]]) \
                and str(texts[i].as_py()).count("(") == 1
            found[i] = bool(inside[i]) and alone and not opens_small(name) \
                and SITE_NAME_WORDS[0] <= len(name.split()) <= SITE_NAME_WORDS[1] and any(name in t for t in edge_texts)
    return found


@dataclass(frozen=True)
class Caption(LineRule):
    name = "caption"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_caption": "a picture's caption with its credit (\"Image caption …\", "
                               "\"… Photograph: X/Reuters\", \"… (the site's own name)\"), or a caption given as a "
                               "one-item list between two paragraphs",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= MAX_WORDS)
        opens = matching(lines, _OPENS, among=among)
        closes = matching(lines, _CLOSES, among=among & ~opens) | matching(lines, _SHOWN_AFTER, among=among & ~opens) \
            | matching(lines, _PICTURED, among=among & ~opens & (array(lines, "words") <= PICTURED_WORDS))
        credited = matching(lines, f"(?i){_PHOTO_WORDS}", among=among & ~opens & ~closes)
        closes |= search(_SET_APART.search, lines, credited)
        closes |= _outlet_credited(lines, among & ~opens & ~closes)
        return where(opens | closes | _lone_items(lines, among & ~opens & ~closes), "boilerplate_caption")


# What a story credits as its source, alone on a line: the news agencies the corpus and the web's largest sites
# cite (by their names and their Arabic initials, "أ ف ب") and the outlets of the corpus, after a dateline's
# place ("الرياض - واس", "(القاهرة/ وكالات)"), joined by "/" or "and" ("رويترز، أ ف ب"), or a source label and
# what it names ("المصدر: وكالات", "Source: World Bank"). A sentence that names an agency has other words in it.
_AGENCY = (r"(?:وكالات|الوكالات|رويترز|فرانس ?برس|فرانس بريس|أ\.? ?ف\.? ?ب|ا ف ب|د\.? ?ب\.? ?أ|أ\.? ?ش\.? ?أ|"
           r"أسوشيتد برس|أسوشيتيد برس|واس|قنا|وام|بنا|كونا|سانا|الأناضول|شينخوا|إرنا|ایرنا|ایسنا|ایلنا|تسنیم|"
           r"ایجنسیاں|خبر رساں ادارے|AFP|Reuters|AP|Associated Press|dpa|EFE|ANSA|Xinhua|PTI|IANS|UPI|Agencies|"
           r"Agences|Agencias|Agenturen|سكاي نيوز عربية|سكاي نيوز|العربية\.نت|العربية نت|بي بي سي|الجزيرة نت|"
           r"فرانس ?24|CNN|BBC|Sky News|France ?24|Al Jazeera|وات)")
_SOURCE_LABEL = (r"(?:المصدر|المصادر|مصدر|منبع|ماخذ|Source|Sources|Quelle|Quellen|Fuente|Fuentes|Fonte|Fontes|Kaynak|"
                 r"Kaynaklar|Источник|Источники|Sumber|Bron|Bronnen|Źródło|Źródła)")
# The outlet's own report, after its name or the place ("حماة اليوم - خاص", "بيروت – خاص"): "special to"
_OWN = r"خاص"
_SOURCE_LINE = re.compile(
    rf"^[\W_]*(?:{_SOURCE_LABEL}\s*[:：]\s*[^.!?:؟]{{1,60}}|(?:[\w.]+(?: [\w.]+){{0,2}}\s*[-–—/]\s*)?{_AGENCY}"
    rf"(?:\s*(?:[-–—/,،+&]|\bو|\band\b|\bet\b)\s*{_AGENCY})*|[\w.]+(?: [\w.]+){{0,2}}\s*[-–—/]\s*{_OWN})[\W_]*$",
    re.IGNORECASE)
_SOURCE_HINT = Hinted(rf"(?i){_SOURCE_LABEL}\s*[:：]|{_AGENCY}|{_OWN}", hint=rf"(?i){_SOURCE_LABEL}|{_AGENCY}|{_OWN}")
SOURCE_WORDS = 6
# A newsroom's credit line in a story's head or foot: the place, the agency or outlet (a name with a word for a news
# agency, press or news in it: `_PRESS`) and the reporter, in two or three short parts split by dashes ("تهران-
# خبرگزاری سپهر- مصطفی قاسمی", "شيراز- خبرگزاري شيراز پرس", "صفاقس برس - سامية الفقي"); or the outlet and the
# reporter in brackets, split by a slash ("(عدن المرصد/ عبدالله باحميد)", "(Kota Post/ Rina Sari)"). No figures and no
# sentence's end: "Gaza - news from the front line." is a headline's sentence.
_PRESS = (r"خبرگزاری|خبرگزاري|خبرگزارى|وكالة|وکالة|برس|پرس|نيوز|نیوز|press|news|agence|agencia|agency|agenzia|"
          r"agentur|ajansı|ajansi")
_PART = r"[^\W\d_]+(?:\s[^\W\d_]+){0,3}"
_PRESS_LINE = re.compile(rf"^\s*{_PART}(?:\s*[-–—]\s*{_PART}){{1,2}}\s*$|^\s*\(\s*{_PART}\s*/\s*{_PART}\s*\)\s*$")
_PRESS_HINT = Hinted(rf"(?i)(?:{_PRESS})|^\s*\(.*/.*\)\s*$", hint=rf"(?i){_PRESS}|/")
PRESS_WORDS = 7
# A Persian report's attribution set on its own line above its first sentence ("به گزارش خبرگزاری …،", "according to
# the report of …,"): the line ends at the comma the sentence would have gone on after
_REPORTED = re.compile(r"^\s*به گزارش\s+[^.!?؟،,:]{2,60}[،,]\s*$")


@dataclass(frozen=True)
class Credit(LineRule):
    name = "credit"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_credit":
            "a line that credits the story's reporters and editors (\"… contributed to this report\"), or names only "
            "its agency or source (\"(Reuters)\", \"الرياض - واس\", \"المصدر: وكالات\", \"به گزارش …،\")",
    }
    max_words: int = 40

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= self.max_words)
        short = among & (array(lines, "words") <= SOURCE_WORDS) & (array(lines, "length") > 0)
        sources = search(_SOURCE_LINE.match, lines, matching(lines, _SOURCE_HINT, among=short)) \
            | search(_REPORTED.match, lines, matching(lines, "به گزارش", among=short)) \
            | search(_press_line, lines, matching(lines, _PRESS_HINT, among=among & (array(lines, "length") > 0)
                                                  & (array(lines, "words") <= PRESS_WORDS)))
        return where(matching(lines, _CONTRIBUTORS, among=among) | sources, "boilerplate_credit")


def _press_line(text: str) -> bool | None:
    """The shape of `_PRESS_LINE`, and a word of `_PRESS` in one of its parts (the bracketed one needs none)."""
    if not _PRESS_LINE.match(text):
        return None
    return text.strip().startswith("(") or re.search(rf"(?i)(?:^|[\s(/-])(?:{_PRESS})(?:$|[\s)/-])", text) is not None


# A correspondent's line: the place (or a "report" label) and the reporter's name, two or three words, apart by a
# dash or a colon ("الدمام - ماجد الدوسري", "الأبيض: عبد الرحيم آدم", "رپورٹ: عبدالمالک کاکڑ"); no figures.
_REPORTER = re.compile(r"^\W*[^\W\d_]+(?:\s[^\W\d_]+)?(?:\s+[-–—]\s+|\s*[:：]\s*)[^\W\d_]+(?:\s[^\W\d_]+){1,2}\W*$")
_REPORTER_HINT = r"\s[-–—]\s|[:：]"


@dataclass(frozen=True)
class ReporterLine(LineRule):
    """A correspondent's line in a story's head: the place and the reporter's name ("الجبيل - سارة القحطاني",
    "دبي - سارة المنصوري"), or a label and the name ("رپورٹ: عبدالمالک کاکڑ"), set right above the story's date (a
    line Dateline dropped), under the headline. The shape alone is a headline's too ("Gaza: Talks Resume"), so the
    line is taken only between a kept line above (the headline) and the date below it."""

    name = "reporter_line"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_reporter": "a correspondent's line over the story's date: the place and the reporter's name "
                                "(\"الدمام - ماجد الدوسري\", \"رپورٹ: عبدالمالک کاکڑ\")",
    }
    max_words: int = 6

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, nonblank = undecided(lines), array(lines, "length") > 0
        words = array(lines, "words")
        maybe = matching(lines, _REPORTER_HINT, among=kept & nonblank & (words >= 3) & (words <= self.max_words))
        shaped = search(_REPORTER.match, lines, maybe)
        out = np.zeros(len(lines), dtype=bool)
        if not shaped.any():
            return where(out, "boilerplate_reporter")
        reasons = values(lines, "reason")
        for start, end in document_slices(lines, shaped):
            rows = (np.flatnonzero(nonblank[start:end]) + start).tolist()
            for p, r in enumerate(rows[1:-1], 1):
                out[r] = bool(shaped[r]) and reasons[rows[p + 1]] == "boilerplate_dateline" \
                    and any(kept[q] for q in rows[:p])
        return where(out, "boilerplate_reporter")


# A copyright line: it opens with the sign ("© 2024 The Cozy Kitchen.", "Copyright © 2019 …") or says that the
# rights are reserved or the content not to be reproduced (`lexicon.RIGHTS_RESERVED`, the kind's one list)
_RESERVED = lexicon.RIGHTS_RESERVED
# ...or the publisher's legal identity in the page's foot: a company's or charity's registration, a tax or trade
# register's entry (`_REGISTER`), with its number of five digits or more ("Fernvale Water Ltd, registered in England and
# Wales no. 08812934", "Registered charity (1164520)", "P.IVA 01578930627", "HRB 12345", "RCS Lyon 123 456 789",
# "سجل تجاري رقم 1010123456"); a year is not a registration's number
_REGISTER = (r"registered in (?:england|scotland|wales|northern ireland|ireland)|registered (?:charity|company)|"
             r"company (?:registration )?(?:no|number)|charity (?:no|number)|p\.? ?iva\b|partita iva|codice fiscale|"
             r"\brcs\b|\bsiret\b|\bsiren\b|handelsregister|\bhrb\b|registergericht|ust-?idnr|registro mercantil|"
             r"السجل التجاري|سجل تجاري رقم|شماره ثبت|شناسه ملی|شناسه ملي")
_REGISTERED = rf"(?:{_REGISTER}).{{0,60}}?\d(?: ?\d){{4,}}"
_RIGHTS = Hinted(rf"(?i)^[^\pL\pN]*(?:©|\(c\)\s*\d|copyright\s*(?:©|\(c\)|\d))|{_RESERVED}|{_REGISTERED}",
                 hint=rf"(?i)©|\(c\)|copyright|{_RESERVED}|{_REGISTER}")
RIGHTS_WORDS = 30
NAME_WORDS = (2, 6)  # a site's name alone on a line, as its copyright line names it
NAME_CHARS = 10  # ...with this many characters in its key at least ("BBC" alone is a credit's business)


@dataclass(frozen=True)
class Rights(LineRule):
    name = "rights"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_rights": "a copyright line (\"© 2024 Name. All rights reserved.\", \"جميع الحقوق محفوظة\"), "
                              "the publisher's company or charity registration with its number, "
                              "or the name it gives the site alone on another line of the page",
    }
    max_words: int = RIGHTS_WORDS

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words = array(lines, "words")
        rights = matching(lines, _RIGHTS, among=words <= self.max_words)
        return where(undecided(lines) & (rights | _site_names(lines, rights)), "boilerplate_rights")


def _site_names(lines: pa.Table, rights: np.ndarray) -> np.ndarray:
    """Short lines of a page that its copyright line names ("Hollis & Sons Funeral Home" above the article and
    "© 2025 Hollis & Sons Funeral Home. All Rights Reserved." below it): the masthead, not the article."""
    found = np.zeros(len(lines), dtype=bool)
    if not rights.any():
        return found
    words, keys = array(lines, "words"), lines.column("key")
    named = undecided(lines) & (words >= NAME_WORDS[0]) & (words <= NAME_WORDS[1]) & ~rights \
        & ~array(lines, "ends_sentence") & (pc.utf8_length(keys).to_numpy(zero_copy_only=False) >= NAME_CHARS)
    for start, end in document_slices(lines):
        owners = [keys[i].as_py() for i in range(start, end) if rights[i]]
        if owners:
            for i in named[start:end].nonzero()[0].tolist():
                found[start + i] = any(keys[start + i].as_py() in owner for owner in owners)
    return found


# "ADD TO CART: …", "VIEW PRICE: …", "READ MORE: …": a label of two to four words in capitals, one of them
# a word rather than an acronym (four letters or more: "IMF: …", "GPS: …" and "MSM MIA: …" are not labels),
# a colon, and no sentence end ("WASHINGTON: The council …" opens a sentence and ends with a full stop).
_CAPS_LABEL = re.compile(r"^\W*(?=[A-Z ]*[A-Z]{4})[A-Z]{2,}(?: [A-Z]{2,}){1,3}\s*:\s+\S")
_CAPS_START = Hinted(r"^[^\pL]*[A-Z]{2}", hint="[A-Z]{2}")  # the lines worth _CAPS_LABEL (RE2)


@dataclass(frozen=True)
class CapsLabel(LineRule):
    name = "caps_label"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_promo": "a shop or teaser link under a label in capitals (\"ADD TO CART: …\", \"READ MORE: …\")",
    }
    max_words: int = 16

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        among = undecided(lines) & (array(lines, "words") <= self.max_words) & ~array(lines, "ends_sentence")
        return where(search(_CAPS_LABEL.match, lines, matching(lines, _CAPS_START, among=among)), "boilerplate_promo")
