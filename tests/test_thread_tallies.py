"""A post's score ("4 votes", "۲ رأی"), a count with its unit, is one of a thread's rows: a short kept line between it
and a dropped row above (the comment link under a post) is among the thread's rows. Composed lines."""

from __future__ import annotations

from tests.test_line_rules import classify

_PAGE = ["How long should a four-year-old sleep at night?", "asked 3 days ago by lina_m",
         "Our son is four and has started waking up twice a night since his sister was born two months ago.",
         "#parenting #sleep", "{link}", "4 votes",
         "This is very common after a new baby arrives, and it usually settles within a few weeks.",
         "Give him a quarter of an hour alone with you before bed, with a story and no baby in the room.",
         "answered 2 days ago by sara_k (2,340 points)", "1 vote",
         "Same here: letting him help set up his sister's room made him proud of being the big brother.",
         "answered 1 day ago by omar_h (310 points)", "© 2026 Example Answers"]


def test_a_comment_link_between_a_tag_row_and_a_post_s_score_goes() -> None:
    for link in ("write your comment", "نظر بدهید"):
        page = [line.format(link=link) for line in _PAGE]
        assert classify(page)[4] == "boilerplate_post_row", link


def test_a_short_line_next_to_a_count_stays_off_a_thread_s_page() -> None:
    """An article's figure lines ("3 dead", "12 injured") bound no run: the page is no thread."""
    page = ["Storm hits the coast", "The storm reached the coast on Monday night with winds of 120 km/h.",
            "Figures so far", "3 dead", "Two villages cut off", "12 injured",
            "The authorities said roads would reopen on Wednesday once the debris had been cleared."]
    assert classify(page)[4] is None
