"""Other stories' headlines with no label, set into the article's text (session 28): two right under the article's
list of named figures, or right above its heading over its own list; a numbered list's items ("4- …") are no
headlines. Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.blocks import HeadlineRun
from tests.test_line_rules import decide

BEFORE = "The market opened on Saturday in the old bus station, the first covered market the town has had in decades."
AFTER = "The mayor said the stalls had been given out by lot to the traders who were on the council's list last year."
PAIR = ["Thirty-eight kilometres of new pipes end the water cuts in the east", "Town club signs a coach from Tunis"]


def test_two_headlines_right_under_the_article_s_list_of_figures_go() -> None:
    """Two other stories' headlines between the article's list of named figures and its next paragraph: the list's
    last item is no paragraph, but it is the article's text, and nothing else stands between."""
    figures = ["Monthly rents", "Fruit and vegetable stall: 15 dinars", "Clothes stall: 20 dinars",
               "Household goods stall: 18 dinars"]
    page = [BEFORE, *figures, *PAIR, AFTER]
    assert decide(HeadlineRun(), page) == [None] * (1 + len(figures)) + ["boilerplate_headlines"] * 2 + [None]


def test_two_headlines_right_above_the_article_s_heading_over_its_list_go_and_the_list_stays() -> None:
    """Two headlines between a paragraph and the article's heading over its named figures ("Lift hours" / "Friday: 7
    a.m. to midnight"): the heading and its list are the article's, the two lines above them a box."""
    listed = ["Lift hours", "Saturday to Thursday: 5 a.m. to midnight", "Friday: 7 a.m. to midnight"]
    page = [BEFORE, *PAIR, *listed, AFTER]
    assert decide(HeadlineRun(), page) == [None, "boilerplate_headlines", "boilerplate_headlines"] + [None] * 4
    # one line above the heading is a subheading of the article, and stays with its list
    assert decide(HeadlineRun(), [BEFORE, PAIR[0], *listed, AFTER]) == [None] * 6


def test_a_numbered_list_s_items_with_a_dash_are_no_headlines() -> None:
    """"4- Focus by hand on a bright star" under the article's named settings ("2- Speed: 15 to 20 seconds"): a
    list's mark (a number and a dash) opens each, where a headline opens with a word."""
    settings = ["Try these settings next time:", "1- Focal length: 10 mm, the aperture as wide as it goes",
                "2- Speed: 15 to 20 seconds", "3- Sensitivity: ISO 3200, not more"]
    steps = ["4- Focus by hand on a bright star using the screen's zoom",
             "5- Shoot in RAW and take ten frames in a row to stack them later"]
    page = [BEFORE, *settings, *steps, AFTER]
    assert decide(HeadlineRun(), page) == [None] * len(page)

