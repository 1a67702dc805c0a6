"""Extending from outside the package: a filter, an annotator and a reader, one class each in a module
outside builder/ (the README's `my_steps.py`, run as written), used through a config file and through
the Python API. The release loads with `datasets`, has the annotator's column, the filter's reason in
rejects and the card, and `dataset-builder validate` passes on it."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

from builder import api
from builder.cli import main
from builder.run.pipeline import SMALL_WORK_BYTES
from tests.conftest import release_files, text_for
from tests.test_api import readme_block

ROWS = [
    {"id": "csv-1", "title": "Harbour",
     "text": "Ships came back to the harbour after the storm.\nWhat will the fishermen do now?"},
    {"id": "csv-2", "title": "Prize",
     "text": "A lottery prize was announced by the council today.\nNobody came to collect it."},
    {"id": "", "title": "No id", "text": "This row has no id."},
    {"id": "csv-4", "title": "Library", "text": "The library opened a new reading room.\nWill it stay open late?"},
]


@pytest.fixture()
def my_steps(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The README's module, written outside builder/ and importable as `my_steps`."""
    folder = tmp_path / "user_code"
    folder.mkdir()
    (folder / "my_steps.py").write_text(readme_block("<!-- Extending example: my_steps.py"), encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delitem(sys.modules, "my_steps", raising=False)
    return folder


def write_corpus(folder: Path, rows: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True)
    with open(folder / "news.csv", "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=["id", "title", "text"])
        writer.writeheader()
        writer.writerows(rows)
    (folder / "plain.txt").write_text(text_for("plain") + "\nIs this the end of the lottery?", encoding="utf-8")
    (folder / "kept.txt").write_text(text_for("kept") + "\nDid the river flood the villages?", encoding="utf-8")
    return folder


def check_release(out: Path) -> None:
    data = datasets.load_dataset(str(out))["train"]
    assert "is_question" in data.column_names
    by_doc: dict[str, list[bool]] = {}
    for row in data:
        by_doc.setdefault(row["doc_id"], []).append(row["is_question"])
        assert row["is_question"] == row["text"].rstrip().endswith("?")
    assert set(by_doc) == {"csv-1", "csv-4", "kept"}  # read by the user's reader, or kept by its filter
    assert all(any(flags) and not all(flags) for flags in by_doc.values())
    rejects = datasets.load_dataset(str(out), "rejects")["train"]
    reasons = {(r["doc_id"], r["reason"]) for r in rejects if r["kind"] == "document"}
    assert {("csv-2", "blocked_word"), ("plain", "blocked_word")} <= reasons
    assert any(r["reason"] == "csv_row_invalid" and r["source"] == "news.csv" for r in rejects)
    card = (out / "README.md").read_text(encoding="utf-8")
    assert re.search(r"\| csv\\_row\\_invalid \| document \| 1 \| a CSV row without an id or a text \|", card)
    assert re.search(r"\| blocked\\_word \| document \| \d+ \| the document mentions a word on the blocklist \|", card)
    assert "is_question" in card and "the paragraph ends with a question mark" in card
    validated = subprocess.run([sys.executable, "-m", "builder", "validate", str(out)], capture_output=True,
                               text=True, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert validated.returncode == 0, validated.stdout + validated.stderr


def test_a_filter_an_annotator_and_a_reader_from_a_config_file(my_steps: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "corpus", ROWS)
    config = tmp_path / "build.toml"
    config.write_text(readme_block("<!-- Extending example: build.toml"), encoding="utf-8")
    out = tmp_path / "release"
    assert main(["build", str(corpus), "--out", str(out), "--config", str(config), "--quiet"]) == 0
    assert "blocked_word 2" in capsys.readouterr().out
    check_release(out)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [step["class"] for step in manifest["config"]["steps"]] == ["my_steps:Blocklist", "my_steps:Questions"]
    assert manifest["config"]["steps"][0]["settings"] == {"words": ["lottery", "casino"]}


def test_the_same_classes_from_the_python_api_give_the_same_release(my_steps: Path, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", ROWS)
    from my_steps import Blocklist, CsvReader, Questions  # type: ignore[import-not-found]

    out = tmp_path / "release"
    result = api.build([str(corpus)], out, steps=[Blocklist(words=("lottery", "casino")), Questions()],
                       readers=[CsvReader()])
    assert result.document_rejects["blocked_word"] == 2 and result.document_rejects["csv_row_invalid"] == 1
    check_release(out)
    config = tmp_path / "build.toml"
    config.write_text(readme_block("<!-- Extending example: build.toml"), encoding="utf-8")
    assert main(["build", str(corpus), "--out", str(tmp_path / "from-config"), "--config", str(config), "--quiet"]) == 0
    assert release_files(out) == release_files(tmp_path / "from-config")


def test_the_readme_python_example_runs(my_steps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_corpus(tmp_path / "corpus", ROWS)
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_block("<!-- Extending example: python"), "README.md", "exec"), {"__name__": "__main__"})
    check_release(tmp_path / "release")


@pytest.mark.slow
def test_worker_processes_import_the_users_module(my_steps: Path, tmp_path: Path) -> None:
    """Enough input for the process pool to start (SMALL_WORK_BYTES): the workers find `my_steps` on the
    driver's sys.path (the release is byte-identical for any number of workers: tests/test_executors.py)."""
    text = lambda i: "\n".join(text_for(f"row-{i}-{k}") for k in range(3)) + "\nWhat next?"  # noqa: E731
    rows = [{"id": f"gen-{i}", "title": "Row", "text": text(i)} for i in range(7_000)]
    corpus = write_corpus(tmp_path / "corpus", rows + ROWS[1:2])
    assert sum(f.stat().st_size for f in corpus.iterdir()) > SMALL_WORK_BYTES
    config = tmp_path / "build.toml"
    config.write_text(readme_block("<!-- Extending example: build.toml"), encoding="utf-8")
    from builder.config import BuildConfig

    pooled = api.build([str(corpus)], tmp_path / "pooled", BuildConfig.load(config, workers=2, cache=False))
    assert pooled.summary.worker_pids and os.getpid() not in pooled.summary.worker_pids
    assert pooled.document_rejects["blocked_word"] == 2  # csv-2 and plain.txt: the filter ran in the workers
    assert "is_question" in datasets.load_dataset(str(tmp_path / "pooled"))["train"].column_names


def test_the_reasons_command_lists_the_codes_of_the_steps_and_readers_a_config_names(
        my_steps: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text(readme_block("<!-- Extending example: build.toml"), encoding="utf-8")
    assert main(["reasons"]) == 0
    built_in = capsys.readouterr().out
    assert "boilerplate_header" in built_in and "blocked_word" not in built_in
    assert main(["reasons", "--config", str(config), "--format", "json"]) == 0
    table = json.loads(capsys.readouterr().out)
    assert table["document"]["blocked_word"] == "the document mentions a word on the blocklist"
    assert table["document"]["csv_row_invalid"] == "a CSV row without an id or a text"
    assert table["line"]["boilerplate_footer"] == api.reasons().line["boilerplate_footer"]


@pytest.mark.slow
def test_a_local_ray_instance_runs_the_users_steps_and_reader(my_steps: Path, tmp_path: Path) -> None:
    """The README's promise for `--executor ray` on one machine: a local Ray instance shares this machine's
    files, so its workers import `my_steps` as the driver does, and the release is the local build's."""
    pytest.importorskip("ray", reason="the Ray executor is an optional extra")
    from builder.config import BuildConfig

    corpus = write_corpus(tmp_path / "corpus", ROWS)
    config = tmp_path / "build.toml"
    config.write_text(readme_block("<!-- Extending example: build.toml"), encoding="utf-8")
    on_ray = api.build([str(corpus)], tmp_path / "ray", BuildConfig.load(config, workers=1, executor="ray",
                                                                        cache=False))
    assert on_ray.summary.worker_pids and os.getpid() not in on_ray.summary.worker_pids  # Ray's workers ran it
    assert on_ray.document_rejects["blocked_word"] == 2 and on_ray.document_rejects["csv_row_invalid"] == 1
    check_release(tmp_path / "ray")
    api.build([str(corpus)], tmp_path / "here", BuildConfig.load(config, workers=1, cache=False))
    assert release_files(tmp_path / "ray") == release_files(tmp_path / "here")
