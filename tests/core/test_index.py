"""The identification index gives exactly what a full match of every pattern gives, in the
ranking table's order; the generated lazy-loading table is current; the ranking table lists
every built-in scheme."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hashcompat import _gen_index
from hashcompat._idkey import Alphabet, Key, region
from hashcompat._index import Entry, Index
from hashcompat._ranking import RANKING, position
from hashcompat._registry import Registry, registry
from hashcompat.scheme import Scheme
from tests._support.vectors import CHARS, VECTORS, mutations, vector_lines

_CACHE: dict[int, tuple[tuple[Scheme, ...], dict[str, int]]] = {}


def _all() -> tuple[tuple[Scheme, ...], dict[str, int]]:
    """Every scheme (other tests may have registered formulas) and its registration order."""
    generation = registry.generation
    if generation not in _CACHE:
        schemes = tuple(registry)
        _CACHE.clear()
        _CACHE[registry.generation] = (schemes, {s.info.name: i for i, s in enumerate(schemes)})
    return _CACHE[registry.generation]


def brute(text: str) -> list[str]:
    """Every scheme whose pattern fully matches, self-describing first, then the table."""
    schemes, order = _all()
    found = [s for s in schemes if s.info.matches(text)]
    found.sort(
        key=lambda s: (not s.info.self_describing, position(s.info.name), order[s.info.name])
    )
    return [s.info.name for s in found]


def test_every_vector_line_and_its_mutations_match_the_brute_force() -> None:
    fresh = Registry()  # lazy: imports only the modules the strings need
    for line in vector_lines():
        for text in mutations(line):
            expected = brute(text)
            assert registry.identify_names(text) == expected, text[:40]
            builtin = [n for n in expected if registry.module_of(n) is not None]
            assert fresh.identify_names(text) == builtin, text[:40]


def test_verify_lookup_keeps_the_self_describing_matches() -> None:
    """verify=True may leave out formats that are not self-describing once a self-describing
    one matched by its head: never a self-describing one."""
    fresh = Registry()
    for line in vector_lines():
        for text in mutations(line):
            for reg in (registry, fresh):
                every = reg.matches(text)
                owners = reg.matches(text, verify=True)
                assert [e.name for e, _ in owners if not e.rank[0]] == [
                    e.name for e, _ in every if not e.rank[0]
                ], text[:40]
                assert bool(owners) == bool(every), text[:40]


@settings(max_examples=400, deadline=None)
@given(st.text(CHARS, max_size=140))
def test_random_strings_match_the_brute_force(text: str) -> None:
    assert registry.identify_names(text) == brute(text)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_vectors_match_the_brute_force(data: st.DataObject) -> None:
    line = data.draw(st.sampled_from(vector_lines()))
    start = data.draw(st.integers(0, len(line)))
    end = data.draw(st.integers(start, len(line)))
    middle = data.draw(st.text(CHARS, max_size=6))
    text = line[:start] + middle + line[end:]
    assert registry.identify_names(text) == brute(text)


def test_the_index_holds_runtime_schemes_and_removes_them() -> None:
    index = Index()
    key = Key("$x$", Alphabet.HEX, 7, 7)
    index.add(Entry("x", (0, 0, 0), (key,), lambda t: t == "$x$abcd"))
    assert [e.name for e, _ in index.lookup("$x$abcd")] == ["x"]
    index.remove("x")
    assert index.lookup("$x$abcd") == []


def test_an_exact_key_decides_without_its_matcher() -> None:
    index = Index()
    index.add(Entry("hex4", (1, 0, 0), (Key.fixed(Alphabet.HEX, 4, exact=True),), str.isupper))
    index.add(Entry("c64", (1, 1, 0), (Key.fixed(Alphabet.CRYPT, 4),), lambda t: "." in t))
    assert [(e.name, r) for e, r in index.lookup("ab12")] == [("hex4", True)]
    assert [e.name for e, _ in index.lookup("ab.2")] == ["c64"]
    assert index.lookup("ab12c") == []


def test_an_entry_with_two_keys_that_fit_is_found_once() -> None:
    index = Index()
    keys = (Key.fixed(Alphabet.HEX, 4), Key("", Alphabet.CRYPT, 4, 8), Key("ab"), Key("a"))
    index.add(Entry("two", (1, 0, 0), keys, lambda t: True))
    assert [e.name for e, _ in index.lookup("ab12")] == ["two"]


def test_regions_are_narrowest_first() -> None:
    texts = ("", "09af", "09afz", "ab+/", "a.+", "a:b")
    assert [int(region(t)) for t in texts] == [0, 0, 1, 2, 3, 3]
    assert Key.fixed(Alphabet.HEX, 32).regions() == (Alphabet.HEX,)
    assert Key("", Alphabet.TEXT, 33, start=Alphabet.HEX, marks=":").regions() == (Alphabet.TEXT,)


def test_the_ranking_table_lists_every_builtin_scheme() -> None:
    missing = [s.info.name for s in _all()[0] if registry.module_of(s.info.name) is not None]
    missing = [n for n in missing if n not in RANKING]
    assert not missing, f"add {missing} to hashcompat/_ranking.py where they should rank"
    assert len(set(RANKING)) == len(RANKING)


def test_the_generated_table_is_current() -> None:
    target = Path(_gen_index.TARGET)
    assert target.read_text(encoding="utf-8") == _gen_index.render(), (
        "run: python -m hashcompat._gen_index"
    )


def test_the_generated_formula_rows_are_current() -> None:
    target = Path(_gen_index.ROWS_TARGET)
    assert target.read_text(encoding="utf-8") == _gen_index.render_rows(), (
        "run: python -m hashcompat._gen_index"
    )


def _fresh(code: str) -> str:
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return run.stdout.strip()


def test_a_phpass_verify_imports_only_the_phpass_module() -> None:
    code = (
        "import sys, hashcompat; "
        "hashcompat.verify('pw', '$P$9IQRaTwmfeRo7ud9Fh4E2PdI0S3r.L0'); "
        "print(sorted(m for m in sys.modules if m.startswith('hashcompat._families.')))"
    )
    assert _fresh(code) == "['hashcompat._families.phpass']"


def test_an_ssha_verify_and_a_named_md5_import_one_module_each() -> None:
    code = (
        "import sys, hashcompat; "
        "hashcompat.verify('pw', '{SSHA}aGxsbGxsbGxsbGxsbGxsbGxsbGxhYmNk'); "
        "hashcompat.verify('pw', '5f4dcc3b5aa765d61d8327deb882cf99', scheme='md5'); "
        "print(sorted(m for m in sys.modules if m.startswith('hashcompat._families.')))"
    )
    out = _fresh(code)
    assert "hashcompat._families.digests" in out
    assert "hashcompat._families.delegated" not in out
    assert "hashcompat._families.ldap" not in out


def test_an_ssha_verify_compiles_only_its_own_platform_row() -> None:
    code = (
        "import sys, hashcompat; "
        "from hashcompat._families import platforms; "
        "hashcompat.verify('pw', '{SSHA}aGxsbGxsbGxsbGxsbGxsbGxsbGxhYmNk'); "
        "print(sorted(platforms._built), 'tomllib' in sys.modules)"
    )
    assert _fresh(code) == "['ldap_salted_sha1'] False"


def test_platform_rows_loaded_alone_then_all_are_one_object_each() -> None:
    from hashcompat._families import platforms

    fresh = Registry()
    alone = fresh.get("ssha")
    assert fresh.identify_names("5f4dcc3b5aa765d61d8327deb882cf99")  # loads rows one by one
    everything = {s.info.name: s for s in fresh}  # then the whole catalogue
    assert everything["ldap_salted_sha1"] is alone
    assert [everything[r.name] for r in platforms.ROWS] == list(platforms.SCHEMES)
    assert len(everything) == len({s.info.name for s in Registry()})


# Self-describing formats whose own platform parser accepts some altered strings, with why.
# Every other self-describing vector, truncated, extended or given a character outside its
# alphabet, must no longer be identified as its scheme.
_VARIABLE = {"trunc4", "ext4"}  # a whole base-64 quantum less or more: a longer/shorter field
_ANY_TEXT = {"trunc1", "trunc4", "ext1", "ext4", "bad_end", "bad_mid"}
ACCEPTED_BY_THE_PLATFORM = {
    # the argon2 tag and salt may have any length (argon2's encoded form, PHC string format)
    "argon2": {"trunc1", "trunc4", "ext1", "ext4"},
    "ldap_argon2": {"trunc1", "trunc4", "ext1", "ext4"},
    "dovecot_argon2": {"trunc1", "trunc4", "ext1", "ext4"},
    "nextcloud": {"trunc1", "trunc4", "ext1", "ext4"},  # its 2| and 3| rows are argon2
    # Joomla's salt is whatever follows the ':' (UserHelper::verifyPassword explodes on it)
    "joomla_sha256": {"trunc1", "trunc4", "ext1", "ext4", "bad_end"},
    # Django's identify_hasher reads only the text before the first "$"
    "django_argon2": _ANY_TEXT,
    "django_pbkdf2_sha1": {"bad_mid"},  # Django's salt is any text but "$"
    "magento2": {"trunc1", "trunc4", "bad_mid"},  # free-text salt, numeric version fields
    # plain text behind a tag: every string is a password
    "dovecot_plain": _ANY_TEXT,
    "ldap_cleartext": _ANY_TEXT,
    "roundup_plaintext": _ANY_TEXT,
    # the key length is the stored digest's length (PBKDF2 string formats)
    "fshp": {"trunc1", "trunc4"},
    "mediawiki_pbkdf2": {"trunc1", "trunc4"},
    "pbkdf2_colon": {"trunc1", "trunc4", "ext1", "ext4"},
    "web2py_pbkdf2": {"trunc1", "trunc4"},
    "werkzeug": {"trunc1", "trunc4"},
    "perl_scryptkdf": {"trunc4", "ext4"},  # the key is as long as the caller asked
    "macos_pbkdf2": {"ext1", "ext4"},
    "scram": {"trunc1", "trunc4", "ext1", "ext4"},
    "aspnet_identity_v3": _VARIABLE,
    "phc_pbkdf2": {"trunc1", "trunc4", "ext1", "ext4"},
    # a Keycloak credential is JSON: a character inside one of its strings still parses
    "keycloak_argon2": {"bad_mid"},
    "keycloak_pbkdf2_sha256": {"bad_mid"},
    "keycloak_pbkdf2_sha512": {"bad_mid"},  # subkey length follows from the decoded size
    # salt of any length after the digest (OpenLDAP: more than the digest's bytes)
    "ldap_salted_md5": _VARIABLE,
    "ldap_salted_sha1": _VARIABLE,
    "ldap_salted_sha256": _VARIABLE,
    "ldap_salted_sha384": _VARIABLE,
    "ldap_salted_sha512": _VARIABLE,
}


def _altered(text: str) -> dict[str, str]:
    middle = len(text) // 2
    return {
        "trunc1": text[:-1],
        "trunc4": text[:-4],
        "ext1": text + "A",
        "ext4": text + "AAAA",
        "bad_end": text[:-1] + "!",
        "bad_mid": text[:middle] + "!" + text[middle + 1 :],
    }


def test_altered_self_describing_vectors_are_not_identified() -> None:
    from tests._support.vectors import load_jsonl

    wrong: set[tuple[str, str]] = set()
    for path in sorted(VECTORS.glob("*.jsonl")):
        for vector in load_jsonl(path):
            if vector.get("expect") is not True or "scheme" not in vector:
                continue
            scheme = registry.get(str(vector["scheme"]))
            if not scheme.info.self_describing:
                continue
            name = scheme.info.name
            for kind, text in _altered(str(vector["hash"])).items():
                allowed = ACCEPTED_BY_THE_PLATFORM.get(name, set())
                if kind not in allowed and name in registry.identify_names(text):
                    wrong.add((name, kind))
    assert not wrong


def test_ssha_needs_a_digest_and_a_salt_byte() -> None:
    import base64

    for size in range(0, 30):
        text = "{SSHA}" + base64.b64encode(bytes(range(size))).decode()
        assert ("ldap_salted_sha1" in registry.identify_names(text)) is (size >= 21), size


def test_can_hash_is_what_each_scheme_can_do() -> None:
    """The catalogue's can_hash is derived at register(): whether the scheme has a writer.
    No built-in states it in its own record (the registry would not read it)."""
    import hashcompat
    from hashcompat.scheme import can_hash

    reported = {i.name: i.can_hash for i in hashcompat.schemes()}
    for scheme in registry:
        name = scheme.info.name
        assert reported[name] is can_hash(scheme) is (scheme.writer is not None), name
        if registry.module_of(name) is not None:  # a built-in, not a test's plugin
            assert scheme.info.can_hash is False, f"{name} declares can_hash"
    assert reported["django_disabled"] is False
    with pytest.raises(hashcompat.InvalidArgumentError, match="verify but not hash"):
        hashcompat.hash("pw", "django_disabled")


def test_lookups_in_threads_while_families_load_and_formulas_register() -> None:
    import threading

    fresh = Registry()
    strings = list(vector_lines())[:400]
    expected = {text: [n for n in brute(text) if registry.module_of(n)] for text in strings}
    errors: list[BaseException] = []

    def look() -> None:
        try:
            for text in strings:
                assert fresh.identify_names(text)[: len(expected[text])] == expected[text]
        except BaseException as exc:
            errors.append(exc)

    from hashcompat.formula._scheme import compile_formula, make_scheme

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for i in range(40):
        fresh.register(make_scheme(compile_formula("md5($pass.$salt)", f"$t{i}${{salt}}${{hash}}")))
    for thread in threads:
        thread.join()
    assert not errors
