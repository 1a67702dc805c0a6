"""An error names what the caller gave: the flag on the command line (`--to`), the argument in Python (`to=`).

Each case runs twice, the same mistake through `builder.cli.main` and through the Python API, and checks both
messages (fix19: build's URL check said `--out` from Python, publish's said `--to`, `--version`, `--force` and
`--storage-option`, validate's `--field` and `dataset-builder validate`).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import api
from builder.cli import main
from builder.config import BuildConfig, ConfigError
from builder.read.discovery import SourceError
from builder.release.outdir import OutDirError
from builder.release.publish import PublishError
from builder.rules.takedown import TakedownError

Case = tuple[list[str], Callable[[], object], str, str]


def cases(release: Path, tmp: Path) -> dict[str, Case]:
    """name -> (command line, the same call in Python, what the CLI's message says, what Python's says)."""
    raw = tmp / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("A document of plain text, long enough to be a paragraph of its own.\n")
    taken = tmp / "taken"
    api.publish(release, str(taken))
    m = str(tmp / "m")
    second = tmp / "second"
    shutil.copytree(release, second)
    edited = tmp / "edited"
    shutil.copytree(release, edited)
    shard = next((edited / "data").iterdir())
    shard.write_bytes(shard.read_bytes()[:-1] + b"!")  # its sha256 is no longer the manifest's
    config = BuildConfig.load(previous=str(edited))
    return {
        "build out on the Hub": (["build", str(raw), "--out", "hf://datasets/org/name"],
                                 lambda: api.build(raw, "hf://datasets/org/name"),
                                 "for the Hub, build into a folder and `dataset-builder publish` it",
                                 "for the Hub, build into a folder and publish() it"),
        "build previous edited": (["build", str(raw), "--out", m, "--previous", str(edited)],
                                  lambda: api.build(raw, m, config),
                                  f"; check it with `dataset-builder validate {edited}`, or ",
                                  f"; check it with validate({str(edited)!r}), or "),
        "build out": (["build", str(raw), "--out", "s3:/bkt/x"], lambda: api.build(raw, "s3:/bkt/x"),
                      "--out 's3:/bkt/x': 's3:' looks like a URL's protocol", "out='s3:/bkt/x': 's3:' looks like"),
        "publish to": (["publish", str(release), "--to", "s3:/x"], lambda: api.publish(release, "s3:/x"),
                       "--to 's3:/x': 's3:' looks like", "to='s3:/x': 's3:' looks like"),
        "publish options": (["publish", str(release), "--to", m, "--storage-option", "anon=true"],
                            lambda: api.publish(release, m, storage_options={"anon": True}),
                            "--storage-option is for object storage URLs", "storage_options is for object storage"),
        "publish bad version": (["publish", str(release), "--to", m, "--version", "../x"],
                                lambda: api.publish(release, m, version="../x"),
                                "--version: '../x' is not a valid version", "version: '../x' is not a valid version"),
        "publish other version": (
            ["publish", str(release), "--to", m, "--version", "2.0.0"],
            lambda: api.publish(release, m, version="2.0.0"),
            "--version 2.0.0: the release was built as version 1.0.0, which its manifest and card name, so it can be "
            "published only as that: leave out --version, or build it again with --version 2.0.0 and publish that",
            "version=2.0.0: the release was built as version 1.0.0, which its manifest and card name, so it can be "
            "published only as that: leave out version=, or build it again with version '2.0.0' "
            "(BuildConfig.load(version='2.0.0')) and publish that"),
        "publish taken version": (["publish", str(release), "--to", str(taken)],
                                  lambda: api.publish(release, str(taken)),
                                  "(or --force to replace it)", "(or force=True to replace it)"),
        "publish raw documents": (["publish", str(raw), "--to", m], lambda: api.publish(raw, m),
                                  "make one with `dataset-builder build SOURCE --out DIR`",
                                  "make one with build(SOURCE, out=DIR)"),
        "validate two releases": (["validate", str(release), str(second)], lambda: api.validate([release, second]),
                                  f"(run `dataset-builder validate {release}` on its own",
                                  f"(run validate({str(release)!r}) on its own"),
        "validate credentials in a URL": (
            ["validate", "s3://key:secret@bucket-x/a"], lambda: api.validate("s3://key:secret@bucket-x/a"),
            "give them as --storage-option key=… secret=… or in the environment",
            "give them as storage_options={'key': …, 'secret': …} or in the environment"),
        "validate an option the store does not take": (
            ["validate", "s3://bucket-x/a", "--storage-option", "bogus=true"],
            lambda: api.validate("s3://bucket-x/a", storage_options={"bogus": True}),
            "and any --storage-option such as endpoint_url", "and any storage_options such as endpoint_url"),
        "publish credentials in a URL": (
            ["publish", str(release), "--to", "sftp://jo:pw@host/x"], lambda: api.publish(release, "sftp://jo:pw@host/x"),
            "--to 'sftp://***@host/x': credentials in a URL are refused (they would be shown in messages, logs and "
            "shell history); give the password as --storage-option password=… (or a key in ~/.ssh)",
            "to='sftp://***@host/x': credentials in a URL are refused (they would be shown in messages, logs and "
            "shell history); give the password as storage_options={'password': …} (or a key in ~/.ssh)"),
        # fix20: from Python these read `previous /x:` and `exclude_file /x:`, neither the flag nor the argument
        "build previous missing": (["build", str(raw), "--out", m, "--previous", str(tmp / "gone")],
                                   lambda: api.build(raw, m, BuildConfig.load(previous=str(tmp / "gone"))),
                                   f"--previous {tmp / 'gone'}: no such folder",
                                   f"previous={tmp / 'gone'}: no such folder"),
        "build exclude missing": (["build", str(raw), "--out", m, "--exclude", str(tmp / "gone.txt")],
                                  lambda: api.build(raw, m, BuildConfig.load(exclude_file=str(tmp / "gone.txt"))),
                                  f"--exclude {tmp / 'gone.txt'}: cannot read it",
                                  f"exclude_file={tmp / 'gone.txt'}: cannot read it"),
        # fix20: a token given as the dataset's name was refused as "an e-mail or IP address or a URL secret"
        "build name a token": (["build", str(raw), "--out", m, "--name", HUB_TOKEN],
                               lambda: api.build(raw, m, BuildConfig.load(pretty_name=HUB_TOKEN)),
                               "--name: holds a credential or access token (<secret>), which would be published",
                               "pretty_name: holds a credential or access token (<secret>), which would be published"),
        "validate fields": (["validate", str(raw), "--field", "nope=x"],
                            lambda: api.validate(raw, fields={"nope": "x"}),
                            "--field: 'nope' is not a document field", "fields: 'nope' is not a document field"),
    }


NAMES = ["build out", "publish to", "publish options", "publish bad version", "publish other version",
         "publish taken version", "publish raw documents", "validate two releases", "validate fields",
         "validate credentials in a URL", "validate an option the store does not take", "publish credentials in a URL",
         "build out on the Hub", "build previous edited", "build previous missing", "build exclude missing",
         "build name a token"]
HUB_TOKEN = "hf_" + "abcdefghijklmnopqrstuvwxyzABCDEFGH"  # the shape of a Hugging Face token (tokens.HuggingFaceToken)
FLAGS = ("--out", "--to", "--version", "--force", "--storage-option", "--field", "dataset-builder")


@pytest.mark.parametrize("name", NAMES)
def test_the_flag_on_the_command_line_the_argument_in_python(
        name: str, built: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    every = cases(built, tmp_path)
    assert sorted(every) == sorted(NAMES)
    argv, call, cli_says, python_says = every[name]
    capsys.readouterr()
    assert main(argv) in (1, 2)
    err = capsys.readouterr().err
    assert err.startswith("error: ") and cli_says in err, err
    with pytest.raises((api.UsageError, ConfigError, OutDirError, PublishError, SourceError, TakedownError)) \
            as raised:
        call()
    message = str(raised.value)
    assert python_says in message, message
    assert not [flag for flag in FLAGS if flag in message], message
    assert not (tmp_path / "m").exists()  # refused before anything was published

