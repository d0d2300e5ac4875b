#!/usr/bin/env bash
# Discourse password vectors: Discourse's own Pbkdf2.hash_password (lib/pbkdf2.rb, an HMAC loop
# over OpenSSL::HMAC) with Discourse's settings: sha256, 64000 iterations (config/application.rb;
# the password_algorithm column reads $pbkdf2-sha256$i=64000,l=32$), a SecureRandom.hex(16)
# salt column, lower-case hex output. Each value is checked against OpenSSL::KDF.pbkdf2_hmac.
#
#     bash tests/vectors/make_discourse.sh path/to/discourse/lib/pbkdf2.rb > tests/vectors/discourse.jsonl
#
# Discourse's file requires the xorcist gem for one in-place XOR; a two-line stand-in is used.
set -euo pipefail
exec ruby - "$@" <<'RUBY'
require "json"
require "openssl"

module Xorcist
  def self.xor!(a, b) = a.replace(a.bytes.zip(b.bytes).map { |x, y| x ^ y }.pack("C*"))
end
$LOADED_FEATURES << "xorcist.rb"
require File.expand_path(ARGV.fetch(0))

SOURCE = "Discourse lib/pbkdf2.rb Pbkdf2.hash_password (sha256, 64000), Ruby #{RUBY_VERSION}, " \
         "#{OpenSSL::OPENSSL_LIBRARY_VERSION}; equal to OpenSSL::KDF.pbkdf2_hmac"
cases = [
  ["hashcat", "5e2c0c4a1a8a4c2f9d4b6e0f3a7c1d2e"],
  ["pässwort ✓", "0f1e2d3c4b5a69788796a5b4c3d2e1f0"],
  ["Tr0ub4dor&3 correct horse battery staple, a long passphrase of 64+ bytes", "deadbeefcafebabe0123456789abcdef"],
]
cases.each_with_index do |(password, salt), i|
  hash = Pbkdf2.hash_password(password, salt, 64_000, "sha256")
  check = OpenSSL::KDF.pbkdf2_hmac(password, salt: salt, iterations: 64_000, length: 32,
                                              hash: "sha256").unpack1("H*")
  raise "Discourse and OpenSSL differ" unless hash == check
  puts JSON.generate({ scheme: "discourse", password: password, hash: hash, salt: salt,
                       expect: true, source: SOURCE })
  next unless i.zero?
  wrong = Pbkdf2.hash_password("wrong", salt, 64_000, "sha256")
  raise "collision" if wrong == hash
  puts JSON.generate({ scheme: "discourse", password: "wrong", hash: hash, salt: salt,
                       expect: false, source: SOURCE + " (negative)" })
end
RUBY
