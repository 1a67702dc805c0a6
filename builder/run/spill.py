"""What the first pass read from an input whose reading is costly (an HTML page: trafilatura's extraction), kept
for the second pass, so that a build extracts each page once, not once per pass.

The first pass writes a file's items (its documents and rejects, as the reader gave them) to a file of its own in
the build's staging folder (`.staging/extracted/`, cleared with it: at the build's end, killed or not, by the next
build's claim of --out); the second pass reads them back instead of reading the input, and removes the file. Only a
file read in one batch is kept (what the first pass already held), so memory stays one batch. A spill is JSON (no
pickle: a Python str round-trips exactly, lone surrogates too, which Arrow's UTF-8 strings would refuse), signed
with a key made for this build alone (HMAC-SHA256 over the input's name and the bytes): a spill an earlier build
left, one planted or altered, or one of another input, is never trusted, and the input is read again. A worker
where the folder is not (a Ray node on another machine) writes nothing, and both passes read the input, as before.

A spill holds a page's text before PII redaction (the second pass redacts), so its bytes are enciphered with the
same key: XOR with a SHAKE-256 stream of the key and the input's name (each name is written once a build, with
O_EXCL, so no stream is used twice). The key lives only in the build's processes: what a killed build (SIGKILL, a
power cut) leaves in .staging until the next build clears it is bytes no one can read back, not page text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.outcomes import Location, RawDocument, Reject
from builder.read.inputs import InputFile

_MAC = hashlib.sha256().digest_size
Items = list[RawDocument | Reject]


@dataclass(frozen=True)
class Spill:
    """One build's spill folder and key; `writing` in the first pass, reading in the second."""

    folder: Path
    key: bytes
    writing: bool

    @classmethod
    def new(cls, folder: Path) -> Spill:
        folder.mkdir(exist_ok=True)
        return cls(folder, secrets.token_bytes(32), True)

    def reader(self) -> Spill:
        return Spill(self.folder, self.key, False)

    def put(self, file: InputFile, items: Items) -> None:
        """Keep `items` for the second pass, if they round-trip exactly (a document's fields all text)."""
        if not all(isinstance(item, Reject) or _plain(item.fields) for item in items):
            return
        payload = self._ciphered(file, json.dumps([_encoded(item) for item in items], separators=(",", ":"))
                                 .encode("ascii"))
        try:
            with open(self._path(file), "xb") as out:  # never over a file already there
                out.write(self._mac(file, payload) + payload)
        except OSError:  # no folder here (a worker on another machine), or a full disk: read it again
            return

    def take(self, file: InputFile) -> Items | None:
        """The items the first pass kept for `file`, removed from the folder; None if there are none this build
        wrote for it (then the input is read again)."""
        path = self._path(file)
        try:
            with open(path, "rb") as spilled:
                data = spilled.read()
            os.unlink(path)
        except OSError:
            return None
        payload = data[_MAC:]
        if len(data) < _MAC or not hmac.compare_digest(data[:_MAC], self._mac(file, payload)):
            return None
        return [_decoded(item) for item in json.loads(self._ciphered(file, payload))]

    def _path(self, file: InputFile) -> Path:
        return self.folder / hmac.new(self.key, _identity(file), hashlib.sha256).hexdigest()

    def _ciphered(self, file: InputFile, data: bytes) -> bytes:
        """`data` enciphered, or deciphered (the same XOR), with this build's stream for `file`."""
        stream = hashlib.shake_256(b"spill stream\0" + self.key + _identity(file)).digest(len(data))
        return (int.from_bytes(data, "little") ^ int.from_bytes(stream, "little")).to_bytes(len(data), "little")

    def _mac(self, file: InputFile, payload: bytes) -> bytes:
        return hmac.new(self.key, _identity(file) + b"\0" + payload, hashlib.sha256).digest()


def _identity(file: InputFile) -> bytes:
    return f"{file.display}\0{file.relative}".encode("utf-8", "surrogatepass")


def _plain(fields: Any) -> bool:
    return isinstance(fields, dict) and all(isinstance(v, str) for v in fields.values())


def _encoded(item: RawDocument | Reject) -> dict[str, Any]:
    where = item.location
    location = [where.path, where.line, where.text_line]
    if isinstance(item, RawDocument):
        return {"document": [location, item.source, item.fields, item.input_sha256]}
    return {"reject": [location, item.kind, item.reason, item.message, item.source, item.doc_id, item.char_start,
                       item.char_end, item.text, item.duplicate_of, item.language, item.language_score]}


def _decoded(item: dict[str, Any]) -> RawDocument | Reject:
    ((kind, values),) = item.items()
    (path, line, text_line), *rest = values
    location = Location(path, line, text_line)
    if kind == "document":
        return RawDocument(location, *rest)
    return Reject(rest[0], rest[1], rest[2], location, *rest[3:])
