"""Whole web pages of the kinds issue 11's set B holds (tests/fixtures/labelled_web/: a crawl's visible text
of Arabic news sites and forums, English, French, Spanish, German, Persian and Urdu pages, menus, consent
banners, galleries, comments and footers included), every line marked `+ ` keep or `- ` drop by the
held-out rules of benchmarks/README.md. Composed by the team and labelled before any build ran on them;
split by site into dev/ (read its errors) and test/ (scored once, at the end, by
`benchmarks.boilerplate_eval --set web-test`: no test here runs the builder on it)."""

from __future__ import annotations

from tests.labelled import WEB_PAGES, load, ours, score

DEV = load(WEB_PAGES / "dev")


def test_web_dev_recall_and_removal_hold() -> None:
    """Held where they stand (0.966 / 0.749 when the pages were added, 0.968 / 0.852 with the page's tail
    judged as a block, 0.996 / 0.877 once an article's own lead-in, its interview questions, its schedule
    and its named values stopped being taken for a box, a dateline or a menu): a change that eats more
    article text fails, and so does one that keeps every line. Issue 11 aims at recall >= 0.98 on set B."""
    recall, removal = score(DEV, ours(DEV))["all"]
    print(f"web-dev: content recall {recall:.3f}, chrome removed {removal:.3f}")
    assert recall >= 0.99
    assert removal >= 0.86


def test_the_parts_share_no_site_and_hold_every_kind_of_page() -> None:
    """Split by site, as the held-out corpus set is; 18 pages a part, Arabic, English, French, Spanish,
    German and Persian in both."""
    parts = {part: load(WEB_PAGES / part) for part in ("dev", "test")}
    sites = {part: {d.name.split("/")[0] for d in docs} for part, docs in parts.items()}
    assert not sites["dev"] & sites["test"]
    assert [len(parts["dev"]), len(parts["test"])] == [18, 18]
    for part, docs in parts.items():
        assert {"ar", "en", "fr", "es", "de", "fa"} <= {d.language for d in docs}, part
        assert all(any(k for k, _ in d.lines) and any(not k for k, _ in d.lines) for d in docs), part
