"""The command line: exit codes and the exact messages a user sees."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.cli import main
from tests.conftest import EXAMPLES, FIXTURES, ROOT, text_for

BAD = FIXTURES / "malformed_and_invalid.jsonl"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_valid_corpus_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(EXAMPLES))
    assert (code, out, err) == (0, "", "13 document(s) checked: all valid\n")


def test_validate_reports_every_problem_located(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(BAD))
    assert code == 1
    assert out.splitlines() == [
        f"{BAD}:2: $: not valid JSON: Unterminated string starting at (column 28)",
        f"{BAD}:3: $: 'text' is a required property",
        f"{BAD}:3: $.title: 42 is not of type 'string', 'null'",
        f"{BAD}:4: $: ['not', 'an', 'object'] is not of type 'object'",
        f"{BAD}:5: $.id: duplicate id 'ok-1', first seen at {BAD}:1",
    ]
    assert err == "5 document(s) checked: 4 invalid, 5 problem(s)\n"


def test_validate_json_and_github_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(BAD), "--format", "json")
    report = json.loads(out)
    assert code == 1 and report["documents"] == 5 and report["valid"] is False
    assert report["issues"][0] == {"file": str(BAD), "line": 2, "json_path": "$", "reason": "malformed_json",
                                   "message": "not valid JSON: Unterminated string starting at (column 28)"}
    code, out, _ = run(capsys, "validate", str(BAD), "--format", "github")
    assert code == 1
    assert out.splitlines()[1] == f"::error file={BAD},line=3,title=schema_invalid::$: 'text' is a required property"


@pytest.mark.parametrize("source, hint", [
    ("S3://bucket/corpus", "; protocols are written in lower case (s3://)"),
    ("FILE:///tmp/corpus", "; protocols are written in lower case (file://)"),
    ("s3:/bucket/corpus", "; 's3:' looks like a URL's protocol but is not followed by :// (e.g. s3://BUCKET/PREFIX)"),
    ("simplecache::s3://bucket/corpus", "; chained fsspec URLs (a::b) are not accepted: give the store's own URL"),
])
def test_a_source_mistyped_as_a_url_is_told_so(source: str, hint: str, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    # session 18's tester: each was told only "no such file or directory", where --out names the mistake
    code, _, err = run(capsys, "build", source, "--out", str(tmp_path / "o"))
    assert code == 2
    assert err.startswith(f"error: {source}: no such file or directory{hint}\n")
    assert not (tmp_path / "o").exists()


def test_format_json_prints_an_object_on_every_exit(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                     example_release: Path) -> None:
    """trial24 #9: a CI step that parses validate's stdout got nothing on a usage error (only stderr)."""
    missing = tmp_path / "missing"
    code, out, err = run(capsys, "validate", str(missing), "--format", "json")
    assert code == 2 and err.startswith(f"error: {missing}: no such file or directory\n")
    assert json.loads(out) == {"valid": False, "issues": [], "exit_code": 2,
                               "error": f"{missing}: no such file or directory\n(run `dataset-builder validate "
                               "--help` for usage)"}
    with pytest.raises(SystemExit) as refused:  # argparse's own usage error: SOURCE left out
        main(["validate", "--format", "json"])
    out, err = capsys.readouterr()
    assert refused.value.code == 2 and "the following arguments are required: SOURCE" in err
    assert json.loads(out) == {"valid": False, "issues": [], "exit_code": 2,
                               "error": "the following arguments are required: SOURCE"}
    code, out, err = run(capsys, "diff", str(missing), str(example_release), "--format", "json")
    assert code == 2 and json.loads(out)["error"].startswith(f"{missing}: no such folder")
    code, out, err = run(capsys, "validate", str(missing))  # text: stdout stays empty
    assert code == 2 and out == ""


def test_diff_of_a_missing_folder_says_it_does_not_exist(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                         example_release: Path) -> None:
    """trial24 #10: it said "not a release folder (no manifest.json or data/)", as if the folder were there."""
    from builder import api
    from builder.api import UsageError

    code, _, err = run(capsys, "diff", str(tmp_path / "nope1"), str(example_release))
    assert code == 2 and err.startswith(f"error: {tmp_path / 'nope1'}: no such folder; give the folder of a release "
                                        "(the one with manifest.json)\n")
    (tmp_path / "file").write_text("x")
    with pytest.raises(UsageError, match=r"file: not a folder; give the folder of a release"):
        api.diff(example_release, tmp_path / "file")
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match=r"empty is not a release folder \(no manifest.json or data/\)"):
        api.diff(tmp_path / "empty", example_release)


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", str(tmp_path / "missing"))
    assert code == 2
    assert err == (f"error: {tmp_path / 'missing'}: no such file or directory\n"
                   "(run `dataset-builder validate --help` for usage)\n")
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--split", "train=0.5")
    assert code == 2 and err.startswith("error: --split: shares must add up to 1, got 0.5\n")
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--split", "train")
    assert code == 2 and err.startswith("error: --split expects NAME=VALUE, got 'train'\n")
    # a split named twice is the problem, not the sum of what is left once the second replaces the first
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--split", "train=0.5",
                       "--split", "train=0.5")
    assert code == 2 and err.startswith("error: --split: the split 'train' is given 2 times (train=0.5, train=0.5); "
                                        "give each split once, with its share\n")
    # a sum just off 1 is printed with the digits that show it, not rounded to "1"
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--split", "train=0.7",
                       "--split", "test=0.3000001")
    assert code == 2 and err.startswith("error: --split: shares must add up to 1, got 1.0000001\n")
    assert not (tmp_path / "o").exists()
    # the command line's paths are named by their flags (the Python API names its arguments: test_api)
    (tmp_path / "file").write_text("mine")
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "file"))
    assert code == 2 and err.startswith(f"error: --out {tmp_path / 'file'}: not a folder; ")
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(EXAMPLES / "o"))
    assert code == 2 and err.startswith(f"error: --out {EXAMPLES / 'o'} is inside the source {EXAMPLES}")
    assert "put --out outside the source folders" in err
    code, _, err = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path / "o"), "--config", "nonexist.toml")
    assert code == 2 and err.startswith("error: --config nonexist.toml: cannot read it")
    code, _, err = run(capsys, "reasons", "--config", "nonexist.toml")
    assert code == 2 and err.startswith("error: --config nonexist.toml: cannot read it")
    assert not (tmp_path / "o").exists()
    with pytest.raises(SystemExit) as exc:
        main(["frobnicate"])
    assert exc.value.code == 2


def test_validate_of_a_release_says_what_it_checks_on_a_terminal(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A large release took tens of seconds with no word at all; a terminal now gets a line first (not a pipe,
    nor json or github output, whose readers parse what comes)."""
    out_dir = tmp_path / "rel"
    assert run(capsys, "build", str(BAD), "--out", str(out_dir), "--quiet")[0] == 0
    code, _, err = run(capsys, "validate", str(out_dir))
    assert code == 0 and "checking" not in err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, _, err = run(capsys, "validate", str(out_dir))
    assert code == 0
    assert err.splitlines() == [f"checking 2 records of {out_dir} (every file and row)...",
                                f"release {out_dir}: valid"]
    code, _, err = run(capsys, "validate", str(out_dir), "--format", "json")
    assert code == 0 and "checking" not in err
    (out_dir / "manifest.json").write_text("[", encoding="utf-8")  # unreadable: the line says less, validate tells
    code, _, err = run(capsys, "validate", str(out_dir))
    assert code == 1 and err.splitlines()[0] == f"checking the records of {out_dir} (every file and row)..."


def test_build_prints_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_dir = tmp_path / "rel"
    code, out, _ = run(capsys, "build", str(BAD), "--out", str(out_dir), "--quiet")
    assert code == 0
    assert out.splitlines()[:5] == [
        f"built {out_dir}: 1 of 5 documents kept, 2 paragraphs",
        "  train: 1 documents, 2 paragraphs in 1 shard(s)",
        "  cache: 0 of 2 results reused (one for each input and pass)",
        "  documents rejected: duplicate_id 1, malformed_json 1, schema_invalid 2",
        "  lines dropped: boilerplate_header 1, boilerplate_phrase 1",
    ]
    # the rebuild says what the cache gave it; without the cache there is nothing to say
    code, out, _ = run(capsys, "build", str(BAD), "--out", str(out_dir), "--quiet")
    assert code == 0 and out.splitlines()[2] == "  cache: 2 of 2 results reused (one for each input and pass)"
    code, out, _ = run(capsys, "build", str(BAD), "--out", str(out_dir), "--quiet", "--no-cache")
    assert code == 0 and "cache:" not in out


def test_strict_stops_at_first_problem(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", str(BAD), "--out", str(tmp_path / "s"), "--strict", "--quiet")
    assert code == 1
    assert err.splitlines() == [
        f"error: {BAD}:2: malformed_json: not valid JSON: Unterminated string starting at (column 28)",
        "(--strict stops at the first problem; drop --strict to record it in rejects/ and carry on)",
    ]


def test_nothing_kept_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "build", str(FIXTURES / "empty.txt"), "--out", str(tmp_path / "e"), "--quiet")
    assert code == 1 and "no document was kept" in err


def test_nothing_kept_from_inputs_without_documents_says_so(capsys: pytest.CaptureFixture[str],
                                                            tmp_path: Path) -> None:
    # session 18's tester: "0 of 0 documents kept ... the rejects say why: …/rejects", a folder with no reject in it
    (tmp_path / "empty.jsonl").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "build", str(tmp_path / "empty.jsonl"), "--out", str(tmp_path / "e"), "--quiet")
    assert code == 1 and out.startswith(f"nothing built in {tmp_path / 'e'}: 0 of 0 documents kept")
    assert err.splitlines()[-1].endswith("(a previous one in " + str(tmp_path / "e") + " is as it was); its inputs "
                                         "hold no document (an empty JSONL file or JSON array, a Parquet file without "
                                         "rows): check that SOURCE names the files you meant")


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_that_keeps_nothing_leaves_the_previous_release_byte_identical(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An all-rejected build into a release commits nothing over it (it used to replace it with an empty one):
    every file of the release is as it was, exit 1, and the rejects are readable where the message says."""
    import shlex

    release = tmp_path / "release"
    assert run(capsys, "build", str(EXAMPLES), "--out", str(release), "--quiet", "--no-cache")[0] == 0
    before = _files(release)
    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_text('{"url": "u1", "content": "text"}\n{"url": "u2", "content": "more"}\n')
    code, out, err = run(capsys, "build", str(src), "--out", str(release), "--quiet", "--no-cache")
    rejects = release / ".rejected-build" / "rejects"
    assert code == 1
    assert out.splitlines()[:2] == [f"nothing built in {release}: 0 of 2 documents kept",
                                    "  documents rejected: schema_invalid 2"]
    assert err.splitlines()[-1] == (f"error: no document was kept, so nothing was written to the release (a previous "
                                    f"one in {release} is as it was); the rejects say why: {rejects}")
    assert _files(release) == {**before, **{f".rejected-build/{k}": v for k, v in _files(release / ".rejected-build")
                                            .items()}}
    assert set(_files(rejects)) == {"train-00000-of-00001.parquet"}
    command = next(line for line in out.splitlines() if "see them with: " in line).split("see them with: ", 1)[1]
    shown = subprocess.run([sys.executable, "-c", shlex.split(command)[2]], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0 and shown.stdout.count("schema_invalid") == 2, shown.stderr
    assert run(capsys, "validate", str(release))[0] == 0
    # the next build replaces the set-aside rejects
    assert run(capsys, "build", str(EXAMPLES), "--out", str(release), "--quiet", "--no-cache")[0] == 0
    assert not (release / ".rejected-build").exists() and _files(release) == before


def test_a_new_folder_that_kept_nothing_holds_only_the_rejects_and_the_marker(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Into a new --out, as into a release: no release is committed; the rejects are set aside, and the marker
    stays so that the next build knows the folder for its own."""
    out_dir = tmp_path / "new"
    code, _, _ = run(capsys, "build", str(BAD.parent / "empty.txt"), "--out", str(out_dir), "--quiet", "--no-cache")
    assert code == 1
    assert set(_files(out_dir)) == {".dataset-builder-build", ".rejected-build/rejects/train-00000-of-00001.parquet"}
    assert run(capsys, "build", str(EXAMPLES), "--out", str(out_dir), "--quiet", "--no-cache")[0] == 0
    assert not (out_dir / ".rejected-build").exists() and (out_dir / "manifest.json").is_file()


def test_when_nothing_is_kept_the_summary_shows_a_way_to_the_rejects_that_works(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """load_dataset finds no data files in a release without data, so the summary's usual command would fail: it
    prints one that reads the rejects' shards, and that command runs."""
    import shlex
    import subprocess
    import sys

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.jsonl").write_text('{"url": "u1", "content": "text"}\n{"url": "u2", "content": "more"}\n')
    code, out, err = run(capsys, "build", str(src), "--out", str(tmp_path / "e"))
    said = out + err
    assert code == 1 and "nothing built in" in said and "train: empty" not in said
    command = next(line for line in said.splitlines() if "see them with: " in line).split("see them with: ", 1)[1]
    argv = shlex.split(command)
    assert argv[:2] == ["python", "-c"] and "load_dataset" not in argv[2]
    shown = subprocess.run([sys.executable, "-c", argv[2]], capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.count("schema_invalid") == 2 and shown.stdout.count("'id' is a required property") == 2


def test_records_without_id_and_text_get_a_hint_that_names_the_field_map(capsys: pytest.CaptureFixture[str],
                                                                         tmp_path: Path) -> None:
    """A JSON corpus whose records say `content` and have no id: every document fails the schema, and
    the message says how to map the keys, which then builds."""
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps({"url": f"https://news.example/{i}", "content": text_for(str(i))}) + "\n"
                              for i in range(3)), encoding="utf-8")
    code, out, err = run(capsys, "build", str(source), "--out", str(tmp_path / "a"), "--quiet")
    assert code == 1 and "schema_invalid 3" in out
    assert "--field id=url --field text=content" in err and f"dataset-builder validate {source}" in err, err
    code, out, err = run(capsys, "build", str(source), "--out", str(tmp_path / "b"), "--quiet",
                         "--field", "id=url", "--field", "text=content")
    assert code == 0 and "3 of 3 documents kept" in out and "hint" not in err, err


def test_one_build_of_corpora_that_name_their_fields_differently(capsys: pytest.CaptureFixture[str],
                                                                  tmp_path: Path) -> None:
    """A folder of two crawls: one says url/content, the other link/paragraphs[]. A field given twice
    takes the first key a record has, from the flags and from the config file alike; validate maps the
    same way."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "saudi.json").write_text(json.dumps([{"url": f"https://a.example/{i}", "content": text_for(f"a{i}")}
                                                   for i in range(2)]), encoding="utf-8")
    (corpus / "fars.jsonl").write_text("".join(json.dumps({"link": f"https://b.example/{i}",
                                                           "paragraphs": text_for(f"b{i}").split("\n")}) + "\n"
                                               for i in range(2)), encoding="utf-8")
    flags = ["--field", "id=url", "--field", "id=link", "--field", "text=content", "--field", "text=paragraphs",
             "--field", "url=link"]
    code, out, _ = run(capsys, "validate", str(corpus), *flags)
    assert code == 0, out
    code, out, err = run(capsys, "build", str(corpus), "--out", str(tmp_path / "a"), "--quiet", *flags)
    assert code == 0 and "4 of 4 documents kept" in out, err
    config = tmp_path / "build.toml"
    config.write_text('[read]\nfields = {id = ["url", "link"], text = ["content", "paragraphs"], url = "link"}\n',
                      encoding="utf-8")
    code, out, err = run(capsys, "build", str(corpus), "--out", str(tmp_path / "b"), "--quiet", "--config", str(config))
    assert code == 0 and "4 of 4 documents kept" in out, err
    for release in ("a", "b"):
        rows = pq.read_table(tmp_path / release / "data").to_pylist()
        assert sorted({(r["doc_id"], r["url"]) for r in rows}) == [(f"https://{site}.example/{i}",) * 2
                                                                    for site in "ab" for i in range(2)]
    config.write_text("[read]\nfields = {id = []}\n", encoding="utf-8")
    code, _, err = run(capsys, "build", str(corpus), "--out", str(tmp_path / "c"), "--config", str(config))
    assert code == 2 and "$.read.fields.id" in err, err


def test_a_long_value_is_described_not_quoted_so_the_message_says_what_is_wrong(capsys: pytest.CaptureFixture[str],
                                                                               tmp_path: Path) -> None:
    """A `text` given as a list of blocks that are not all strings (a list of strings is read as
    paragraphs): jsonschema quotes the whole list first, and the cut message never reached "is not of type"."""
    source = tmp_path / "news.jsonl"
    blocks = [text_for(str(i)) for i in range(11)] + [{"figure": "photo.jpg"}]
    source.write_text(json.dumps({"id": "a", "text": blocks, "title": "x" * 5000}) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(source))
    assert code == 1
    assert out.splitlines()[:2] == [f"{source}:1: $.text: a list of 12 items is not of type 'string'",
                                    f"{source}:1: $.title: a text of 5,000 characters is too long: at most 4,096 "
                                    "characters"]


@pytest.mark.slow
def test_module_entry_point_and_help() -> None:
    result = subprocess.run([sys.executable, "-m", "builder", "--help"], capture_output=True, text=True, check=True)
    for command in ("build", "validate"):
        assert command in result.stdout
    build_help = subprocess.run([sys.executable, "-m", "builder", "build", "--help"], capture_output=True, text=True)
    assert "--split NAME=SHARE" in build_help.stdout and "--strict" in build_help.stdout


def test_build_help_lists_every_config_setting_and_where_each_is_documented(
        capsys: pytest.CaptureFixture[str]) -> None:
    """trial26 row 12: `build --help` said `--config FILE  TOML file with build settings` and named no table or
    setting; a wheel's user has no README or schema/ beside it. It now lists each table's settings and the installed
    config.schema.json, whose settings must be the same (so neither can grow a setting the other lacks)."""
    import dataclasses
    import re

    from builder.config import SECTIONS
    from builder.schemas import load_schema

    with pytest.raises(SystemExit) as exited:
        main(["build", "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    tables = dict(re.findall(r"^  \[(\w+)\] +(.+(?:\n {12}.+)*)", shown, re.MULTILINE))
    listed = {table: re.split(r",\s+", names.strip()) for table, names in tables.items()}
    schema = load_schema("config")["properties"]
    assert listed == {name: [f.name for f in dataclasses.fields(cls)] for name, cls in SECTIONS.items()}
    assert {name: sorted(names) for name, names in listed.items()} == \
        {name: sorted(schema[name]["properties"]) for name in SECTIONS}
    where = re.search(r"meaning:\s+(\S+config\.schema\.json)", shown)
    assert where and json.loads(Path(where[1]).read_text(encoding="utf-8"))["properties"] == schema
    assert "[settings.NAME]" in shown and "steps = " in shown
    exclude = re.search(r"--exclude FILE\s+(.*?)\n  --", shown, re.DOTALL)
    assert exclude and "example.com/news/1" in " ".join(exclude[1].split())  # a URL entry's form


def test_every_reason_code_and_option_is_documented() -> None:
    from builder.cli import _parser
    from builder.run.plan import built_in_reasons

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    # the rules' codes by their kind, in the list after `boilerplate_*` (a kind such as "tail" or "box" is a word
    # found anywhere in README.md: only that list says the code is documented)
    kinds = {kind.strip() for kind in readme.split("`boilerplate_*` (", 1)[1].split(";", 1)[0].split(",")}
    for code in built_in_reasons().codes():
        kind = code.removeprefix("boilerplate_")
        documented = kind in kinds if kind != code and not kind.startswith("scored_") else f"`{kind}`" in readme
        assert documented, f"reason {code} is not in README.md"
    build = next(a for a in _parser()._subparsers._group_actions[0].choices.values() if a.prog.endswith("build"))
    for action in build._actions:
        for flag in action.option_strings:
            if flag.startswith("--") and flag not in ("--help", "--quiet", "--out", "--name", "--license"):
                assert flag in readme, f"{flag} is not in README.md"


def test_every_option_of_every_command_says_what_it_does() -> None:
    """`--help` of each command (fix19: diff's and reasons' --format said nothing; publish's description offered
    "any fsspec URL", and an https:// destination is refused)."""
    from builder.cli import _parser
    from builder.release.destinations import DestinationError, parse_destination

    commands = _parser()._subparsers._group_actions[0].choices
    assert sorted(commands) == ["build", "diff", "publish", "reasons", "validate"]
    for name, command in commands.items():
        for action in command._actions:
            assert action.help, f"{name} {'/'.join(action.option_strings) or action.dest} has no help"
    with pytest.raises(DestinationError):
        parse_destination("https://example.com/x")
    assert "any fsspec URL" not in commands["publish"].description


def test_the_readme_lists_the_protocols_a_source_may_use() -> None:
    """It said "any fsspec URL", and memory://, file:// in a SOURCE list or any other protocol is refused."""
    import re

    from builder.read.remote import SOURCE_PROTOCOLS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = re.search(r"A SOURCE may be a URL of object storage or a remote file system \(([^)]*);", readme)
    assert listed, "README.md no longer lists the protocols of a SOURCE"
    assert sorted(re.findall(r"([a-z0-9]+)://", listed.group(1))) == sorted(SOURCE_PROTOCOLS)


def test_validate_says_what_its_json_holds(example_release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json's help names the keys of its object, for documents and for a release alike."""
    from builder.cli import _parser

    validate = _parser()._subparsers._group_actions[0].choices["validate"]
    shown = next(a for a in validate._actions if "--format" in a.option_strings).help
    for source in (str(EXAMPLES), str(example_release)):
        assert main(["validate", source, "--format", "json"]) == 0
        keys = list(json.loads(capsys.readouterr().out))
        assert [key for key in keys if key not in shown] == [], shown


def test_the_pre_commit_hook_checks_every_input_a_build_reads() -> None:
    """validate-documents' `files` regex: every suffix the built-in readers take (it left out .html and .htm)."""
    import re

    import yaml

    from builder.read.registry import Readers

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    files = re.compile(next(hook["files"] for hook in hooks if hook["id"] == "validate-documents"))
    assert [s for s in Readers.default().suffixes if not files.search(f"data/raw/page{s}")] == []
    assert not files.search("data/raw/notes.md")


def test_dates_urls_and_language_tags_are_kept_as_written_and_the_card_says_so(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The contract for the free-text fields (the tester's fmt.jsonl): a date that is not ISO 8601 and a url that
    is not a URL are valid and kept as written, a well-shaped language tag is not looked up; what the schema, the
    card's field table and `validate` say agrees (the card said ISO 8601, as if it were checked)."""
    doc = {"id": "d1", "text": text_for("formats"), "date_published": "yesterday lol", "url": "not a url",
           "language": "xx-YY"}
    (tmp_path / "fmt.jsonl").write_text(json.dumps(doc) + "\n", encoding="utf-8")
    assert run(capsys, "validate", str(tmp_path / "fmt.jsonl")) == (0, "", "1 document(s) checked: all valid\n")
    code, _, _ = run(capsys, "build", str(tmp_path / "fmt.jsonl"), "--out", str(tmp_path / "out"))
    assert code == 0
    assert {(r["date_published"], r["url"]) for r in pq.read_table(tmp_path / "out" / "data").to_pylist()} == {
        ("yesterday lol", "not a url")}
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    (row,) = [line for line in card.splitlines() if line.startswith("| date\\_published |")]
    assert "not checked, other text is kept as written" in row
    schema = json.loads((ROOT / "schema" / "document.schema.json").read_text(encoding="utf-8"))["properties"]
    assert "not checked" in schema["date_published"]["description"]
    assert "not checked to be a URL" in schema["url"]["description"]
    assert "not that the language exists" in schema["language"]["description"]


def test_a_quiet_build_does_not_import_tqdm(tmp_path: Path) -> None:
    """The progress bar's tqdm is imported only where a bar is shown: a `--quiet` build (every rebuild a benchmark
    or a script runs) paid its import at start."""
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": text_for("a")}) + "\n", encoding="utf-8")
    code = ("import sys\nfrom builder.cli import main\n"
            f"code = main(['build', {str(source)!r}, '--out', {str(tmp_path / 'out')!r}, '--quiet', '--no-cache'])\n"
            "print(code, 'tqdm' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.stdout.split()[-2:] == ["0", "False"], done.stderr


def test_the_schema_hint_does_not_say_ids_and_texts_are_missing_when_they_are_not(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """trial19: records with an `id` and a `text` rejected for another reason (here a control character in the id)
    got the hint "each needs an `id` and a `text`; if your records name them otherwise, map them": the hint now
    says validate tells what is wrong, and offers the mapping as one cause among others."""
    source = tmp_path / "docs.jsonl"
    source.write_text("".join(json.dumps({"id": f"a\u001b{i}", "text": text_for(str(i))}) + "\n" for i in range(3))
                      + json.dumps({"id": "fine", "text": text_for("fine")}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "build", str(source), "--out", str(tmp_path / "o"), "--quiet")
    assert code == 0
    assert "each needs an `id` and a `text`" not in err
    assert (f"hint: most documents do not match the document schema (`dataset-builder validate {source}` says what "
            "is wrong with each); if your records name `id` or `text` otherwise, map them, e.g. --field id=url "
            "--field text=content\n") in err


def test_html_pages_without_the_html_extra_get_a_hint_that_names_the_install(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """ux28, README's first command (the `plots` extra only), a folder with HTML pages: the summary said
    `unsupported_format 15` and nothing more; each reject named the extra, but nothing pointed there."""
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # not installed: its import fails, find_spec finds none
    source = tmp_path / "src"
    source.mkdir()
    (source / "page.html").write_text(f"<html><body><p>{text_for('page')}</p></body></html>", encoding="utf-8")
    (source / "doc.txt").write_text(text_for("doc"), encoding="utf-8")
    code, out, err = run(capsys, "build", str(source), "--out", str(tmp_path / "o"), "--quiet")
    assert code == 0 and "unsupported_format 1" in out
    assert err.endswith("hint: 1 file(s) not read (unsupported_format); if they are HTML pages (.html, .htm), install "
                        "the extractor they need: pip install 'dataset-builder[html]', then build again\n"), err
    monkeypatch.delitem(sys.modules, "trafilatura")
    (source / "notes.xyz").write_text("not an input", encoding="utf-8")
    if importlib.util.find_spec("trafilatura") is not None:  # installed: no hint, whatever else was not read
        code, out, err = run(capsys, "build", str(source), "--out", str(tmp_path / "o2"), "--quiet")
        assert "unsupported_format" in out and "hint" not in err, err
