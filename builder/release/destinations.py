"""Where `publish` may put a release, parsed strictly from the --to URL, and the storage behind it.

Three forms, nothing else:
- `hf://datasets/ORG/NAME`: a dataset repository on the Hugging Face Hub (no revision: the version
  is the tag publish creates);
- `PROTOCOL://PATH` for the object stores and file systems in PROTOCOLS, with a clean path (no empty,
  `.` or `..` parts, no query, fragment, backslash or spaces), e.g. `s3://BUCKET/PREFIX`;
- anything without `://`: a local path, the user's own (relative or absolute) as given, unless its
  first part has a `:` (`s3:/bkt/x`, `hf:datasets/…`): that is a mistyped URL, refused, and a local
  folder named like that is written `./s3:/…`.

A URL that fits none of them is a DestinationError naming the accepted forms, before anything is
read or written. Failures of the storage backend itself (an unreachable endpoint, missing
credentials, an option it does not take) become PublishError with what to check (see Storage).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

from builder.read.remote import (
    BUCKET_PROTOCOLS,
    HOST_PROTOCOLS,
    backend_error,
    credentials_problem,
    hidden_credentials,
    options_as_given,
)
from builder.user_paths import given, named

ACCEPTED = ("accepted destinations: hf://datasets/ORG/NAME (a dataset repository on the Hugging Face Hub), "
            "s3://BUCKET/PREFIX or another object store (gs://, gcs://, az://, abfs://, oss://), "
            "sftp://HOST/PATH, hdfs://…, file:///ABSOLUTE/PATH, or a local path")
INSTALL = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "az": "adlfs", "abfs": "adlfs",
           "abfss": "adlfs", "oss": "ossfs", "sftp": "paramiko", "ssh": "paramiko", "hdfs": "pyarrow",
           "webhdfs": "requests"}
OUT_ACCEPTED = ("accepted: a local folder, or s3://BUCKET/PREFIX or another object store (gs://, gcs://, az://, "
                "abfs://, oss://); for the Hub, build into a folder and `publish` it")
_PART = re.compile(r"\w[\w.+=@-]*")  # a path part: no spaces, no ? # % \ : * [, not starting with . or -
_BUCKET_MAX = 222  # Google Cloud Storage's longest, with dots; S3's is 63
_BUCKET = re.compile(rf"[a-z0-9][a-z0-9._-]{{1,{_BUCKET_MAX - 2}}}[a-z0-9]")
_HOST = re.compile(r"(?:\w[\w.-]*@)?\w[\w.-]*(?::\d{1,5})?")  # no password in the URL: it would be printed
_HUB_PREFIX = "hf://datasets/"
ARGUMENTS = {"--to": "to=", "--out": "out="}  # the flag a URL came from -> the Python API's argument (user_paths.given)

T = TypeVar("T")


class PublishError(RuntimeError):
    """Publishing cannot go on; the message says why and what to do."""


class DestinationError(PublishError):
    """The --to URL, --version or a --storage-option cannot be used (a usage error: nothing was read or
    written); the message says why and what can."""

    why = ""  # for a URL: the problem alone, without the flag and the accepted forms


@dataclass(frozen=True)
class Destination:
    kind: str  # "hub", "storage" or "local"
    url: str  # as shown to the user, without a trailing /
    path: str  # hub: ORG/NAME; storage: PATH after PROTOCOL://; local: the path as given
    protocol: str | None = None
    bucket: str | None = None  # for BUCKET_PROTOCOLS: the bucket, which publish never creates


def _refuse(url: str, why: str, flag: str = "--to") -> DestinationError:
    url = hidden_credentials(url)
    error = DestinationError(f"{given(flag, ARGUMENTS[flag], repr(url))}: {why}; "
                             f"{ACCEPTED if flag == '--to' else OUT_ACCEPTED}")
    error.why = why
    return error


def parse_destination(url: str, flag: str = "--to") -> Destination:
    """`flag`: the option the URL came from, for messages (--to, or --out for build; `to=`, `out=` from Python)."""
    try:
        return _parse(url)
    except DestinationError as exc:
        if flag == "--to" or not exc.why:
            raise
        raise _refuse(url, exc.why, flag) from None


def _parse(url: str) -> Destination:
    if not url or any(ord(c) < 32 or c == "\x7f" for c in url):
        raise _refuse(url, "empty, or has control characters")
    if "::" in url:
        raise _refuse(url, "chained fsspec URLs (a::b) are not accepted")
    problem = credentials_problem(url)
    if problem:
        raise _refuse(url, options_as_given(problem))
    scheme, sep, rest = url.partition("://")
    if not sep:
        if ":" in url.split("/", 1)[0]:  # s3:/bkt/x, hf:datasets/…: a URL mistyped, not a folder named `s3:`
            raise _refuse(url, f"{url.split('/', 1)[0]!r} looks like a URL's protocol but is not followed by :// "
                               f"(e.g. s3://BUCKET/PREFIX); a local folder whose name has ':' in it is written "
                               f"./{url}")
        return Destination("local", url.rstrip("/") or "/", url)
    if scheme.lower() != scheme:
        raise _refuse(url, f"protocols are written in lower case ({scheme.lower()}://)")
    if scheme == "hf":
        return _hub(url)
    if scheme == "file":
        if not rest.startswith("/"):
            raise _refuse(url, "a file:// URL takes an absolute path, file:///ABSOLUTE/PATH")
        _clean_parts(url, rest[1:])
        return Destination("local", url.rstrip("/"), rest.rstrip("/") or "/")
    if scheme not in BUCKET_PROTOCOLS | HOST_PROTOCOLS:
        raise _refuse(url, f"{scheme}:// is not a storage this tool writes to")
    parts = _clean_parts(url, rest, host=scheme in HOST_PROTOCOLS)
    bucket = None
    if scheme in BUCKET_PROTOCOLS:
        bucket = parts[0]
        if not 3 <= len(bucket) <= _BUCKET_MAX:  # the length first: `s3://b/x` has only allowed characters
            raise _refuse(url, f"{bucket!r} is too {'short' if len(bucket) < 3 else 'long'} for a bucket name "
                               f"({len(bucket)} characters; a bucket name has 3 to 63, up to {_BUCKET_MAX} with dots "
                               "in Google Cloud Storage)")
        if not _BUCKET.fullmatch(bucket):
            raise _refuse(url, f"{bucket!r} is not a bucket name (lower-case letters, digits, . _ -)")
    elif not _HOST.fullmatch(parts[0]):
        raise _refuse(url, f"{parts[0]!r} is not [user@]host[:port] (no password in the URL: use "
                           f"{named('--storage-option', 'storage_options')})")
    return Destination("storage", f"{scheme}://{'/'.join(parts)}", "/".join(parts), scheme, bucket)


def _clean_parts(url: str, path: str, host: bool = False) -> list[str]:
    """The parts of PATH (one trailing / allowed); the first is a host, checked by the caller, if `host`."""
    parts = path[:-1].split("/") if path.endswith("/") else path.split("/")
    for part in parts:
        if part in ("", ".", ".."):
            raise _refuse(url, "the path has an empty, . or .. part")
    for part in parts[1:] if host else parts:
        if not _PART.fullmatch(part):
            raise _refuse(url, f"{part!r} is not a plain path part (letters, digits, _ . + = @ -; no ?, #, %, spaces)")
    return parts


def _hub(url: str) -> Destination:
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    if not url.startswith(_HUB_PREFIX):
        raise _refuse(url, "the Hub destination is a dataset repository, hf://datasets/ORG/NAME")
    repo_id = url.removeprefix(_HUB_PREFIX).removesuffix("/")
    if repo_id.count("/") != 1:
        raise _refuse(url, "expected hf://datasets/ORG/NAME (an organisation or user, and a name; no revision: "
                           "the version becomes a tag)")
    try:
        validate_repo_id(repo_id)
    except HFValidationError as exc:
        raise _refuse(url, f"not a Hub repository name ({exc})") from None
    return Destination("hub", f"{_HUB_PREFIX}{repo_id}", repo_id)


def option_value(text: str) -> Any:
    """A --storage-option value: JSON true/false/null and numbers become those, anything else a string
    (so `anon=true` is True, `endpoint_url=http://…` a string)."""
    try:
        value = json.loads(text)
    except ValueError:
        return text
    return value if value is None or isinstance(value, (bool, int, float)) else text


class Storage:
    """An fsspec file system for a `storage` or `local` destination. Every call into it goes through
    `call`, which turns the backend's failures (its own exception types: botocore's, aiohttp's, OSError,
    a TypeError for an option it does not take) into PublishError saying what to check."""

    def __init__(self, destination: Destination, options: dict[str, Any], flag: str = "--to",
                 again: str = "publish again") -> None:
        """`flag` and `again`: where the URL came from and what to do after fixing a problem, for messages."""
        self.destination, self.again = destination, again
        protocol = destination.protocol or "file"
        try:
            import fsspec

            if destination.kind == "local":
                self.fs = fsspec.filesystem("file")
                self.root = self.fs._strip_protocol(destination.path)  # absolute, normalised
            else:
                self.fs, self.root = fsspec.core.url_to_fs(destination.url, **options)
        except ImportError as exc:
            package = INSTALL.get(protocol, "the fsspec backend for it")
            raise PublishError(f"{destination.url}: {exc} (install {package}; for s3:// pip install "
                               "'dataset-builder[s3]')") from None
        except (TypeError, ValueError) as exc:
            raise DestinationError(f"{named('--storage-option', 'storage_options')}: {protocol}:// does not take these "
                                   f"options ({exc})") from None
        except OSError as exc:  # ftp://, sftp://, hdfs:// connect here: the endpoint's problem, not a local path's
            raise PublishError(f"{given(flag, ARGUMENTS[flag], destination.url)}: cannot connect: "
                               f"{exc.strerror or exc} (check the host and port, that the server is running and "
                               f"reachable from here, and any {named('--storage-option', 'storage_options')}; "
                               f"then {again})") from None
        self.root = self.root.rstrip("/")

    @contextmanager
    def calling(self, what: str) -> Iterator[None]:
        try:
            yield
        except PublishError:  # ours, already saying what to do
            raise
        except Exception as exc:  # whatever the backend raises is about the environment, not a bug here
            raise PublishError(
                f"{self.destination.url}: {what} failed: {backend_error(exc)}\n(check the URL, that the "
                "endpoint is reachable, the credentials (for s3: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
                f"AWS_PROFILE) and any {named('--storage-option', 'storage_options')}, then {self.again})") from None

    def call(self, what: str, method: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        with self.calling(what):
            return method(*args, **kwargs)


def exists(fs: Any, path: str) -> bool:
    """Unlike fs.exists, lets an unreachable endpoint or missing credentials through as errors."""
    try:
        fs.info(path)
    except FileNotFoundError:
        return False
    return True
