"""Syntax tree to one Python closure, built once per formula.

Each node becomes a function of the environment (password, salt, user name, pepper, and the
previous value inside ``repeat``); nothing is interpreted at verify time. Alongside the
closure the compiler works out what the formula yields (:class:`Out`), which inputs it reads,
and how many digest operations one evaluation costs, so caps are checked before any work.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable
from enum import Enum
from typing import Any, Final

from hashcompat._primitives import PHP_TRIM_BYTES, utf16le
from hashcompat.errors import FormulaSyntaxError
from hashcompat.formula._functions import DIGESTS, Encoding, Out, split_name
from hashcompat.formula._tree import Call, Concat, Lit, Node, Num, Var

__all__ = ["ENV_INDEX", "Compiled", "Env", "Slow", "compile_tree"]

Env = tuple[bytes, bytes, bytes, bytes, bytes]  # pass, salt, username, pepper, prev
Fn = Callable[[Env], bytes]
ENV_INDEX = {"pass": 0, "salt": 1, "username": 2, "pepper": 3, "prev": 4}


class Slow(Enum):
    """A deliberate work factor in a formula."""

    PBKDF2 = "pbkdf2"
    BCRYPT = "bcrypt"  # bcrypt(x): the scheme, not the closure, does the bcrypt check


class Compiled:
    """A compiled expression: ``run(env)`` gives its bytes.

    Equal and hashed by its fields, its attributes final, as the frozen dataclass it was: a
    plain class because this module loads on the cold path of the first formula verify, where
    defining a frozen dataclass cost about 0.7 ms (a named tuple, 0.1 ms); mypyc compiles it to
    a native class."""

    __slots__ = ("cost", "inputs", "out", "run", "slow")

    def __init__(
        self, run: Fn, out: Out, inputs: frozenset[str], cost: int, slow: Slow | None = None
    ) -> None:
        self.run: Final = run
        self.out: Final = out
        self.inputs: Final = inputs  # of "pass", "salt", "username", "pepper"
        self.cost: Final = cost  # digest operations per evaluation, for the iteration cap
        self.slow: Final = slow

    def _fields(self) -> tuple[Fn, Out, frozenset[str], int, Slow | None]:
        return (self.run, self.out, self.inputs, self.cost, self.slow)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Compiled):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Compiled(run={self.run!r}, out={self.out!r}, inputs={self.inputs!r}, "
            f"cost={self.cost!r}, slow={self.slow!r})"
        )


def _unhex(data: bytes) -> bytes:
    try:
        return binascii.unhexlify(data)
    except (binascii.Error, ValueError):
        return b""  # not hex: no password can match through it


def _unbase64(data: bytes) -> bytes:
    try:
        return base64.b64decode(data + b"=" * (-len(data) % 4))
    except (binascii.Error, ValueError):
        return b""


def _b64len(n: int | None, pad: bool) -> int | None:
    if n is None:
        return None
    return 4 * ((n + 2) // 3) if pad else (4 * n + 2) // 3


_TRANSFORMS: dict[str, Callable[[bytes], bytes]] = {
    "upper": bytes.upper,  # ASCII only, as PHP 8's strtoupper
    "lower": bytes.lower,
    "trim": lambda d: d.strip(PHP_TRIM_BYTES),
    "utf16le": utf16le,
    "hex": binascii.hexlify,
    "unhex": _unhex,
    "base64": base64.b64encode,
    "base64_nopad": lambda d: base64.b64encode(d).rstrip(b"="),
    "unbase64": _unbase64,
}


def _transform_out(name: str, arg: Out) -> Out:
    n = arg.length
    if name == "upper":
        return Out(Encoding.HEX_UPPER, n) if arg.encoding.hexadecimal else Out(Encoding.TEXT)
    if name == "lower":
        return Out(Encoding.HEX, n) if arg.encoding.hexadecimal else Out(Encoding.TEXT)
    if name == "hex":
        return Out(Encoding.HEX, None if n is None else 2 * n)
    if name == "unhex":
        return Out(Encoding.RAW, None if n is None else n // 2)
    if name in ("base64", "base64_nopad"):
        return Out(Encoding.B64, _b64len(n, name == "base64"))
    return Out(Encoding.RAW) if name == "utf16le" else Out(Encoding.TEXT)


def _reader(index: int) -> Fn:
    return lambda env: env[index]


_HASHLIB = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512"})


def _hex_step(digest: str, function: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    """The lowercase hex of a digest as bytes; straight from hashlib's constructor where it
    has one (one call instead of two on every evaluation)."""
    if digest in _HASHLIB:
        constructor = getattr(hashlib, digest)
        return lambda data: constructor(data).hexdigest().encode("ascii")
    return lambda data: function(data).hex().encode("ascii")


class _Compiler:
    def __init__(self, text: str) -> None:
        self.text = text
        self.inputs: set[str] = set()
        self.slow: Slow | None = None
        # one reader per env slot, so a parent node can tell a plain input and read it itself
        self._reads: tuple[Fn, ...] = tuple(_reader(i) for i in range(5))
        self._slot = {id(fn): i for i, fn in enumerate(self._reads)}
        self._pairs: dict[int, tuple[Fn, int, int]] = {}  # $a.$b closures: (closure, a, b)
        # hex digests of one input, md5($salt): (closure, hashlib constructor, slot)
        self._hexed: dict[int, tuple[Fn, Callable[[bytes], Any], int]] = {}

    def fail(self, message: str) -> FormulaSyntaxError:
        return FormulaSyntaxError(message, self.text, 0)

    def node(self, node: Node, *, in_repeat: bool = False) -> tuple[Fn, Out, int]:
        if isinstance(node, Var):
            if node.name == "prev" and not in_repeat:
                raise self.fail("$prev is only defined inside repeat(N, seed, step)")
            if node.name != "prev":
                self.inputs.add(node.name)
            index = ENV_INDEX[node.name]
            read = self._reads[index]
            return read, Out(Encoding.TEXT), 0
        if isinstance(node, Lit):
            value = node.value
            return (lambda env: value), Out(Encoding.TEXT, len(value)), 0
        if isinstance(node, Concat):
            parts = [self.node(p, in_repeat=in_repeat) for p in node.parts]
            fns = tuple(f for f, _, _ in parts)
            cost = sum(c for _, _, c in parts)
            if len(fns) == 2:  # the common $salt.$pass: no list, no join
                return self.pair(*fns), Out(Encoding.TEXT), cost
            return (lambda env: b"".join([f(env) for f in fns])), Out(Encoding.TEXT), cost
        if isinstance(node, Num):
            raise self.fail("a number cannot be hashed; quote it as a string")
        return self.call(node, in_repeat)

    def pair(self, first: Fn, second: Fn) -> Fn:
        """``first . second`` in one closure that reads inputs and hex digests of inputs
        (``$salt.md5($pass)``, ``md5($salt).md5($pass)``) itself, not through theirs."""
        i, j = self._slot.get(id(first)), self._slot.get(id(second))
        if i is not None and j is not None:  # two inputs: read the env directly
            both: Fn = lambda env: env[i] + env[j]  # noqa: E731
            self._pairs[id(both)] = (both, i, j)
            return both
        a, b = self._hex_of(first), self._hex_of(second)
        if a is not None and b is not None:
            (f, m), (g, n) = a, b
            return lambda env: f(env[m]).hexdigest().encode() + g(env[n]).hexdigest().encode()
        if i is not None and b is not None:
            g, n = b
            return lambda env: env[i] + g(env[n]).hexdigest().encode()
        if a is not None and j is not None:
            f, m = a
            return lambda env: f(env[m]).hexdigest().encode() + env[j]
        return lambda env: first(env) + second(env)

    def _hex_of(self, fn: Fn) -> tuple[Callable[[bytes], Any], int] | None:
        """(constructor, slot) when ``fn`` is the hex digest of one input, else None."""
        found = self._hexed.get(id(fn))
        if found is None or found[0] is not fn:  # an id reused by another closure
            return None
        return found[1], found[2]

    def call(self, node: Call, in_repeat: bool) -> tuple[Fn, Out, int]:
        name = node.name
        if name == "bcrypt":
            raise self.fail("bcrypt() must be the outermost function of a formula")
        if name == "repeat":
            return self.repeat(node, in_repeat)
        if name == "substr":
            return self.substr(node, in_repeat)
        family, digest, raw = split_name(name)
        if family == "hmac":
            return self.hmac(node, digest, raw, in_repeat)
        if family == "pbkdf2":
            return self.pbkdf2(node, digest, raw, in_repeat)
        inner, arg_out, cost = self.node(node.args[0], in_repeat=in_repeat)
        if name not in _TRANSFORMS:
            return self.digest(node, inner, digest, raw, cost)
        out = _transform_out(name, arg_out)
        return self.power(_TRANSFORMS[name], inner, node.power), out, cost

    def digest(
        self, node: Call, inner: Fn, digest: str, raw: bool, cost: int
    ) -> tuple[Fn, Out, int]:
        function, size = DIGESTS[digest]
        out = Out(Encoding.RAW, size) if raw else Out(Encoding.HEX, 2 * size)
        if node.power == 1 and digest in _HASHLIB:  # one closure calling hashlib directly
            return self.fused(getattr(hashlib, digest), raw, inner), out, cost + 1
        step = function if raw else _hex_step(digest, function)
        return self.power(step, inner, node.power), out, cost + node.power

    def fused(self, constructor: Callable[[bytes], Any], raw: bool, inner: Fn) -> Fn:
        """md5($pass), sha1($pass.$salt), md5(x): the digest of a plain input or pair of
        inputs read from the env directly, or of ``inner``, in one closure."""
        slot = self._slot.get(id(inner))
        pair = self._pairs.get(id(inner))
        if pair is not None and pair[0] is not inner:
            pair = None  # an id reused by another closure
        if raw:
            if slot is not None:
                return lambda env: constructor(env[slot]).digest()
            if pair is not None:
                _, i, j = pair
                return lambda env: constructor(env[i] + env[j]).digest()
            return lambda env: constructor(inner(env)).digest()
        if slot is not None:
            hexed: Fn = lambda env: constructor(env[slot]).hexdigest().encode()  # noqa: E731
            self._hexed[id(hexed)] = (hexed, constructor, slot)
            return hexed
        if pair is not None:
            _, i, j = pair
            return lambda env: constructor(env[i] + env[j]).hexdigest().encode("ascii")
        return lambda env: constructor(inner(env)).hexdigest().encode("ascii")

    @staticmethod
    def power(step: Callable[[bytes], bytes], inner: Fn, times: int) -> Fn:
        if times == 1:
            return lambda env: step(inner(env))

        def repeated(env: Env) -> bytes:
            value = inner(env)
            for _ in range(times):
                value = step(value)
            return value

        return repeated

    def repeat(self, node: Call, in_repeat: bool) -> tuple[Fn, Out, int]:
        count = node.args[0]
        assert isinstance(count, Num)  # noqa: S101 - the parser guarantees it
        times = count.value
        seed, _, seed_cost = self.node(node.args[1], in_repeat=in_repeat)
        step, out, step_cost = self.node(node.args[2], in_repeat=True)

        def repeated(env: Env) -> bytes:
            value = seed(env)
            head = env[:4]
            for _ in range(times):
                value = step((*head, value))
            return value

        return repeated, out, seed_cost + times * max(step_cost, 1)

    def substr(self, node: Call, in_repeat: bool) -> tuple[Fn, Out, int]:
        inner, out, cost = self.node(node.args[0], in_repeat=in_repeat)
        start, length = (a.value for a in node.args[1:] if isinstance(a, Num))
        end = start + length
        size = None if out.length is None else max(0, min(end, out.length) - start)
        kind = (
            out.encoding
            if out.encoding.hexadecimal or out.encoding is Encoding.B64
            else Encoding.TEXT
        )
        return (lambda env: inner(env)[start:end]), Out(kind, size), cost

    def hmac(self, node: Call, digest: str, raw: bool, in_repeat: bool) -> tuple[Fn, Out, int]:
        key, _, key_cost = self.node(node.args[0], in_repeat=in_repeat)
        msg, _, msg_cost = self.node(node.args[1], in_repeat=in_repeat)
        size = DIGESTS[digest][1]
        name = digest

        def mac(env: Env) -> bytes:
            value = hmac.new(key(env), msg(env), name).digest()
            return value if raw else value.hex().encode("ascii")

        out = Out(Encoding.RAW, size) if raw else Out(Encoding.HEX, 2 * size)
        return mac, out, key_cost + msg_cost + 2

    def pbkdf2(self, node: Call, digest: str, raw: bool, in_repeat: bool) -> tuple[Fn, Out, int]:
        password, _, p_cost = self.node(node.args[0], in_repeat=in_repeat)
        salt, _, s_cost = self.node(node.args[1], in_repeat=in_repeat)
        numbers = [a.value for a in node.args[2:] if isinstance(a, Num)]
        rounds = numbers[0]
        size = numbers[1] if len(numbers) > 1 else DIGESTS[digest][1]
        if rounds < 1 or not 1 <= size <= 1024:
            raise self.fail("pbkdf2 needs at least 1 iteration and a length of 1..1024 bytes")
        self.slow = self.slow or Slow.PBKDF2

        def derive(env: Env) -> bytes:
            value = hashlib.pbkdf2_hmac(digest, password(env), salt(env), rounds, size)
            return value if raw else value.hex().encode("ascii")

        out = Out(Encoding.RAW, size) if raw else Out(Encoding.HEX, 2 * size)
        return derive, out, p_cost + s_cost + rounds


def compile_tree(tree: Node, text: str) -> Compiled:
    """Compile ``tree``; ``text`` is only for error messages. ``bcrypt(x)`` compiles ``x`` and
    is marked slow: the scheme, not the closure, does the bcrypt check."""
    compiler = _Compiler(text)
    if isinstance(tree, Call) and tree.name == "bcrypt":
        run, _, cost = compiler.node(tree.args[0])
        return Compiled(
            run, Out(Encoding.BCRYPT, 60), frozenset(compiler.inputs), cost, Slow.BCRYPT
        )
    run, out, cost = compiler.node(tree)
    return Compiled(run, out, frozenset(compiler.inputs), cost, compiler.slow)
