"""Platforms that take no password hashes in bulk: every row goes to the just-in-time path.

Amazon Cognito's ImportUsers CSV has no password column (users must reset); its user migration
Lambda trigger verifies the old password at sign-in. Microsoft Entra ID and Azure AD B2C create
users through Microsoft Graph with a password, never a hash; B2C's just-in-time migration calls
a REST API from a custom policy. Both hooks can call hashcompat (docs/hooks.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hashcompat._conversion import Convertible
from hashcompat.dump import Row
from hashcompat.errors import TargetRefusedError as Refused
from hashcompat.export._base import Decision


@dataclass(frozen=True, slots=True)
class JustInTime:
    name: str
    jit: str
    note: str

    def decide(self, row: Row, scheme: str, params: Convertible) -> Decision:
        raise Refused(f"{self.name} takes no password hashes in bulk")

    def write(self, payloads: Sequence[tuple[Row, Decision]], out: Path) -> list[Path]:
        return []


COGNITO = JustInTime(
    "cognito",
    "Cognito user migration Lambda trigger (see docs/hooks.md)",
    "Cognito imports no password hashes: create the users, and verify old passwords in the "
    "user migration Lambda trigger.",
)
ENTRA = JustInTime(
    "entra",
    "Azure AD B2C custom policy REST technical profile / Entra ID custom authentication "
    "extension (see docs/hooks.md)",
    "Entra ID and Azure AD B2C import no password hashes: migrate just in time.",
)
