"""The user's own steps and readers: `"module:Class"` from a config file imported and checked, or instances
from Python checked, before anything runs.

A step from outside the package is code we did not write running inside the build, so every way it
can be wrong is caught here with a located message (`$.steps[0]: …`) rather than as a crash in a worker
halfway through: a module that is not found, a class that is not a step of the right kind, a missing
name or reason codes, a method not written, a setting the class does not have or of the wrong type.
Naming a step in a config runs its module's code: a config is trusted like a script.
"""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import importlib
import inspect
import re
import sys
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import builder.steps as kinds

NAME = re.compile(r"[a-z][a-z0-9_]*")  # step names and reason codes: what [settings.NAME] and rejects can hold
STEP_KINDS: dict[type, str] = {kinds.LineRule: "decide", kinds.DocumentFilter: "decide",
                               kinds.ParagraphFilter: "decide", kinds.Annotator: "annotate"}


class StepLoadError(ValueError):
    """A user step or reader cannot be used; the message starts with where it was named."""


def load_step(spec: str, settings: dict[str, Any], where: str) -> kinds.Step:
    """A step from `"module:Class"`, built with its `[settings.NAME]`, checked."""
    return _load(spec, settings, where, reader=False)


def load_reader(spec: str, settings: dict[str, Any], where: str) -> kinds.Reader:
    step = _load(spec, settings, where, reader=True)
    assert isinstance(step, kinds.Reader)
    return step


def check_step(step: object, where: str) -> None:
    """A step instance (from Python or a config) is one of the step kinds, fully declared."""
    _check_class(_check_kind(type(step), where, reader=False), where)


def check_reader(reader: object, where: str) -> None:
    _check_class(_check_kind(type(reader), where, reader=True), where)


def _check_kind(cls: type, where: str, reader: bool) -> type[kinds.Step]:
    if reader and not issubclass(cls, kinds.Reader):
        raise StepLoadError(f"{where}: {_path(cls)} is not a reader: subclass builder.steps.Reader"
                            + (" (steps go in steps, not readers)" if issubclass(cls, kinds.Step) else ""))
    if not reader and not issubclass(cls, tuple(STEP_KINDS)):
        raise StepLoadError(f"{where}: {_path(cls)} is not a step: subclass one of "
                            f"{', '.join('builder.steps.' + k.__name__ for k in STEP_KINDS)}"
                            + (" (readers go in readers, not steps)" if issubclass(cls, kinds.Reader) else ""))
    return typing.cast("type[kinds.Step]", cls)


def describe(step: kinds.Step, source: bool = True) -> dict[str, Any]:
    """What identifies a user step's work: its class, its settings, the reason codes it declares (the
    manifest records them, so validate knows the release's own codes) and (for the cache key) a hash of
    its module's source, so editing the step's code recomputes what it touched."""
    cls = type(step)
    found: dict[str, Any] = {"class": _path(cls), "name": cls.name,
                             "settings": {f.name: _plain(getattr(step, f.name)) for f in dataclasses.fields(step)},
                             "reasons": dict(sorted(cls.reasons.items()))}
    if source:
        found["source_sha256"] = _source_hash(cls)
    return found


def _load(spec: str, settings: dict[str, Any], where: str, reader: bool) -> kinds.Step:
    module_name, _, qualname = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise StepLoadError(f"{where}: module {module_name!r} not found: install it, or put the folder that "
                                f"holds it on PYTHONPATH (searched: {', '.join(sys.path[:6])}…)") from None
        raise StepLoadError(f"{where}: importing {module_name!r} failed: {exc}") from None
    except Exception as exc:  # the user's module raised while importing: their bug, located
        raise StepLoadError(f"{where}: importing {module_name!r} failed: {type(exc).__name__}: {exc}") from None
    found: Any = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
        if found is None:
            raise StepLoadError(f"{where}: module {module_name!r} has no {qualname!r}")
    if not isinstance(found, type):
        raise StepLoadError(f"{where}: {spec} is not a class")
    kind = "reader" if reader else "step"
    cls = _check_kind(found, where, reader)
    _check_class(cls, where)
    values = settings.get(cls.name, {})
    return cls(**_settings(cls, values, f"{where} ({kind} {cls.name!r}): $.settings.{cls.name}"))


def _check_class(cls: type[kinds.Step], where: str) -> None:
    at = f"{where}: {_path(cls)}"
    if "<locals>" in cls.__qualname__:
        raise StepLoadError(f"{at}: defined inside a function; define it at the top of a module, so worker "
                            "processes can import it by name")
    if cls in (*STEP_KINDS, kinds.Reader):
        raise StepLoadError(f"{at}: is a step kind itself; subclass it")
    own = {name for name, hint in inspect.get_annotations(cls).items() if "ClassVar" not in str(hint)}
    missing = sorted(own - {f.name for f in dataclasses.fields(cls)})
    if missing:
        raise StepLoadError(f"{at}: settings {', '.join(missing)} are not dataclass fields: decorate the class with "
                            "@dataclass(frozen=True)")
    if not isinstance(cls.name, str) or not NAME.fullmatch(cls.name):
        raise StepLoadError(f"{at}: declare `name`, lower-case letters, digits and _ starting with a letter "
                            f"(the config's [settings.NAME] and the card use it); got {cls.name!r}")
    reasons = cls.reasons
    if not isinstance(reasons, dict) or not all(isinstance(k, str) and NAME.fullmatch(k) and isinstance(v, str) and v
                                                for k, v in reasons.items()):
        raise StepLoadError(f"{at}: `reasons` must map reason codes (lower-case letters, digits and _) to the "
                            "sentence that explains each")
    method = "read" if issubclass(cls, kinds.Reader) else next(m for k, m in STEP_KINDS.items() if issubclass(cls, k))
    if getattr(cls, method) is getattr(_base(cls), method):
        raise StepLoadError(f"{at}: does not implement {method}()")
    if method == "decide" and not reasons:
        raise StepLoadError(f"{at}: declare `reasons`, the codes its decide() returns with the sentence that "
                            "explains each (rejects and the card show them)")
    if issubclass(cls, kinds.Annotator) and not cls.columns:
        raise StepLoadError(f"{at}: declare `columns`, the columns annotate() returns")
    suffixes = getattr(cls, "suffixes", ())
    if issubclass(cls, kinds.Reader) and not (suffixes and all(isinstance(s, str) and s[:1] == "." for s in suffixes)):
        raise StepLoadError(f"{at}: declare `suffixes`, the file endings it reads (\".csv\")")


def _base(cls: type) -> type:
    return next(k for k in (*STEP_KINDS, kinds.Reader) if issubclass(cls, k))


def _settings(cls: type, values: Any, where: str) -> dict[str, Any]:
    """The `[settings.NAME]` table checked against the class's fields and their types."""
    if not isinstance(values, dict):
        raise StepLoadError(f"{where}: must be a table of settings")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for name in sorted(set(values) - set(fields)):
        known = ", ".join(fields) or "none: it takes no settings"
        raise StepLoadError(f"{where}: unknown setting {name!r}; the class's settings: {known}")
    checked = {}
    for name, value in values.items():
        converted, problem = _typed(value, _hint(cls, fields[name]))
        if problem:
            raise StepLoadError(f"{where}.{name}: {value!r} is not {problem}")
        checked[name] = converted
    for name, f in fields.items():
        if name not in values and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise StepLoadError(f"{where}: the setting {name!r} has no default: give it")
    return checked


def _hint(cls: type, setting: dataclasses.Field[Any]) -> Any:
    """A field's type, its annotation evaluated where it was written (a string under `from __future__
    import annotations`); Any where it cannot be (the class then checks the value itself)."""
    if not isinstance(setting.type, str):
        return setting.type
    owner = next((c for c in cls.__mro__ if setting.name in inspect.get_annotations(c)), cls)
    try:
        return eval(setting.type, dict(vars(sys.modules[owner.__module__])))  # the class's own annotation
    except Exception:  # a name only imported for type checking
        return Any


def _typed(value: Any, hint: Any) -> tuple[Any, str | None]:
    """(value as the field's type, None) or (value, what it should be) for the types a TOML value can
    take: bool, int, float, str, None, Literal, unions, tuple/list/frozenset of them, dict."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value, None
    if origin is typing.Literal:
        return (value, None) if value in args else (value, f"one of {', '.join(map(repr, args))}")
    if origin in (typing.Union, types.UnionType):
        for arg in args:
            converted, problem = _typed(value, arg)
            if problem is None:
                return converted, None
        return value, " or ".join(_typed(value, arg)[1] or "" for arg in args)
    if hint is type(None):
        return (value, None) if value is None else (value, "None")
    if hint is bool:
        return (value, None) if isinstance(value, bool) else (value, "a boolean")
    if hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return (value, None) if ok else (value, "an integer")
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return (float(value), None) if ok else (value, "a number")
    if hint is str:
        return (value, None) if isinstance(value, str) else (value, "a string")
    if origin in (tuple, list, frozenset, set):
        if not isinstance(value, (list, tuple)):
            return value, "a list"
        item = args[0] if args and (origin is not tuple or (len(args) == 2 and args[1] is Ellipsis)) else Any
        items = []
        for one in value:
            converted, problem = _typed(one, item)
            if problem:
                return value, f"a list of {problem.removeprefix('a ').removeprefix('an ')}s"
            items.append(converted)
        return origin(items), None
    if origin is dict or hint is dict:
        return (value, None) if isinstance(value, dict) else (value, "a table")
    return value, None  # a type TOML cannot name: the class checks it itself


def _plain(value: Any) -> Any:
    """A setting as JSON data (tuples as lists), for the manifest and the cache key."""
    if isinstance(value, (tuple, list, frozenset, set)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (frozenset, set)) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)


def _source_hash(cls: type) -> str:
    module = sys.modules.get(cls.__module__)
    file = getattr(module, "__file__", None)
    try:
        source = Path(file).read_bytes() if file else inspect.getsource(cls).encode()
    except (OSError, TypeError):
        source = repr(cls).encode()  # no source to be found (built at run time): keyed by the class alone
    return hashlib.sha256(source).hexdigest()[:16]


def edited_since_import(step: kinds.Step) -> str | None:
    """The file of a step's module when the code this process loaded from it is no longer what the file
    holds (edited after the import, not reloaded: a notebook's kernel), else None.

    The cache key hashes the file, but the rows are made by the loaded code: cached under the file's
    hash, they would be reused later by a process that runs the file's code. So the compiled file is
    compared with what is loaded: each function's and method's code object (compared as values, which
    is deterministic, unlike their marshal bytes) and the plain constants given at the top of the module
    and of its classes (a dataclass field's default)."""
    module = sys.modules.get(type(step).__module__)
    file = getattr(module, "__file__", None)
    if module is None or not file or not str(file).endswith(".py"):
        return None  # nothing on disk to compare with: keyed by the class alone, as before
    try:
        tree = ast.parse(Path(file).read_bytes(), file)
        compiled = compile(tree, file, "exec", dont_inherit=True)
    except (OSError, SyntaxError, ValueError):
        return str(file)  # gone or no longer valid: not the code that runs
    codes: dict[str, list[types.CodeType]] = {}
    for code in _nested(compiled):
        codes.setdefault(code.co_qualname, []).append(code)
    for owner, body in [(module, tree.body), *_class_bodies(module, tree)]:
        for name, value in _constants(body):
            loaded = getattr(owner, name, value)
            if type(loaded) is not type(value) or loaded != value:
                return str(file)
        members = vars(owner).values() if isinstance(owner, type) else \
            [v for v in vars(owner).values() if getattr(v, "__module__", None) == module.__name__]
        for member in members:
            found = _code(member)
            if found is not None and found.co_filename == file and found not in codes.get(found.co_qualname, []):
                return str(file)
        if isinstance(owner, type):  # a method the file adds to the class (an override) is code that does not run
            added = {n.name for n in body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
            if added - set(vars(owner)):
                return str(file)
    return None


def _nested(code: types.CodeType) -> Iterator[types.CodeType]:
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield const
            yield from _nested(const)


def _class_bodies(module: types.ModuleType, tree: ast.Module) -> Iterator[tuple[type, list[ast.stmt]]]:
    """The module's top-level classes as loaded, each with its body in the file."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            loaded = getattr(module, node.name, None)
            if isinstance(loaded, type) and loaded.__module__ == module.__name__:
                yield loaded, node.body


def _constants(body: list[ast.stmt]) -> Iterator[tuple[str, object]]:
    """`NAME = literal` and `name: hint = literal` of a body, for literals that cannot change in place."""
    for node in body:
        target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else \
            node.target if isinstance(node, ast.AnnAssign) and node.value is not None else None
        if isinstance(target, ast.Name):
            assert isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None
            try:
                value = ast.literal_eval(node.value)
            except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
                continue
            if _immutable(value):
                yield target.id, value


def _immutable(value: object) -> bool:
    if isinstance(value, tuple):
        return all(_immutable(v) for v in value)
    return isinstance(value, (str, bytes, int, float, complex, type(None)))


def _code(member: object) -> types.CodeType | None:
    """The code object of a function, method, static/class method or property's getter."""
    found = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
    found = inspect.unwrap(found) if callable(found) else found
    code = getattr(found, "__code__", None)
    return code if isinstance(code, types.CodeType) else None


def _path(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"
