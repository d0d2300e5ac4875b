#!/bin/sh
# Regenerate hashcat.jsonl and modes.json from a hashcat checkout.
#
#   sh make_hashcat_vectors.sh /path/to/hashcat [commit]
#
# The checkout needs tools/test_modules/ and src/modules/.  Perl deps (Debian):
#   apt-get install -y libauthen-passphrase-perl libcrypt-pbkdf2-perl \
#     libdigest-sha3-perl libcrypt-unixcrypt-xs-perl libcrypt-ecb-perl \
#     libcrypt-cbc-perl libnet-dns-sec-perl libtext-iconv-perl libcryptx-perl \
#     libdigest-perl-md5-perl libdigest-hmac-perl libdigest-md4-perl \
#     libjson-perl libcrypt-eksblowfish-perl libdata-types-perl \
#     libcrypt-rijndael-perl libcrypt-des-perl php-cli   (php: m11900 shells out to it)
set -eu
HC=${1:?usage: $0 HASHCAT_DIR [COMMIT]}
COMMIT=${2:-$(git -C "$HC" rev-parse HEAD 2>/dev/null || echo unknown)}
HERE=$(cd "$(dirname "$0")" && pwd)

MODES="0 10 20 30 40 50 60 100 110 120 130 140 150 160 1400 1410 1420 1430 1440 1450 1460
1700 1710 1720 1730 1740 1750 1760 2600 2611 2711 2811 3500 3610 3710 3800 3910 4010 4110
4300 4400 4500 4510 4520 4521 4522 4700 4710 4711 4800 4900 18500 20710 20711 20720 20800
20900 21000 21100 21200 21300 21400 22200 22300 24300 30500 32410 25600 25800 28400 30600
900 1000 3000 5100 10800 11000 11100 12600 17300 17400 17500 17600 17700 17800 17900 18000
400 500 1500 1600 1800 7400 111 101 1411 1711 3200 8400 2612 121 124 131 132 1731 112 3100
12300 2100 1100 21500 2400 2410 5500 5600 10000 10900 12001 20200 20300 20400 6300 6400
6500 6700 6900 7900 11300 12100 13900 15000 16500 22400 23100 24900 25000 1300 6000 7300
12800 11900 12000 12700 13500 21600 7000 7200 7100 141 1421 1722 1441 8300 13800 26300
16600 16700 2000 27200 12400 16400 23400 11200 2500 22000"

exec perl "$HERE/make_hashcat_vectors.pl" "$HC" "$COMMIT" \
  "$HERE/hashcat.jsonl" "$HERE/modes.json" $MODES
