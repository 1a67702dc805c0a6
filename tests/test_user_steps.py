"""A user's steps and readers named in a config (`"module:Class"`) or passed from Python are checked
before anything runs: every way one can be wrong is a located usage error (exit 2), never a crash in
a worker halfway through the build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from builder.cli import main
from builder.config import BuildConfig, ConfigError
from tests.conftest import text_for

MODULE = '''
from dataclasses import dataclass
from typing import ClassVar, Literal

import pyarrow as pa

from builder.columns import Column
from builder.steps import Annotator, DocumentFilter, ParagraphFilter, Reader


@dataclass(frozen=True)
class LongTitle(DocumentFilter):
    name = "long_title"
    reasons = {"title_too_long": "the title is longer than max_chars"}
    max_chars: int = 80
    scripts: tuple[str, ...] = ()
    mode: Literal["chars", "words"] = "chars"
    ratio: float | None = None

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())


@dataclass(frozen=True)
class NeedsLimit(ParagraphFilter):
    name = "needs_limit"
    reasons = {"over_limit": "over the limit"}
    limit: int

    def decide(self, paragraphs: pa.Table) -> pa.Array:
        return pa.array([None] * paragraphs.num_rows, pa.string())


@dataclass(frozen=True)
class NoReasons(DocumentFilter):
    name = "no_reasons"

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())


@dataclass(frozen=True)
class NoDecide(DocumentFilter):
    name = "no_decide"
    reasons = {"never": "never given"}


@dataclass(frozen=True)
class Nameless(DocumentFilter):
    reasons = {"never": "never given"}

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())


class NotDecorated(DocumentFilter):
    name = "not_decorated"
    reasons = {"never": "never given"}
    limit: int = 3

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())


@dataclass(frozen=True)
class Shout(Annotator):
    name = "shout"
    columns = (Column("shout", pa.bool_(), "all capitals"),)

    def annotate(self, paragraphs: pa.Table) -> list[pa.Array]:
        return [pa.array([t.isupper() for t in paragraphs.column("text").to_pylist()])]


@dataclass(frozen=True)
class Csv(Reader):
    name = "csv"
    suffixes = (".csv",)

    def read(self, file, limits):
        return iter(())


class NotAStep:
    name = "not_a_step"


@dataclass(frozen=True)
class SameName(DocumentFilter):
    name = "long_title"
    reasons = {"other": "another step of the same name"}

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array([None] * documents.num_rows, pa.string())
'''


FAULTY = '''
from dataclasses import dataclass

import pyarrow as pa

from builder.steps import Annotator, DocumentFilter, ParagraphFilter


@dataclass(frozen=True)
class Raises(DocumentFilter):
    name = "raises"
    reasons = {"never": "never given"}

    def decide(self, documents: pa.Table) -> pa.Array:
        raise ValueError("boom in user step")


@dataclass(frozen=True)
class WrongType(DocumentFilter):
    name = "wrong_type"
    reasons = {"never": "never given"}

    def decide(self, documents: pa.Table) -> pa.Array:
        return [None] * documents.num_rows


@dataclass(frozen=True)
class WrongLength(ParagraphFilter):
    name = "wrong_length"
    reasons = {"never": "never given"}

    def decide(self, paragraphs: pa.Table) -> pa.Array:
        return pa.array([None], pa.string())


@dataclass(frozen=True)
class UnknownReason(DocumentFilter):
    name = "unknown_reason"
    reasons = {"declared": "the one it declares"}

    def decide(self, documents: pa.Table) -> pa.Array:
        return pa.array(["undeclared_code"] * documents.num_rows, pa.string())


@dataclass(frozen=True)
class Prints(DocumentFilter):
    name = "prints"
    reasons = {"never": "never given"}

    def decide(self, documents: pa.Table) -> pa.Array:
        print("HELLO FROM STEP", documents.num_rows)
        return pa.array([None] * documents.num_rows, pa.string())


@dataclass(frozen=True)
class ClaimsExcluded(Raises):  # refused when the config is checked: its decide() never runs
    name = "claims_excluded"
    reasons = {"excluded": "my own meaning"}
'''


@pytest.fixture()
def user_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    folder = tmp_path / "modules"
    folder.mkdir()
    (folder / "user_steps.py").write_text(MODULE, encoding="utf-8")
    (folder / "broken_steps.py").write_text("raise RuntimeError('no config here')\n", encoding="utf-8")
    (folder / "faulty_steps.py").write_text(FAULTY, encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))
    for name in ("user_steps", "broken_steps", "faulty_steps"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    return "user_steps"


def _load(tmp_path: Path, toml: str) -> BuildConfig:
    config = tmp_path / "build.toml"
    config.write_text(toml, encoding="utf-8")
    return BuildConfig.load(config)


def test_steps_and_readers_from_a_config_are_instances_with_their_settings(user_module: str, tmp_path: Path) -> None:
    config = _load(tmp_path, 'steps = ["user_steps:LongTitle", "user_steps:Shout"]\nreaders = ["user_steps:Csv"]\n'
                             '[settings.long_title]\nmax_chars = 40\nscripts = ["Arab", "Latn"]\nmode = "words"\n'
                             'ratio = 1\n')
    long_title, shout = config.steps
    assert type(long_title).__name__ == "LongTitle" and type(shout).__name__ == "Shout"
    assert (long_title.max_chars, long_title.scripts, long_title.mode, long_title.ratio) == (  # type: ignore[attr-defined]
        40, ("Arab", "Latn"), "words", 1.0)
    assert [type(r).__name__ for r in config.readers] == ["Csv"]
    recorded = config.to_dict()["steps"][0]
    assert recorded == {"class": "user_steps:LongTitle", "name": "long_title",
                        "settings": {"max_chars": 40, "scripts": ["Arab", "Latn"], "mode": "words", "ratio": 1.0},
                        "reasons": {"title_too_long": "the title is longer than max_chars"}}


@pytest.mark.parametrize("toml, message", [
    ('steps = ["no_such_module:Step"]', "$.steps[0]: module 'no_such_module' not found: install it, or put the "
                                        "folder that holds it on PYTHONPATH"),
    ('steps = ["broken_steps:Step"]', "$.steps[0]: importing 'broken_steps' failed: RuntimeError: no config here"),
    ('steps = ["user_steps:Missing"]', "$.steps[0]: module 'user_steps' has no 'Missing'"),
    ('steps = ["user_steps:NotAStep"]', "$.steps[0]: user_steps:NotAStep is not a step: subclass one of "
                                        "builder.steps.LineRule"),
    ('steps = ["user_steps:Csv"]', "(readers go in readers, not steps)"),
    ('readers = ["user_steps:Shout"]', "$.readers[0]: user_steps:Shout is not a reader: subclass builder.steps.Reader "
                                       "(steps go in steps, not readers)"),
    ('steps = ["user_steps:NoReasons"]', "$.steps[0]: user_steps:NoReasons: declare `reasons`"),
    ('steps = ["user_steps:NoDecide"]', "$.steps[0]: user_steps:NoDecide: does not implement decide()"),
    ('steps = ["user_steps:Nameless"]', "$.steps[0]: user_steps:Nameless: declare `name`"),
    ('steps = ["user_steps:NotDecorated"]', "settings limit are not dataclass fields: decorate the class with "
                                            "@dataclass(frozen=True)"),
    ('steps = ["user_steps:NeedsLimit"]', "$.settings.needs_limit: the setting 'limit' has no default: give it"),
    ('steps = ["user_steps:LongTitle"]\n[settings.long_title]\nmax_char = 3',
     "$.steps[0] (step 'long_title'): $.settings.long_title: unknown setting 'max_char'; the class's settings: "
     "max_chars, scripts, mode, ratio"),
    ('steps = ["user_steps:LongTitle"]\n[settings.long_title]\nmax_chars = "3"',
     "$.settings.long_title.max_chars: '3' is not an integer"),
    ('steps = ["user_steps:LongTitle"]\n[settings.long_title]\nscripts = [1]',
     "$.settings.long_title.scripts: [1] is not a list of strings"),
    ('steps = ["user_steps:LongTitle"]\n[settings.long_title]\nmode = "lines"',
     "$.settings.long_title.mode: 'lines' is not one of 'chars', 'words'"),
    ('steps = ["user_steps:LongTitle"]\n[settings.long_titel]\nmax_chars = 3',
     "$.settings.long_titel: no step or reader named 'long_titel' is used (did you mean long_title?)"),
    ('steps = ["user_steps:LongTitle", "user_steps:SameName"]', "two steps are named 'long_title'"),
    ('steps = ["user_steps.LongTitle"]',
     "$.steps[0]: 'user_steps.LongTitle' is not a step's or reader's name: write module:Class"),
    ('steps = "user_steps:LongTitle"', "$.steps: 'user_steps:LongTitle' is not of type 'array'"),
])
def test_every_mistake_is_a_located_usage_error(toml: str, message: str, user_module: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(text_for("a"), encoding="utf-8")
    code = main(["build", str(source), "--out", str(tmp_path / "out"), "--config", str(config), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2, err
    assert f"error: {config}: " in err and message in err, err
    assert "internal error" not in err and not (tmp_path / "out").exists()


def test_instances_from_python_are_checked_too(user_module: str) -> None:
    import user_steps  # type: ignore[import-not-found]

    with pytest.raises(ConfigError, match=r"^\$\.steps\[0\]: user_steps:Csv is not a step"):
        BuildConfig().with_extensions(steps=(user_steps.Csv(),))
    with pytest.raises(ConfigError, match=r"^\$\.readers\[0\]: user_steps:NoReasons is not a reader"):
        BuildConfig().with_extensions(readers=(user_steps.NoReasons(),))

    def local_class() -> object:
        from dataclasses import dataclass

        @dataclass(frozen=True)
        class Local(user_steps.LongTitle):  # type: ignore[misc, name-defined]
            name = "local"

        return Local()

    with pytest.raises(ConfigError, match="defined inside a function; define it at the top of a module"):
        BuildConfig().with_extensions(steps=(local_class(),))  # type: ignore[arg-type]
    assert BuildConfig().with_extensions(steps=(user_steps.LongTitle(max_chars=5),)).steps[0].max_chars == 5


@pytest.mark.parametrize(("step", "message"), [
    ("Raises", "error: step 'raises' (faulty_steps:Raises) raised ValueError: boom in user step (at "),
    ("WrongType", "error: step 'wrong_type' (faulty_steps:WrongType): returned a list; expected a pyarrow Array of "
                  "one reason code (or null) a row (1 rows)"),
    ("WrongLength", "error: step 'wrong_length' (faulty_steps:WrongLength): returned 1 values for "),
    ("UnknownReason", "error: step 'unknown_reason' (faulty_steps:UnknownReason): returned reason code "
                      "'undeclared_code', which it does not declare (its reasons: declared)"),
    ("ClaimsExcluded", "error: $.steps: ClaimsExcluded: reason 'excluded' is already declared as 'on the takedown"),
])
def test_a_step_that_fails_or_breaks_the_interface_is_the_users_error_named_and_located(
        step: str, message: str, user_module: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user step that raises, returns a list or the wrong length, gives a code it never declared (which the
    release's validate would refuse), or redeclares a built-in code: exit 2 with the step's name, its class and
    the documents it was given; never "internal error", and no release (nor a rejects row) with the code."""
    config = tmp_path / "build.toml"
    config.write_text(f'steps = ["faulty_steps:{step}"]\n', encoding="utf-8")
    source = tmp_path / "src"
    source.mkdir()
    for name in ("a", "b"):
        (source / f"{name}.txt").write_text(text_for(name), encoding="utf-8")
    out = tmp_path / "out"
    code = main(["build", str(source), "--out", str(out), "--config", str(config), "--quiet", "--workers", "1",
                 "--no-cache"])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(message), err
    assert not out.exists()  # nothing written but the marker: the folder the build made is gone again
    assert "internal error" not in err and "bug" not in err
    if step != "ClaimsExcluded":  # found as the step runs: the documents it was given are named
        assert f" document(s) of {source / 'a.txt'}" in err and f"(the first: id 'a' at {source / 'a.txt'})" in err
    if step == "Raises":  # the line of the user's code it came from
        line = FAULTY.splitlines().index('        raise ValueError("boom in user step")') + 1
        assert f"faulty_steps.py:{line}, in decide)" in err, err
    assert main(["reasons", "--config", str(config)]) == (2 if step == "ClaimsExcluded" else 0)


def test_a_failed_build_leaves_a_folder_of_the_users_as_it_was(user_module: str, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An empty --out of the user's that a build failed in is empty again (no marker); one with the build's
    cache entries keeps them and the marker, so the next build reuses them."""
    config = tmp_path / "build.toml"
    config.write_text('steps = ["faulty_steps:Raises"]\n', encoding="utf-8")
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(text_for("a"), encoding="utf-8")
    for out, cache in ((tmp_path / "empty", "--no-cache"), (tmp_path / "cached", None)):
        out.mkdir()
        argv = ["build", str(source), "--out", str(out), "--config", str(config), "--quiet", "--workers", "1"]
        assert main(argv + ([cache] if cache else [])) == 2
    assert capsys.readouterr().err.count("raised ValueError: boom in user step") == 2
    assert list((tmp_path / "empty").iterdir()) == []
    assert {p.name for p in (tmp_path / "cached").iterdir()} == {".dataset-builder-build", ".cache"}


def test_what_a_step_prints_goes_to_stderr_and_the_summary_stays_clean(user_module: str, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "build.toml"
    config.write_text('steps = ["faulty_steps:Prints"]\n', encoding="utf-8")
    source = tmp_path / "src"
    source.mkdir()
    (source / "a.txt").write_text(text_for("a"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(source), "--out", str(out), "--config", str(config), "--quiet", "--workers", "1"]) == 0
    said = capsys.readouterr()
    assert said.out.startswith(f"built {out}: 1 of 1 documents kept") and "HELLO" not in said.out
    assert "HELLO FROM STEP 1" in said.err
