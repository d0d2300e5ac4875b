"""Rehash on login: verify the legacy hash, replace it with a modern one.

```python
from hashcompat.migrate import Migrator, login
from hashcompat.migrate.stores.sqlalchemy import SQLAlchemyStore

migrator = Migrator(allowed=frozenset({"phpass", "wordpress_bcrypt"}))
result = login(migrator, SQLAlchemyStore(engine), user_id, password)
```
"""

from __future__ import annotations

from hashcompat.migrate._allowlist import SchemePolicy
from hashcompat.migrate._login import Credential, LoginResult, Store, login
from hashcompat.migrate._policy import Event, EventKind, Migrator
from hashcompat.migrate._wrap import wrap

__all__ = [
    "Credential",
    "Event",
    "EventKind",
    "LoginResult",
    "Migrator",
    "SchemePolicy",
    "Store",
    "login",
    "wrap",
]
