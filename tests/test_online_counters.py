"""A forum's or site's counter of who is online, in the head or the sidebar of a page. Composed lines."""

from __future__ import annotations

from builder.rules.web import WebNotice
from tests.test_line_rules import decide


def test_a_counter_of_who_is_online_goes() -> None:
    """Two counts or more and nothing but the counter's words and figures, in German, Arabic, Persian, English."""
    lines = ["Online 5 Gäste 2 Mitglieder", "المتواجدون الآن: 40 (6 أعضاء و 34 زوار)",
             "کاربران آنلاین: ۲۱ عضو و ۹ مهمان", "Users online: 14 (2 members, 12 guests)"]
    assert decide(WebNotice(), lines) == ["boilerplate_notice"] * len(lines)


def test_sentences_and_headlines_that_count_members_stay() -> None:
    """A count of members in a sentence or a headline names what they did."""
    lines = ["5 members, 2 guests hurt in hotel fire", "The club has 300 members and 20 guests came to the dinner.",
             "عضوان و3 زوار في حفل الافتتاح"]
    assert decide(WebNotice(), lines) == [None] * len(lines)
