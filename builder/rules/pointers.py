"""Lines that point the reader somewhere the text no longer goes: a lead-in to a video or photos that
the extraction left behind ("Watch the video:", "شاهد الصور لمعرفة بقية المبادرات:"), and a
continuation or end marker of a paper or an agency ("Continued on page 4", "تفاصيل ص19", "(يتبع)",
"انتهای پیام").

A lead-in opens with a verb of watching (or clicking) and names a medium; it ends with a colon, or is a
few words with nothing else in it, so a headline that opens with "Watch" ("شاهد بالفيديو.. الحريري ينتخب")
is not one. A marker is the whole line: a line that says "continued" inside a sentence is the article's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import pyarrow as pa

from builder.rules.lexicon import NEIGHBOUR_POSTS, READ_CLOSERS, TEASER_LABELS, TICKER_CUES
from builder.rules.masks import document_starts, matching, search
from builder.rules.patterns import reads
from builder.steps import LineRule, array, undecided, where
from builder.text.keys import CLOSERS, ends_sentence, key_words, line_key

# Verbs that open a lead-in to a medium, and the media (Python regexes: \b and case folding over every script).
_WATCH = (r"شاهد|شاهدوا|شاهدي|تابع|تابعوا|اضغط|انقر|watch|see|view|click|regardez|voir|découvrez|mira|mire|vea|"
          r"sehen sie|schauen sie|ببینید|تماشا کنید|دیکھیے|دیکھیں|देखें")
_MEDIA = (r"فيديو|الفيديو|بالفيديو|فيديوهات|الصور|بالصور|صور|ألبوم|videos?|clip|photos?|pictures|gallery|slideshow|"
          r"vidéo|diaporama|galerie|vídeo|fotos|galería|bilder|bildergalerie|ویدئو|ویدیو|فیلم|تصاویر|ویڈیو|वीडियो|"
          r"तस्वीरें")
_LEAD_IN = re.compile(rf"^\W*(?:{_WATCH})\b.*\b(?:{_MEDIA})\b", re.IGNORECASE)
_MEDIA_LABEL = re.compile(rf"^\W*(?:{_MEDIA})\W*$", re.IGNORECASE)  # "(فيديو)", "VIDEO:" alone
LEAD_IN_WORDS = 12
BARE_WORDS = 4  # a lead-in without a colon is this short ("Watch the video")

# Continuation and end markers, as the whole line (a page number where they point to one).
_MARKER = re.compile(
    r"^\W*(?:يتبع|للحديث بقية|(?:ال)?تفاصيل\s*(?:ص|صفحة|صفحه)\s*\d+|(?:ال)?تتمة\s*(?:ص|صفحة|في)\s*\d*|انتهى|"
    r"انتهای پیام|پایان پیام|پایان خبر|ادامه دارد|جاری ہے|بقیہ\s*(?:صفحہ|ص)\s*\d+(?:\s*نمبر\s*\d+)?|"
    r"(?:بقیه|ادامه)\s*(?:در\s*)?صفحه\s*\d+|(?:to be )?continued(?: on page \d+)?|"
    r"continued from page \d+|suite (?:en |à la )?page \d+|à suivre|fortsetzung (?:auf seite \d+|folgt)|"
    r"continúa en (?:la )?página \d+|continuará|"
    # ...or the story going on past an advertisement or a box: "Story continues below advertisement", "تابع القراءة
    # بالأسفل", "Weiterlesen nach der Anzeige"
    r"(?:the )?(?:story|article) continues below(?: (?:this )?(?:advertisement|ad))?|continue reading below|"
    r"la suite après (?:cette |la )?publicité|l'article continue (?:ci-dessous|après la publicité)|"
    r"weiterlesen nach der anzeige|el artículo continúa (?:abajo|debajo|tras la publicidad)|"
    r"تابع القراءة (?:بالأسفل|أدناه|في الأسفل)|يتابع (?:الخبر|المقال) أدناه|ادامه مطلب در (?:پایین|ادامه)|"
    r"خبر جاری ہے|مضمون جاری ہے)\W*$", re.IGNORECASE)
_HINT = r"(?i)\d|يتبع|بقية|انته|پایان|ادامه|جاری|continu|suivre|fortsetzung|suite|weiterlesen|تابع|يتابع|" + _MEDIA
MARKER_WORDS = 6

# A note on where or when the story itself was published or updated, at its foot: "this" and the story's own noun
# first (`_THIS_STORY`: "This article …", "این گزارش …", "یہ رپورٹ …", "نُشر هذا المقال …"), a verb of publishing or
# updating, and the edition, page or first publication it names (`_EDITION`): "This article first appeared in the
# print edition of 3 May.", "این گزارش در شماره امروز روزنامه، صفحه ۳ منتشر شده است.", "یہ رپورٹ پہلی بار … شائع کی
# گئی تھی اور اسے … اپ ڈیٹ کیا گیا ہے۔". "The report was published on Monday" speaks of another report, and "این
# گزارش که سازمان ملل منتشر کرد نشان می‌دهد …" names no edition.
_STORY = r"article|story|report|piece|column|interview|post"
_STORY_OWN = (r"المقال|المقالة|التقرير|المادة|الخبر|الحوار|گزارش|مطلب|یادداشت|يادداشت|مقاله|گفتگو|گفت‌وگو|رپورٹ|مضمون|"
              r"تحریر|خبر|کالم|انٹرویو")
_THIS_STORY = re.compile(rf"^\W*(?:(?:this|a version of this)\s+(?:{_STORY})|cet article|cet entretien|ce reportage|"
                         rf"este artículo|esta nota|este reportaje|dieser artikel|dieser beitrag|"
                         rf"(?:هذا|هذه|این|اين|یہ)\s+(?:{_STORY_OWN})|(?:نشر|نُشر|نشرت|نُشرت)\s+(?:هذا|هذه)\s+"
                         rf"(?:{_STORY_OWN}))(?:\W|$)", re.IGNORECASE)
_PUBLISHED = (r"published|appeared|printed|updated|publié|paru|mis à jour|publicad|actualizad|erschien|erschienen|"
              r"aktualisiert|نشر|نُشر|نشرت|تحديث|منتشر|چاپ|به‌روز|بروز|شائع|اپ ڈیٹ")
_EDITION = (r"print|edition|issue|page|first|originally|earlier version|édition|numéro|initialement|d'abord|edición|"
            r"impresa|página|originalmente|ausgabe|seite|zuerst|العدد|الصفحة|النسخة الورقية|الطبعة|لأول مرة|شماره|"
            r"صفحه|روزنامه|نخستین بار|اولین بار|شمارے|شمارہ|صفحہ|صفحے|پہلی مرتبہ|پہلی بار")
_EDITION_HINT = r"(?i)" + _PUBLISHED
_PUBLISHED_WORD = re.compile(_PUBLISHED, re.IGNORECASE)
_EDITION_WORD = re.compile(rf"(?:^|\W)(?:{_EDITION})", re.IGNORECASE)
EDITION_WORDS = 35

# A cue and another story's headline on one line: the part before the first colon is a ticker's cue
# (lexicon.TICKER_CUES) or a call to read or watch (a verb of reading in any of its forms, a verb of watching), in a
# few words; what follows is a headline (a few words or more, no full stop at its end).
_CUED = re.compile(r"^\W*(?P<cue>[^:：]{1,120}?)\s*[:：]\s*(?P<headline>\S.*)$")
# (Names a speaker may go by in a transcript, "Lee:", "Mira:", are left out: reads() knows "Lee también".)
_READ_OR_WATCH = re.compile(r"^(?:read|lire|lisez|leia|leggi|baca|читайте|читать|اقرأ|إقرأ|اقرئي|اقرؤوا|اقرأوا|"
                            r"بخوان\w*|پڑھ\w*|بخوێن\w*|पढ़\w*|পড়ুন|okuyun|watch|regardez|شاهد|دیکھیے|دیکھیں|ببینید|"
                            r"देखें)$", re.IGNORECASE)
_CUE_HINT = r"[:：]\s*\S"
CUE_WORDS = 4
# ...or a longer clause that closes with a call to read or watch ("اگر … پسند آیا تو میرا پچھلا کالم بھی پڑھیں: …", "آج
# رات 8 بجے دیکھیں: …"): the verb comes last, where a call's verb does
CALLED_CUE_WORDS = 14
# ...or with a call to watch, where the verb comes last (a channel's "tonight at 8, watch: PROGRAMME")
_WATCH_LAST = re.compile(r"^(?:دیکھیں|دیکھیے|دیکھئے|ببینید|देखें|देखिए|وګورئ)$")
CUED_HEADLINE_WORDS = (3, 20)
CUED_CHARS = 250


@dataclass(frozen=True)
class Pointer(LineRule):
    name = "pointer"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_media": "a lead-in to a video or photos the text does not carry (\"Watch the video:\", "
                             "\"شاهد الصور:\")",
        "boilerplate_continuation": "a continuation or end marker (\"Continued on page 4\", \"تفاصيل ص19\", "
                                    "\"(يتبع)\", \"انتهای پیام\")",
        "boilerplate_cued_headline": "another story's headline after a ticker's cue or a call to read and a colon, "
                                     "on one line (\"Breaking news: …\", \"تازہ ترین: …\", \"BACA: …\")",
        "boilerplate_edition_note": "a note on the edition, page or first publication of the story itself (\"This "
                                    "article first appeared in print on …\", \"این گزارش در شماره امروز روزنامه … "
                                    "منتشر شده است\")",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        words, ends = array(lines, "words"), array(lines, "ends_sentence")
        short = undecided(lines) & (words <= LEAD_IN_WORDS) & (array(lines, "length") > 0)
        maybe = matching(lines, _HINT, among=short)
        colon = matching(lines, r"[:：]\s*$", among=maybe)
        lead_in = search(_LEAD_IN.search, lines, maybe & ~ends & (colon | (words <= BARE_WORDS))) \
            | search(_MEDIA_LABEL.match, lines, maybe & (words <= 2))
        marker = search(_MARKER.match, lines, maybe & (words <= MARKER_WORDS))
        low, high = CUED_HEADLINE_WORDS
        cued = search(_cued, lines, matching(lines, _CUE_HINT, among=undecided(lines) & (words > low)
                                             & (words <= high + CUE_WORDS) & (array(lines, "length") <= CUED_CHARS)))
        # a document's first line is its own title, a live page's "Live: …" or "مباشر: …" (a ticker's cue over
        # another story stands under the site's name and menus)
        cued[document_starts(array(lines, "doc"), array(lines, "length") > 0)] = False
        edition = search(_edition_note, lines, matching(lines, _EDITION_HINT, among=undecided(lines) & ~cued
                                                        & (words <= EDITION_WORDS) & (array(lines, "length") > 0)))
        return where(lead_in, "boilerplate_media", where(marker, "boilerplate_continuation",
                                                         where(cued, "boilerplate_cued_headline",
                                                               where(edition, "boilerplate_edition_note"))))


def _edition_note(text: str) -> bool:
    """The story itself named first (`_THIS_STORY`), a verb of publishing or updating and an edition's cue."""
    return bool(_THIS_STORY.match(text)) and _PUBLISHED_WORD.search(text) is not None \
        and _EDITION_WORD.search(text) is not None


def _cued(text: str) -> bool:
    """A cue (a ticker's, or a verb of reading or watching, in CUE_WORDS words or fewer), a colon and a headline."""
    found = _CUED.match(text)
    if not found:
        return False
    cue, headline = found["cue"], found["headline"]
    words = [word.strip("\"'«»()[]*-–—•|") for word in cue.split()]
    low, high = CUED_HEADLINE_WORDS
    if not words or not low <= len(headline.split()) <= high:
        return False
    if len(words) > CUE_WORDS:  # a long cue only where it closes with a call to read
        return len(words) <= CALLED_CUE_WORDS and not ends_sentence(headline) \
            and (any(tuple(key_words(cue))[-n:] in READ_CLOSERS for n in (1, 2)) or bool(_WATCH_LAST.match(words[-1])))
    if ends_sentence(headline) and headline.rstrip(CLOSERS + " ")[-1] not in "?!؟！？":
        return False  # "Update: the council said on Wednesday that …": a sentence of the article
    cue_key = line_key(cue)
    return (cue_key in TICKER_CUES or cue_key in TEASER_LABELS or cue_key in NEIGHBOUR_POSTS
            or bool(_READ_OR_WATCH.match(words[0])) or bool(_READ_OR_WATCH.match(words[-1])) or reads(cue))

