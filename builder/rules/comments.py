"""A comment section's house rules, under the article: "Comments are moderated…", "المرجو عدم نشر أي تعليق
يتضمن السب…", "ننصحك بمراجعة إرشادات الاستخدام…". A site prints them as full sentences above or below its comment
form, so neither the phrase list (too many ways to say it) nor the footer trim (they are prose, and they stop it)
takes them.

The evidence is the line's shape and place, with three small cue sets that must all be there: it names comments
(`COMMENT`), says what happens to them or what they must not contain (`POLICY`: moderated, reviewed before
publication, deleted, rules, insults), and speaks to the reader (`web.ADDRESS`, or a request: `REQUEST`, "please",
"المرجو"); and it stands below the article, with no article prose under it. An article sentence about a platform
deleting comments reports it ("the company said it would remove…"): it does not address the reader, and it has
the rest of the article below it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
import pyarrow as pa

from builder.rules.masks import literals, matching
from builder.rules.structure import prose_lines
from builder.rules.web import ADDRESS
from builder.steps import LineRule, array, undecided, where
from builder.text.keys import line_key

# Comments and readers' posts, in the languages of the corpus and the web's largest, found in the lines' keys (no
# case or marks: one literal scan of the batch); the two below are RE2 patterns over the text of those few lines.
COMMENT = literals(line_key(word) for word in """comment|kommentar|comentari|commento|reacties|leserbrief|تعليق|
مشاركات|نظرات|دیدگاه|تبصر|کمنٹ|コメント|评论|評論|댓글""".replace("\n", "").split("|"))
# What the rules say happens to a comment, or what it may not hold.
POLICY = (r"(?i)moderat|modér|review|approv|publish|publica|publié|publier|delete|remov|supprim|lösch|prüf|"
          r"freigeschalt|borrad|elimin|rules|guideline|terms|charte|règle|richtlinie|netiquette|normas|reglas|"
          r"insult|offensive|abusive|injur|beleidig|مراجعة|نشر|حذف|إرشادات|شروط|قواعد|السب|القذف|الإساءة|"
          r"قوانین|ضوابط|منتشر|حذف|توہین|شائع")
# A request to the reader, where the language does not address with a pronoun of its own ("المرجو عدم نشر").
REQUEST = (r"(?i)please|veuillez|merci de|bitte|por favor|per favore|المرجو|يرجى|نرجو|الرجاء|ننصح|نأمل|"
           r"لطفا|لطفاً|براہ کرم|برائے مہربانی")
MAX_WORDS = 80  # the rules are a sentence or three
MIN_BODY = 2  # prose lines of the article above them


@dataclass(frozen=True)
class CommentPolicy(LineRule):
    """A comment section's rules below the article: a line that names comments, what is done to them or what
    they must not hold, and speaks to the reader, with no article prose under it."""

    name = "comment_policy"
    reasons: ClassVar[dict[str, str]] = {
        "boilerplate_comment_policy": "a comment section's rules below the article (comments are moderated, "
                                      "reviewed or deleted; what they must not contain), addressed to the reader",
    }

    def decide(self, lines: pa.Table) -> pa.Array[Any]:
        candidate = undecided(lines) & (array(lines, "words") <= MAX_WORDS)
        named = matching(lines, COMMENT, "key", among=candidate)
        policy = matching(lines, POLICY, among=named)
        rules = policy & (matching(lines, ADDRESS, among=policy) | matching(lines, REQUEST, among=policy))
        if not rules.any():
            return where(rules, "boilerplate_comment_policy")
        # the article's prose above each line and below it (rules lines left out), counted within its document
        article = prose_lines(lines, undecided(lines)) & ~rules
        docs = array(lines, "doc")
        starts = np.r_[0, np.flatnonzero(docs[1:] != docs[:-1]) + 1]
        sizes = np.diff(np.r_[starts, len(docs)])
        before = np.cumsum(article) - article
        above = before - np.repeat(before[starts], sizes)
        total = np.repeat(np.add.reduceat(article.astype(np.int64), starts), sizes) if len(docs) else above
        below = total - above - article
        return where(rules & (above >= MIN_BODY) & (below == 0), "boilerplate_comment_policy")
