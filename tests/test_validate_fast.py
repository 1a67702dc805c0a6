"""The compiled fast path and jsonschema must agree on every document, valid or not."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st
from jsonschema import Draft202012Validator

from builder.read.validate import BINARY_CONTROL_SHARE, BINARY_MIN_CONTROLS, _looks_binary
from builder.schemas import SCHEMA_DIR, is_valid, load_schema, validator

values = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=12),
                   st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
ids = st.one_of(st.text(max_size=10), st.sampled_from(["a/b", "../x", "a/../b", "a\x07b", "..", "x" * 600, ""]))
documents = st.one_of(
    values,
    st.fixed_dictionaries({}, optional={
        "id": st.one_of(ids, values), "text": st.one_of(st.text(max_size=20), values),
        "url": values, "title": values, "metadata": values, "license": values,
        "language": st.one_of(st.sampled_from(["ar", "en-GB", "fa_IR", "e", "toolongcode"]), values),
        "date_published": values, "extra": values,
    }),
)


@settings(max_examples=500, deadline=None)
@given(documents)
def test_fast_path_agrees_with_jsonschema(doc: object) -> None:
    assert is_valid(doc) == validator("document").is_valid(doc)


CONFIG = load_schema("config")
# each section's own keys (and one it does not have), with values of every type and some in range
config_values = st.one_of(values, st.integers(-2, 10**9), st.floats(-1, 2),
                          st.sampled_from([1.0, 1e6, 0.5, "ray", "local"]),
                          st.lists(st.text(max_size=4), max_size=3),
                          st.dictionaries(st.sampled_from(["train", "test", "x y", "text", "title"]),
                                          st.one_of(st.floats(0, 1), st.text(max_size=6)), max_size=2))
sections = {name: st.dictionaries(st.sampled_from([*spec.get("properties", {}), "unknown"]), config_values, max_size=4)
            for name, spec in CONFIG["properties"].items()}
any_configs = st.one_of(values, st.fixed_dictionaries({}, optional={**{name: st.one_of(section, values)
                                                                       for name, section in sections.items()},
                                                                    "unknown": values}))
# mostly valid: the example's settings with one key of one section given another value (mostly in range)
EXAMPLE = {"card": {"version": "1.0.0", "pretty_name": "x", "license": "cc-by-4.0"},
           "output": {"splits": {"train": 1.0}}}
BY_TYPE = {"integer": st.integers(-2, 10**9), "number": st.floats(-1, 10**6, allow_nan=False),
           "string": st.text(max_size=8), "boolean": st.booleans(), "array": st.lists(st.text(max_size=6), max_size=3),
           "object": st.dictionaries(st.text(max_size=6), st.one_of(st.text(max_size=6), st.floats(0, 1)), max_size=2)}


def _of_its_type(spec: dict[str, object]) -> st.SearchStrategy[object]:
    kinds = spec.get("type", [])
    typed = [BY_TYPE[k] for k in ([kinds] if isinstance(kinds, str) else kinds) if k in BY_TYPE]  # type: ignore[union-attr]
    enum = [st.sampled_from(spec["enum"])] if isinstance(spec.get("enum"), list) else []
    return st.one_of(*typed, *enum, config_values)


one_changed = st.sampled_from([(name, key, value) for name, spec in CONFIG["properties"].items()
                               for key, value in spec.get("properties", {}).items()]).flatmap(
    lambda where: _of_its_type(where[2]).map(
        lambda value: {**EXAMPLE, where[0]: {**EXAMPLE.get(where[0], {}), where[1]: value}}))
configs = st.one_of(one_changed, one_changed, any_configs)  # two in three near the valid ones


@settings(max_examples=500, deadline=None)
@given(configs)
def test_fast_path_agrees_with_jsonschema_on_configs(config: object) -> None:
    """config.problems() asks jsonschema only when the compiled check finds the settings invalid."""
    assert is_valid(config, "config") == validator("config").is_valid(config)


def test_every_schema_is_a_valid_draft_2020_12_schema() -> None:
    """What load_schema no longer checks at run time (it would import jsonschema in every build's driver)."""
    names = sorted(p.name.removesuffix(".schema.json") for p in SCHEMA_DIR.glob("*.schema.json"))
    assert len(names) == 7
    for name in names:
        Draft202012Validator.check_schema(load_schema(name))


# what _looks_binary counted with a regex scan before it counted bytes in C: any text, lone surrogates included
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f]")
controls_text = st.text(st.one_of(st.characters(max_codepoint=0x40), st.characters(),
                                  st.sampled_from("\ud800\udfffé۔")), max_size=80)


@settings(max_examples=500, deadline=None)
@given(controls_text, st.integers(0, 3))
def test_a_text_looks_binary_as_a_regex_count_of_its_control_characters_says(text: str, repeat: int) -> None:
    sample = text * (1 + 40 * repeat)  # past BINARY_MIN_CONTROLS when it has a few
    controls = len(_CONTROL.findall(sample))
    expected = controls >= BINARY_MIN_CONTROLS and controls > BINARY_CONTROL_SHARE * len(sample)
    assert _looks_binary(sample) == expected
