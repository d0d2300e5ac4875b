"""The one ranking of schemes that can claim the same string.

``identify`` lists self-describing schemes first (their string names them), then the others
in the order of this table: the more common reading of a shared format comes first (md5
before the other 32-hex digests, phpass before Drupal's upgraded form, ...). It is a table
rather than an accident of import order, because families are imported lazily, in whatever
order the strings arrive. A scheme not listed here (a plugin, a formula registered at run
time) ranks after every listed one, in registration order.

The comments name the family each group came from; rows moved to their format family since
(issue 12) keep their place, since the order, not the module, is what ranks.

tests/core/test_index.py checks that every built-in scheme is listed.
"""

from __future__ import annotations

__all__ = ["RANKING", "position"]

RANKING: tuple[str, ...] = (
    # digests
    "md5",
    "sha1",
    "sha256",
    "sha512",
    "sha224",
    "sha384",
    "sha3_224",
    "sha3_256",
    "sha3_384",
    "sha3_512",
    "ripemd160",
    "md4",
    # the pre-standard Keccak shares SHA-3's lengths; FIPS 202 and SHA-2 are the common readings
    "keccak_256",
    "keccak_224",
    "keccak_384",
    "keccak_512",
    # phpass
    "phpass",
    "drupal7",
    "drupal7_upgraded",
    # bcrypt
    "bcrypt",
    "wordpress_bcrypt",
    "drupal10",
    # argon2
    "argon2",
    # plaintext
    "plaintext",
    # wrapped
    "wrapped",
    # sunset
    "hashcompat_locked",
    "hashcompat_purged",
    # platforms
    "mybb",
    "vbulletin",
    "vbulletin5",
    "smf",
    "prestashop",
    "opencart",
    "woltlab_wbb3",
    "redmine",
    "punbb",
    "joomla_md5",
    "magento1",
    "rails_restful_auth",
    "ldap_sha",
    "ldap_salted_sha1",
    "ldap_salted_sha256",
    "ldap_salted_sha512",
    "episerver",
    "episerver_sha256",
    "php_phps",
    "django_sha1",  # this and django_md5: rows of _families/django.toml
    "django_md5",
    "authme_sha256",
    "ntlm",
    "django_unsalted_md5",
    "mysql41",
    "smf21",
    "xenforo1",
    "mediawiki_a",
    "mediawiki_b",
    "hmailserver",
    "filezilla_server",
    "coldfusion10",
    "huawei_sha1",
    "citrix_netscaler_sha512",
    "citrix_netscaler_sha1",
    "fortigate",
    "fortigate256",
    # a longer hex string is xsha512's 128 hex after a salt before xsha's 40 after a longer one
    "macos_xsha512",
    "macos_xsha",
    "mongodb_cr",
    # 64 hex, a colon and 256 characters of salt: nothing else stores a 128-byte salt so
    "windows_phone_pin",
    # unixcrypt
    "md5_crypt",
    "apr_md5_crypt",
    "md5_crypt_bare",
    "apr_md5_crypt_bare",
    "aix_smd5_bare",
    "sha256_crypt_bare",
    "sha512_crypt_bare",
    "sha256_crypt",
    "sha512_crypt",
    "des_crypt",
    "bsdi_crypt",
    # django
    "django_pbkdf2_sha256",
    "django_pbkdf2_sha1",
    "django_scrypt",
    "django_bcrypt_sha256",
    "django_bcrypt",
    "django_argon2",
    # libpass rows, formerly all in delegated: the PBKDF2 ones (pbkdf2_*, atlassian, cta, dlitz,
    # grub) now live in _families/pbkdf2, the django_* ones in _families/django
    "pbkdf2_sha1",
    "pbkdf2_sha256",
    "pbkdf2_sha512",
    "bcrypt_sha256",
    "scram",
    "scrypt",
    "atlassian_pbkdf2_sha1",
    "cta_pbkdf2_sha1",
    "dlitz_pbkdf2_sha1",
    "fshp",
    "grub_pbkdf2_sha512",
    "django_des_crypt",
    "django_disabled",
    "unix_disabled",
    "cisco_type8",
    "cisco_type9",
    "perl_scryptkdf",
    "htdigest",
    "roundup_plaintext",
    "sha1_crypt",
    "bigcrypt",
    "crypt16",
    # pbkdf2 (string forms over hashlib)
    "pbkdf2_colon",
    "web2py_pbkdf2",
    "macos_pbkdf2",
    "azure_ad_sync",
    "dovecot_pbkdf2",
    "mediawiki_pbkdf2",
    # xcrypt
    "yescrypt",
    "gost_yescrypt",
    "crypt_scrypt",
    "sun_md5_crypt",
    "bsd_nthash",
    # databases
    "mysql323",
    # 16 characters of hex are far likelier MySQL's OLD_PASSWORD or Oracle 7-10g's password
    # (upper-case hex, the user name its salt) than a PIX/ASA string, whose 64-character
    # alphabet rarely gives only hex digits
    "oracle10",
    "cisco_pix",
    "cisco_asa",
    # Cisco's type 7 is a reversible encoding (two digits, then hex pairs): a hex string with a
    # digit prefix is far likelier one of the digests above than a device's obfuscated secret
    "cisco_type7",
    "postgres_md5",
    "mssql2000",
    "mssql2005",
    "oracle11",
    "lmhash",
    "msdcc",
    "msdcc2",
    "msdcc2_hex",
    "mysql_caching_sha2",
    "postgres_scram_sha256",
    "mssql2012",
    "oracle12c",
    # ldap
    "ldap_md5",
    "ldap_salted_md5",
    "ldap_hex_md5",
    "ldap_hex_sha1",
    "ldap_sha256",
    "ldap_sha384",
    "ldap_sha512",
    "ldap_salted_sha384",
    "ldap_des_crypt",
    "ldap_bigcrypt",
    "ldap_bsdi_crypt",
    "ldap_md5_crypt",
    "ldap_sha1_crypt",
    "ldap_sha256_crypt",
    "ldap_sha512_crypt",
    "ldap_bcrypt",
    "ldap_pbkdf2_sha1",
    "ldap_pbkdf2_sha256",
    "ldap_pbkdf2_sha512",
    "ldap_argon2",
    "ldap_cleartext",
    "ldap_plaintext",
    # dovecot
    "dovecot_md5_crypt",
    "dovecot_sha256_crypt",
    "dovecot_sha512_crypt",
    "dovecot_des_crypt",
    "dovecot_blf_crypt",
    "dovecot_argon2",
    "dovecot_plain",
    "dovecot_plain_md5",
    "dovecot_plain_md4",
    "dovecot_ldap_md5",
    "dovecot_sha1",
    "dovecot_scram_sha1",
    "dovecot_scram_sha256",
    "dovecot_digest_md5",
    "dovecot_cram_md5",
    # magento2
    "magento2",
    # webapps
    "woltlab_wcf2",
    "werkzeug",
    "devise",
    "authlogic",
    "authlogic_v2",
    "discourse",
    "aspnet_membership",
    # aspnet
    "aspnet_identity_v2",
    "aspnet_identity_v3",
    # aix
    "aix_smd5",
    "aix_ssha1",
    "aix_ssha256",
    "aix_ssha512",
    "nextcloud",
    "joomla_sha256",
    # keycloak
    "keycloak_pbkdf2_sha512",
    "keycloak_pbkdf2_sha256",
    "keycloak_argon2",
    # pbkdf2 (the PHC string)
    "phc_pbkdf2",
    # firebase (never identified: named by the Firebase export reader)
    "firebase_scrypt",
    # appliances: Orion's string names itself; 8 letters and digits say little, so Dahua's
    # folded MD5 comes last
    "solarwinds_orion",
    "dahua_md5",
)

_POSITION = {name: i for i, name in enumerate(RANKING)}


def position(name: str) -> int:
    """Where ``name`` stands in the table; ``len(RANKING)`` for a scheme not listed."""
    return _POSITION.get(name, len(RANKING))
