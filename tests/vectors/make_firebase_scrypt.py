"""Write firebase_scrypt.jsonl from the published example of Firebase's scrypt reference.

Source: README.md of https://github.com/firebase/scrypt (commit 36feb92, "Password Hashing"):
the sample project hash config, the exported account's salt and password hash, and the raw
password "user1password" that the reference utility turns into that hash. Nothing here is
computed: the values are transcribed, and the negatives change one input each.
"""

from __future__ import annotations

import json
from pathlib import Path

KEY = (
    "jxspr8Ki0RYycVU8zykbdLGjFQ3McFUH0uiiTvC8pVMXAn210wjLNmdZJzxUECKbm0QsEmYUSDzZvpjeJ9WmXA=="
)
CONFIG = f"""hash_config {{
  algorithm: SCRYPT,
  base64_signer_key: {KEY},
  base64_salt_separator: Bw==,
  rounds: 8,
  mem_cost: 14,
}}"""
SALT = "42xEC+ixf3L2lw=="
HASH = "lSrfV15cpx95/sZS2W9c9Kp6i/LVgQNDNC/qzrCnh1SAyZvqmZqAjTdn3aoItz+VHjoZilo78198JAdRuid5lQ=="
SOURCE = "github.com/firebase/scrypt README (36feb92), Password Hashing example"


def main() -> None:
    base = {"scheme": "firebase_scrypt", "hash": HASH, "salt": SALT, "pepper": CONFIG}
    lines = [
        {**base, "password": "user1password", "expect": True, "source": SOURCE},
        {**base, "password": "user1passwore", "expect": False, "source": SOURCE + " (negative)"},
        {
            **base,
            "salt": "42xEC+ixf3L2lA==",
            "password": "user1password",
            "expect": False,
            "source": SOURCE + " (another salt, negative)",
        },
        {
            **base,
            "pepper": CONFIG.replace("Bw==", "CA=="),
            "password": "user1password",
            "expect": False,
            "source": SOURCE + " (another salt separator, negative)",
        },
    ]
    out = Path(__file__).with_name("firebase_scrypt.jsonl")
    out.write_text("".join(json.dumps(v) + "\n" for v in lines), encoding="utf-8")


if __name__ == "__main__":
    main()
