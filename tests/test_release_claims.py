"""A release edited after its build, with the sha256 and size of what was edited recomputed in
manifest.json (so every file matches the manifest): validate still finds what the edit contradicts.
The counts of the manifest against the rows, its inputs against their sources, its config against
the data, the card's numbers against the manifest, and no raw address in the card or removed_lines.json."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.cli import main
from builder.config import BuildConfig
from builder.run.pipeline import build
from tests.conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rejected documents and lines, three source roots, an address in a removed line (conftest's `release`
    fixture copies this one for a test to edit)."""
    source = tmp_path_factory.mktemp("src")
    (source / "contact.txt").write_text(
        "A Headline About The Port\n\nThe port reopened on Monday after a week of repairs to the main quay, "
        "officials said, and the first ships docked by noon.\n\nContact the desk: desk@example.org\n",
        encoding="utf-8")
    out = tmp_path_factory.mktemp("claims") / "release"
    build([str(EXAMPLES), str(FIXTURES / "malformed_and_invalid.jsonl"), str(source)], out,
          BuildConfig.load(version="1.0.0"))
    return out


def edit(release: Path, change_manifest: Callable[[dict[str, Any]], None] = lambda m: None,
         **files: Callable[[str], str]) -> None:
    """Rewrite files (README_md= for README.md) and the manifest, the edited files' sizes and hashes
    recomputed in it: only what the content says can give the edit away."""
    manifest = json.loads((release / "manifest.json").read_text(encoding="utf-8"))
    for name, change in files.items():
        path = release / name.replace("_md", ".md").replace("_json", ".json")
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
        entry = next(o for o in manifest["outputs"] if o["path"] == path.name)
        entry["bytes"], entry["sha256"] = path.stat().st_size, hashlib.sha256(path.read_bytes()).hexdigest()
    change_manifest(manifest)
    (release / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")


def validate(release: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    code = main(["validate", str(release)])
    out, err = capsys.readouterr()
    found = [line.removeprefix(f"{release}/") for line in out.splitlines()]
    assert code == 1 and err.startswith(f"release {release}: {len(found)} problem(s)"), (code, out, err)
    return found


def test_the_untouched_release_is_valid(built: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(built)]) == 0
    counts = json.loads((built / "manifest.json").read_text())["counts"]
    # what the tests below edit is there to edit
    assert counts["documents_rejected_by_reason"] and counts["lines_dropped_by_reason"]
    assert counts["pii_replaced"] == {"email": 1}


def test_a_card_body_with_a_raw_address(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(release, README_md=lambda t: t.replace(
        "## How to load", "Send your data to evil@example.com, see http://10.0.0.1/x\n\n## How to load", 1))
    found = validate(release, capsys)
    assert len(found) == 1 and found[0].startswith("README.md: $: line(s) ")
    assert found[0].endswith(" hold an e-mail or IP address or a URL secret, which a build always replaces (with "
                             "<email>, <ip> or <secret>); the card was edited after the build")


def test_removed_lines_that_are_not_json(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(release, removed_lines_json=lambda _: "not json at all, contact bob@example.com 10.1.2.3")
    assert validate(release, capsys) == [
        "removed_lines.json: $: not valid JSON as a build writes it: Expecting value: line 1 column 1 (char 0)"]


def test_removed_lines_not_as_a_build_writes_them(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(release, removed_lines_json=lambda _: json.dumps({"news": [{"text": "x", "reason": "boilerplate_footer"}]}))
    assert validate(release, capsys) == ["removed_lines.json: $.news[0]: 'count' is a required property"]


def test_removed_lines_with_raw_addresses_and_unknown_reasons(release: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    def change(text: str) -> str:
        data = json.loads(text)
        group = next(iter(data))
        data[group][0]["text"] = "write to bob@example.com or 10.1.2.3"
        data[group][0]["reason"] = "made_up"
        data["jane@example.org"] = []
        return json.dumps(data)

    edit(release, removed_lines_json=change)
    group = next(iter(json.loads((release / "removed_lines.json").read_text())))
    found = validate(release, capsys)
    assert found == [
        f'removed_lines.json: $["{group}"][0].text: the line holds an e-mail or IP address or a URL secret, which a '
        "build always replaces (with <email>, <ip> or <secret>)",
        f"removed_lines.json: $[\"{group}\"][0].reason: 'made_up' is not a reason code of this tool "
        "(builder/reasons.py) or of a step manifest.json lists",
        'removed_lines.json: $["<email>"]: the source folder holds an e-mail or IP address or a URL secret, which a '
        "build always replaces (with <email:HASH>, <ip:HASH> or <secret:HASH>)"]


def test_counts_by_reason_that_the_rejects_contradict(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = json.loads((release / "manifest.json").read_text())["counts"]

    def change(manifest: dict[str, Any]) -> None:
        lines = manifest["counts"]["lines_dropped_by_reason"]
        lines["boilerplate_header"] -= 3
        lines["boilerplate_phrase"] += 3  # the total is unchanged: only the rows by reason tell
        manifest["counts"]["documents_rejected_by_reason"] = {"schema_invalid": 5}

    edit(release, change)
    found = validate(release, capsys)
    lines = dict(built["lines_dropped_by_reason"])
    edited = {**lines, "boilerplate_header": lines["boilerplate_header"] - 3,
              "boilerplate_phrase": lines["boilerplate_phrase"] + 3}
    assert [m for m in found if m.startswith("manifest.json: $.counts.")] == [
        "manifest.json: $.counts.documents_rejected_by_reason: schema_invalid 5; the document rows of rejects/ by "
        "reason: duplicate_id 1, malformed_json 1, schema_invalid 2",
        f"manifest.json: $.counts.lines_dropped_by_reason: {listed(edited)}; the line rows of rejects/ by reason: "
        f"{listed(lines)}"]
    # and the card, which still has the build's numbers, disagrees with the manifest
    assert any(m.startswith("README.md: $: the card's table of what was removed (reason, kind) says ") for m in found)


def listed(by_reason: dict[str, int]) -> str:
    return ", ".join(f"{reason} {n}" for reason, n in sorted(by_reason.items()))


def test_inputs_cut_short(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(manifest: dict[str, Any]) -> None:
        manifest["inputs"] = manifest["inputs"][:3]

    edit(release, change)
    found = validate(release, capsys)
    assert len(found) == 1
    assert found[0].startswith("manifest.json: $.inputs: lists 3 inputs, which do not hold the source of ")
    assert " row(s) of the release (the first: " in found[0]


def test_thresholds_the_data_breaks(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def change(manifest: dict[str, Any]) -> None:
        manifest["config"].update(min_words=50, min_alpha_ratio=0.99, languages=["fr"])

    edit(release, change)
    found = validate(release, capsys)
    card = [m for m in found if m.startswith("README.md")]
    found = [m for m in found if not m.startswith("README.md")]
    assert [m.split("; yet ")[0] for m in found] == [
        "manifest.json: $.config.min_words: is 50: a build drops paragraphs with fewer words",
        "manifest.json: $.config.min_alpha_ratio: is 0.99: a build drops paragraphs with a smaller share of letters",
        "manifest.json: $.config.languages: is ['fr']: a build drops paragraphs confidently detected in another "
        "language"]
    assert all("row(s) of the release (the first: data/train-00000-of-00001.parquet row " in m for m in found)
    # the card's `language:` list is the languages a build keeps, of those with a real share
    assert card == ["README.md: $.language: language is ['ar', 'en', 'fa', 'fr', 'ur']; the rows give (the languages "
                    "of at least 1% of the characters, within the config's languages) ['fr']"]


def test_card_numbers_that_differ_from_the_manifest(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    built = json.loads((release / "manifest.json").read_text())["counts"]
    kept, dropped = built["lines_kept"], sum(built["lines_dropped_by_reason"].values())

    def change(manifest: dict[str, Any]) -> None:
        manifest["counts"]["pii_replaced"] = {"email": 0}
        manifest["counts"]["lines_kept"] += 1

    edit(release, change)
    assert validate(release, capsys) == [
        f"README.md: $: the card's body states lines kept and dropped [({kept}, {dropped})]; manifest.json says "
        f"[({kept + 1}, {dropped})]",
        "README.md: $: the card's table of replaced addresses says {IP addresses: 0, credentials and tokens: 0, e-mail "
        "addresses: 1}; manifest.json says {IP addresses: 0, credentials and tokens: 0, e-mail addresses: 0}"]


def test_a_card_written_before_url_secrets_were_replaced_is_valid(release: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """Earlier versions wrote no credentials row: their releases stay valid, unless the manifest counts one."""
    edit(release, README_md=lambda t: t.replace("| credentials and tokens | 0 |\n", "", 1))
    assert "credentials and tokens" not in (release / "README.md").read_text()
    assert main(["validate", str(release)]) == 0

    def count_one(manifest: dict[str, Any]) -> None:
        manifest["counts"]["pii_replaced"]["secret"] = 1

    edit(release, count_one)
    assert validate(release, capsys) == [
        "README.md: $: the card's table of replaced addresses says {IP addresses: 0, e-mail addresses: 1}; "
        "manifest.json says {IP addresses: 0, credentials and tokens: 1, e-mail addresses: 1}"]


def test_a_card_naming_credentials_as_earlier_versions_did_is_valid(release: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Session 16's cards called the row "URL secrets" (credentials were first found in URLs only)."""
    edit(release, README_md=lambda t: t.replace("| credentials and tokens | 0 |", "| URL secrets | 0 |", 1))
    assert main(["validate", str(release)]) == 0
    edit(release, README_md=lambda t: t.replace("| URL secrets | 0 |", "| URL secrets | 4 |", 1))
    assert validate(release, capsys) == [
        "README.md: $: the card's table of replaced addresses says {IP addresses: 0, credentials and tokens: 4, "
        "e-mail addresses: 1}; manifest.json says {IP addresses: 0, credentials and tokens: 0, e-mail addresses: 1}"]


def test_a_card_table_of_splits_edited(release: Path, capsys: pytest.CaptureFixture[str]) -> None:
    train = json.loads((release / "manifest.json").read_text())["counts"]["splits"]["train"]
    row = f"| train | {train['documents']} | {train['paragraphs']} |"
    edit(release, README_md=lambda t: t.replace(row, f"| train | {train['documents']} | 1 |", 1))
    assert validate(release, capsys) == [
        f"README.md: $: the card's table of splits (documents, paragraphs) says {{train: ({train['documents']}, 1)}}; "
        f"manifest.json says {{train: ({train['documents']}, {train['paragraphs']})}}"]


def _languages_row(text: str) -> str:
    """The first row of the card's Languages table ('| ar | 46 |')."""
    return next(line for line in text.split("## Languages", 1)[1].splitlines()
                if re.fullmatch(r"\| [a-z]+ \| \d+ \|", line))


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("\nlicense: other\n", "\nlicense: cc-by-4.0\n", 1),
     "README.md: $.license: license is 'cc-by-4.0'; manifest.json's config says 'other'"),
    (lambda t: t.replace("\n- n<1K\n", "\n- 1M<n<10M\n", 1),
     "README.md: $.size_categories: size_categories is ['1M<n<10M']; the rows give ['n<1K']"),
    (lambda t: t.replace("\nlanguage:\n", "\nlanguage:\n- de\n", 1),
     "README.md: $.language: language is ['de', 'ar', 'en', 'fa', 'fr', 'ur']; the rows give (the languages of at "
     "least 1% of the characters) ['ar', 'en', 'fa', 'fr', 'ur']"),
    (lambda t: t.replace("pretty_name: Paragraph dataset", "pretty_name: Official Government Corpus", 1),
     "README.md: $.pretty_name: pretty_name is 'Official Government Corpus'; manifest.json's config says "
     "'Paragraph dataset'"),
    (lambda t: t.replace("path: data/train-*.parquet", "path: data/train-0*.parquet", 1),
     "README.md: $.configs: the configs' data files are default/train: data/train-0*.parquet, rejects/train: "
     "rejects/train-*.parquet; the release's splits give default/train: data/train-*.parquet, rejects/train: "
     "rejects/train-*.parquet"),
    (lambda t: t.replace(_languages_row(t), _languages_row(t).replace("| ar |", "| de |"), 1),
     "README.md: $: the card's table of languages (paragraphs) says {de: "),
])
def test_card_claims_that_the_manifest_and_rows_contradict(release: Path, capsys: pytest.CaptureFixture[str],
                                                           change: Callable[[str], str], expected: str) -> None:
    """The YAML a hub indexes the dataset by (licence, languages, size, name) and what datasets loads, and the
    Languages table: a card edited to claim others passed validate."""
    before = (release / "README.md").read_text(encoding="utf-8")
    edit(release, README_md=change)
    assert (release / "README.md").read_text(encoding="utf-8") != before
    found = validate(release, capsys)
    assert len(found) == 1 and found[0].startswith(expected), found


@pytest.mark.slow  # a real S3 server (moto)
def test_remote_validate_finds_the_same(release: Path, s3_server: str, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_remote_out import fs_for

    edit(release, lambda m: m.update(inputs=m["inputs"][:3]),
         removed_lines_json=lambda _: "not json at all, contact bob@example.com 10.1.2.3")
    fs_for(s3_server).put(f"{release}/", "releases/claims/", recursive=True)
    capsys.readouterr()
    assert main(["validate", "s3://releases/claims", "--storage-option", f"endpoint_url={s3_server}"]) == 1
    found = capsys.readouterr().out.splitlines()
    assert found[0].startswith("s3://releases/claims/manifest.json: $.inputs: lists 3 inputs, which do not hold ")
    assert found[1:] == ["s3://releases/claims/removed_lines.json: $: not valid JSON as a build writes it: "
                         "Expecting value: line 1 column 1 (char 0)"]
