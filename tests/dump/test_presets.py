"""Platform presets as data: every preset loads and binds its prefix, and the reading rules turn
rows shaped like the platform's own into hashes that verify (known-answer vectors from
tests/vectors, each naming the platform code that made it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import hashcompat
from hashcompat.cli import main
from hashcompat.dump import Columns, Malformed, Row
from hashcompat.dump._presets import preset, presets
from tests._support.vectors import VECTORS, load_jsonl


def _vector(scheme: str) -> dict[str, object]:
    for path in sorted(VECTORS.glob("*.jsonl")):
        for v in load_jsonl(path):
            if v.get("scheme") == scheme and v.get("expect") and v.get("password"):
                return v
    raise AssertionError(f"no vector for {scheme}")


def test_at_least_twenty_presets_bind_their_prefix() -> None:
    found = presets()
    assert len(found) >= 20
    for item in found.values():
        bound = item.bind("site7_")
        assert "{prefix}" not in bound.table + (bound.where or "")
        assert bound.columns["hash"] and bound.columns["id"]
    assert preset("wordpress").bind("blog_").table == "blog_users"
    assert preset("WooCommerce").name == "wordpress"
    with pytest.raises(hashcompat.HashcompatError, match="hashcompat presets"):
        preset("nope")
    with pytest.raises(hashcompat.HashcompatError, match="prefix"):
        preset("wordpress").bind("x; DROP TABLE")


def _read(name: str, hash: str, **other: object) -> Row | Malformed:
    bound = preset(name).bind()
    columns = bound.dump_columns(qualified=False)
    row = Row(
        1,
        1,
        hash,
        salt=other.pop("salt", None),
        username=other.pop("username", None),
        scheme=other.pop("scheme", None),
        other=tuple(other.items()),
    )
    return bound.reader(columns, bound.profile(qualified=False))(row)


@pytest.mark.parametrize(
    ("name", "scheme"),
    [
        ("wordpress", "md5"),
        ("phpbb3", "md5"),
        ("joomla", "md5"),
        ("moodle", "md5"),
    ],
)
def test_shapes_read_a_bare_digest_as_the_platform_does(name: str, scheme: str) -> None:
    v = _vector(scheme)
    row = _read(
        name,
        str(v["hash"]),
        salt=v.get("salt"),
        username=v.get("username"),
        user_email="a@example.com",
    )
    assert isinstance(row, Row) and row.scheme == scheme
    assert hashcompat.verify(
        str(v["password"]),
        row.hash,
        scheme=row.scheme,
        salt=row.salt,
        username=row.username,
        pepper=v.get("pepper"),
    )  # type: ignore[arg-type]


def test_wordpress_bare_md5_is_not_ambiguous_and_email_is_filled() -> None:
    row = _read(
        "wordpress",
        "5f4dcc3b5aa765d61d8327deb882cf99",
        user_email="a@example.com",
        user_login="ann",
        display_name="Ann",
    )
    assert isinstance(row, Row) and row.scheme == "md5"
    assert (row.field("email"), row.field("login"), row.field("name")) == (
        "a@example.com",
        "ann",
        "Ann",
    )


def test_discourse_password_algorithm() -> None:
    v = _vector("discourse")
    row = _read("discourse", str(v["hash"]), salt=v["salt"], scheme="$pbkdf2-sha256$i=64000,l=32$")
    assert isinstance(row, Row) and row.scheme == "discourse"
    assert hashcompat.verify(str(v["password"]), row.hash, scheme=row.scheme, salt=row.salt)


def test_xenforo_serialized_data_and_keycloak_json() -> None:
    bcrypt_hash = "$2y$10$GbEPbCgXkN8AwWx7F3aNf.2JT0BO89aTOPz5sX7iLPPcXhR9cH8Hy"  # "password"
    data = f'a:1:{{s:4:"hash";s:{len(bcrypt_hash)}:"{bcrypt_hash}";}}'
    row = _read("xenforo", data, scheme="XF:Core12")
    assert isinstance(row, Row) and row.scheme == "bcrypt" and row.hash == bcrypt_hash
    assert hashcompat.verify("password", row.hash, scheme=row.scheme)
    bad = _read("xenforo", 'a:1:{s:4:"hash";O:8:"stdClass":0:{}}', scheme="XF:Core12")
    assert isinstance(bad, Malformed) and "hash" not in bad.reason.replace("the data", "")[:0]
    v = _vector("keycloak_pbkdf2_sha256")
    stored = json.loads(str(v["hash"]))
    row = _read(
        "keycloak", stored["secretData"], type="password", credential_data=stored["credentialData"]
    )
    assert isinstance(row, Row)
    assert hashcompat.verify(str(v["password"]), row.hash)


def test_presets_command_lists_them(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["presets", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {"wordpress", "drupal", "magento2", "phpbb3", "django", "keycloak"} <= {
        p["name"] for p in listed
    }
    assert all(p["reads"] and p["schema"] for p in listed)


def test_profile_columns_without_a_preset(tmp_path: Path) -> None:
    from hashcompat.dump._platform import open_source
    from hashcompat.dump._profilecols import Profile

    path = tmp_path / "u.csv"
    path.write_text(
        "id,hash,mail,full\n1,$2y$04$abcdefghijklmnopqrstuuK2E1BOXqPt8o4wnhCUvH8yL4.8OG6,a@x.org,Ann\n"
    )
    with open_source(path, profile=Profile(email="mail", name="full")) as source:
        (row,) = list(source)
    assert isinstance(row, Row) and row.field("email") == "a@x.org" and row.field("name") == "Ann"
    assert Columns().hash is None


# -- every preset's reading rules against known answers -------------------------------------------
# (preset, where the vectors are, and how a vector's fields land in the platform's columns:
# "salt" -> the preset's salt column, "username" -> its user-name column, "pepper" -> the
# site's pepper given at verify time). hashcat's rows are test_modules output (tests/vectors/
# hashcat/README.md); the others name the platform code that made them.

HASHCAT = VECTORS / "hashcat" / "hashcat.jsonl"


def _hashcat(mode: int) -> list[dict[str, object]]:
    return [v for v in load_jsonl(HASHCAT) if v["mode"] == mode]


def _scheme(scheme: str, source: str = "") -> list[dict[str, object]]:
    return [
        v
        for path in sorted(VECTORS.glob("*.jsonl"))
        for v in load_jsonl(path)
        if v.get("scheme") == scheme and source in str(v.get("source", ""))
    ]


def _joined(vector: dict[str, object]) -> dict[str, object]:
    """hashcat's hash:salt line as a platform keeps it in one column."""
    return {**vector, "hash": f"{vector['hash']}:{vector['salt']}", "salt": None}


TABLE = [
    ("wordpress", lambda: _scheme("phpass", "WordPress") + _scheme("md5", "WordPress"), {}),
    ("drupal7", lambda: _scheme("drupal7", "Drupal"), {}),
    ("drupal", lambda: _scheme("drupal10", "Drupal") + _scheme("drupal7", "Drupal"), {}),
    ("joomla", lambda: [_joined(v) for v in _hashcat(10)] + _scheme("joomla_sha256"), {}),
    ("magento1", lambda: [_joined(v) for v in _hashcat(20)], {}),
    ("magento2", lambda: _scheme("magento2"), {}),
    ("prestashop", lambda: _hashcat(11000), {"salt": "pepper"}),
    ("opencart", lambda: _hashcat(13900), {"salt": "salt"}),
    ("oscommerce", lambda: [_joined(v) for v in _hashcat(20)], {}),
    ("phpbb3", lambda: _scheme("phpass", "phpBB") + _scheme("bcrypt", "PHP"), {}),
    ("mybb", lambda: _hashcat(2811), {"salt": "salt"}),
    ("smf", lambda: _hashcat(121), {"salt": "username"}),
    ("vbulletin", lambda: _hashcat(2611) + _hashcat(2711), {"salt": "salt"}),
    ("invision", lambda: _hashcat(2811), {"salt": "salt"}),
    ("moodle", lambda: _scheme("bcrypt", "PHP") + _scheme("md5", "WordPress"), {}),
    ("mediawiki", lambda: _scheme("mediawiki_b") + _scheme("mediawiki_pbkdf2"), {}),
    ("nextcloud", lambda: _scheme("nextcloud"), {}),
    ("django", lambda: _scheme("django_pbkdf2_sha256") + _scheme("django_sha1"), {}),
    ("laravel", lambda: _scheme("bcrypt", "PHP"), {}),
    ("devise", lambda: _scheme("devise"), {}),
    ("supabase", lambda: _hashcat(3200), {}),
    ("gitlab", lambda: _hashcat(3200), {}),
    ("ghost", lambda: _hashcat(3200), {}),
    ("mastodon", lambda: _hashcat(3200), {}),
    ("gitea", lambda: load_jsonl(VECTORS / "gitea.jsonl"), {"scheme": "gitea_spec"}),
    ("discourse", lambda: _scheme("discourse"), {"scheme": "=$pbkdf2-sha256$i=64000,l=32$"}),
]


@pytest.mark.parametrize(("name", "pick", "fields"), TABLE, ids=[t[0] for t in TABLE])
def test_preset_reads_known_answers(name: str, pick: object, fields: dict[str, str]) -> None:
    found = pick()  # type: ignore[operator]
    assert found, f"no vectors for {name}"
    checked = 0
    for v in found:
        salt = v.get("salt")
        values = {"salt": None, "username": None, "pepper": v.get("pepper")}
        if salt is not None:
            values[fields.get("salt", "salt")] = str(salt)
        if v.get("username") is not None:
            values["username"] = str(v["username"])
        named = fields.get("scheme")
        scheme = None if named is None else named[1:] if named[0] == "=" else str(v[named])
        row = _read(
            name, str(v["hash"]), salt=values["salt"], username=values["username"], scheme=scheme
        )
        assert isinstance(row, Row), (name, row)
        ok = hashcompat.verify(
            str(v["password"]),
            row.hash,
            scheme=row.scheme,
            salt=row.salt,
            username=row.username,
            pepper=values["pepper"],
        )
        assert ok is bool(v["expect"]), (name, v.get("source"), v["password"])
        checked += 1
    assert checked >= 2


def test_check_from_a_platform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``check --from``: WordPress's bare MD5 needs no --scheme; PrestaShop's pepper comes from
    --pepper-env (hashcat 11000 vectors: the salt there is the site's _COOKIE_KEY_)."""
    sample = tmp_path / "wp.jsonl"
    rows = [v for v in _scheme("md5", "WordPress") if v["expect"]]
    sample.write_text(
        "".join(
            json.dumps({"password": v["password"], "user_pass": v["hash"]}) + "\n" for v in rows * 3
        )
    )
    assert (
        main(["check", str(sample), "--from", "wordpress", "--min-pairs", "2", "--format", "json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["scheme"] == "md5"
    key = [v for v in _hashcat(11000) if v["expect"]]
    same = [v for v in key if v["salt"] == key[0]["salt"]]
    shop = tmp_path / "shop.csv"
    shop.write_text("password,hash\n" + "".join(f"{v['password']},{v['hash']}\n" for v in same))
    monkeypatch.setenv("SHOP_COOKIE_KEY", str(same[0]["salt"]))
    assert (
        main(
            [
                "check",
                str(shop),
                "--from",
                "prestashop",
                "--pepper-env",
                "SHOP_COOKIE_KEY",
                "--min-pairs",
                "1",
                "--format",
                "json",
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["scheme"] == "prestashop" and str(same[0]["salt"]) not in json.dumps(report)


def test_python_api_platform_on_a_csv_export_of_the_table(tmp_path: Path) -> None:
    """``platform=`` in analyze and export over a CSV export of wp_users (the platform's own
    column names; no flag names a column)."""
    from hashcompat.bulk._api import analyze
    from hashcompat.export import export

    rows = [v for v in _scheme("md5", "WordPress") + _scheme("phpass", "WordPress") if v["expect"]]
    path = tmp_path / "wp_users.csv"
    lines = ["ID,user_login,user_pass,user_email,display_name"]
    lines += [f"{i},u{i},{v['hash']},u{i}@example.com,User {i}" for i, v in enumerate(rows, 1)]
    path.write_text("\n".join(lines) + "\n")
    report = analyze(path, platform="wordpress", measure_cost=False)
    assert report.to_dict()["plan"]["reset"] == 0
    plain = analyze(path, measure_cost=False)  # without the preset a bare MD5 is ambiguous
    assert plain.to_dict()["plan"]["reset"] > 0
    result = export(path, "kratos", tmp_path / "out", platform="wordpress")
    assert result.total == len(rows)
    leftovers = (tmp_path / "out" / "kratos-not-imported.jsonl").read_text()
    assert "user_pass" not in leftovers


def test_the_docs_list_every_preset() -> None:
    page = (Path(__file__).parents[2] / "docs" / "presets.md").read_text(encoding="utf-8")
    missing = [name for name in presets() if f"| `{name}` |" not in page]
    assert not missing, f"docs/presets.md lacks {missing}"
