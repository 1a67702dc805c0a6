"""A thread's rows: a poster's name the page repeats above each post, next to the rank, date and buttons that
other rules drop. Composed pages, no corpus text."""

from __future__ import annotations

from builder.rules.rows import RepeatedRow
from tests.test_line_rules import classify, decide

THREAD = ["Chain skips under load after a new cassette",
          "rider_77",
          "Posted 3 March 2024, 10:12",
          "My chain started skipping on the two smallest cogs as soon as I fitted the new cassette last week.",
          "Reply",
          "gear_head",
          "Posted 3 March 2024, 11:40",
          "A new cassette usually wants a new chain too, because the old one has stretched to the old cogs.",
          "Reply",
          "rider_77",
          "Posted 4 March 2024, 08:05",
          "Thanks, a new chain fixed it straight away, and the shifting is quiet again.",
          "Reply"]


def test_a_posters_name_the_page_repeats_next_to_dropped_rows_goes() -> None:
    reasons = classify(THREAD)
    assert reasons[1] == reasons[9] == "boilerplate_row"
    assert reasons[5] != "boilerplate_row"  # a name once on the page is not this rule's
    assert [reasons[i] for i in (0, 3, 7, 11)] == [None] * 4  # the title and the posts stay


def test_a_speakers_name_repeated_between_kept_lines_stays() -> None:
    """An interview's speaker named above each answer: the lines around the name are the article's."""
    interview = ["Ana Ruiz", "The council never asked the residents what they wanted for the square.",
                 "Why did you start the petition?",
                 "Ana Ruiz", "Because the plans were published after the vote, not before it."]
    assert decide(RepeatedRow(), interview) == [None] * 5


def test_a_short_line_said_once_next_to_a_dropped_line_stays() -> None:
    """A subheading under a dated line other rules dropped: next to a row, but the page does not repeat it."""
    page = ["Opening hours", "Posted 3 March 2024", "The library opens an hour earlier from Monday."]
    assert decide(RepeatedRow(), page, reasons=[None, "boilerplate_dateline", None]) == [None] * 3
    twice = ["Opening hours", "Posted 3 March 2024", "Opening hours"]
    assert decide(RepeatedRow(), twice, reasons=[None, "boilerplate_dateline", None]) == ["boilerplate_row", None,
                                                                                         None]


def test_a_speakers_name_under_a_dropped_caption_and_above_the_answer_stays() -> None:
    """The line above the name was dropped (a photo credit, an ad label) but the one under it is the speaker's
    answer: the name labels what follows, where a poster's name stands above the rows describing the post."""
    interview = ["Marta López", "We received more than a thousand films from forty countries this year.",
                 "Photo: Archive", "Reporter", "How are the films of the official section chosen?",
                 "Marta López", "A committee of ten watches every film over three months.", "Advertisement",
                 "Reporter", "What do you expect from the audience this year?"]
    dropped = [None, None, "boilerplate_caption", None, None, None, None, "boilerplate_phrase", None, None]
    assert decide(RepeatedRow(), interview, reasons=dropped) == [None] * len(interview)
    assert [classify(interview)[i] for i in (3, 5, 8)] == [None] * 3  # (the first name is above the body)


def test_a_count_or_date_the_page_repeats_under_dropped_rows_goes_whatever_follows() -> None:
    """A review's date under its "Verified purchase" row, above the review: row data, not a label."""
    page = ["Marta G.", "Verified purchase", "12/01/2024", "Good quality, the coffee comes out creamy.",
            "Javier R.", "Verified purchase", "12/01/2024", "The handle gets a little warm."]
    dropped = [None, "boilerplate_phrase", None, None, None, "boilerplate_phrase", None, None]
    assert decide(RepeatedRow(), page, reasons=dropped) == [None, None, "boilerplate_row", None,
                                                            None, None, "boilerplate_row", None]
