"""An article that ends on a lead-in with a colon and the list of figures it opens (a timetable, a price list), then
the page's footer. Composed lines."""

from __future__ import annotations

from tests.test_line_rules import classify

ARTICLE = ["The water board will cut the supply to the old town for three days next week to replace a main.",
           "Households are asked to fill containers in advance, and tankers will stand in the main square.",
           "The tankers will be in the square at these times:",
           "Monday 6 am to 9 am",
           "Tuesday 12 pm to 2 pm",
           "Wednesday 5 pm to 8 pm"]


def test_the_figures_a_lead_in_opens_stay_above_the_footer() -> None:
    """The three times under "at these times:" are the article's; the footer under them goes."""
    page = [*ARTICLE, "Download our app for the latest news from the valley, every morning and evening",
            "About us", "Contact", "Privacy policy"]
    decided = classify(page)
    assert decided[:6] == [None] * 6
    assert all(why is not None for why in decided[7:])


def test_short_lines_without_figures_under_a_lead_in_still_end_the_body() -> None:
    """Under the same lead-in, footer links with no figure are no list of the article's."""
    page = [*ARTICLE[:3], "About us", "Contact us today", "Privacy policy and terms"]
    assert all(why is not None for why in classify(page)[3:])
