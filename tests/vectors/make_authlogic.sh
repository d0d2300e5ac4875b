#!/usr/bin/env bash
# Authlogic password vectors, made by Authlogic's own CryptoProviders::Sha512 and ::Sha512::V2
# (authlogic 6.5.0, lib/ at commit f2c01d453ec7f4ded078483e010f1673dc13d3c6 of
# binarylogic/authlogic), which need only Ruby's digest/sha2. Authlogic passes
# [password, password_salt] as the tokens; join_token is nil, stretches 20.
#
#     bash tests/vectors/make_authlogic.sh path/to/authlogic/lib > tests/vectors/authlogic.jsonl
#
# (the lib/ folder of the authlogic gem or of a checkout; the gem's other files are not loaded)
set -euo pipefail
exec ruby - "$@" <<'RUBY'
require "json"
$LOAD_PATH.unshift(ARGV.fetch(0))
require "authlogic/crypto_providers/sha512"

V1 = Authlogic::CryptoProviders::Sha512
V2 = Authlogic::CryptoProviders::Sha512::V2
SOURCE = "authlogic 6.5.0 (f2c01d4) Authlogic::CryptoProviders::%s.encrypt, Ruby #{RUBY_VERSION}"

[[V1, "authlogic", "Sha512"], [V2, "authlogic_v2", "Sha512::V2"]].each do |provider, scheme, name|
  source = format(SOURCE, name)
  cases = [
    ["hashcat", "Kx8h2PbX0o1Ua3oB7Yq4"],
    ["pässwort ✓", "ZcP_yM3-mB4vQ9wUe2sL"],
    ["", "emptypasswordsalt000"],
    ["Tr0ub4dor&3 correct horse battery staple " * 4, "q"],
  ]
  cases.each_with_index do |(password, salt), i|
    hash = provider.encrypt(password, salt)
    raise "no match" unless provider.matches?(hash, password, salt)
    puts JSON.generate({ scheme: scheme, password: password, hash: hash, salt: salt,
                         expect: true, source: source })
    next unless i.zero?
    raise "wrong password matched" if provider.matches?(hash, "wrong", salt)
    puts JSON.generate({ scheme: scheme, password: "wrong", hash: hash, salt: salt,
                         expect: false, source: source + " (negative: matches? is false)" })
  end
end
RUBY
