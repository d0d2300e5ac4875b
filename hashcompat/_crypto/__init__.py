"""Algorithms that both the formula language and the families compute with, below both: MD4
(hashlib, or a pure-Python fallback where OpenSSL 3 hides it), bcrypt as PHP reads it, and the
system's libxcrypt through ctypes. Each submodule is imported on its own, when a scheme needs it.
"""
