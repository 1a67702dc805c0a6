"""The shape every "leaves no trace in a build" test shares: plant values in input files, build them for real,
then search everything a reader of the release can see for what was planted."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from pathlib import Path

import pyarrow.parquet as pq

from builder.config import BuildConfig
from builder.release.check import check_release
from builder.run.pipeline import build


def every_output_text(out: Path) -> str:
    """All a reader of the release can see: Parquet rows and metadata, JSON, the card, as text."""
    texts = []
    for path in sorted(out.rglob("*")):
        if not path.is_file() or ".cache" in path.parts:
            continue
        if path.suffix == ".parquet":
            texts.append(json.dumps(pq.read_table(path).to_pylist(), ensure_ascii=False))
            texts.append(str(pq.ParquetFile(path).metadata.to_dict()))  # column statistics hold min/max values
        texts.append(path.read_bytes().decode("utf-8", "replace"))
    return "\n".join(texts)


def build_files(tmp_path: Path, files: Mapping[str, str], config: BuildConfig | None = None) -> Path:
    """`files` (a path under the source folder -> its text) written to tmp_path/src and built into tmp_path/out."""
    src = tmp_path / "src"
    for name, text in files.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build([str(src)], out, config or BuildConfig())
    return out


def release_problems(out: Path) -> list[str]:
    """What `dataset-builder validate` finds wrong with the release, one line each (empty when it is whole): a build
    that replaced planted values must still publish records whose ids derive from the doc_id as published, and counts
    and checksums that hold."""
    return [str(issue) for issue in check_release(out)]


def leaked(out: Path, planted: Mapping[str, str], fold: Callable[[str], str] = lambda text: text) -> dict[str, str]:
    """The planted values (a name -> the value) found anywhere in the release, each and the release read through
    `fold` (full-width forms as ASCII, say): an empty dict when none is."""
    written = fold(every_output_text(out))
    return {name: value for name, value in planted.items() if fold(value) in written}
