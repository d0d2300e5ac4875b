"""Platform schemes that are plain compositions: one row each, a formula and a layout.

Each row names the platform, its formula in the custom-scheme language and where the salt
lives (in the hash string, per the layout, or in a column passed as ``salt=``). The known-answer
vectors of every row come from hashcat's test module for the platform's mode (``VECTORS``), run
by tests/test_platforms.py.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from hashcompat.formula.scheme import FormulaScheme, compile_formula, make_scheme

# FortiOS appends this constant to salt and password (published in hashcat's m07000 module).
_FORTIOS_MAGIC = "unhex('a388ba2e424cb04a537930c13107cc3fa1329029a9815b70')"


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    formula: str
    layout: str | None
    platforms: tuple[str, ...]
    aliases: tuple[str, ...] = ()
    self_describing: bool = False
    hashcat_mode: int | None = None  # where the row's vectors come from


ROWS = (
    Row(
        "mybb",
        "md5(md5($salt).md5($pass))",
        None,
        ("MyBB 1.2+", "Invision Power Board 2/3"),
        ("ipb", "ipb2", "ipb3", "invision"),
        hashcat_mode=2811,
    ),
    Row(
        "vbulletin",
        "md5(md5($pass).$salt)",
        None,
        ("vBulletin 3", "vBulletin 4"),
        ("vbulletin3", "vbulletin4"),
        hashcat_mode=2711,
    ),
    Row(
        "vbulletin5",
        "bcrypt(md5($pass))",
        None,
        ("vBulletin 5",),
        ("bcrypt_md5",),
        hashcat_mode=25600,
    ),
    Row(
        "smf",
        "sha1(lower($username).$pass)",
        None,
        ("SMF 1.1", "SMF 2.0"),
        ("simple_machines",),
        hashcat_mode=121,
    ),
    Row(
        "prestashop",
        "md5($pepper.$pass)",
        None,
        ("PrestaShop 1.5/1.6 (_COOKIE_KEY_)",),
        hashcat_mode=11000,
    ),
    Row(
        "opencart",
        "sha1($salt.sha1($salt.sha1($pass)))",
        None,
        ("OpenCart 1.5 to 3",),
        hashcat_mode=13900,
    ),
    Row(
        "woltlab_wbb3",
        "sha1($salt.sha1($salt.sha1($pass)))",
        None,
        ("WoltLab Burning Board 3",),
        ("wbb3",),
        hashcat_mode=8400,
    ),
    Row("redmine", "sha1($salt.sha1($pass))", None, ("Redmine",), hashcat_mode=4521),
    Row("punbb", "sha1($salt.sha1($pass))", None, ("PunBB",), hashcat_mode=4522),
    Row(
        "joomla_md5",
        "md5($pass.$salt)",
        "{hash}:{salt}",
        ("Joomla 1.5 to 2.5",),
        ("joomla15", "joomla25"),
        hashcat_mode=10,
    ),
    Row(
        "magento1",
        "md5($salt.$pass)",
        "{hash}:{salt}",
        ("Magento 1", "osCommerce", "xt:Commerce"),
        ("oscommerce", "xtcommerce"),
        hashcat_mode=20,
    ),
    Row(
        "rails_restful_auth",
        "sha1('--'.$salt.'--'.$pass.'--')",
        None,
        ("Ruby on Rails restful-authentication (no site key)",),
        hashcat_mode=27200,
    ),
    Row(
        "ldap_sha",
        "base64(sha1_raw($pass))",
        "{SHA}{hash}",
        ("OpenLDAP", "389 DS"),
        ("ldap_sha1", "{sha}"),
        True,
        101,
    ),
    Row(
        "ldap_salted_sha1",
        "sha1_raw($pass.$salt)",
        "{SSHA}{b64:hash+salt}",
        ("OpenLDAP", "389 DS", "Active Directory LDS"),
        ("ssha", "{ssha}"),
        True,
        111,
    ),
    Row(
        "ldap_salted_sha256",
        "sha256_raw($pass.$salt)",
        "{SSHA256}{b64:hash+salt}",
        ("OpenLDAP (pw-sha2)", "389 DS"),
        ("ssha256", "{ssha256}"),
        True,
        1411,
    ),
    Row(
        "ldap_salted_sha512",
        "sha512_raw($pass.$salt)",
        "{SSHA512}{b64:hash+salt}",
        ("OpenLDAP (pw-sha2)", "389 DS"),
        ("ssha512", "{ssha512}"),
        True,
        1711,
    ),
    Row(
        "episerver",
        "base64_nopad(sha1_raw($salt.utf16le($pass)))",
        "$episerver$*0*{salt:b64}*{hash}",
        ("EPiServer 6.x < .NET 4",),
        (),
        True,
        141,
    ),
    Row(
        "episerver_sha256",
        "base64_nopad(sha256_raw($salt.utf16le($pass)))",
        "$episerver$*1*{salt:b64}*{hash}",
        ("EPiServer 6.x >= .NET 4",),
        (),
        True,
        1441,
    ),
    Row("php_phps", "md5(md5($pass).$salt)", "$PHPS${salt:hex}${hash}", ("PHPS",), (), True, 2612),
    Row(
        "django_sha1",
        "sha1($salt.$pass)",
        "sha1${salt}${hash}",
        ("Django (SHA-1)",),
        ("django_salted_sha1", "django_unsalted_sha1"),
        True,
        124,
    ),
    Row(
        "django_md5",
        "md5($salt.$pass)",
        "md5${salt}${hash}",
        ("Django (salted MD5)",),
        ("md5_django", "django_salted_md5"),
        True,  # vectors: tests/vectors/django.jsonl
    ),
    Row(
        "authme_sha256",
        "sha256(sha256($pass).$salt)",
        "$SHA${salt}${hash}",
        ("AuthMe (Minecraft)",),
        (),
        True,
        20711,
    ),
    Row(
        "ntlm",
        "md4(utf16le($pass))",
        "{hash} | $NT${hash}",  # bare, or tagged as John the Ripper and pwdump tools write it
        ("Windows NT", "Samba", "Active Directory"),
        ("nt", "nthash"),
        hashcat_mode=1000,
    ),
    Row(
        "django_unsalted_md5",
        "md5($pass)",
        "{hash} | md5$${hash}",  # Django reads both: django_legacy.jsonl
        ("Django < 5.1 (UnsaltedMD5PasswordHasher)",),
    ),
    Row(
        "mysql41",
        "sha1(sha1_raw($pass))",
        "*{hash}",
        ("MySQL 4.1+ PASSWORD()", "MariaDB mysql_native_password"),
        ("mysql_native_password", "mysql_sha1"),
        True,  # vectors: tests/vectors/mysql.jsonl (John the Ripper)
    ),
    Row(
        "smf21",
        "bcrypt(lower($username).$pass)",
        None,
        ("SMF 2.1",),
        ("simple_machines21",),  # vectors: tests/vectors/php_platforms.jsonl
    ),
    Row(
        "xenforo1",
        "sha256(sha256($pass).$salt)",
        None,
        ("XenForo 1.x (Core authentication, sha256)",),
        ("xenforo",),
        hashcat_mode=20710,
    ),
    Row(
        "mediawiki_a",
        "md5($pass)",
        ":A:{hash}",
        ("MediaWiki < 1.24 (unsalted, $wgPasswordSalt = false)",),
        (),
        True,  # vectors: tests/vectors/mediawiki.jsonl
    ),
    Row(
        "mediawiki_b",
        "md5($salt.'-'.md5($pass))",
        ":B:{salt}:{hash}",
        ("MediaWiki < 1.24 (salted)",),
        ("mediawiki",),
        True,  # vectors: tests/vectors/mediawiki.jsonl
    ),
    Row(
        "hmailserver",
        "sha256($salt.$pass)",
        "{salt:6}{hash}",
        ("hMailServer",),
        hashcat_mode=1421,
    ),
    Row(
        "filezilla_server",
        "sha512($pass.$salt)",
        None,
        ("FileZilla Server >= 0.9.55",),
        hashcat_mode=15000,
    ),
    Row(
        "coldfusion10",
        "sha256($salt.upper(sha1($pass)))",
        None,
        ("Adobe ColdFusion 10+",),
        ("coldfusion",),
        hashcat_mode=12600,
    ),
    Row(
        "huawei_sha1",
        "sha1(md5($pass).$salt)",
        None,
        ("Huawei routers and switches (local-user)",),
        ("huawei",),
        hashcat_mode=4711,
    ),
    Row(
        "citrix_netscaler_sha512",
        "sha512($salt.$pass.'\\0')",
        "2{salt:8}{hash}",
        ("Citrix NetScaler / ADC 12+",),
        ("netscaler_sha512",),
        hashcat_mode=22200,
    ),
    Row(
        "citrix_netscaler_sha1",
        "sha1($salt.$pass.'\\0')",
        "1{salt:8}{hash}",
        ("Citrix NetScaler 10",),
        ("netscaler", "netscaler_sha1"),  # vectors: tests/vectors/picked.jsonl (John)
    ),
    Row(
        "fortigate",
        f"sha1_raw($salt.$pass.{_FORTIOS_MAGIC})",
        "AK1{b64:salt+hash}",
        ("Fortinet FortiGate (FortiOS)",),
        ("fortios",),
        True,
        7000,
    ),
    Row(
        "fortigate256",
        f"sha256_raw($salt.$pass.{_FORTIOS_MAGIC})",
        "SH2{b64:salt+hash}",
        ("Fortinet FortiGate (FortiOS 6.2+)",),
        ("fortios256",),
        True,
        26300,
    ),
    Row(
        "macos_xsha",
        "sha1($salt.$pass)",
        "{salt:hex}{hash}",
        ("Mac OS X 10.4 to 10.6",),
        ("xsha",),  # vectors: tests/vectors/picked.jsonl (John)
    ),
    Row(
        "macos_xsha512",
        "sha512($salt.$pass)",
        "{salt:hex}{hash}",
        ("Mac OS X 10.7",),
        ("xsha512",),
        hashcat_mode=1722,
    ),
    Row(
        "mongodb_cr",
        "md5($username.':mongo:'.$pass)",
        None,
        ("MongoDB < 3.0 (MONGODB-CR)",),
        ("mongodb",),  # vectors: tests/vectors/picked.jsonl (John)
    ),
)


def row_scheme(row: Row) -> FormulaScheme:
    scheme = make_scheme(
        compile_formula(row.formula, row.layout),
        name=row.name,
        aliases=row.aliases,
        platforms=row.platforms,
        summary=f"{row.platforms[0]}: {row.formula}",
    )
    if row.self_describing:
        scheme = FormulaScheme(replace(scheme.info, self_describing=True), scheme.formula)
    return scheme


SCHEMES = tuple(row_scheme(row) for row in ROWS)
