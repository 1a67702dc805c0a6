"""Release lifecycle: versions, diff between releases (and the card's changelog), takedown lists, plots."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.release.diff import diff
from builder.run.pipeline import build
from tests.conftest import EXAMPLES, text_for


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """v1 from the examples; v2 after one input changed, one added and one removed."""
    base = tmp_path_factory.mktemp("lifecycle")
    src = base / "corpus"
    shutil.copytree(EXAMPLES, src)
    old = base / "v1"
    build([str(src)], old, BuildConfig.load(version="1.0.0"))
    changed = src / "news" / "en" / "001_solar_farm.txt"
    changed.write_text(changed.read_text().replace("200,000 homes", "250,000 homes"), encoding="utf-8")
    (src / "news" / "ar" / "003_culture_festival.txt").unlink()
    (src / "news" / "fr" / "002_added.txt").write_text("Société\n" + text_for("added"), encoding="utf-8")
    new = base / "v2"
    build([str(src)], new, BuildConfig.load(version="1.1.0", previous=str(old)))
    return old, new


def test_diff_reports_exactly_the_changed_added_and_removed_documents(two_releases: tuple[Path, Path]) -> None:
    old, new = two_releases
    result = diff(old, new)
    assert result.documents_added == ["news/fr/002_added"]
    assert result.documents_removed == ["news/ar/003_culture_festival"]
    assert result.documents_changed == ["news/en/001_solar_farm"]
    assert (result.old_version, result.new_version) == ("1.0.0", "1.1.0")
    # "200,000 homes" is in the headline and in one paragraph: 2 changed, plus the new document's 2
    assert result.paragraphs_added == 2 + 2
    assert result.paragraphs_removed == 2 + 5  # the 2 old versions, and the removed document's 5


def test_diff_cli_and_changelog_in_the_card(two_releases: tuple[Path, Path],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    old, new = two_releases
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.splitlines()[1:4] == [
        "documents added: 1  (news/fr/002_added)",
        "documents removed: 1  (news/ar/003_culture_festival)",
        "documents changed: 1  (news/en/001_solar_farm)",
    ]
    card = (new / "README.md").read_text(encoding="utf-8")
    assert "**Version 1.1.0**" in card
    assert "Since 1.0.0: documents added 1 (news/fr/002\\_added), removed 1" in card
    assert json.loads((new / "manifest.json").read_text())["changes"]["documents_changed"] == ["news/en/001_solar_farm"]
    assert main(["validate", str(new)]) == 0


def test_takedown_list_by_id_and_url_is_applied_and_recorded(tmp_path: Path) -> None:
    listing = tmp_path / "takedown.txt"
    listing.write_text("# removal requests\nnews/en/001_solar_farm\nhttps://wire.example.org/ar/2019/04/13/university\n")
    out = tmp_path / "out"
    build([str(EXAMPLES)], out, BuildConfig.load(exclude_file=str(listing)))
    data = pq.read_table(out / "data").to_pylist()
    assert not {"news/en/001_solar_farm", "wire-2019-0413-01"} & {r["doc_id"] for r in data}
    rejects = pq.read_table(out / "rejects").to_pylist()
    removed = [r for r in rejects if r["doc_id"] in ("news/en/001_solar_farm", "wire-2019-0413-01")]
    assert [(r["kind"], r["reason"], r["text"]) for r in removed] == [("document", "excluded", None)] * 2
    record = json.loads((out / "manifest.json").read_text())["takedown"]
    assert record["entries"] == 2 and sorted(record["excluded"]) == ["news/en/001_solar_farm", "wire-2019-0413-01"]


def test_card_plots_are_written_and_reproducible(two_releases: tuple[Path, Path], tmp_path: Path) -> None:
    old, _ = two_releases
    card = (old / "README.md").read_text(encoding="utf-8")
    assert "![paragraph lengths](plots/paragraph_lengths.png)" in card and "![languages](plots/languages.png)" in card
    for name in ("paragraph_lengths.png", "languages.png"):
        assert (old / "plots" / name).read_bytes().startswith(b"\x89PNG")


def test_card_yaml_parses_with_huggingface_hub(two_releases: tuple[Path, Path]) -> None:
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(two_releases[1] / "README.md")
    assert card.data.pretty_name == "Paragraph dataset"
    assert [c["config_name"] for c in card.data.configs] == ["default", "rejects"]


def test_diff_names_the_settings_two_releases_were_built_with_differently(
        two_releases: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """trial24: a release built from the same inputs with `--languages ar` and other splits diffed as 4 documents
    "removed" and nothing more: the settings that made the difference were not named, so a reader took a filter's
    work for inputs taken away. The diff names each setting that differs (not the version, which it shows already)."""
    old, _ = two_releases
    other = tmp_path / "ar-only"
    build([str(EXAMPLES)], other, BuildConfig.load(version="2.0.0", languages=["ar"], pii_phones=True,
                                                   splits={"train": 0.5, "test": 0.5}))
    result = diff(old, other)
    assert result.settings_changed == {"languages": [[], ["ar"]], "pii_phones": [False, True],
                                       "splits": [{"train": 1.0}, {"train": 0.5, "test": 0.5}]}
    assert main(["diff", str(old), str(other)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == ('settings changed: languages [] -> ["ar"]; pii_phones false -> true; '
                       'splits {"train": 1.0} -> {"test": 0.5, "train": 0.5}')
    assert main(["diff", "--format", "json", str(old), str(other)]) == 0
    assert json.loads(capsys.readouterr().out)["settings_changed"]["pii_phones"] == [False, True]
    assert diff(old, old).settings_changed == {}
    rebuilt = tmp_path / "rebuilt"  # a build's --previous records them in its manifest's changes, as diff gives them
    build([str(EXAMPLES)], rebuilt, BuildConfig.load(version="1.0.1", languages=["ar"], previous=str(old)))
    changes = json.loads((rebuilt / "manifest.json").read_text(encoding="utf-8"))["changes"]
    assert changes["settings_changed"] == {"languages": [[], ["ar"]]} == diff(old, rebuilt).settings_changed
