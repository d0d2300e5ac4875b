"""Ready stores for :func:`hashcompat.migrate.login`."""
