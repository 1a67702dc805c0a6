"""A card whose prose was edited by hand (its sha256 no longer the manifest's) is the user's to edit: validate
passes it with a note, and publish, diff and a build's --previous take it; a card edited to claim other figures,
licence, languages or columns still fails, naming the claim (trial24 #7)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.cli import main
from tests.conftest import EXAMPLES, release_files

NOTE = "card edited after the build: its claims checked against the manifest"
PROSE = "\nThis release feeds our summariser; ask the data team before training on it.\n"


@pytest.fixture
def edited(release: Path) -> Path:
    """A copy of the release (conftest's `release`) whose card has a sentence of the user's added to its prose."""
    card = release / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("\n## How to load", f"{PROSE}\n## How to load", 1),
                    encoding="utf-8")
    assert PROSE in card.read_text(encoding="utf-8")
    return release


def test_a_card_with_its_prose_edited_is_valid_with_a_note(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(edited)]) == 0  # the full check, datasets.load_dataset included
    out, err = capsys.readouterr()
    assert out == ""
    assert f"{edited}/README.md: note: {NOTE}" in err
    assert err.endswith(f"release {edited}: valid\n")
    assert main(["validate", str(edited), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["issues"] == []
    assert report["notes"] == [{"file": f"{edited}/README.md", "line": None, "json_path": "$",
                                "reason": "card_edited", "message": NOTE}]
    assert main(["validate", str(edited), "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith(f"::notice file={edited}/README.md,title=card_edited::$: {NOTE}")


def test_an_untouched_card_has_no_note(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(built), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is True and report["notes"] == []


@pytest.mark.parametrize(("old", "new", "claim"), [
    ("license: other", "license: mit", "README.md: $.license: license is 'mit'; manifest.json's config says 'other'"),
    ("language:\n- ar\n", "language:\n- ar\n- de\n", "README.md: $.language: language is ['ar', 'de'"),
    ("num_examples: 66", "num_examples: 660", "README.md: $.dataset_info[default].splits[train]: num_examples of "
                                              "default/train is 660, manifest.json says 66"),
    ("- name: text\n    dtype: string", "- name: body\n    dtype: string",
     "README.md: $.dataset_info[default].features: the features of default give {'name': 'body', 'dtype': "
     "'string'} as feature 3; the release's column 3 is text string"),
    ("dataset_size: ", "dataset_size: 1", "README.md: $.dataset_info[default].dataset_size: dataset_size of default "
                                          "is 1"),
])
def test_a_card_edited_to_claim_other_values_fails_naming_the_claim(
        edited: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, claim: str) -> None:
    card = edited / "README.md"
    text = card.read_text(encoding="utf-8")
    assert old in text, old
    card.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["validate", str(edited)]) == 1
    out = capsys.readouterr().out
    assert any(line.removeprefix(f"{edited}/").startswith(claim) for line in out.splitlines()), out


def test_a_card_edited_to_state_other_counts_fails(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = edited / "README.md"
    card.write_text(card.read_text(encoding="utf-8").replace("Documents in: **13**", "Documents in: **14**", 1),
                    encoding="utf-8")
    assert main(["validate", str(edited)]) == 1
    assert f"{edited}/README.md: $: the card's body states in 14 = kept" in capsys.readouterr().out


def test_a_card_with_its_prose_edited_is_published_as_edited(edited: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    dest = tmp_path / "mirror"
    assert main(["publish", str(edited), "--to", str(dest)]) == 0
    out, err = capsys.readouterr()
    assert f"README.md: {NOTE}" in err and "verified against the manifest" in out
    assert release_files(dest / "1.0.0") == release_files(edited)
    assert main(["validate", str(dest / "1.0.0"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"][0]["reason"] == "card_edited"


def test_a_card_edited_between_the_check_and_the_upload_is_refused(edited: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """What goes up is the card that was checked: one changed after the check is refused on the way."""
    from builder.release import publish as publishing

    checked = publishing._check

    def check_then_edit(release: Path) -> publishing._Checked:
        result = checked(release)
        card = release / "README.md"
        card.write_text(card.read_text(encoding="utf-8").replace("license: other", "license: mit "), encoding="utf-8")
        return result

    monkeypatch.setattr(publishing, "_check", check_then_edit)
    with pytest.raises(publishing.PublishError, match=r"README\.md changed in the release since it was checked"):
        publishing.publish(edited, str(tmp_path / "mirror"))


def test_diff_and_previous_take_a_release_whose_card_was_edited(built: Path, edited: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(built), str(edited)]) == 0
    assert "paragraphs added: 0, removed: 0" in capsys.readouterr().out
    again = tmp_path / "again"
    assert main(["build", str(EXAMPLES), "--out", str(again), "--previous", str(edited), "--version", "1.0.1",
                 "--no-cache"]) == 0
    assert "Since 1.0.0: documents added 0" in (again / "README.md").read_text(encoding="utf-8")


def test_a_rebuild_keeps_the_edited_card_beside_the_new_one(edited: Path, capsys: pytest.CaptureFixture[str]) -> None:
    card = (edited / "README.md").read_bytes()
    assert main(["build", str(EXAMPLES), "--out", str(edited), "--version", "1.0.0", "--no-cache"]) == 0
    kept = list(edited.glob("README.edited-*.md"))
    assert len(kept) == 1 and kept[0].read_bytes() == card
    assert PROSE not in (edited / "README.md").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(edited), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["notes"] == []


@pytest.mark.slow  # an S3 server
def test_an_edited_card_in_object_storage_is_fetched_and_its_claims_checked(
        edited: Path, s3_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A card whose size is not the manifest's was reported unread ("not downloaded"): it is fetched and checked."""
    import s3fs

    fs = s3fs.S3FileSystem(endpoint_url=s3_server, skip_instance_cache=True)
    for name, data in release_files(edited).items():
        fs.pipe_file(f"releases/news/{name}", data)
    url = ["validate", "s3://releases/news", "--format", "json", "--storage-option", f"endpoint_url={s3_server}"]
    assert main(url) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["issues"] == [] and [n["file"] for n in report["notes"]] == ["s3://releases/news/README.md"]
    card = (edited / "README.md").read_text(encoding="utf-8")
    fs.pipe_file("releases/news/README.md", card.replace("license: other", "license: mit").encode("utf-8"))
    assert main(url) == 1
    report = json.loads(capsys.readouterr().out)
    assert [(i["file"], i["json_path"]) for i in report["issues"]] == [("s3://releases/news/README.md", "$.license")]
