"""The Python API: the README's example runs as written, and the functions return what the CLI prints."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

import builder
from builder import BuildConfig, ConfigError, FilterSettings, UsageError, api
from builder.read.discovery import SourceError
from tests.conftest import EXAMPLES, ROOT


def readme_block(marker: str) -> str:
    """The fenced code block that follows `marker` in README.md."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(re.escape(marker) + r"[^\n]*\n```\w*\n(.*?)\n```", readme, re.S)
    assert found, f"README.md has no code block after {marker!r}"
    return found.group(1)


@pytest.mark.slow
def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "corpus")
    monkeypatch.chdir(tmp_path)
    exec(compile(readme_block("<!-- README example: tests/test_api.py"), "README.md", "exec"), {"__name__": "__main__"})
    printed = capsys.readouterr().out
    assert re.search(r"^\d+ of 13 documents kept, \d+ paragraphs$", printed, re.M), printed
    assert "lines dropped: {'boilerplate_" in printed
    assert re.search(r"^\d+ paragraphs added, \d+ removed$", printed, re.M), printed
    assert sorted(p.name for p in (tmp_path / "release" / "data").iterdir()) == [
        "test-00000-of-00001.parquet", "train-00000-of-00001.parquet"]


@pytest.mark.parametrize("marker", ["<!-- README example: tests/test_api.py", "<!-- Extending example: python"])
def test_the_readmes_python_examples_build_nothing_when_a_worker_imports_them(
        marker: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """trial26 row 14: README says a script must call build() under `if __name__ == "__main__":` (spawned workers
    import it again, as `__mp_main__`), and its own examples called it at the top level: on macOS, which spawns,
    the first one failed at its first build. Run as a spawned worker runs the main script, they must build nothing."""
    shutil.copytree(EXAMPLES, tmp_path / "examples" / "corpus")
    (tmp_path / "corpus").mkdir()
    monkeypatch.chdir(tmp_path)
    block = readme_block(marker)
    if "my_steps" in block:  # the Extending example's module, as its own test writes it
        (tmp_path / "my_steps.py").write_text(readme_block("<!-- Extending example: my_steps.py"), encoding="utf-8")
        monkeypatch.syspath_prepend(str(tmp_path))
    exec(compile(block, "README.md", "exec"), {"__name__": "__mp_main__"})
    assert not (tmp_path / "release").exists() and capsys.readouterr().out == ""


def test_build_returns_what_the_release_holds(tmp_path: Path) -> None:
    result = api.build(EXAMPLES, tmp_path / "out", BuildConfig(filter=FilterSettings(min_words=12)))
    assert result.documents_in == 13 and result.documents_kept + result.documents_rejected == 13
    assert result.paragraphs == sum(split.paragraphs for split in result.splits.values()) > 0
    assert result.splits["train"].shards == ("data/train-00000-of-00001.parquet",)
    assert result.line_rejects["quality_too_short"] > 0  # min_words reached the build
    assert (result.cache_hits, result.cache_misses) == (0, 20)
    report = api.validate(tmp_path / "out")
    assert report.kind == "release" and report.valid and report.issues == ()


def test_a_config_file_path_is_accepted(tmp_path: Path) -> None:
    config = tmp_path / "build.toml"
    config.write_text('[card]\nversion = "3.1.4"\n', encoding="utf-8")
    api.build([str(EXAMPLES)], tmp_path / "out", config)
    assert '"version": "3.1.4"' in (tmp_path / "out" / "manifest.json").read_text(encoding="utf-8")


def test_validate_reports_raw_document_problems_as_they_come(tmp_path: Path) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text('{"id": "a", "text": "fine"}\n{"id": 5, "text": "bad id"}\n', encoding="utf-8")
    seen: list[str] = []
    report = api.validate(source, on_issue=lambda issue: seen.append(str(issue)))
    assert report.kind == "documents" and report.documents == 2 and not report.valid
    assert seen == [str(issue) for issue in report.issues] and seen[0].startswith(f"{source}:2: $.id:")


def test_diff_and_its_usage_error(example_release: Path, tmp_path: Path) -> None:
    same = api.diff(example_release, example_release)
    assert (same.paragraphs_added, same.paragraphs_removed, same.documents_changed) == (0, 0, [])
    with pytest.raises(UsageError, match="is not a release folder"):
        api.diff(example_release, tmp_path)


def test_sections_made_in_python_are_checked() -> None:
    with pytest.raises(ConfigError, match=r"^\$\.filter\.min_words: 'three' is not of type 'integer': "
                                          r"write a number, without quotes$"):
        FilterSettings(min_words="three")  # type: ignore[arg-type]


def test_the_package_exports_the_api() -> None:
    assert builder.build is api.build and builder.validate is api.validate
    assert builder.publish is api.publish and builder.diff is api.diff


def test_a_build_of_no_source_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    from builder.read.discovery import SourceError

    with pytest.raises(SourceError, match="no source given"):
        api.build([], tmp_path / "out")
    assert not (tmp_path / "out").exists()


DOCUMENT = '{"id": "d1", "text": "A document long enough to be kept: its one paragraph has more than a dozen words."}\n'


def documents(folder: Path) -> str:
    """A real input, one valid document, so that a call not refused would build from it (it once named a folder
    that did not exist, and the refusals were never tested against a build that could run)."""
    (folder / "docs.jsonl").write_text(DOCUMENT, encoding="utf-8")
    return str(folder / "docs.jsonl")


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda s, r: api.build([s], None), UsageError,  # once a folder named "None"
     "out: expected a path or URL (str or os.PathLike), got NoneType None"),
    (lambda s, r: api.build([s], 5), UsageError, "out: expected a path or URL (str or os.PathLike), got int 5"),
    # each empty path named for what it is (once "out: …; give a folder, a file or a URL": a release is no file)
    (lambda s, r: api.build([s], ""), UsageError,
     "out: an empty path; give the folder to build the release in ('.' for the current folder) or a URL"),
    (lambda s, r: api.build([s, ""], "o"), SourceError,
     "sources[1]: an empty path; give a folder, a file, a glob or a URL of documents"),
    (lambda s, r: api.build(s, "o", config=""), ConfigError,
     "config: an empty path; give the path of a TOML file, or None for the defaults"),
    (lambda s, r: api.publish("", "mirror"), UsageError,
     "release: an empty path; give the folder of a release (the one with manifest.json)"),
    (lambda s, r: api.publish(r, ""), UsageError, "to: an empty path; give the folder or URL to publish to"),
    (lambda s, r: api.diff(r, ""), UsageError,
     "new: an empty path; give the folder of a release (the one with manifest.json)"),
    (lambda s, r: api.build([s], "o", {"filter": {"min_words": 3}}), ConfigError,
     "config: expected a BuildConfig, a path to a TOML file or None, got dict {'filter': {'min_words': 3}}; make one "
     "with BuildConfig(filter=FilterSettings(min_words=3), …) or BuildConfig.load(path, min_words=3)"),
    (lambda s, r: api.build(s, "o", progress=5), UsageError,  # once a TypeError mid-build, o/ half made
     "progress: expected a function or None, got int 5"),
    (lambda s, r: api.build(s, "o", steps=FilterSettings), ConfigError,
     "steps: expected a list or tuple of instances of your classes, got type "),
    (lambda s, r: api.build(s, "o", steps=[FilterSettings]), ConfigError,
     "steps[0]: FilterSettings is a class; pass an instance, FilterSettings(...)"),
    (lambda s, r: api.build(s, "o", storage_options={1: 2}), ConfigError,
     "storage_options: expected a dict of fsspec options with str keys (endpoint_url=…, anon=…), got dict {1: 2}"),
    (lambda s, r: api.build(5, "o"), SourceError, "sources: expected a path, a URL or a list of them, got int 5"),
    (lambda s, r: api.build([s, None], "o"), SourceError,
     "sources[1]: expected a path or URL (str or os.PathLike), got NoneType None"),
    (lambda s, r: api.validate(s, fields={"text": 5}), ConfigError,  # once "'int' object is not iterable"
     "fields['text']: expected a key (str) or a non-empty list of keys, got int 5"),
    (lambda s, r: api.validate(s, on_issue="print"), UsageError,
     "on_issue: expected a function or None, got str 'print'"),
    (lambda s, r: api.publish(r, None), UsageError,
     "to: expected a path or URL (str or os.PathLike), got NoneType None"),
    (lambda s, r: api.publish(r, "mirror", force="yes"), UsageError, "force: expected True or False, got str 'yes'"),
    (lambda s, r: api.publish(r, "mirror", version=1), UsageError, "version: expected a str or None, got int 1"),
    (lambda s, r: api.diff(r, None), UsageError, "new: expected a path or URL (str or os.PathLike), got NoneType None"),
    (lambda s, r: api.reasons({"filter": {}}), ConfigError,
     "config: expected a BuildConfig, a path to a TOML file or None"),
    (lambda s, r: api.input_size(s, {"filter": {}}), ConfigError, "config: expected a BuildConfig or None, got dict"),
])
def test_odd_arguments_are_refused_by_name_before_anything_is_written(
        call: Any, error: type[Exception], message: str, example_release: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = documents(tmp_path)
    before = sorted(p.name for p in example_release.rglob("*"))
    with pytest.raises(error) as raised:
        call(source, example_release)
    assert type(raised.value) is error and str(raised.value).startswith(message)
    assert [p.name for p in tmp_path.iterdir()] == ["docs.jsonl"]
    assert sorted(p.name for p in example_release.rglob("*")) == before


def test_those_calls_run_once_their_odd_argument_is_put_right(example_release: Path, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """What the refusals above stopped: a build into `o` and a publish into `mirror` from the same inputs."""
    monkeypatch.chdir(tmp_path)
    source = documents(tmp_path)
    assert api.input_size(source) == len(DOCUMENT.encode())
    assert api.validate(source, fields={"text": "text"}).documents == 1
    built = api.build([source], "o", progress=lambda _: None)
    assert (built.documents_in, built.documents_kept) == (1, 1) and api.validate("o").valid
    published = api.publish(example_release, "mirror", force=False, version=None)
    assert published.verified and (tmp_path / "mirror" / published.version / "manifest.json").is_file()
    assert api.diff(example_release, tmp_path / "mirror" / published.version).paragraphs_added == 0


def test_errors_name_the_arguments_of_the_call_not_the_command_lines_flags(tmp_path: Path) -> None:
    """From Python, `out=` and `config file` (trial18 finding 16: they said `--out` and `--config`)."""
    from builder.release.outdir import OutDirError

    a_file = tmp_path / "file"
    a_file.write_text("mine")
    with pytest.raises(OutDirError) as raised:
        api.build([EXAMPLES], a_file)
    assert str(raised.value).startswith(f"out={a_file}: not a folder; choose an empty or new folder to build into")
    with pytest.raises(OutDirError) as raised:
        api.build([EXAMPLES], EXAMPLES / "o")
    assert str(raised.value).startswith(f"out={EXAMPLES / 'o'} is inside the source {EXAMPLES}")
    assert "put the release (out=) outside the source folders" in str(raised.value)
    assert "--out" not in str(raised.value)
    with pytest.raises(ConfigError) as raised:
        BuildConfig.load(tmp_path / "nonexist.toml")
    assert str(raised.value).startswith(f"config file {tmp_path / 'nonexist.toml'}: cannot read it")
    with pytest.raises(ConfigError) as raised:
        api.build([EXAMPLES], tmp_path / "o", tmp_path / "nonexist.toml")
    assert str(raised.value).startswith(f"config file {tmp_path / 'nonexist.toml'}: cannot read it")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_sections_given_the_config_files_shapes_build_as_the_file_does(tmp_path: Path) -> None:
    """trial19: `ReadSettings(fields={"text": "content"})`, the config file's shape, was accepted by the check, kept as
    a dict, and broke reading every input as an `unreadable_source` reject, 'reading stopped: too many values to
    unpack (expected 2)': nothing kept. A section is given its Python shape once it is checked."""
    from builder import OutputSettings, ReadSettings

    source = tmp_path / "docs.jsonl"
    source.write_text("\n".join('{"link": "https://x.example/%d", "body": "%s"}' % (i, text) for i, text in enumerate([
        "The council met on Monday to discuss the new bridge over the river and its cost to the city.",
        "Farmers in the valley said the rain came late this year and the harvest will be smaller than usual."]))
        + "\n", encoding="utf-8")
    as_file = tmp_path / "build.toml"
    as_file.write_text('[read]\nfields = {text = "body", id = ["url", "link"]}\n'
                       '[output]\nsplits = {train = 0.5, test = 0.5}\n', encoding="utf-8")
    api.build([str(source)], tmp_path / "file", as_file)
    config = BuildConfig(read=ReadSettings(fields={"text": "body", "id": ["url", "link"]}),  # type: ignore[arg-type]
                         output=OutputSettings(splits={"train": 0.5, "test": 0.5}),  # type: ignore[arg-type]
                         filter=FilterSettings(languages=["en"]))  # type: ignore[arg-type]
    assert config.read.fields == (("text", "body"), ("id", "url"), ("id", "link"))
    assert config.output.splits == (("train", 0.5), ("test", 0.5)) and config.filter.languages == ("en",)
    result = api.build([str(source)], tmp_path / "python", config)
    assert result.documents_kept == 2
    shards = sorted(path.name for path in (tmp_path / "python" / "data").iterdir())
    assert shards == sorted(path.name for path in (tmp_path / "file" / "data").iterdir())
