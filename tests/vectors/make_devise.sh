#!/usr/bin/env bash
# Devise password vectors, made by Devise's own Devise::Encryptor (Debian ruby-devise 4.8.1,
# bcrypt-ruby 3.1.18, Ruby 3.1): bcrypt of "#{password}#{pepper}" at the model's stretches.
#
#     apt-get install -y ruby-devise && bash tests/vectors/make_devise.sh > tests/vectors/devise.jsonl
set -euo pipefail
exec ruby - "$@" <<'RUBY'
require "json"
require "devise"
require "devise/version"

Model = Struct.new(:pepper, :stretches)
SOURCE = "Devise #{Devise::VERSION} Devise::Encryptor.digest, bcrypt-ruby " \
         "#{Gem.loaded_specs["bcrypt"].version}, Ruby #{RUBY_VERSION}"

def emit(password, hash, pepper, expect, note = "")
  puts JSON.generate({ scheme: "devise", password: password, hash: hash, pepper: pepper,
                       expect: expect, source: SOURCE + note })
end

cases = [
  ["hashcat", "0123456789abcdef0123456789abcdef", 4],
  ["pässwort ✓", "site-pepper", 5],
  ["", "pepper-only", 4],
  ["Tr0ub4dor&3 correct horse battery staple", "", 10],  # no pepper configured
]
cases.each_with_index do |(password, pepper, cost), i|
  model = Model.new(pepper, cost)
  hash = Devise::Encryptor.digest(model, password)
  raise "Devise does not accept its own hash" unless Devise::Encryptor.compare(model, hash, password)
  emit(password, hash, pepper, true)
  next unless i < 2
  raise "wrong password accepted" if Devise::Encryptor.compare(model, hash, "wrong")
  emit("wrong", hash, pepper, false, " (negative: Encryptor.compare is false)")
  other = Model.new("other-pepper", cost)
  raise "wrong pepper accepted" if Devise::Encryptor.compare(other, hash, password)
  emit(password, hash, "other-pepper", false, " (negative: another pepper)")
end
RUBY
