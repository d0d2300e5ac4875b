"""Arrow arrays and scalars from Python and numpy values, and numpy arrays from Arrow ones,
built from their buffers.

pyarrow imports pandas the first time it converts a Python or numpy value (``pa.array``,
``pa.scalar``, a ``str`` passed to a compute function, ``Array.to_numpy``): 45 MiB and about
0.2 s of CPU, a quarter of the columnar analyze's whole cost at 100,000 rows. The columnar path
only ever needs flat values (strings, int64, booleans), so it builds them here and never pays
for pandas; tests/bulk/test_bulk_columnar.py checks that an analyze leaves pandas unimported.
"""

from __future__ import annotations

from typing import Any

__all__ = ["bools", "ints", "text", "texts_array", "to_bool", "to_ints"]


def texts_array(values: list[str]) -> Any:
    """A pyarrow string array of ``values``."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    data = [v.encode("utf-8") for v in values]
    offsets = np.zeros(len(data) + 1, dtype=np.int32)
    np.cumsum([len(d) for d in data], out=offsets[1:])
    buffers = [None, pa.py_buffer(offsets), pa.py_buffer(b"".join(data))]
    return pa.Array.from_buffers(pa.string(), len(data), buffers)


def text(value: str) -> Any:
    """A pyarrow string scalar."""
    return texts_array([value])[0]


def ints(values: Any) -> Any:
    """A pyarrow int64 array of a numpy array or a list of ints (row positions, lengths)."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    array = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(array), [None, pa.py_buffer(array)])


def bools(mask: Any) -> Any:
    """A pyarrow boolean array of a numpy mask."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used
    import pyarrow as pa  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    bits = np.packbits(np.asarray(mask, dtype=bool), bitorder="little")
    return pa.Array.from_buffers(pa.bool_(), len(mask), [None, pa.py_buffer(bits)])


def to_bool(array: Any) -> Any:
    """A writable numpy mask of a pyarrow boolean array; null is False."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    size, start = len(array), array.offset
    validity, values = array.buffers()[:2]
    if values is None:  # a null array
        return np.zeros(size, dtype=bool)
    out = np.unpackbits(np.frombuffer(values, dtype=np.uint8), bitorder="little")
    mask = out[start : start + size].astype(bool)
    if validity is not None:
        valid = np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")
        mask &= valid[start : start + size].astype(bool)
    return mask


def to_ints(array: Any) -> Any:
    """A numpy view of a pyarrow integer array without nulls (dictionary indices)."""
    import numpy as np  # noqa: PLC0415 - lazy: an optional extra, imported where it is used

    kind = np.dtype(f"<i{array.type.bit_width // 8}")
    return np.frombuffer(array.buffers()[1], dtype=kind)[array.offset : array.offset + len(array)]
