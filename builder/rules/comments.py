"""A comment section's house rules, under the article: "Comments are moderated…", "المرجو عدم نشر أي تعليق
يتضمن السب…", "ننصحك بمراجعة إرشادات الاستخدام…". A site prints them as full sentences above or below its comment
form, so neither the phrase list (too many ways to say it) nor the footer trim (they are prose, and they stop it)
takes them.

The evidence is the line's shape and place, with three small cue sets that must all be there: it names comments
(`COMMENT`), says what happens to them or what they must not contain (`POLICY`: moderated, reviewed before
publication, deleted, rules, insults), and speaks to the reader (`web.ADDRESS`, or a request: `REQUEST`, "please",
"المرجو") or states the rule with the comments as its subject (a comment word opens it: "نظرات حاوی توهین منتشر
نمی‌شود", "Los comentarios son responsabilidad de …"); and it stands below the article, with no
sentence of the article under it (the rules decide before the box rules, and a related or most-read box's headlines
under the comment form are long lines with no full stop, which do not count). An article sentence about a platform
deleting comments reports it ("the company said it would remove…"): it does not address the reader, names who acted
first, and has the rest of the article below it.

Comments themselves, under a Q&A page's question or answer, are signed after a dash ("… – jfoster Mar 3, 2024 at
15:01"): `SignedComment` takes them by that shape, in a thread or by a signer the page names, between a post's rows.
Readers' comments under an article are headed by the commenter's name over its date ("Sophie B." / "22 novembre 2025
à 8 h 12 min"), or by a name and a date on one line: `DatedComments`; or written as the reader's name, a colon and
the comment under a comments heading ("التعليقات (2)" over "أبو سلطان: خطوة جميلة …"): `NamedComments`. Both take
them only below the article's prose (MIN_BODY lines of it above them at least).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import document_slices, dropped_as, literals, matching, search
from builder.rules.patterns import dated
from builder.rules.structure import FIELD, prose, prose_lines
from builder.rules.threads import SAID
from builder.rules.web import ADDRESS
from builder.steps import LineRule, array, undecided, where
from builder.text.keys import line_key

# Comments and readers' posts, in the languages of the corpus and the web's largest, found in the lines' keys (no
# case or marks: one literal scan of the batch); the two below are RE2 patterns over the text of those few lines.
COMMENT = literals(line_key(word) for word in """comment|kommentar|kommentier|comentari|commento|reacties|leserbrief|
réaction|reaction|reaktion|reaccion|reações|
komen|yorum|تعليق|مشاركات|نظرات|دیدگاه|تبصر|کمنٹ|ئىنكاس|коммент|コメント|评论|評論|댓글""".replace("\n", "").split("|"))
# What the rules say happens to a comment, or what it may not hold.
POLICY = (r"(?i)moderat|modér|review|approv|publish|publica|publié|publier|delete|remov|supprim|lösch|prüf|"
          r"freigeschalt|borrad|elimin|rules|guideline|terms|charte|règle|richtlinie|netiquette|normas|reglas|"
          r"insult|offensive|abusive|injur|beleidig|closed|fermés|cerrados|geschlossen|kelulusan|dipadam|yayınlan|"
          r"مراجعة|نشر|حذف|إرشادات|شروط|قواعد|السب|القذف|الإساءة|"
          r"قوانین|ضوابط|منتشر|توہین|شائع|"
          # ...or what the reader must do first, or that they are off: log in, turned off
          r"log ?in|sign ?in|signed in|anmelden|angemeldet|einloggen|connectez|connecté|masuk|inicia sesión|"
          r"iniciar sesión|accedi|تسجيل الدخول|سجل دخول|لاگ ان|وارد شوید|turned off|disabled|désactivé|deaktiviert|"
          r"desactivad|ditutup")
# A request to the reader, where the language does not address with a pronoun of its own ("المرجو عدم نشر").
REQUEST = (r"(?i)please|veuillez|merci de|bitte|por favor|per favore|silakan|\bsila\b|المرجو|يرجى|نرجو|الرجاء|"
           r"ننصح|نأمل|لطفا|لطفاً|براہ کرم|برائے مہربانی")
MAX_WORDS = 80  # the rules are a sentence or three
# the comments are the subject when a comment word is among the sentence's first words ("Your comment", "آپ کا تبصرہ")
SUBJECT_WORDS = 3
MIN_BODY = 2  # prose lines of the article above them
_COMMENT = re.compile(COMMENT)
_LABEL = re.compile(r"^[^:：]{1,20}[:：]\s")  # "Note: ", "تنبيه: "


def _comments_first(text: str) -> re.Match[str] | None:
    """Whether the line's sentence is about the comments, as a house rule is ("نظرات حاوی توهین منتشر نمی‌شود",
    "Los comentarios son responsabilidad de …", "Comments are reviewed before …"): a comment word among its first
    words (an article's sentence names the comments after who did what to them: "The site said it deleted
    comments …")."""
    return _COMMENT.search(line_key(" ".join(_LABEL.sub("", text).split()[:SUBJECT_WORDS])))


@dataclass(frozen=True)
class CommentPolicy(LineRule):
    """A comment section's rules below the article: a line that names comments, what is done to them or what
    they must not hold (or that the reader must log in first, or that they are off), and speaks to the reader or has
    the comments as its subject, with no article prose under it, or between two lines earlier rules dropped."""

    name = "comment_policy"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_comment_policy": "a comment section's rules below the article (comments are moderated, "
                                      "reviewed or deleted; what they must not contain), addressed to the reader",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        candidate = undecided(lines) & (array(lines, "words") <= MAX_WORDS)
        named = matching(lines, COMMENT, "key", among=candidate)
        policy = matching(lines, POLICY, among=named)
        rules = policy & (matching(lines, ADDRESS, among=policy) | matching(lines, REQUEST, among=policy)
                          | search(_comments_first, lines, policy))
        if not rules.any():
            return where(rules, "boilerplate_comment_policy")
        # the article's prose above each line, and its sentences below it (rules lines left out), counted within
        # its document. Below, only a line that ends a sentence counts: the rules run before the box rules, and the
        # related or most-read headlines under a comment form are long lines with no full stop ("prose" on a page
        # that looks unpunctuated until they go), which would otherwise hold the rules up
        article = prose_lines(lines, undecided(lines)) & ~rules
        docs = array(lines, "doc")
        starts = np.r_[0, np.flatnonzero(docs[1:] != docs[:-1]) + 1]
        sizes = np.diff(np.r_[starts, len(docs)])
        above = _within(article, starts, sizes)
        sentences = article & array(lines, "ends_sentence")
        sentences_above = _within(sentences, starts, sizes)
        total = np.repeat(np.add.reduceat(sentences.astype(np.int64), starts), sizes) if len(docs) else above
        below = total - sentences_above - sentences
        # ...or a line between two that earlier rules dropped: the comment section's own place (a form's button above,
        # a box's heading below), whatever prose the page's foot holds further down (a press regulator's notice)
        return where(rules & (above >= MIN_BODY) & ((below == 0) | _between_dropped(lines, rules)),
                     "boilerplate_comment_policy")


def _between_dropped(lines: pa.Table, among: np.ndarray) -> np.ndarray:
    """Which lines of `among` have an earlier rule's reason on the nonblank line right above and right below them,
    in their document."""
    found = np.zeros(len(lines), dtype=bool)
    decided, length = ~undecided(lines), array(lines, "length")
    for start, end in document_slices(lines, among=among):
        nonblank = (start + np.flatnonzero(length[start:end] > 0)).tolist()
        for k, i in enumerate(nonblank):
            if among[i] and 0 < k < len(nonblank) - 1:
                found[i] = bool(decided[nonblank[k - 1]] and decided[nonblank[k + 1]])
    return found


def _within(mask: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """How many rows of `mask` come before each row in its document (`starts`, `sizes`: the documents' slices)."""
    before = np.cumsum(mask) - mask
    return np.asarray(before - np.repeat(before[starts], sizes))


# A comment under a post, signed after a dash: "Is it an in-use cover? – jfoster Mar 3, 2024 at 15:01",
# "ممنون، … — مریم.ک". The signature is a few words with no sentence end.
_SIGNED = re.compile(r"^(?P<body>\S.*?\S)\s+[–—]\s+(?P<signature>\S[^–—]*?)\s*$")
_SIGNED_HINT = r"\s[–—]\s"
_SENTENCE_END = re.compile(r"[.!?؟…۔]$")
# a list item or a named value ("Possession: Al Ahly 61% – Al Masry 39%") holds a dash between two figures, unsigned
_ITEM_OR_FIELD = re.compile(r"^\s*(?:[-–•*·▪]\s|\d+[.)]\s|[^\s:]+(?:\s[^\s:]+){0,3}\s?[:：])")
SIGNATURE_WORDS = 8  # a name and a date ("jfoster Mar 3, 2024 at 15:01")
COMMENT_MIN_WORDS = 3


_EDGES = re.compile(r"^\W+|\W+$")


def words_of(text: str) -> list[str]:
    """A line's words, lower-cased, their edge punctuation cut ("@jfoster" is "jfoster", "(45" is "45")."""
    return [w for w in (_EDGES.sub("", word).lower() for word in text.split()) if w]


def _signature(text: str) -> list[str] | None:
    """The words of the name and date a line is signed with, or None when it is not signed."""
    found = _SIGNED.match(text)
    if not found or _ITEM_OR_FIELD.match(text) or _SENTENCE_END.search(found["signature"]):
        return None
    body, signature = found["body"].split(), words_of(found["signature"])
    if len(body) < COMMENT_MIN_WORDS or not 0 < len(signature) <= SIGNATURE_WORDS or _result(body, signature):
        return None
    return signature


RESULT_FIGURES = 1 / 3  # a side of a result line this much figures: "Quetta 164/7 (20 overs)"


def _result(body: list[str], signature: list[str]) -> bool:
    """Whether a dashed line is a match's result, a side and its score on either side of the dash ("کوئٹہ 164/7 (20
    اوور) – ملتان 167/6 (19.5 اوور)"), not a comment signed with a name and a date: both sides hold figures, and the
    first is as short as a signature and a third of it or more figures (a comment's text has words)."""
    figures = sum(bool(_DIGIT.search(word)) for word in body)
    return len(body) <= SIGNATURE_WORDS and figures >= RESULT_FIGURES * len(body) \
        and any(_DIGIT.search(word) for word in signature)


def _named_elsewhere(signature: list[str], others: list[list[str]]) -> bool:
    """Whether the page names the signer in another line: its first two words in a row there, or its first word
    when the signature is one word (a handle)."""
    name = signature[:2] if len(signature) > 1 and not any(c.isdigit() for c in signature[1]) else signature[:1]
    return any(words[i:i + len(name)] == name for words in others for i in range(len(words)))


@dataclass(frozen=True)
class SignedComment(LineRule):
    """A reader's comment under a question, an answer or a post, signed after a dash with the commenter's name
    (and a date): "Is it an in-use cover? – jfoster Mar 3, 2024 at 15:01". Judged by the shape and the place, no
    word list: signed lines come in a thread of two or more, or the page names the signer elsewhere (the asker
    answering under an answer), and they sit between a post's rows, not between the article's paragraphs: a
    sentence that ends with a dash and an aside ("… reopens — in May") has the article's text on both sides."""

    name = "signed_comment"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_comment": "a reader's comment under a post, signed after a dash with a name (and a date), "
                               "in a thread of such comments or by someone the page names elsewhere",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        kept, words = undecided(lines), array(lines, "words")
        out: list[str | None] = [None] * len(lines)
        dashed = matching(lines, _SIGNED_HINT, among=kept & (words >= COMMENT_MIN_WORDS) & (words <= MAX_WORDS))
        if not dashed.any():
            return pa.array(out, pa.string())
        texts = lines.column("text")  # row by row: only the dashed lines and their pages are read
        signed = {i: s for i in np.flatnonzero(dashed).tolist() if (s := _signature(str(texts[i].as_py()))) is not None}
        docs = array(lines, "doc")
        pages = {int(docs[i]) for i in signed}
        text = kept & prose(words, array(lines, "ends_sentence"))
        nonblank = array(lines, "length") > 0
        for start, end in document_slices(lines):
            if not signed or docs[start] not in pages:
                continue
            mine = [i for i in signed if start <= i < end]
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            place = {r: p for p, r in enumerate(rows)}
            page = texts.slice(start, end - start).to_pylist()
            others = {r: words_of(str(page[r - start])) for r in rows}
            for i in mine:
                p = place[i]
                up = next((r for r in reversed(rows[:p]) if r not in signed), None)
                down = next((r for r in rows[p + 1:] if r not in signed), None)
                if up is not None and down is not None and text[up] and text[down]:
                    continue  # between the article's paragraphs
                thread = (p > 0 and rows[p - 1] in signed) or (p + 1 < len(rows) and rows[p + 1] in signed)
                if thread or _named_elsewhere(signed[i], [w for r, w in others.items() if r != i]):
                    out[i] = "boilerplate_comment"
        return pa.array(out, pa.string())


NAME_WORDS = 4  # a commenter's name as a comment's header gives it: "Sophie B.", "Jenna R. says", "أم سالم"
MIN_COMMENTS = 2  # a thread; one comment alone must end on a dropped row (its reply button)
TEXT_LINES = 8  # a comment's text runs on for at most this many lines
LONE_TEXT_LINES = 3  # ...and a lone comment's for this many
PARAGRAPH_WORDS = 8  # a sentence this long is a paragraph of the article
_INITIAL = r"(?:^|\s)\pL\.$"
_DIGIT = re.compile(r"\d")
# the name and the date on one line, split by a middle dot or a bullet: "Dave_K · 3 days ago", "Jordi R. · hace 2
# horas", with a badge between them on a shop's review ("Sarah K. · Verified buyer · 12 October 2026"); a bar splits
# a table's cells ("زحلة | 80 دولاراً | 39 سنتاً")
_DOT = re.compile(r"\s+[·•]\s+")
_NAME_AND_DATE_HINT = r"\s[·•]\s"
MAX_BADGES = 1  # "Verified buyer", "Top contributor": one short label between the name and the date


def _name_and_date(text: str) -> bool:
    """Whether a line is a commenter's name (a few words, no digit) and a date on one line, split by a middle dot,
    with at most MAX_BADGES short labels (no digit) between them."""
    parts = _DOT.split(text.strip())
    if not 2 <= len(parts) <= 2 + MAX_BADGES or not dated(parts[-1]):
        return False
    return all(0 < len(part.split()) <= NAME_WORDS and not _DIGIT.search(part) for part in parts[:-1])


# a blog's comment head, the commenter's name and "says" with an ellipsis, the date under the comment (Blogger's
# "Anonymous said...", "غير معرف يقول...", "X a dit…"); with a colon it is a quote's header or an article's lead-in
# (threads.py)
_SAYS = re.compile(rf"^(?P<name>[^\d]+?)\s+(?:{SAID})\s*(?:\.\.\.|…)\s*$", re.IGNORECASE)
_SAYS_HINT = r"(?:\.\.\.|…)\s*$"
# the comments' count over the first comment ("3 تعليقات:", "12 Comments", "14 réponses à « … »")
_COUNT = re.compile(r"^\W*\d+\s+\S+")
_REPLIES = "respons|répons|repl|antwort|respuesta|ردود|پاسخ|جواب"
COUNTED = COMMENT[:-1] + "|" + "|".join(line_key(word) for word in _REPLIES.split("|")) + ")"
COUNT_WORDS = 16  # "14 réponses à « Mes premières chaussettes tricotées (et pourquoi j'ai eu peur du talon) »"


def _says(text: str) -> bool:
    """Whether a line is a comment's head, a name of a few words and "says..." (`_SAYS`)."""
    found = _SAYS.match(text)
    return found is not None and len(found["name"].split()) <= NAME_WORDS


@dataclass(frozen=True)
class DatedComments(LineRule):
    """Readers' comments under the article, each headed by the commenter's name over the comment's date (a line
    Dateline dropped): "Sophie B." / "22 novembre 2025 à 8 h 12 min" / the comment; "Tom says" / "November 2, 2025
    at 1:17 pm"; "أم سالم" / "منذ ساعتين". The name and the kept lines under the date (up to a dropped row, such as
    the reply button, or the next name) go when they stand below the article: at least two of its paragraphs above
    the first name, and more than the page has from that name down (comments included); and when they are a thread
    of two or more, or one comment of a few lines that ends on a row an earlier rule dropped (its reply button). No
    word list: the shape is a short kept line with no digit and no sentence end over a date line. A forum's replies
    are as long as the first post above them, or longer, and what sits right above their dates is a row of the
    post an earlier rule dropped (a rank, a post count), or, for a lone one, a rank under the poster's name (two
    short lines; a thread's first comment may have the comments' count over its name); a live page's dated entries
    have the article going on below them; a byline over the date sits above the article. A date with a name's
    shape under it is a post signed under its date, as a Q&A page signs each answer ("share edit flag" /
    "answered Mar 3, 2024 at 15:44" / "sparky_sam"): the short line over it is the post's button row, not a
    commenter's name, and the lines under the name are the next answer's. A line that is a name and a date both
    ("Dave_K · 3 days ago", "Jordi R. · hace 2 horas": a few words with no digit, a dot or a bar, then what
    Dateline takes for a date) heads its comment alone, under the same conditions, and so does a blog's head that
    gives the name and "says" with an ellipsis, the date under the comment ("Anonymous said...", "غير معرف يقول...",
    "Hélène a dit…"). The comments' count right over the first comment ("3 تعليقات:", "14 réponses à « … »": a figure
    first, a comment or reply word) goes with them."""

    name = "dated_comments"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_dated_comment": "a reader's comment below the article, headed by the commenter's name over "
                                     "its date or beside it (in a thread, or alone over its reply button)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        out: list[str | None] = [None] * len(lines)
        kept = undecided(lines)
        dated = dropped_as(lines, ["boilerplate_dateline"])
        # a line that is a name and a date both heads its comment alone (a dot between words is rare: read first)
        short = kept & (array(lines, "words") <= NAME_WORDS + SIGNATURE_WORDS)
        joint = search(_name_and_date, lines, matching(lines, _NAME_AND_DATE_HINT, among=short))
        joint = joint | search(_says, lines, matching(lines, _SAYS_HINT, among=short))
        if not (dated | joint).any():
            return pa.array(out, pa.string())
        words, ends, length = array(lines, "words"), array(lines, "ends_sentence"), array(lines, "length")
        nonblank = length > 0
        signer = nonblank & (words >= 1) & (words <= NAME_WORDS)  # a name's shape, kept or not
        signer &= ~ends | matching(lines, _INITIAL, among=signer & ends)  # "Sophie B." ends on an initial
        signer &= ~matching(lines, r"\d", among=signer)
        name = kept & signer  # a forum's rank row there is dropped
        paragraph = kept & (words >= PARAGRAPH_WORDS) & ends
        header = kept & nonblank & (words <= NAME_WORDS) & ~ends
        for start, end in document_slices(lines):
            if not (dated[start:end] | joint[start:end]).any():
                continue
            rows = (nonblank[start:end].nonzero()[0] + start).tolist()
            seen = np.cumsum(paragraph[start:end])  # the article's paragraphs down to each row
            # each comment as (its name's place, its date's place): apart, or both on one line
            heads = [(p - 1, p) for p in range(1, len(rows)) if dated[rows[p]] and name[rows[p - 1]]
                     and seen[rows[p - 1] - start] >= MIN_BODY  # below the article's start: not its byline
                     and not (p + 1 < len(rows) and signer[rows[p + 1]])]  # a post signed under its date
            heads = sorted([*heads, *((p, p) for p, r in enumerate(rows) if joint[r] and seen[r - start] >= MIN_BODY)])
            if not heads:
                continue
            starts = {n for n, _ in heads}
            taken: list[int] = []
            for n, p in heads:
                taken.append(rows[n])  # the name (its date, apart, was dropped already)
                q = p + 1
                while q < len(rows) and q - p <= TEXT_LINES and kept[rows[q]] and q not in starts:
                    taken.append(rows[q])
                    q += 1
            first_name, first = heads[0]
            # a lone comment: a few lines of text, then a dropped row; no forum post's name over its rank
            lone = 1 < q - first <= LONE_TEXT_LINES + 1 and q < len(rows) \
                and (first_name == first or first < 2 or not header[rows[first - 2]])
            if len(heads) < MIN_COMMENTS and not lone:
                continue
            above = int(seen[rows[first_name] - start])
            if seen[-1] - above < above:  # the comments' own paragraphs and the page's below them: fewer
                count = rows[first_name - 1] if first_name > 0 else None  # the comments' count over the first
                if count is not None and kept[count] and words[count] <= COUNT_WORDS:
                    text = str(lines.column("text")[count].as_py())
                    if _COUNT.match(text) and re.search(COUNTED, line_key(text)):
                        taken.append(count)
                for r in taken:
                    out[r] = "boilerplate_dated_comment"
        return pa.array(out, pa.string())


HEADING_WORDS = 3  # a comments heading: "التعليقات (2)", "Комментарии (3)", "تبصرے", "2 Comments"
SHAPE_HEADING_WORDS = 4  # a heading the rows vouch for: "Ra'ayoyin masu karatu (2)", "Maoni ya Wasomaji", "Komen"
PROMPT_WORDS = 4  # the comment form's prompt under the rows: "Rubuta ra'ayinka", "اكتب تعليقك هنا", "تبصرہ لکھیں"
HEADLINE_WORDS = 20  # a "most read" box's headline runs to this many words; a paragraph without a full stop is longer
ROW_NAME_WORDS = 3  # a commenter's name before the colon: "أم فراس", "Сергей К.", "tver_lena"
ROW_NAME_CHARS = 30
ROW_MIN_WORDS = 2  # after the colon, a sentence: "سلام۔" alone is a greeting's row, not a comment
NOTE_WORDS = 30  # the section's note between its heading and the rows: a sentence or two
NOTE_WORD_CHARS = 4  # a heading's word the section's note repeats ("Ra'ayoyin masu karatu ba sa wakiltar …")
# A heading or a form's prompt that names readers or their views, in the languages of the web's largest and the
# corpus's: readers ("القرّاء", "قارئین", "لوستونکو", "پڙهندڙن", "Leser", "lecteurs", "pembaca"), their opinions
# ("آراء", "رائے", "رايا", "Opiniões", "Meinung", "Maoni", "Ra'ayoyin") or a shop's reviews ("جائزے", "مراجعات",
# "Bewertungen", "Avaliações"). Under one, a reader's row may do without a full stop, as most do ("Yusran: Mantap,
# semoga bersih terus"); under a heading of the shape alone, an unpunctuated "Name: value" is as likely the
# article's own list ("Filling: spinach and feta").
VIEWS = literals(line_key(word) for word in """قراء|قارئين|قارئین|لوستونکو|پڙهندڙ|خوانندگان|leser|lecteur|lector|leitor|
lettori|reader|pembaca|wasomaji|masukaratu|آراء|رأيك|رأيكم|رائے|رايا|رايو|نظرونه|نظر شما|opinio|meinung|maoni|
raayoyin|yorum|komentar|tanggapan|ulasan|جائزے|مراجعات|تقييمات|bewertung|avaliaç|recension|
reseña""".replace("\n", "").split("|"))
# "Name: comment.": a name of a few words with a letter and no figure (a named value gives one: "Brebis : 38 000"),
# or a handle of one word that opens with a letter and may end in figures ("Pierrot87", "tver_lena2")
_NAMED_ROW = re.compile(r"^(?P<name>[^\d:：]*[^\W\d][^\d:：]*?|[^\W\d][\w.]*\d)\s*[:：]\s+(?P<text>\S.*)$")
# ...read only where RE2 finds the colon after a short figureless start, or a handle (the pattern above backtracks
# over a long one; RE2's \w is ASCII's, so letters and figures of any script are spelled out)
_NAMED_ROW_HINT = (rf"^\s*(?:[^\d:：]{{1,{ROW_NAME_CHARS + 10}}}|\pL[\pL\pN_.]{{0,{ROW_NAME_CHARS}}}\pN"
                   rf"|[^:：·•]{{1,{ROW_NAME_CHARS}}}\s[·•]\s[^:：·•]{{1,30}})\s*[:：]\s")


# ...or the name and when the reader wrote, split by a middle dot, before the colon ("ValleyMum · 2h ago: …")
_NAME_WHEN = re.compile(r"^(?P<name>[^:：·•]{1,%d}?)\s+[·•]\s+(?P<when>[^:：·•]{1,30}?)\s*(?P<rest>[:：]\s+\S.*)$"
                        % ROW_NAME_CHARS)


def _row_name(text: str) -> str | None:
    """The reader's name, when a line is a reader's comment written after the name and a colon (`_NAMED_ROW`), the
    time it was written between them maybe (`_NAME_WHEN`: "ValleyMum · 2h ago: Who pays …")."""
    when = _NAME_WHEN.match(text.strip())
    if when is not None and dated(when["when"]):
        text = when["name"] + when["rest"]
    found = _NAMED_ROW.match(text.strip())
    if found is None or len(found["name"]) > ROW_NAME_CHARS or len(found["text"].split()) < ROW_MIN_WORDS:
        return None
    # a shop's review gives a badge after the name and a middle dot ("مریم از تهران · خریدار ✔", "Sarah K. · Verified")
    parts = _DOT.split(found["name"])
    if len(parts) > 1 + MAX_BADGES or not all(0 < len(part.split()) <= ROW_NAME_WORDS for part in parts):
        return None
    return parts[0]


def _named_row(text: str) -> bool:
    """Whether a line is a reader's comment written after the reader's name and a colon (`_NAMED_ROW`)."""
    return _row_name(text) is not None


def _readers(names: list[str], article: list[list[str]], least: int) -> bool:
    """Whether the names are readers', not the article's speakers: `least` or more, each once (a dialogue's speaker
    comes back), and none of them named in the article's lines (an interview introduces whom it asks)."""
    named = [words_of(name) for name in names]
    if len(names) < least or len({tuple(n) for n in named}) < len(named):
        return False
    return not any(words[i:i + len(n)] == n for n in named for words in article for i in range(len(words)))


@dataclass(frozen=True)
class NamedComments(LineRule):
    """Readers' comments under a comments heading below the article, each written on one line as the reader's name,
    a colon and the comment's sentence: "التعليقات (2)" over "أبو سلطان: خطوة جميلة، نتمنى …", "Комментарии (3)" over
    "Сергей К.: Давно пора, …", "تبصرے (2)" over "ملک شفیق: ماشاءاللہ، …". The heading and the rows right under it
    go, up to the first kept line of another shape (lines earlier rules dropped between them, a reply button, are
    passed over), with the comment form's prompt when a short line with no sentence end comes right under the rows
    ("Rubuta ra'ayinka", "اكتب تعليقك هنا") and the section's note right under them (a sentence that repeats the
    heading's words: "Komen anda akan dipaparkan …"); when the article's prose is above them (MIN_BODY lines) and none
    below.
    Below, a "most read" box's headlines (no sentence end, HEADLINE_WORDS at most) are no article, nor is the
    section's own note (it names the comments, or repeats the heading's words: "Komen anda akan dipaparkan …").

    The heading is a line of a few words that names comments (`COMMENT`), or, in a language no word list holds
    ("Ra'ayoyin masu karatu (2)", "Maoni ya Wasomaji", "Komen", "آپ کی رائے"), any short line with no sentence end
    and no colon closing it, right over two or more rows whose names are readers': each name once and none of them
    named in the article (one row, when the form's prompt under it names comments: "تبصرہ لکھیں"). A row may end on
    no full stop, as most readers write ("Yusran: Mantap, semoga bersih terus"), when the heading or the prompt under
    the rows names comments, readers or their views (`VIEWS`: "آراء القرّاء", "پڙهندڙن جا رايا", "Komentar"); under
    a heading of the shape alone, unpunctuated "Name: value" lines are the article's own list. A comments heading an
    earlier rule dropped ends the run above it (a tags line shaped like a row is no comment of the rows under it).
    The shape without a heading is an interview's or a forum quote's ("Q: …", "Ahmed: …"); an interview under a
    subheading names whom it asks in the article, a dialogue's speakers come back, a lead-in ("They said:") opens
    the article's own list, and a quote in the article has its prose under it."""

    name = "named_comments"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_named_comment": "a reader's comment below the article under a comments heading, written as "
                                     "the reader's name, a colon and the comment (and the heading over them, the "
                                     "comment form's prompt under them)",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        out: list[str | None] = [None] * len(lines)
        words, length, ends = array(lines, "words"), array(lines, "length"), array(lines, "ends_sentence")
        kept = undecided(lines)
        row = kept & (words >= ROW_MIN_WORDS + 1)  # with a sentence end or not: the heading decides (`VIEWS`)
        row = search(_named_row, lines, matching(lines, _NAMED_ROW_HINT, among=row))
        row &= ~matching(lines, FIELD, among=row)  # a named value gives a figure ("Attaques : 27 cette année.")
        if not row.any():
            return pa.array(out, pa.string())
        docs = array(lines, "doc")
        pages = np.isin(docs, docs[row])  # only the pages with rows are read further
        short = pages & (length > 0) & ~ends & (words <= SHAPE_HEADING_WORDS)
        heading = matching(lines, COMMENT, "key", among=short & (words <= HEADING_WORDS))
        shaped = short & ~matching(lines, r"[:：]\s*$", among=short)  # a lead-in opens the article's own list
        named_prompt = matching(lines, COMMENT, "key", among=short & kept & (words <= PROMPT_WORDS))
        views = heading | matching(lines, VIEWS, "key", among=short)
        # the section's note between its heading and the rows: a sentence that names comments ("المرجو الالتزام
        # بأخلاقيات الحوار، وكل تعليق مسيء سيحذف.", "Please keep your comments civil.")
        notice = matching(lines, COMMENT, "key", among=pages & kept & ends & (words <= NOTE_WORDS))
        article = prose_lines(lines, kept)
        # under the rows, the article going on is a sentence, or a line long enough to be prose without one: a most
        # read box's headlines are neither; a sentence that names the comments is the section's own note ("ادارہ کا
        # تبصرہ نگار کی رائے سے متفق ہونا ضروری نہیں۔")
        below = pages & article & (ends | (words > HEADLINE_WORDS))
        below &= ~matching(lines, COMMENT, "key", among=below)
        texts = lines.column("text")
        for start, end in document_slices(lines, among=row):
            nonblank = (start + np.flatnonzero(length[start:end] > 0)).tolist()
            page: list[str] = []  # the document's texts, read only when a run's heading asks for them
            p = 0
            while p < len(nonblank):
                if not row[nonblank[p]]:
                    p += 1
                    continue
                first, rows, q = p, [], p  # a run of rows, dropped lines between them passed over
                while q < len(nonblank) and (row[nonblank[q]] or not (kept[nonblank[q]] or heading[nonblank[q]])):
                    if row[nonblank[q]]:
                        rows.append(nonblank[q])
                    q += 1
                p = q
                prompt = nonblank[q] if q < len(nonblank) and short[nonblank[q]] and kept[nonblank[q]] \
                    and words[nonblank[q]] <= PROMPT_WORDS else None
                # a comments heading, lines earlier rules dropped between it and the rows passed over, and the
                # section's note under it (`notice`) when the heading names comments
                k = first - 1
                while k >= 0 and not heading[nonblank[k]] and (notice[nonblank[k]] or not kept[nonblank[k]]):
                    k -= 1
                notes = [nonblank[j] for j in range(k + 1, first) if notice[nonblank[j]]]
                if not (k >= 0 and heading[nonblank[k]]):
                    notes, k = [], next((j for j in range(first - 1, -1, -1)
                                         if heading[nonblank[j]] or kept[nonblank[j]]), -1)
                h = nonblank[k] if k >= 0 else None
                named = h is not None and bool(heading[h])
                if not named:
                    notes, h = [], nonblank[first - 1] if first > 0 and shaped[nonblank[first - 1]] else None
                if h is None or article[start:h].sum() < MIN_BODY:
                    continue  # no heading, or not below the article
                if not (ends[rows].all() or views[h] or (prompt is not None and views[prompt])):
                    continue  # unpunctuated rows under a heading that names no reader: the article's own list
                page = page or [str(t) for t in texts.slice(start, end - start).to_pylist()]
                tail = (prompt if prompt is not None else rows[-1]) + 1
                note = {w for w in words_of(page[h - start]) if len(w) >= NOTE_WORD_CHARS and not w.isdigit()}
                # a heading that counts the comments ("11 Comments", "9 تبصرے", "تعليقات (2)"), no earlier rule's row
                # (a member panel's "Posts: 312"), heads the comments whatever prose comes under them (the author's
                # bio, the site's notice)
                counted = named and bool(kept[h]) and bool(_DIGIT.search(page[h - start]))
                if not counted and any(not note & set(words_of(page[r - start]))
                                       for r in (tail + np.flatnonzero(below[tail:end]))):
                    continue  # a quote with the article's prose under it
                if not named:
                    least = 1 if prompt is not None and named_prompt[prompt] else MIN_COMMENTS
                    prose_above = [words_of(page[i]) for i in np.flatnonzero(article[start:rows[0]]).tolist()]
                    if not _readers([_row_name(page[r - start]) or "" for r in rows], prose_above, least):
                        continue
                taken = [*notes, *rows, *([prompt] if prompt is not None else [])]
                after = q + (prompt is not None)  # the section's note right under them: "Komen anda akan dipaparkan …"
                while after < len(nonblank) and kept[nonblank[after]] and ends[nonblank[after]] \
                        and note & set(words_of(page[nonblank[after] - start])):
                    taken.append(nonblank[after])
                    after += 1
                for r in [h, *taken] if kept[h] else taken:
                    out[r] = "boilerplate_named_comment"
        return pa.array(out, pa.string())
