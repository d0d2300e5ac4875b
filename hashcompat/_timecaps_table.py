"""Made by ``python -m benchmarks.cost_caps --write``: see hashcompat/_timecaps.py."""

# scheme -> parameter -> the cost one verify may ask for; '*' for any other scheme
MEASURED: dict[str, dict[str, int]] = {
    "*": {
        "cost": 14,
        "iterations": 1300000,
        "log2_rounds": 20,
        "rounds": 700000,
        "work (KiB x t)": 820000,
        "work (KiB)": 310000,
    },
    "argon2": {"work (KiB x t)": 820000},
    "bcrypt": {"cost": 14},
    "bcrypt_sha256": {"cost": 14},
    "bsdi_crypt": {"rounds": 8400000},
    "crypt_scrypt": {"work (KiB)": 310000},
    "django_pbkdf2_sha1": {"iterations": 3800000},
    "django_pbkdf2_sha256": {"iterations": 3900000},
    "drupal7": {"log2_rounds": 20},
    "pbkdf2_sha512": {"iterations": 1600000},
    "phpass": {"log2_rounds": 20},
    "scram": {"iterations": 3900000},
    "sha1_crypt": {"iterations": 1300000},
    "sha256_crypt": {"rounds": 2300000, "rounds, Python": 1100000},
    "sha512_crypt": {"rounds": 1700000, "rounds, Python": 920000},
    "sun_md5_crypt": {"rounds": 700000},
    "yescrypt": {"work (KiB)": 790000},
}
BUDGET_S = 1.25
