"""The language's records (hashcompat.formula._record.Record) behave as the frozen, slotted
dataclasses they replace: compared against a dataclass of the same fields."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from hashcompat.formula._functions import Encoding, Out
from hashcompat.formula._layout.grammar import Literal, SaltField, SaltForm
from hashcompat.formula._tree import Call, Lit, Var


@dataclasses.dataclass(frozen=True, slots=True)
class Call2:
    name: str
    args: tuple[object, ...]
    power: int = 1


def test_a_record_compares_hashes_and_shows_as_a_dataclass() -> None:
    record = Call("md5", (Var("pass"), Lit(b"x")), 2)
    twin = Call2("md5", (Var("pass"), Lit(b"x")), 2)
    assert record == Call("md5", (Var("pass"), Lit(b"x")), 2)
    assert record != Call("md5", (Var("pass"), Lit(b"x")))
    assert hash(record) == hash(twin)
    assert repr(record).replace("Call(", "Call2(") == repr(twin)
    assert record.__match_args__ == twin.__match_args__
    assert Call("md5", (Var("pass"),)).power == 1
    assert Call(name="md5", args=()) == Call("md5", ())


def test_records_of_other_classes_differ() -> None:
    assert Var("a") != Lit(b"a")
    assert Var("a") != ("a",)
    assert Literal("x") != Var("x")
    assert Out(Encoding.HEX, 32) == Out(Encoding.HEX, 32)
    assert Out(Encoding.HEX) != Out(Encoding.HEX, 32)
    assert SaltField(SaltForm.TEXT) == SaltField(SaltForm.TEXT, None)
    assert len({Out(Encoding.HEX, 32), Out(Encoding.HEX, 32), Out(Encoding.B64)}) == 2


def test_a_record_is_frozen() -> None:
    node = Var("pass")
    with pytest.raises(dataclasses.FrozenInstanceError):
        node.name = "salt"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del node.name
    with pytest.raises(AttributeError):
        node.other = 1  # type: ignore[attr-defined]


def test_a_record_pickles_and_copies() -> None:
    record = Call("sha1", (Var("salt"), Lit(b"\x00")), 3)
    assert pickle.loads(pickle.dumps(record)) == record  # noqa: S301 - our own bytes
    assert copy.copy(record) == record
    assert copy.deepcopy(record) == record
