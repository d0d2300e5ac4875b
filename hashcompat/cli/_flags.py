"""Library messages name Python parameters (``table=``, ``columns.hash``); the command line
names its flags. An error lists the parameters its message mentions, so only those are
rewritten, never a word that happens to look like one."""

from __future__ import annotations

__all__ = ["FLAGS", "as_flags"]

FLAGS = {
    "table=": "--table",
    "where=": "--where",
    "columns.id": "--id-column",
    "columns.hash": "--hash-column",
    "columns.scheme": "--scheme-column",
    "columns.salt": "--salt-column",
    "columns.username": "--username-column",
    "output=": "--output",
    "wrap=": "--wrap",
    "force=True": "--force",
    "dry_run=True": "--dry-run",
    "reset_list=": "--reset-list",
    "migrated_column=": "--migrated-column",
    "prefix=": "--prefix",
    "platform=": "--from",
    "mode=": "--mode",
    "profile=": "--profile",
    "config=": "--config",
    "checkpoint=": "--checkpoint",
    "insecure_dev=True": "--insecure-dev",
}


def as_flags(exc: BaseException) -> str:
    """The message of ``exc`` with the parameters it names written as the CLI's flags."""
    text = str(exc)
    for name in getattr(exc, "parameters", ()):
        flag = FLAGS.get(name)
        if flag is not None:
            text = text.replace(name, flag)
    return text
