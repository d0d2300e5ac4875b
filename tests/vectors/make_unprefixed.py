"""Vectors for crypt hashes exported without their magic prefix: the real tools' vectors of
unixcrypt.jsonl (OpenSSL passwd, libxcrypt, htpasswd) and aix.jsonl (hashcat's m06300 module),
re-laid out with the prefix dropped, as such exports keep them. No hash is computed here.

    python tests/vectors/make_unprefixed.py > tests/vectors/unprefixed.jsonl
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
PREFIXES = {
    "md5_crypt": "$1$",
    "apr_md5_crypt": "$apr1$",
    "sha256_crypt": "$5$",
    "sha512_crypt": "$6$",
    "aix_smd5": "{smd5}",
}
for name in ("unixcrypt.jsonl", "aix.jsonl"):
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        vector = json.loads(line)
        prefix = PREFIXES.get(vector["scheme"])
        if prefix is None or not vector["hash"].startswith(prefix):
            continue
        vector["scheme"] += "_bare"
        vector["hash"] = vector["hash"][len(prefix) :]
        vector["source"] += f" (the {prefix} prefix dropped)"
        print(json.dumps(vector, ensure_ascii=False))
