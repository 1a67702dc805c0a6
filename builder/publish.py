"""Publish a release folder to the Hugging Face Hub, object storage (any fsspec URL) or a local path.

Versions are immutable: a version that is already there is never overwritten unless asked (force).
Files go up with the manifest last, and what landed is checked against the manifest's sizes and sha256.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.layout import MANIFEST

HUB_PREFIX = "hf://datasets/"
LARGE_UPLOAD_BYTES = 5 * 1024**3  # above this, the Hub upload goes in resumable steps


class PublishError(RuntimeError):
    """Publishing cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Item:
    path: str  # relative to the release folder (and to the version folder at the destination)
    bytes: int
    sha256: str


@dataclass
class Published:
    destination: str
    version: str
    items: list[Item]
    dry_run: bool
    verified: bool = False


def plan(release: Path) -> tuple[str | None, list[Item]]:
    """The release's version and the files to upload, manifest last (from the manifest itself)."""
    from builder.check_release import check_release

    issues = check_release(release, load=False)
    if issues:
        raise PublishError(f"{release} is not a valid release ({issues[0]}); run `dataset-builder validate "
                           f"{release}` and rebuild before publishing")
    manifest_path = release / MANIFEST
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    items = [Item(o["path"], o["bytes"], o["sha256"]) for o in manifest["outputs"]]
    items.append(Item(MANIFEST, manifest_path.stat().st_size, _sha256(manifest_path.read_bytes())))
    return manifest.get("version"), items


def publish(release: Path, url: str, version: str | None = None, force: bool = False, dry_run: bool = False,
            storage_options: dict[str, Any] | None = None, log: Callable[[str], None] = lambda _: None) -> Published:
    built_version, items = plan(release)
    version = version or built_version
    if not version:
        raise PublishError("the release has no version: build it with --version, or pass --version to publish")
    if built_version and version != built_version:
        raise PublishError(f"the release was built as version {built_version!r}, not {version!r}")
    if url.startswith(HUB_PREFIX):
        return _to_hub(release, url.removeprefix(HUB_PREFIX).strip("/"), version, items, force, dry_run, log)
    return _to_storage(release, url, version, items, force, dry_run, storage_options or {}, log)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _to_storage(release: Path, url: str, version: str, items: list[Item], force: bool, dry_run: bool,
                options: dict[str, Any], log: Callable[[str], None]) -> Published:
    import fsspec

    try:
        fs, root = fsspec.core.url_to_fs(url, **options)
    except ImportError as exc:
        raise PublishError(f"{url}: {exc} (for s3:// install the extra: pip install 'dataset-builder[s3]')") from None
    target = f"{root.rstrip('/')}/{version}"
    result = Published(f"{url.rstrip('/')}/{version}", version, items, dry_run)
    if dry_run:
        return result
    if fs.exists(f"{target}/{MANIFEST}") and not force:
        raise PublishError(f"{result.destination} already exists and versions are immutable; publish under a new "
                           "--version (or --force to replace it)")
    for item in items:  # the manifest is last: a reader never sees it before the files it lists
        log(f"uploading {item.path} ({item.bytes} bytes)")
        fs.makedirs(f"{target}/{os.path.dirname(item.path)}".rstrip("/"), exist_ok=True)
        fs.put_file(str(release / item.path), f"{target}/{item.path}")
    for item in items:
        remote = f"{target}/{item.path}"
        size = fs.info(remote)["size"]
        digest = hashlib.sha256()
        with fs.open(remote, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        if size != item.bytes or digest.hexdigest() != item.sha256:
            raise PublishError(f"{remote}: after upload it has {size} bytes and sha256 {digest.hexdigest()[:12]}…, "
                               f"the manifest says {item.bytes} and {item.sha256[:12]}…; publish again with --force")
    result.verified = True
    return result


def _to_hub(release: Path, repo_id: str, version: str, items: list[Item], force: bool, dry_run: bool,
            log: Callable[[str], None]) -> Published:
    if repo_id.count("/") != 1:
        raise PublishError(f"hf://datasets/{repo_id}: expected hf://datasets/ORG/NAME")
    result = Published(f"{HUB_PREFIX}{repo_id}@{version}", version, items, dry_run)
    if dry_run:
        return result
    try:
        from huggingface_hub import HfApi
    except ImportError:
        raise PublishError("publishing to the Hub needs huggingface_hub: pip install 'dataset-builder[hub]'") from None
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGING_FACE_HUB_TOKEN")
    if not token:
        raise PublishError("no Hugging Face token: set HF_TOKEN to a token with write access to the repository")
    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True)
    tags = {tag.name for tag in api.list_repo_refs(repo_id, repo_type="dataset").tags}
    if version in tags and not force:
        raise PublishError(f"{repo_id} already has version {version} and versions are immutable; publish under a "
                           "new --version (or --force to move the tag)")
    patterns = [item.path for item in items]
    if sum(item.bytes for item in items) > LARGE_UPLOAD_BYTES:
        log("large release: uploading in resumable steps")
        api.upload_large_folder(repo_id=repo_id, folder_path=str(release), repo_type="dataset", allow_patterns=patterns)
    else:
        api.upload_folder(repo_id=repo_id, folder_path=str(release), repo_type="dataset", allow_patterns=patterns,
                          commit_message=f"Release {version}")
    if version in tags:
        api.delete_tag(repo_id, tag=version, repo_type="dataset")
    api.create_tag(repo_id, tag=version, repo_type="dataset", tag_message=f"Release {version}")
    landed = {info.path: info for info in api.get_paths_info(repo_id, patterns, repo_type="dataset", revision=version)}
    for item in items:
        info = landed.get(item.path)
        lfs_sha = getattr(getattr(info, "lfs", None), "sha256", None)
        if info is None or info.size != item.bytes or (lfs_sha and lfs_sha != item.sha256):
            raise PublishError(f"{item.path} did not land as the manifest says; publish again with --force")
    result.verified = True
    return result
