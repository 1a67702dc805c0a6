"""The compiled fast path and jsonschema must agree on every document, valid or not."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st

from builder.schemas import is_valid, validator

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
