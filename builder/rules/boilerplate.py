"""Decide, line by line, what is article text and what is site chrome — with no per-site lists.

Rules, in order (the first that matches gives the reason):
1. pattern classes: separators, bare links/e-mails/hashtags, image alt text and photo credits,
   datelines, and a small multilingual phrase lexicon (matched on a normalised key);
2. lines repeated across documents of the same site (CCNet-style; see `RepeatedLines`);
3. edge trim: everything before the first prose line (except one title) and after the last one;
4. inside the body, orphan labels (fewer than 3 words and no terminal punctuation).

A "prose" line ends in terminal punctuation in any script (`. ! ? … ؟ ۔`, closing quotes allowed
after it) and has at least 6 words, or is long (15+ words), for languages that rarely use full stops.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np

from builder.run.compact import KeyCounter, key64

TERMINAL = ".!?…؟۔؞؝।॥。！？．։።፧‼⁇⁈⁉"
CLOSERS = "\"'”’»›)]」』"  # closing quotes and brackets allowed after the full stop
PROSE_MIN_WORDS = 4
LONG_LINE_WORDS = 15  # a line this long is prose even without a full stop
# In documents that mostly do without full stops (Urdu news), shorter unpunctuated lines are prose too.
UNPUNCTUATED_LONG_LINE_WORDS = 8
PUNCTUATED_SHARE = 0.75
ORPHAN_MAX_WORDS = 1
LIST_PUNCTUATION = "،,;؛:"
TITLE_MIN_WORDS = 4
TITLE_MAX_CHARS = 200
REPEATED_MAX_CHARS = 200
REPEATED_MIN_DOCS = 3

_WORD = re.compile(r"[^\W\d_][\w\u200c\u0640'’-]*")  # a token with a letter in it (Unicode-aware)
_SEPARATOR = re.compile(r"^[\W_]{3,}$")  # rows of dashes, stars, bullets, box drawing
_LINK = re.compile(r"^(?:(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@]\w\S*|\s)+$", re.IGNORECASE)
_NAVIGATION = re.compile(r"\s[|»›>]\s|^[|»›>]|[|»›>]$")  # breadcrumbs, "Business | Energy", "Video | …"
_DATELINE = re.compile(r"\b\d{1,2}:\d{2}\b|GMT|UTC|آخر تحديث|Last updated|Updated|Mis à jour|Publié le", re.IGNORECASE)
_DIGITS = re.compile(r"\d")

# Matching keys only: these foldings never reach the output text.
_KEY_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ة": "ه", "ۀ": "ه",
                           "ک": "ك", "ؤ": "و", "ـ": None, "\u200c": None, "\u200d": None})


_NOT_ALNUM = re.compile(r"[\W_]+")
# Combining marks that NFKD splits off, in the scripts of the corpus and their neighbours: Latin
# accents, Hebrew points, Arabic harakat and hamza above, Syriac, Devanagari, variation selectors.
# (A regex of these blocks is 4x faster than a table of every mark in Unicode.)
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                    "\u0711\u0730-\u074a\u08d3-\u08ff\u0900-\u0903\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff"
                    "\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f]+")
_FOLDS = tuple((chr(k), v or "") for k, v in _KEY_FOLD.items())


def key_words(text: str) -> list[str]:
    """The words of `text` in matching form: no diacritics, folded alef/yeh/teh marbuta, digits as 0."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))
    for variant, base in _FOLDS:
        text = text.replace(variant, base)
    return _NOT_ALNUM.sub(" ", _DIGITS.sub("0", text)).split()


@lru_cache(maxsize=4096)  # a line's key is asked for by several rules; recent lines only, so memory stays flat
def line_key(text: str) -> str:
    """A normalised form of a line for matching: its key words, run together (no punctuation or spaces)."""
    return "".join(key_words(text))


def _keys(phrases: Iterable[str]) -> frozenset[str]:
    return frozenset(line_key(p) for p in phrases)


# Whole short lines that are site chrome, in the languages of the corpus (extend from the
# most-removed-lines report, not by guessing). Matched on line_key, so spelling variants fold.
_CHROME_LINES = _keys("""
الوسوم|وسوم|الكلمات المفتاحية|مقالات ذات صلة|أخبار ذات صلة|مواضيع ذات صلة|اترك تعليقاً|اترك تعليقا|أضف تعليق|
التعليقات|اترك رداً|زر الذهاب إلى الأعلى|العودة إلى الأعلى|إغلاق|شارك|مشاركة|شارك هذا المقال|طباعة|فيسبوك|تويتر|
واتساب|فيسبوك تويتر واتساب|المقال السابق|المقال التالي|الأكثر قراءة|الأكثر تصفحاً|إضافة تعليق جديد|
Tags|Related posts|Related articles|Read more|See also|Leave a comment|Leave a reply|Comments|Back to top|Close|
Share|Print|Tweet|Share this article|Previous post|Next post|Most read|Advertisement|
Étiquettes|Mots-clés|Articles similaires|Lire aussi|Laisser un commentaire|Retour en haut|Fermer|Partager|
Imprimer|Facebook Twitter E-mail|Article précédent|Article suivant|Publicité|
برچسب‌ها|مطالب مرتبط|بیشتر بخوانید|دیدگاهتان را بنویسید|بازگشت به بالا|بستن|اشتراک‌گذاری|چاپ|
ٹیگز|متعلقہ مضامین|مزید پڑھیں|تبصرہ کریں|اوپر جائیں|بند کریں|شیئر کریں
""".replace("\n", "").split("|"))

# Prefixes of chrome lines that carry a variable tail (teasers, form notices, rights lines).
_CHROME_PREFIXES = tuple(sorted(_keys("""
اقرأ أيضا|إقرأ أيضاً|اقرأ أيضًا|للمزيد|شاهد أيضا|لن يتم نشر عنوان بريدك الإلكتروني|الحقول الإلزامية مشار إليها|
جميع الحقوق محفوظة|حقوق النشر|سياسة الخصوصية|يمكنكم استلام إشعارات|تابعونا على|
Read also|Read more|Related|Your email address will not be published|Required fields are marked|All rights reserved|
Privacy policy|Follow us on|Sign up for our newsletter|Copyright|
Lire aussi|Votre adresse e-mail ne sera pas publiée|Votre adresse de messagerie ne sera pas publiée|
Les champs obligatoires sont indiqués|Tous droits réservés|Suivez-nous|À lire aussi|
نشانی ایمیل شما منتشر نخواهد شد|تمامی حقوق محفوظ است|بیشتر بخوانید|
آپ کا ای میل ایڈریس شائع نہیں کیا جائے گا|جملہ حقوق محفوظ ہیں|مزید پڑھیں
""".replace("\n", "").split("|")), key=len, reverse=True))

# Image alt text and photo credits: the start of the line names the picture.
_IMAGE_PREFIXES = tuple(_keys("""
ربما تحتوي الصورة على|قد تحتوي الصورة على|التعليق على الصورة|الصورة|صورة|تصوير|مصدر الصورة|تصویر|تصویر کے کاپی رائٹ|عکس|
Image may contain|May be an image of|Photo|Image|Picture|Credit|Getty Images|Peut être une image de|Crédit photo
""".replace("\n", "").split("|")))
IMAGE_MAX_WORDS = 12

# Bylines: "By Jane Miller, Economics Correspondent", "Par Claire Dubois", "بقلم …".
_BYLINE_PREFIXES = tuple(_keys("By|Par|Von|Por|بقلم|كتب|كتبه|بواسطة|تحرير|نویسنده|به قلم|تحریر".split("|")))
BYLINE_MAX_WORDS = 6


@lru_cache(maxsize=4096)
def words(text: str) -> int:
    return len(_WORD.findall(text))


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def is_prose(text: str, long_line_words: int = LONG_LINE_WORDS) -> bool:
    n = words(text)
    return n >= long_line_words or (n >= PROSE_MIN_WORDS and ends_sentence(text))


def long_line_words(texts: Sequence[str]) -> int:
    """How many words make an unpunctuated line prose, given how much the document punctuates."""
    long_lines = [t for t in texts if words(t) >= UNPUNCTUATED_LONG_LINE_WORDS]
    punctuated = sum(ends_sentence(t) for t in long_lines)
    if long_lines and punctuated < PUNCTUATED_SHARE * len(long_lines):
        return UNPUNCTUATED_LONG_LINE_WORDS
    return LONG_LINE_WORDS


def ends_clause(text: str) -> bool:
    """Ends a sentence, or a list item / clause that the next line continues."""
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and (stripped[-1] in TERMINAL or stripped[-1] in LIST_PUNCTUATION)


def pattern_reason(text: str) -> str | None:
    """The pattern class of a chrome line, judged on the line alone."""
    if _SEPARATOR.match(text):
        return "boilerplate_separator"
    if _LINK.match(text):
        return "boilerplate_link"
    key = line_key(text)
    n = words(text)
    if n <= IMAGE_MAX_WORDS and any(key.startswith(p) for p in _IMAGE_PREFIXES) and not ends_sentence(text):
        return "boilerplate_image"
    if n <= BYLINE_MAX_WORDS and not ends_sentence(text) and _is_byline(text):
        return "boilerplate_byline"
    if n <= 12 and _DATELINE.search(text) and not ends_sentence(text):
        return "boilerplate_dateline"
    if n <= 12 and _NAVIGATION.search(text) and not ends_sentence(text):
        return "boilerplate_navigation"
    if key in _CHROME_LINES or (len(text) <= REPEATED_MAX_CHARS and key.startswith(_CHROME_PREFIXES)):
        return "boilerplate_phrase"
    if len(text) <= REPEATED_MAX_CHARS and _is_app_promo(key):
        return "boilerplate_phrase"
    return None


_APP = _keys(["تطبيق", "app", "application", "اپلیکیشن", "ایپ"])
_DOWNLOAD = _keys(["تحميل", "حمل", "download", "télécharg", "دانلود", "ڈاؤن لوڈ"])


def _is_byline(text: str) -> bool:
    first = text.split(maxsplit=1)[0]
    return line_key(first) in _BYLINE_PREFIXES and len(text.split()) > 1


def _is_app_promo(key: str) -> bool:
    return any(a in key for a in _APP) and any(d in key for d in _DOWNLOAD)


class RepeatedLines:
    """The short lines that recur in `min_docs` or more documents of the same site, as 64-bit hashes.

    Counting happens over the whole build (see `count` and pipeline's first pass, which uses the
    same `document_keys`); only the frequent keys are kept and shipped to the workers."""

    def __init__(self, keys: frozenset[int] = frozenset()) -> None:
        self.keys = keys

    @staticmethod
    def key(site: str, text: str) -> int | None:
        key = line_key(text)
        if not key or len(text) > REPEATED_MAX_CHARS:
            return None
        return key64(hashlib.blake2b(f"{site}\x00{key}".encode("utf-8", "surrogatepass"), digest_size=8).digest())

    @classmethod
    def document_keys(cls, site: str, texts: Iterable[str]) -> set[int]:
        """A document's keys, once each: a line counts once per document however often it appears."""
        return {k for t in texts if (k := cls.key(site, t)) is not None}

    @classmethod
    def count(cls, documents: Iterable[tuple[str, Sequence[str]]], min_docs: int = REPEATED_MIN_DOCS) -> RepeatedLines:
        counter = KeyCounter()
        for site, texts in documents:
            counter.add(np.fromiter(cls.document_keys(site, texts), dtype=np.uint64))
        return cls.from_counter(counter, min_docs)

    @classmethod
    def from_counter(cls, counter: KeyCounter, min_docs: int = REPEATED_MIN_DOCS) -> RepeatedLines:
        return cls(frozenset(counter.at_least(min_docs).tolist()))

    def is_repeated(self, site: str, text: str) -> bool:
        return self.key(site, text) in self.keys


def classify(texts: Sequence[str], site: str, repeated: RepeatedLines | None = None,
             raw: Sequence[str] | None = None) -> list[str | None]:
    """A drop reason for each cleaned line, or None to keep it. Repeated lines are looked up by the
    raw line when `raw` is given (the first pass counts raw lines, which needs no cleaning)."""
    reasons: list[str | None] = []
    for i, text in enumerate(texts):
        if not text:
            reasons.append("empty_after_clean")
        elif reason := pattern_reason(text):
            reasons.append(reason)
        elif repeated is not None and not is_prose(text) and repeated.is_repeated(site, raw[i] if raw else text):
            reasons.append("boilerplate_repeated")  # repeated prose is duplicate content: dedup's job
        elif i and len(text) <= REPEATED_MAX_CHARS and _is_teaser_label(texts[i - 1]):
            reasons.append("boilerplate_teaser")  # the headline under "Read also:"
        else:
            reasons.append(None)
    long_words = long_line_words([t for t, r in zip(texts, reasons, strict=True) if r is None])
    prose = [i for i, t in enumerate(texts) if reasons[i] is None and is_prose(t, long_words)]
    if not prose:
        return [r or "boilerplate_no_prose" for r in reasons]
    first, last = prose[0], _extend_body(texts, reasons, prose[-1])
    title = _title(texts, reasons, first)
    for i, text in enumerate(texts):
        if reasons[i] is not None or i == title:
            continue
        if i < first:
            reasons[i] = "boilerplate_header"
        elif i > last:
            reasons[i] = "boilerplate_footer"
        elif words(text) <= ORPHAN_MAX_WORDS and not ends_clause(text):
            reasons[i] = "boilerplate_short_line"
    return reasons


_TEASER_LABELS = _keys("""اقرأ أيضا|إقرأ أيضاً|للمزيد|شاهد أيضا|مواضيع ذات صلة|Read also|Read more|See also|Related|
Lire aussi|À lire aussi|بیشتر بخوانید|مطالب مرتبط|مزید پڑھیں|یہ بھی پڑھیں""".replace("\n", "").split("|"))


def _is_teaser_label(text: str) -> bool:
    """A label that announces another article's headline on the next line, like "اقرأ أيضاً:"."""
    return text.rstrip().endswith(":") and line_key(text) in _TEASER_LABELS


def _extend_body(texts: Sequence[str], reasons: Sequence[str | None], last: int) -> int:
    """The body runs on past its last prose line through list items and short closing sentences."""
    following = [i for i in range(last + 1, len(texts)) if reasons[i] is None]
    for i in following:
        if words(texts[i]) < 2 or not ends_clause(texts[i]):
            break
        last = i
    return last


def _title(texts: Sequence[str], reasons: Sequence[str | None], first: int) -> int | None:
    """The headline: the wordiest line above the body that looks like one."""
    candidates = [i for i in range(first) if reasons[i] is None and words(texts[i]) >= TITLE_MIN_WORDS
                  and len(texts[i]) <= TITLE_MAX_CHARS and not ends_sentence(texts[i])]
    return max(candidates, key=lambda i: (words(texts[i]), -i), default=None)


def site_of(url: str | None, source: str) -> str:
    """What counts as one site for repeated lines: the URL's host, else the input's folder."""
    if url:
        host = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE).split("/")[0].lower()
        if host:
            return host.removeprefix("www.")
    return source.rsplit("/", 1)[0] if "/" in source else ""
