"""An HTML page is extracted once a build, not once per pass: the first pass keeps what it read of each page
(builder.run.spill) in the build's own folder, and the second reads it back, trusting only what this build wrote.
The extractions are counted at trafilatura itself (the real call, its result untouched), in every process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from dataclasses import fields, replace
from pathlib import Path

import pytest

from builder import api
from builder.config import BuildConfig
from builder.outcomes import Location, RawDocument, Reject
from builder.read.html import HtmlReader
from builder.read.inputs import InputFile, LocalFile
from builder.release.layout import MANIFEST, MARKER, SPILL, STAGING
from builder.run.faults import ENVIRONMENT
from builder.run.pipeline import build
from builder.run.spill import Spill
from tests.conftest import ROOT, release_files
from tests.test_html import TOPICS, page

EMPTY = "<html><head><title>Nothing here</title></head><body><script>var shown = 1;</script></body></html>"
PAGES = len(TOPICS) + 1  # and a page with no article: html_no_content, found by an extraction too

# Counts trafilatura's extractions in whatever process makes them (a forked worker appends to the same file).
COUNTED = """
import os, trafilatura
extraction = trafilatura.bare_extraction

def counted(*args, **kwargs):
    with open(os.environ["EXTRACTIONS"], "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\\n")
    return extraction(*args, **kwargs)

trafilatura.bare_extraction = counted
"""
POOLED = """
import sys
from builder import cli
from builder.run import pipeline
pipeline.SMALL_WORK_BYTES = 0  # the pool, however small the inputs
"""


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    src = tmp_path / "pages"
    for i in range(len(TOPICS)):
        (src / f"section-{i}").mkdir(parents=True)
        (src / f"section-{i}" / f"article-{i}.html").write_text(page(i), encoding="utf-8")
    (src / "empty.html").write_text(EMPTY, encoding="utf-8")
    return src


@pytest.fixture
def extractions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file with a line per call of trafilatura.bare_extraction, here and in forked workers."""
    import trafilatura

    log = tmp_path / "extractions.log"
    monkeypatch.setenv("EXTRACTIONS", str(log))
    monkeypatch.setattr(trafilatura, "bare_extraction", trafilatura.bare_extraction)  # put back after the test
    exec(COUNTED, {})
    return log


def calls(log: Path) -> int:
    return len(log.read_text().splitlines()) if log.exists() else 0


def reference(src: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The release of a build that extracts each page in both passes, as every build did before."""
    with monkeypatch.context() as patched:
        patched.setattr(HtmlReader, "costly", False)
        build([str(src)], out, BuildConfig.load(cache=False))
    return release_files(out)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_build_extracts_each_page_once_over_both_passes(pages: Path, extractions: Path, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """In a process of its own (its pool forked from it, so its workers count too), as the command runs."""
    expected = reference(pages, tmp_path / "reference", monkeypatch)
    assert calls(extractions) == 2 * PAGES  # once a pass, without the spill
    extractions.unlink()
    out = tmp_path / "out"
    argv = ["build", str(pages), "--out", str(out), "--workers", str(workers), "--quiet", "--no-cache"]
    script = COUNTED + POOLED + f"sys.exit(cli.main({argv!r}, own_process=True))\n"
    built = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT)
    assert built.wait() == 0
    assert calls(extractions) == PAGES
    extracted_in = set(extractions.read_text().split())
    assert (built.pid in map(int, extracted_in)) == (workers == 1)  # two workers: every page read by one
    assert release_files(out) == expected


def test_a_spill_this_build_did_not_write_is_not_trusted(pages: Path, extractions: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page's spill replaced, between the passes, by a well-formed one of another build (another key) whose
    text is planted: the second pass extracts the page again, and the planted text is nowhere in the release."""
    expected = reference(pages, tmp_path / "reference", monkeypatch)
    extractions.unlink()
    put = Spill.put

    def planted(self: Spill, file: InputFile, items: list[RawDocument | Reject]) -> None:
        put(self, file, items)
        other = Spill.new(tmp_path / "elsewhere")
        put(other, file, [replace(item, fields={**item.fields, "text": "Planted words, never extracted."})
                          if isinstance(item, RawDocument) else item for item in items])
        other._path(file).replace(self._path(file))

    monkeypatch.setattr(Spill, "put", planted)
    out = tmp_path / "out"
    build([str(pages)], out, BuildConfig.load(cache=False))
    assert calls(extractions) == 2 * PAGES
    assert release_files(out) == expected


def test_a_killed_builds_spill_is_removed_by_the_next_build(pages: Path, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "builder", "build", str(pages), "--out", str(out), "--workers", "1", "--quiet",
               "--no-cache"]
    killed = subprocess.run(command, cwd=ROOT, env={**os.environ, ENVIRONMENT: "after-first-pass"})
    assert killed.returncode == -signal.SIGKILL
    assert len(list((out / STAGING / SPILL).iterdir())) == PAGES  # what the first pass kept, left behind
    build([str(pages)], out, BuildConfig.load(cache=False))
    assert not (out / STAGING).exists()
    assert release_files(out) == reference(pages, tmp_path / "reference", monkeypatch)


ADDRESS = b"jane.doe@example.org"  # the pages' contact: redacted in the release, plain in the pages' extracted text


def killed_while_spilled(command: list[str], spill: Path) -> None:
    """Run `command` and kill it (SIGKILL, its whole process group) as soon as its first pass has kept a page; again
    if the kill came too late to find one left (the second pass takes each as it goes)."""
    for _ in range(5):
        running = subprocess.Popen(command, cwd=ROOT, start_new_session=True)
        while running.poll() is None and not (spill.is_dir() and any(spill.iterdir())):
            time.sleep(0.002)
        with suppress(ProcessLookupError):
            os.killpg(running.pid, signal.SIGKILL)
        assert running.wait() == -signal.SIGKILL, "the build finished before it kept a page"
        if spill.is_dir() and any(spill.iterdir()):
            return
    pytest.fail("no kill left a page's spill behind")


def test_a_build_killed_from_outside_leaves_no_unredacted_text_and_none_of_it_is_published(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "pages"
    for i in range(2 * len(TOPICS)):  # enough pages that the first pass keeps some a while before the second
        (src / f"section-{i}").mkdir(parents=True)
        text = page(i % len(TOPICS)).replace("</h1>", f"</h1>\n<p>Écrivez à {ADDRESS.decode()} pour la séance {i}.</p>")
        (src / f"section-{i}" / f"article-{i}.html").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, BuildConfig.load(cache=False))  # a release there: the killed build is a rebuild over it
    before = release_files(out)
    command = [sys.executable, "-m", "builder", "build", str(src), "--out", str(out), "--workers", "1", "--quiet",
               "--no-cache"]
    killed_while_spilled(command, out / STAGING / SPILL)
    left = [p for p in out.rglob("*") if p.is_file()]
    assert any(p.parent == out / STAGING / SPILL for p in left)
    assert not [p for p in left if ADDRESS in p.read_bytes() or b"jane.doe" in p.read_bytes()]  # enciphered
    assert not [p for p in left if "séance".encode() in p.read_bytes() and STAGING in p.parts]
    assert api.validate(out).valid  # the previous release, as it was; the spill is no part of it
    published = tmp_path / "published"
    api.publish(out, str(published), version="v1")
    listed = {o["path"] for o in json.loads((out / MANIFEST).read_text())["outputs"]} | {MANIFEST}
    assert set(release_files(published / "v1")) == listed  # the manifest's files, nothing of .staging
    assert {name: data for name, data in release_files(out).items()
            if not name.startswith(f"{STAGING}/") and name != MARKER} == before
    build([str(src)], out, BuildConfig.load(cache=False))
    assert not (out / STAGING).exists()
    assert release_files(out) == before == reference(src, tmp_path / "reference", monkeypatch)


def test_a_rebuild_of_unchanged_pages_extracts_none(pages: Path, extractions: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([str(pages)], out, BuildConfig.load())
    assert calls(extractions) == PAGES  # with the cache on, once too
    extractions.unlink()
    again = build([str(pages)], out, BuildConfig.load())
    assert (again.cache_misses, calls(extractions)) == (0, 0)


def test_a_spill_gives_back_every_field_of_what_it_kept(tmp_path: Path) -> None:
    """A document and a reject come back from a spill as they went in, every field set. The spill writes their fields
    by position: a field RawDocument or Reject gains must be written too, and this test fails until it sets it."""
    document = RawDocument(Location("pages/a.html", 1, 2), "pages/a.html", {"id": "a", "text": "lone \ud800 half"},
                           "f" * 64)
    reject = Reject("line", "boilerplate_caption", "a caption", Location("pages/a.html", 3, 7), "pages/a.html", "a",
                    10, 20, "Photo: Reuters", "b", "en", 0.5)
    assert all(getattr(item, f.name) not in (f.default, None) for item in (document, reject) for f in fields(item))
    file = LocalFile("pages/a.html", tmp_path / "a.html", tmp_path)
    spill = Spill.new(tmp_path / "spill")
    spill.put(file, [document, reject])
    back = spill.reader().take(file)
    assert back == [document, reject]
    assert back is not None and [item.location.text_line for item in back] == [2, 7]  # not compared by ==
