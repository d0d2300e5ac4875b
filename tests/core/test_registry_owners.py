"""Registry.owners (verify's lookup) gives exactly the self-describing schemes that
Registry.matches (identify's) gives, on every vector line, its mutations and random strings,
in a loaded registry and in a lazy one whose families are still stubs."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from hashcompat.registry import Registry, registry
from tests._support.vectors import CHARS, mutations, vector_lines


def _owners(found: list) -> list[str]:  # type: ignore[type-arg]
    return [entry.name for entry, _ in found if not entry.rank[0]]


def _same(reg: Registry, text: str) -> None:
    owners = reg.owners(text)
    matches = reg.matches(text)
    assert _owners(owners) == _owners(matches), text[:40]
    assert bool(owners) == bool(matches), text[:40]


def test_owners_agree_with_matches_on_vectors_and_mutations() -> None:
    fresh = Registry()  # lazy: stubs until a string needs a module
    for line in vector_lines():
        for text in mutations(line):
            _same(fresh, text)
            _same(registry, text)
            _same(fresh, text)  # again, now that its memos are filled


@settings(max_examples=300, deadline=None)
@given(st.text(CHARS, max_size=140))
def test_owners_agree_with_matches_on_random_strings(text: str) -> None:
    _same(registry, text)
    _same(registry, text)
