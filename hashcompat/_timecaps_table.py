"""Made by ``python -m benchmarks.cost_caps --write``: see hashcompat/timecaps.py."""

# scheme -> parameter -> the cost one verify may ask for; '*' for any other scheme
MEASURED: dict[str, dict[str, int]] = {
    "*": {
        "cost": 12,
        "iterations": 450000,
        "log2_rounds": 19,
        "memory (KiB)": 230000,
        "rounds": 240000,
        "work (KiB x t)": 250000,
        "work (KiB)": 91000,
    },
    "argon2": {"work (KiB x t)": 250000},
    "bcrypt": {"cost": 12},
    "bcrypt_sha256": {"cost": 12},
    "bsdi_crypt": {"rounds": 2900000},
    "crypt_scrypt": {"work (KiB)": 91000},
    "django_pbkdf2_sha1": {"iterations": 1500000},
    "django_pbkdf2_sha256": {"iterations": 1400000},
    "drupal7": {"log2_rounds": 19},
    "pbkdf2_sha512": {"iterations": 730000},
    "phpass": {"log2_rounds": 19},
    "scram": {"iterations": 1400000},
    "sha1_crypt": {"iterations": 450000},
    "sha256_crypt": {"rounds": 1000000, "rounds, Python": 420000},
    "sha512_crypt": {"rounds": 540000, "rounds, Python": 310000},
    "sun_md5_crypt": {"rounds": 240000},
    "yescrypt": {"memory (KiB)": 230000},
}
BUDGET_S = 1.25
