"""Inputs in object storage or on the web: SOURCE as an fsspec URL (`s3://bucket/prefix/`,
`hf://datasets/ORG/NAME/…`, `gs://…`, `https://host/file.jsonl`), listed and read through fsspec.

A remote input is held to what a local one is: the same readers and limits (sizes come from the
listing, so an object over a limit is refused before a reader opens it; like every input, it is
streamed once for its sha256), hidden names skipped, and
names that are not plain relative paths refused: a key `corpus/../x.jsonl` is a literal name in a
bucket, but it would put `..` in the `source` column and some stores would resolve it outside the
prefix, so it becomes an `outside_source_root` reject. Nothing is followed: buckets have no links.

Only the protocols of real stores are sources (SOURCE_PROTOCOLS): `local://`, `memory://` and the
wrappers (`reference://`, `simplecache://`, `zip://`, `dir://`…) would read local files around
LocalFile's checks (a symlink out of the folder) or from a file system chosen by options; a local
file or folder is given as its path (or `file:///ABSOLUTE/PATH`, see `local_path`). A URL with
credentials in it (`s3://KEY:SECRET@…`, `https://user:password@…`) is refused without being printed
whole: the URL appears in messages, logs and shell history; credentials go in storage options or
the environment. A web server's redirect is not followed: it could send the build to a host of the
user's own network (a cloud metadata endpoint) and put its answer into a dataset that gets published.

Credentials and endpoints are fsspec's storage options (`--storage-option endpoint_url=…`, or the
usual environment, AWS_ACCESS_KEY_ID…). Every failure of the backend while listing (missing
credentials, an unreachable endpoint, no such bucket, a backend not installed) is a SourceError
that says what to check; while reading, an OSError that becomes an `unreadable_source` reject.
"""

from __future__ import annotations

import io
import re
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, BinaryIO, cast

from builder.read.inputs import InputFile
from builder.text.pii import URL_PARAMETER, is_secret_parameter, url_secrets_hidden
from builder.user_paths import from_command_line, named

URL = re.compile(r"([a-z][a-z0-9+.-]*)://(.*)", re.DOTALL)
# fsspec protocol -> the package that provides it, for the message when it is missing
# what to install for a protocol, with the command (`https:// needs aiohttp` left it to guess: no extra has it)
INSTALL = {"s3": "s3fs (pip install 'dataset-builder[s3]')", "s3a": "s3fs (pip install 'dataset-builder[s3]')",
           "gs": "gcsfs (pip install gcsfs)", "gcs": "gcsfs (pip install gcsfs)", "az": "adlfs (pip install adlfs)",
           "abfs": "adlfs (pip install adlfs)", "hf": "huggingface_hub (pip install 'dataset-builder[hub]')",
           "http": "aiohttp (pip install aiohttp)", "https": "aiohttp (pip install aiohttp)"}
_GLOB = re.compile(r"[*?\[]")
BUCKET_PROTOCOLS = frozenset({"s3", "s3a", "gs", "gcs", "az", "abfs", "abfss", "oss"})  # PATH starts with a bucket
HOST_PROTOCOLS = frozenset({"sftp", "ssh", "ftp", "hdfs", "webhdfs"})  # PATH starts with [user@]host[:port]
WEB_PROTOCOLS = frozenset({"http", "https"})
SOURCE_PROTOCOLS = BUCKET_PROTOCOLS | HOST_PROTOCOLS | WEB_PROTOCOLS | {"hf"}
# Protocols fsspec serves with the same file system: s3a://b/x is s3://b/x (for --out vs the sources)
SAME_STORE = {"s3a": "s3", "gcs": "gs", "abfs": "az", "abfss": "az", "ssh": "sftp"}
# what else to check when a store cannot be listed or read, by protocol: where its credentials come from
_TO_CHECK = {
    "s3": "the credentials (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) and any --storage-option "
          "such as endpoint_url",
    "hf": "that the dataset exists and the token can read it (HF_TOKEN, or the token the Hub's login command "
          "saved; a private or gated dataset needs one with access) and HF_ENDPOINT if you use a Hub of your own",
    "gs": "the credentials (GOOGLE_APPLICATION_CREDENTIALS, or --storage-option token=…) and the project",
    "az": "the credentials (AZURE_STORAGE_CONNECTION_STRING, or --storage-option account_name=… account_key=…)",
}
_ANY = "the credentials and any --storage-option"
# where a protocol's credentials go instead of the URL, by protocol
_CREDENTIALS = {
    "s3": "give them as --storage-option key=… secret=… or in the environment (AWS_ACCESS_KEY_ID and "
          "AWS_SECRET_ACCESS_KEY, or AWS_PROFILE)",
    "hf": "give the token in the environment (HF_TOKEN) or as --storage-option token=…",
    "gs": "give them in the environment (GOOGLE_APPLICATION_CREDENTIALS) or as --storage-option token=…",
    "az": "give them in the environment (AZURE_STORAGE_CONNECTION_STRING) or as --storage-option account_name=… "
          "account_key=…",
    "http": "a web server is read without credentials: copy files that need them to a local folder or to "
            "object storage",
    "https": "a web server is read without credentials: copy files that need them to a local folder or "
             "to object storage",
    "sftp": "give the password as --storage-option password=… (or a key in ~/.ssh), with the user name kept as "
            "user@host",
    "ftp": "give the password as --storage-option password=…, with the user name kept as user@host",
}
_OPTIONS = re.compile(r"--storage-option (\w+=…(?: \w+=…)*)")


def options_as_given(text: str) -> str:
    """`--storage-option key=… secret=…` in a message as the caller gives options: so on the command line,
    `storage_options={'key': …, 'secret': …}` in Python (builder.user_paths). Never for a reject's message, which
    a release holds whoever built it."""
    if from_command_line():
        return text
    text = _OPTIONS.sub(lambda m: "storage_options={" + ", ".join(f"'{pair.split('=')[0]}': …"
                                                               for pair in m.group(1).split()) + "}", text)
    return text.replace("--storage-option", "storage_options")


_USERINFO = re.compile(r"([a-z][a-z0-9+.-]*://)([^/@]*)@")


class StorageError(ValueError):
    """A URL that cannot be listed or used (credentials, endpoint, backend, options): a usage error
    whose message says what to check. Discovery turns it into a SourceError."""


def is_url(source: str) -> bool:
    """Whether a SOURCE or --out is a URL (PROTOCOL://…) rather than a local path."""
    return URL.fullmatch(source) is not None and not source.startswith("file://")


@dataclass(frozen=True)
class Store:
    """A file system of fsspec by protocol and storage options (hashable, so inputs can be dict keys;
    fsspec keeps one instance per protocol and options, so `fs` is cheap)."""

    protocol: str
    options: tuple[tuple[str, Any], ...] = ()

    @property
    def fs(self) -> Any:
        try:
            import fsspec
        except ImportError:
            raise StorageError(f"{self.protocol}:// needs fsspec: pip install 'dataset-builder[s3]'") from None
        try:
            return fsspec.filesystem(self.protocol, **dict(self.options))
        except ImportError as exc:
            need = INSTALL.get(self.protocol, f"the fsspec backend for {self.protocol}://")
            raise StorageError(f"{self.protocol}:// needs {need} ({exc})") from None
        except ValueError as exc:  # fsspec: "Protocol not known"
            raise StorageError(f"{self.protocol}:// is not a storage fsspec knows ({exc})") from None
        except TypeError as exc:
            raise StorageError(f"{named('--storage-option', 'storage_options')}: {self.protocol}:// does not take "
                               f"these options ({exc})") from None

    def path(self, url: str) -> str:
        """The URL as the file system's own path (without the protocol)."""
        return cast(str, self.fs._strip_protocol(url)).rstrip("/")

    def url(self, path: str) -> str:
        """A path of this file system as a URL again."""
        return cast(str, self.fs.unstrip_protocol(path))

    @contextmanager
    def calling(self, url: str, what: str) -> Iterator[None]:
        """Failures of the backend, whatever their type (botocore's, aiohttp's, OSError), as a
        StorageError that names the URL and what to check."""
        try:
            yield
        except StorageError:
            raise
        except FileNotFoundError:
            raise
        except Exception as exc:
            raise StorageError(f"{url}: {what} failed: {backend_error(exc)} (check the URL, that the "
                               f"endpoint is reachable, {options_as_given(self.to_check)})") from None

    @property
    def to_check(self) -> str:
        return _TO_CHECK.get(SAME_STORE.get(self.protocol, self.protocol), _ANY)

    def reading_failed(self, exc: Exception) -> OSError:
        """A failure to read an object, whatever the backend raised (botocore's NoCredentialsError is no OSError),
        as an OSError (the input becomes an unreadable_source reject) that says what to check, and where: in a
        Ray task, the environment the cluster's nodes were started with."""
        if on_a_ray_worker:  # storage options travel with the tasks; the driver's environment does not
            where = _CREDENTIALS.get(SAME_STORE.get(self.protocol, self.protocol), "give them as --storage-option")
            return OSError(f"{backend_error(exc)}; {RAY_WORKERS_COULD_NOT_READ}; for the credentials, "
                           f"{where} where the cluster's nodes are started")
        return OSError(f"{backend_error(exc)} (check the URL, that the endpoint is reachable, {self.to_check})")


# True in the processes that run a Ray cluster's tasks (set by builder.run.executors._streamed). A tester's build
# whose cluster had no credentials for S3 (the shell that started the build had them) wrote only "reading stopped"
# rejects: the read is told where it ran.
on_a_ray_worker = False
RAY_WORKERS_COULD_NOT_READ = ("the Ray cluster's workers could not read it: they read the inputs in the environment "
                              "the cluster's nodes were started with, not the environment of the shell that started "
                              "the build")


def backend_error(exc: BaseException) -> str:
    """A backend's exception as a message may show it: botocore, aiohttp and others quote the URLs they were
    given, the endpoint_url option among them (trial21), so each URL's credentials are hidden as hidden_credentials
    hides them."""
    return url_secrets_hidden(_USERINFO.sub(r"\1***@", f"{type(exc).__name__}: {exc}"))


def hidden_credentials(url: str) -> str:
    """The URL as it may be printed: whatever comes before an `@` in its host part hidden, and the value of a
    query parameter that holds a credential (`?X-Amz-Signature=***`)."""
    return url_secrets_hidden(_USERINFO.sub(r"\1***@", url, count=1))


def _query_credential(url: str) -> str | None:
    """The name of a parameter of the URL (query, fragment or `;` parameters) that holds a credential, as a signed
    URL's `X-Amz-Signature` or a `?token=`, if one does (trial21: such a URL was printed whole in messages)."""
    return next((m.group("name") for m in URL_PARAMETER.finditer(url) if is_secret_parameter(m.group("name"))),
                None)


def credentials_problem(url: str) -> str | None:
    """Why the URL may not be used as given, if it carries credentials (a password, or any user name but
    a host protocol's plain `user@`), with where this protocol's credentials go instead; None if it
    does not."""
    match = _USERINFO.match(url)
    if match is None:
        name = _query_credential(url)
        if name is None:
            return None
        protocol = url.partition("://")[0]
        where = _CREDENTIALS.get(SAME_STORE.get(protocol, protocol), "give them as --storage-option")
        return (f"credentials in a URL are refused (its {name}= parameter holds one: a signed or token URL would be "
                f"shown in messages, logs and shell history); {where}")
    protocol = match.group(1)[:-3]
    if ":" in match.group(2) or protocol not in HOST_PROTOCOLS:
        where = _CREDENTIALS.get(SAME_STORE.get(protocol, protocol), "give them as --storage-option")
        return ("credentials in a URL are refused (they would be shown in messages, logs and shell history); "
                f"{where}")
    return None


def local_path(source: str) -> str:
    """`file:///ABSOLUTE/PATH` as that path, to be read as any local path is (publish takes the same
    form); any other SOURCE as given."""
    if not source.startswith("file://"):
        return source
    if not source.startswith("file:///"):
        raise StorageError(f"{source}: a file:// URL takes an absolute path, file:///ABSOLUTE/PATH")
    return source.removeprefix("file://")


def store_of(url: str, options: dict[str, Any] | None = None) -> Store:
    problem = credentials_problem(url)
    if problem:
        raise StorageError(f"{hidden_credentials(url)}: {options_as_given(problem)}")
    match = URL.fullmatch(url)
    if not match:
        raise StorageError(f"{url}: not a URL (PROTOCOL://PATH)")
    if match.group(1) not in SOURCE_PROTOCOLS:
        raise StorageError(f"{url}: {match.group(1)}:// is not a storage a SOURCE can be read from (accepted: "
                           f"{', '.join(f'{p}://' for p in sorted(SOURCE_PROTOCOLS))}); a local file or folder is "
                           "given as its path")
    return Store(match.group(1), tuple(sorted((options or {}).items())))


@dataclass(frozen=True)
class RemoteFile(InputFile):
    store: Store
    key: str  # the file system's path of the object
    root: str  # the source prefix it was found under (a path of the same file system)
    listed_size: int | None  # as listed; None when the store did not say (a web server without a length)
    tag: str | None  # ETag or another version marker from the listing, if any

    @property
    def display(self) -> str:
        return self.store.url(self.key)

    def problem(self) -> tuple[str, str] | None:
        name = _relative(self.key, self.root)
        if not _plain(name):
            return "outside_source_root", (f"the object name {name!r} has an empty, . or .. part (or a "
                                           "backslash): not a plain path under the source prefix; rename the object")
        if self.listed_size is None:
            return "unreadable_source", "the store gave no size for it, so no limit can be checked before reading"
        return None

    def size(self) -> int:
        if self.listed_size is None:
            raise OSError(f"{self.display}: no size known")
        return self.listed_size

    def open(self) -> BinaryIO:
        """fsspec's file, behind io's buffer: readers rely on io's full interface (readline(limit)). From a
        web server, the bytes of the URL itself: a redirect that was not there when it was listed is not
        followed either (see the module's docstring)."""
        web = {"allow_redirects": False} if self.store.protocol in WEB_PROTOCOLS else {}
        with self._reading():
            return io.BufferedReader(self.store.fs.open(self.key, "rb", **web), buffer_size=1 << 20)

    def fingerprint(self) -> tuple[object, ...]:
        fs = self.store.fs
        with self._reading():
            fs.invalidate_cache(self.key)  # listings are cached: ask the store again
            info = fs.info(self.key)
        return (info.get("size"), _tag(info))

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except FileNotFoundError:  # gone since it was listed: no credential would help
            raise
        except Exception as exc:
            raise self.store.reading_failed(exc) from None


def _tag(info: dict[str, Any]) -> str | None:
    for key in ("ETag", "etag", "md5Hash", "last_commit", "blob_id", "mtime", "LastModified"):
        if info.get(key) is not None:
            return str(info[key])
    return None


def list_remote(source: str, options: dict[str, Any] | None = None) -> list[InputFile]:
    """The objects a URL names: one object, every object under a prefix, or those a glob matches
    (`s3://bucket/corpus/**/*.jsonl`), sorted by their name relative to the prefix. Names with a
    hidden part (starting with '.') are skipped, as local hidden files are."""
    store = store_of(source, options)
    fs = store.fs
    path = store.path(source)
    if store.protocol in WEB_PROTOCOLS and "?" in source:  # a query, not a glob: a web server has no listing to match
        raise StorageError(f"{source}: a web SOURCE is read by its path, and a query (`?…`) is not read (the input's "
                           "name and format come from the path): download the file and give its path")
    with store.calling(source, "listing"):
        fs.invalidate_cache()  # a listing kept from an earlier call in this process may be stale
        if _GLOB.search(path):
            root = "/".join(part for part in _fixed(path))
            found = cast(dict[str, dict[str, Any]], fs.glob(path, detail=True))
            entries = {name: info for name, info in found.items() if info.get("type") != "directory"}
            if not entries:
                raise StorageError(f"{source}: the pattern matches no objects")
        else:
            try:
                info = fs.info(path)
            except FileNotFoundError as exc:
                if "Redirect" in type(exc.__cause__).__name__:  # aiohttp's, to a URL it will not follow either
                    target = (exc.__cause__.args or ("",))[0] if exc.__cause__ else ""  # its first argument: the URL
                    raise StorageError(_redirected(source, str(target))) from None
                raise StorageError(f"{source}: no such object or prefix (check the URL and the bucket)") from None
            if store.protocol in WEB_PROTOCOLS and urllib.parse.unquote(str(info.get("url", path))) != \
                    urllib.parse.unquote(path):  # where the server's answer came from, after redirects
                raise StorageError(_redirected(source, str(info["url"])))
            if info.get("type") == "directory":
                root = path
                entries = cast(dict[str, dict[str, Any]], fs.find(path, detail=True))
            else:
                root = path.rsplit("/", 1)[0]
                entries = {path: info}
    files: list[InputFile] = []
    for name, info in entries.items():
        relative = _relative(name, root)
        if any(part.startswith(".") and part not in (".", "..") for part in relative.split("/")):
            continue
        size = info.get("size")
        files.append(RemoteFile(_shown(relative), store, name, root, size if isinstance(size, int) else None,
                                _tag(info)))
    return sorted(files, key=lambda f: f.relative)


def _relative(name: str, root: str) -> str:
    return name.removeprefix(root).removeprefix("/") if name.startswith(root + "/") else name


def _shown(relative: str) -> str:
    """The name an object has in the release (its `source`): a name that is no plain path is percent-encoded
    whole, as one plain part (for its reject); in a plain name only `%` is, so a key that holds `%2F` as
    written is never taken for one whose `/` was encoded (`..%2Fx` is `../x`; the key `..%2Fx` is `..%252Fx`).
    A name without `%` is kept as it is."""
    if _plain(relative):
        return relative.replace("%", "%25")
    shown = urllib.parse.quote(relative, safe="")
    return shown if shown.strip(".") else "%2E" * len(shown) or "%2F"  # the name was `..` (or `.`, or nothing)


def _plain(relative: str) -> bool:
    return all(part not in ("", ".", "..") for part in relative.split("/")) and "\\" not in relative


def _redirected(source: str, to: str | None) -> str:
    where = "elsewhere"
    if to:
        parts = urllib.parse.urlsplit(to)
        where = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"  # no credentials, no signed query
    return (f"{source}: the server redirects to {where}; redirects are not followed (one could send the build to a "
            "host of your own network and put its answer into the dataset): give the URL it redirects to, if you "
            "trust it")


def _fixed(path: str) -> Iterator[str]:
    """The parts of a pattern before the first one with a wildcard: the prefix files are relative to."""
    for part in path.split("/"):
        if _GLOB.search(part):
            return
        yield part
