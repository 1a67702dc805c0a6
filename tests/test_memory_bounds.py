"""Memory stays bounded: per document (MinHash of a huge document) and per build (what the main
process keeps for each document it has seen)."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
import tracemalloc
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from builder.dedup import minhash
from builder.run.compact import HashIndex, StringLog
from builder.run.report import TOP_LINES, RemovedLines, removed_lines
from tests.conftest import ROOT, VOCABULARY


def reference_word_hash(word: str) -> int:
    """minhash.word_hashes' hash of one word, written out: a polynomial of its UTF-8 bytes in FNV's
    prime, plus its length, mixed by MurmurHash3's finaliser."""
    data = word.encode("utf-8", "surrogatepass")
    x = (sum(byte * pow(0x100000001B3, i, 2**64) for i, byte in enumerate(data)) + len(data)) % 2**64
    for multiplier in (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53):
        x = ((x ^ (x >> 33)) * multiplier) % 2**64
    return x ^ (x >> 33)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab\u00e9\u0628\u06a9\ud800\U0001f600")), max_size=12),
                max_size=40), st.sampled_from([1, 3, 1 << 16]))
def test_word_hashes_equal_the_hash_written_out(words: list[str], chunk: int) -> None:
    """The vectorised hash (words run together, prefix sums) is each word's own, in chunks of any size."""
    saved, minhash.TOKEN_CHUNK = minhash.TOKEN_CHUNK, chunk
    try:
        assert minhash.word_hashes(words).tolist() == [reference_word_hash(w) for w in words]
    finally:
        minhash.TOKEN_CHUNK = saved


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("abc ءاب\n0.")), max_size=400), min_size=1, max_size=6))
def test_a_texts_band_keys_do_not_depend_on_its_batch(texts: list[str]) -> None:
    """Shingles of a batch are cut at each text's end: keys in a batch are the keys of each text alone,
    so the release is the same however the work is spread."""
    assert minhash.band_keys(texts) == [minhash.band_keys([t])[0] for t in texts]


def test_a_text_of_fewer_words_than_a_shingle_is_one_shingle() -> None:
    flat, offsets = minhash.shingles(["", "one two", "a b c d e f"])
    assert offsets.tolist() == [0, 1, 2, 4]
    assert len(set(flat.tolist())) == 4


def test_a_text_longer_than_a_chunk_of_words_has_every_shingle() -> None:
    rng = random.Random(7)
    text = " ".join(rng.choice(VOCABULARY) for _ in range(3 * minhash.TOKEN_CHUNK + 123))
    flat, offsets = minhash.shingles([text])
    assert offsets.tolist() == [0, 3 * minhash.TOKEN_CHUNK + 123 - minhash.SHINGLE_WORDS + 1]
    half = text[: len(text) // 2].rsplit(" ", 1)[0]
    assert set(minhash.shingles([half])[0].tolist()) <= set(flat.tolist())


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list("ab ءا\n.,\t0")), max_size=300), min_size=1, max_size=4),
       st.sampled_from([1, 5, 17]), st.sampled_from([1, 3, 8]))
def test_a_huge_texts_signature_in_pieces_is_its_signature_in_one_go(texts: list[str], piece: int, window: int
                                                                      ) -> None:
    """A text over HUGE_TEXT characters is hashed in pieces cut at a space or newline and its shingles in
    windows: the minimum of the windows' signatures is the signature of the text in one go, whatever the
    pieces and windows (words cut by no piece, shingles across pieces, pieces of no word, a text of none)."""
    whole = minhash._digests(*minhash.shingles(texts))
    saved = minhash.HUGE_TEXT, minhash.PIECE_CHARS, minhash.SHINGLES_AT_ONCE
    minhash.HUGE_TEXT, minhash.PIECE_CHARS, minhash.SHINGLES_AT_ONCE = 0, piece, window
    try:
        assert minhash.signatures(texts).tolist() == whole.tolist()
    finally:
        minhash.HUGE_TEXT, minhash.PIECE_CHARS, minhash.SHINGLES_AT_ONCE = saved


PEAK_OF_SIGNATURE = textwrap.dedent("""
    import random, resource, sys
    from tests.conftest import VOCABULARY
    rng = random.Random(3)
    words = [rng.choice(VOCABULARY) for _ in range(2_100_000)]
    text = " ".join(words)  # about 15 MB, ASCII: under the 16 MiB document limit
    del words
    assert 14e6 < len(text) < 16 * 2**20, len(text)
    import builder.dedup.minhash
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    builder.dedup.minhash.signatures([text])
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024)
""")


@pytest.mark.slow
def test_signature_of_a_15_mb_document_stays_within_a_bounded_memory() -> None:
    """A 15 MB document (2.1M words) took 4 GB here once: 2.1M shingles x 112 permutations as uint64, twice.
    Then 313 MiB of temporaries (22 bytes a character); hashed in pieces (minhash.HUGE_TEXT), what is left is
    the hashes of its words (8 bytes a word) and a piece's temporaries: 20 MiB."""
    done = subprocess.run([sys.executable, "-c", PEAK_OF_SIGNATURE], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    grew = int(done.stdout.split()[-1])
    assert grew < 100 * 2**20, f"signature() of a 15 MB text raised the peak RSS by {grew / 2**20:.0f} MiB"


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(st.sampled_from([4, 1024, 1 << 16]), st.sampled_from([np.uint32, np.uint64]), st.randoms(use_true_random=False),
       st.integers(1, 4000))
def test_hash_index_behaves_like_a_dict(capacity: int, values: type, rng: random.Random, n: int) -> None:
    """Whatever its size and layout (one table or 256 parts, growing in batches), the index answers as a dict."""
    table, reference = HashIndex(capacity, values), {}
    top = int(np.iinfo(values).max)
    keys = [rng.getrandbits(64) | 1 for _ in range(n)]
    for key in keys:
        value = rng.randrange(top + 1)
        assert table.setdefault(key, value) == reference.get(key)
        reference.setdefault(key, value)
    for key in keys[:: max(1, n // 200)] + [rng.getrandbits(64) | 1 for _ in range(50)]:
        assert table.get(key) == reference.get(key)
    assert table.size == len(reference)


def full_count_report(lines: list[tuple[str, str, str]], top: int) -> dict[str, list[dict]]:
    """The report as it was made before: every distinct line counted, then the top of each group."""
    counts = Counter(lines)
    report: dict[str, list[dict]] = {}
    for (group, text, reason), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1], kv[0][2])):
        if len(report.setdefault(group, [])) < top:
            report[group].append({"text": text, "reason": reason, "count": n})
    return report


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["news/ar", "feeds"]), st.sampled_from(["a", "b", "c", "d", "é", "\ud800x"]),
                          st.sampled_from(["boilerplate_footer", "duplicate_paragraph"])), max_size=300),
       st.integers(1, 4))
def test_removed_lines_report_is_the_full_count_while_a_folder_has_few_distinct_lines(
        lines: list[tuple[str, str, str]], top: int) -> None:
    removed = RemovedLines(top=top, tracked=12)  # 6 texts x 2 reasons: never more than tracked
    for line in lines:
        removed.add(*line)
    assert removed_lines(removed) == full_count_report(lines, top)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a/x", "b/y", "c/z"]), st.integers(0, 14),
                          st.sampled_from(["boilerplate_footer", "duplicate_paragraph"])), max_size=400))
def test_a_folder_packed_away_and_back_counts_as_one_never_packed(lines: list[tuple[str, int, str]]) -> None:
    """With one folder live, every change of folder packs one and unpacks another: the counts, the line
    Space-Saving replaces next and the estimates' marks are those of folders never packed."""
    packed, kept = RemovedLines(top=3, tracked=5), RemovedLines(top=3, tracked=5)
    packed.LIVE = 1
    for group, text, reason in lines:
        packed.add(group, f"line {text}", reason)
        kept.add(group, f"line {text}", reason)
    assert sum(lines.packed is not None for lines in packed.groups.values()) == max(0, len(packed.groups) - 1)
    assert removed_lines(packed) == removed_lines(kept)


def test_removed_lines_of_many_folders_are_held_packed() -> None:
    """A build of many folders (the memory benchmark's one file a folder, 2 unique removed lines a
    document) held every folder's 500 counted lines in dicts: about 100 KB a folder."""
    removed, held = RemovedLines(), []
    tracemalloc.start()
    try:
        for folder in range(60):
            for i in range(1000):
                removed.add(f"part-{folder}.jsonl", f"Posted by writer {folder}-{i}", "boilerplate_header")
            if folder in (29, 59):
                held.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    assert held[1] - held[0] < 30 * 20_000, held  # 30 folders more: was about 3 MB
    assert len(removed_lines(removed)["part-0.jsonl"]) == TOP_LINES


@pytest.mark.slow
def test_removed_lines_stay_bounded_and_find_the_frequent_line_among_100_000_unique_ones() -> None:
    """Every document of a big build may drop a line no other has (a dateline, a byline); the old
    count kept each one's text (about 300 bytes a line, then a sorted copy at the end)."""
    removed = RemovedLines()
    tracemalloc.start()
    try:
        for i in range(100_000):
            removed.add("news/site", f"Posted {i % 28} March by writer {i}", "boilerplate_header")
            if i % 50 == 0:
                removed.add("news/site", "Share this article", "boilerplate_phrase")
        report = removed_lines(removed)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held < 2 * 2**20 and peak < 4 * 2**20, (held, peak)
    (first, *rest) = report["news/site"]
    assert len(rest) == TOP_LINES - 1
    assert first["text"] == "Share this article"
    assert 2000 <= first["count"] <= 2000 + first.get("count_may_exceed_by", 0)
    assert all("count_may_exceed_by" in line for line in rest)  # estimates, and marked as such


def test_string_log_gives_back_what_it_was_given(tmp_path: Path) -> None:
    log = StringLog(tmp_path)
    texts = ["doc-1", "", "ملف/٣", "bad\udcffname", "x" * 70_000, "last"]
    for i, text in enumerate(texts):
        log.append(text)
        assert log[i] == text and log[0] == "doc-1"  # read back between appends
    assert [log[i] for i in range(len(log))] == texts
    assert list(tmp_path.iterdir()) == []  # an unnamed file: nothing to clean up, even after a kill
    log.close()


MANY_FILES = textwrap.dedent("""
    import json, random, resource, sys, tempfile
    from pathlib import Path
    from builder.config import BuildConfig
    from builder.run.pipeline import build
    from tests.conftest import VOCABULARY
    files, tmp = int(sys.argv[1]), Path(tempfile.mkdtemp())
    rng = random.Random(1)
    for f in range(files):
        docs = [{"id": f"d{f}-{d}",
                 "text": "\\n".join("The " + " ".join(rng.choice(VOCABULARY) for _ in range(14)) + "."
                                      for _ in range(3))}
                for d in range(3)]
        path = tmp / "src" / "feeds" / f"part-{f:05d}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(d) + "\\n" for d in docs))
    build([str(tmp / "src")], tmp / "out", BuildConfig.load(workers=1))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
""")


@pytest.mark.slow
def test_a_build_keeps_nothing_big_per_input_file() -> None:
    """Each input file's cache writer (a zstd compressor, a few hundred KB) stayed alive until the
    end of the build: 250 KB per input file, GBs for a corpus of many small files."""
    def peak(files: int) -> int:
        done = subprocess.run([sys.executable, "-c", MANY_FILES, str(files)], cwd=ROOT, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return int(done.stdout.split()[-1])

    per_file = (peak(700) - peak(100)) / 600
    assert per_file < 100_000, f"the main process grew {per_file / 1000:.0f} KB per input file"
