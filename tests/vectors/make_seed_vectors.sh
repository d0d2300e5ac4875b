#!/bin/sh
# Regenerates tests/vectors/seed.jsonl from the platforms' own PHP code.
#
#   tests/vectors/make_seed_vectors.sh WP_GIT DRUPAL7_GIT DRUPAL_CORE_GIT PHPBB_GIT [--with-2x] > tests/vectors/seed.jsonl
#
# Each argument is a git directory (a clone or a bare mirror) of:
#   WP_GIT           github.com/johnpbloch/wordpress-core  (WordPress release mirror; tag 6.8.3)
#   DRUPAL7_GIT      github.com/pantheon-systems/drops-7     (Drupal 7 release mirror; tag 7.103)
#   DRUPAL_CORE_GIT  github.com/drupal/core                  (Drupal core subtree split; tag 11.4.5)
#   PHPBB_GIT        github.com/phpbb/phpbb                   (tag release-3.3.15)
# The refs can be changed with WP_REF, D7_REF, DCORE_REF, PHPBB_REF.
# Needs PHP 8.2 CLI (Debian bookworm: apt-get install php-cli) with Argon2 in password_hash().
# Only the few platform files listed below are copied, into a temporary directory outside the
# repository; make_seed_vectors.php requires them from there. Salts are random, so every run
# writes different hashes; every "expect" is what the platform's check function returned.
set -eu
[ $# -ge 4 ] || { echo "usage: $0 WP_GIT DRUPAL7_GIT DRUPAL_CORE_GIT PHPBB_GIT [--with-2x]" >&2; exit 2; }
WP_REF=${WP_REF:-6.8.3}
D7_REF=${D7_REF:-7.103}
DCORE_REF=${DCORE_REF:-11.4.5}
PHPBB_REF=${PHPBB_REF:-release-3.3.15}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# take GIT_DIR REF DEST_ROOT PATH...: copies each PATH at REF under DEST_ROOT.
take() {
  g=$1; ref=$2; dest=$3; shift 3
  for f in "$@"; do
    mkdir -p "$dest/$(dirname "$f")"
    git --git-dir="$g" show "$ref:$f" > "$dest/$f"
  done
}
commit() { git --git-dir="$1" rev-parse "$2^{commit}"; }
gitdir() { if [ -d "$1/.git" ]; then echo "$1/.git"; else echo "$1"; fi; }
WP_GIT=$(gitdir "$1"); D7_GIT=$(gitdir "$2"); DCORE_GIT=$(gitdir "$3"); PHPBB_GIT=$(gitdir "$4")
shift 4  # the rest goes to make_seed_vectors.php

take "$WP_GIT" "$WP_REF" "$tmp/wordpress" \
  wp-includes/pluggable.php wp-includes/class-phpass.php wp-includes/version.php
take "$D7_GIT" "$D7_REF" "$tmp/drupal7" includes/password.inc includes/bootstrap.inc
take "$DCORE_GIT" "$DCORE_REF" "$tmp/drupal-core" \
  lib/Drupal.php \
  lib/Drupal/Core/Password/PasswordInterface.php \
  lib/Drupal/Core/Password/PhpPassword.php \
  lib/Drupal/Core/Password/PhpassHashedPasswordBase.php \
  modules/phpass/src/Password/PhpassHashedPassword.php
d=phpBB/phpbb/passwords/driver
take "$PHPBB_GIT" "$PHPBB_REF" "$tmp/phpbb" phpBB/includes/constants.php \
  $d/driver_interface.php $d/rehashable_driver_interface.php $d/base.php $d/helper.php \
  $d/salted_md5.php $d/phpass.php $d/sha1.php

HC_WP_REF="johnpbloch/wordpress-core $WP_REF $(commit "$WP_GIT" "$WP_REF")" \
HC_D7_REF="pantheon-systems/drops-7 $D7_REF $(commit "$D7_GIT" "$D7_REF")" \
HC_DCORE_REF="drupal/core $DCORE_REF $(commit "$DCORE_GIT" "$DCORE_REF")" \
HC_PHPBB_REF="phpbb/phpbb $PHPBB_REF $(commit "$PHPBB_GIT" "$PHPBB_REF")" \
  php "$here/make_seed_vectors.php" \
    --wordpress="$tmp/wordpress" --drupal7="$tmp/drupal7" \
    --drupal-core="$tmp/drupal-core" --phpbb="$tmp/phpbb/phpBB" "$@"
