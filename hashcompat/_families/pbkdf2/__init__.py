"""Every PBKDF2 string format, one family: how each platform writes PBKDF2's pieces.

- strings: formats no maintained library parses (defuse/hashcat colon form, web2py, macOS
  ``$ml$``, Azure AD Connect, Dovecot ``{PBKDF2}``, MediaWiki), each a parser over hashlib;
- phc: the PHC string ``$pbkdf2-<digest>$i=,l=$salt$key`` (Kratos, Auth0, RustCrypto), which
  hashcompat writes and conversion/export produce;
- passlib_forms: passlib's ``$pbkdf2-*$``, ``{PKCS5S2}``, ``$p5k2$`` and GRUB, through the one
  libpass adapter.

The hashlib-computed ones derive through ``_families.kdf.capped_pbkdf2``, as do the platform
credential formats that wrap PBKDF2 in their own container (Django, ASP.NET Identity, Keycloak,
Werkzeug, SCRAM, Oracle 12c, DCC2, AIX), which stay in their platform's module.
"""

from __future__ import annotations

from hashcompat._families.pbkdf2 import passlib_forms, phc, strings

SCHEMES = (*strings.SCHEMES, *phc.SCHEMES, *passlib_forms.SCHEMES)
