"""The progress bar moves through both passes by input bytes: a tenth of each input while lines are
counted, the rest while documents are processed, batch by batch, ending exactly at the inputs' size
(fresh build and rebuild from the cache alike)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from tqdm import tqdm

from builder import BuildConfig, NothingKeptError, build
from builder.api import input_size
from builder.config import RunSettings
from builder.run.pipeline import BATCH_DOCUMENTS, COSTLY_FIRST_PASS_SHARE, FIRST_PASS_SHARE
from tests.test_html import TOPICS, page

PROSE = "The council met on {} to debate the budget of the river school, and the vote was close."


def corpus(folder: Path) -> dict[str, int]:
    """One input of three batches and two of one: name -> bytes."""
    folder.mkdir()
    sizes = {}
    for name, documents in (("big.jsonl", 2 * BATCH_DOCUMENTS + 10), ("a.jsonl", 3), ("b.jsonl", 5)):
        lines = [json.dumps({"id": f"{name}-{i}", "text": f"Header {i}\n{PROSE.format(i)}\nFooter"}) + "\n"
                 for i in range(documents)]
        (folder / name).write_text("".join(lines), encoding="utf-8")
        sizes[name] = (folder / name).stat().st_size
    return sizes


def run(source: Path, out: Path, cache: bool) -> tuple[list[int], str]:
    """A real build with a tqdm bar fed by its progress callback: the updates, and what the bar printed."""
    printed = io.StringIO()
    updates: list[int] = []
    with tqdm(total=input_size([source]), unit="B", file=printed, smoothing=0, mininterval=0) as bar:
        def advance(done: int) -> None:
            updates.append(done)
            bar.update(done)

        # every document repeats the same lines, which the build drops as boilerplate: it keeps none (and commits
        # nothing), and the bar must end at the inputs' size all the same
        with pytest.raises(NothingKeptError):
            build([source], out, BuildConfig(run=RunSettings(cache=cache)), progress=advance)
        assert bar.n == bar.total
    return updates, printed.getvalue()


def test_the_bar_moves_through_both_passes_batch_by_batch_and_ends_at_the_input_size(tmp_path: Path) -> None:
    sizes = corpus(tmp_path / "in")
    updates, printed = run(tmp_path / "in", tmp_path / "out", cache=False)
    assert sum(updates) == sum(sizes.values()) == input_size([tmp_path / "in"])
    assert all(u > 0 for u in updates)
    # files in sorted order: a, b, big; big's three batches each move the bar, in each pass
    assert len(updates) == 2 * (1 + 1 + 3)
    counting = [round(FIRST_PASS_SHARE * sizes[name]) for name in ("a.jsonl", "b.jsonl", "big.jsonl")]
    assert sum(updates[:5]) == sum(counting)  # the first pass: a tenth of each input
    assert updates[:2] == counting[:2]
    assert "100%" in printed.rsplit("\r", 1)[-1]  # what the bar last showed


def test_an_html_pages_first_pass_has_the_share_of_its_extraction(tmp_path: Path) -> None:
    """A page is extracted in the first pass only (builder.run.spill), most of its cost: that pass moves the bar
    by COSTLY_FIRST_PASS_SHARE of its bytes, a JSONL input's by FIRST_PASS_SHARE."""
    sizes = corpus(tmp_path / "in")
    pages = {}
    for i in range(len(TOPICS)):
        (tmp_path / "in" / f"page-{i}.html").write_text(page(i), encoding="utf-8")
        pages[f"page-{i}.html"] = (tmp_path / "in" / f"page-{i}.html").stat().st_size
    updates: list[int] = []
    build([tmp_path / "in"], tmp_path / "out", BuildConfig(run=RunSettings(cache=False)), progress=updates.append)
    assert sum(updates) == sum(sizes.values()) + sum(pages.values())
    first = len(updates) // 2  # each input's batches, the same in each pass
    assert sum(updates[:first]) == (sum(round(COSTLY_FIRST_PASS_SHARE * size) for size in pages.values())
                                    + sum(round(FIRST_PASS_SHARE * size) for size in sizes.values()))


def test_a_rebuild_from_the_cache_fills_the_bar_too(tmp_path: Path) -> None:
    sizes = corpus(tmp_path / "in")
    run(tmp_path / "in", tmp_path / "out", cache=True)
    updates, _ = run(tmp_path / "in", tmp_path / "out", cache=True)
    assert sum(updates) == sum(sizes.values())
    assert len(updates) == 2 * 3  # whole files at once: their results come from the cache


def test_the_command_line_bar_gives_no_eta_before_a_batch_after_the_first_and_measures_from_the_first() -> None:
    """Start-up (workers, models) counted as no progress: a 40 s build showed an ETA of 29 hours at 3 s. The
    bar's speed is measured from the first batch counted, and until a batch after it there is no ETA."""
    from builder.cli import _bar

    clock = [0.0]
    with _bar(1000, False, file=io.StringIO(), disable=False, mininterval=0) as bar:
        bar._time = lambda: clock[0]
        bar.start_t = bar.last_print_t = 0.0
        assert "<?," in str(bar)  # nothing counted yet
        clock[0] = 3.0  # 3 s of start-up, then the first batch: 1 % of the input
        bar.update(10)
        assert "00:03<?," in str(bar), str(bar)  # not 990 bytes at 10 bytes in 3 s (04:57)
        clock[0] = 4.0  # 90 bytes in the second after it: 900 left take 10 s
        bar.update(90)
        assert "00:04<00:10," in str(bar), str(bar)  # the elapsed time is still the whole build's


@pytest.mark.parametrize("quiet", [True, False])
def test_the_cli_lists_the_inputs_for_the_bars_total_only_when_it_shows_a_bar(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool) -> None:
    """The bar's total is the inputs' size, found by listing them once more before the build (a stat of each local
    file, a listing request for a bucket's); a --quiet build shows no bar, so it does not list them for it."""
    from builder import api
    from builder.cli import main

    corpus(tmp_path / "in")
    listed: list[object] = []
    size = api.input_size

    def counted(*args: object, **kwargs: object) -> int:
        listed.append(args)
        return size(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "input_size", counted)
    main(["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "1", *(["--quiet"] * quiet)])
    assert len(listed) == (0 if quiet else 1)
