"""The page's tail (`tails.PageTail`) starts at readers' comments under their dates. A year in the article's own
named figures ("Venta en línea: 31% del total, frente al 24% de 2025") or in another story's headline a box rule took
("El Ayuntamiento de Toledo aprueba el presupuesto de 2027") is no comment's date: the paragraph under it is the
article going on. A composed page of round 12 (dev), through the plan: its article lost its last six lines as the
page's tail once two other rules changed what stood above them (rules26's related labels, blocks26's named figures
that end no sentence)."""

from __future__ import annotations

from pathlib import Path

from tests.test_line_rules import classify

PAGE = Path(__file__).parent / "fixtures" / "labelled_web" / "dev" / "es-vozdeltajo" / "01_mazapan_campana.txt"


def test_the_article_after_a_box_and_its_figures_is_no_tail() -> None:
    marked = [line for line in PAGE.read_text(encoding="utf-8").splitlines() if line.strip()]
    keep = [line.startswith("+ ") for line in marked]
    decided = classify([line[2:] for line in marked])
    assert [reason for reason, kept in zip(decided, keep, strict=True) if kept] == [None] * sum(keep), decided
    assert "boilerplate_tail" not in decided
