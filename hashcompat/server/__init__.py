"""The just-in-time migration hook server (``hashcompat serve``, extra ``hashcompat[server]``).

Identity platforms call it at a user's first sign-in with the typed password; it checks that
password against the legacy hash through :mod:`hashcompat.migrate` and answers in each
platform's own contract. Nothing here is imported by ``import hashcompat``; the web framework
is imported only by :mod:`hashcompat.server._app`, so :mod:`hashcompat.server._core` also serves
the Cognito Lambda handler in :mod:`hashcompat.contrib.cognito`.
"""
