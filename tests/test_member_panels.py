"""A forum post's author panel: the member's stats ("پیغامات: 9,104", "Posts: 2,318") and, right under them, a field
of the panel with a word or three for its value ("مقام: پشاور", "محل سکونت: ملایر", "Location: Leeds"). Composed
threads, through the plan."""

from __future__ import annotations

import pytest

from tests.test_line_rules import classify

POST = ["Cloudy water after cleaning the filter, what should I do now?",
        "I cleaned the filter sponge under the tap last week and since then the water has been cloudy all day."]
REPLY = "That is a bacterial bloom: tap water killed part of the bacteria living in the sponge, so wait a week."


@pytest.mark.parametrize(("stat", "field"), [("Posts: 2,318", "Location: Leeds"), ("پیغامات: 9,104", "مقام: پشاور"),
                                             ("پست‌ها: ۱۸", "محل سکونت: ملایر")])
def test_a_field_right_under_a_member_s_stat_goes_with_it(stat: str, field: str) -> None:
    decided = classify([*POST, "reefkeeper", stat, field, REPLY])
    assert decided[:2] == [None, None] and decided[-1] is None, decided
    assert decided[3] is not None and decided[4] is not None, decided


def test_a_field_with_no_stat_above_it_stays() -> None:
    """An event's notice gives its venue the same way ("Venue: Town Hall"): with no member's stat above it, it is
    the article's."""
    page = ["The club's annual general meeting is open to all members and their families this year.",
            "Date: 12 January", "Venue: Town Hall", REPLY]
    assert classify(page)[2] is None


@pytest.mark.parametrize("rank", ["Moderator", "ماڈریٹر", "مدیر انجمن"])
def test_a_moderator_s_rank_in_the_panel_goes(rank: str) -> None:
    """The rank under the poster's name, in Urdu and Persian as in English: a line of the panel, not the post's."""
    decided = classify([*POST, "reefkeeper", rank, REPLY])
    assert decided[:2] == [None, None] and decided[-1] is None, decided
    assert decided[3] is not None, decided
