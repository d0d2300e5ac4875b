#!/usr/bin/env perl
# MySQL 8 caching_sha2_password vectors, made by hashcat's own test module for mode 7401.
#
#   perl tests/vectors/make_mysql_caching_sha2.pl /path/to/hashcat [COMMIT] \
#     > tests/vectors/mysql_caching_sha2.jsonl
#
# tools/test_modules/m07401.pm computes the digest (a sha256-crypt with a 20-byte salt and
# cost * 1000 rounds) and prints hashcat's line "$mysql$A$<cost>*<hex salt>*<hex digest>".
# Each vector is written twice: that line as hashcat prints it, and the string MySQL keeps in
# mysql.user.authentication_string, "$A$" + cost as three upper-case hex digits + "$" + salt +
# digest (MySQL 8 sql/auth/sha2_password.cc, Caching_sha2_password::serialize). The two differ
# only above cost 9: hashcat reads its cost field as decimal. "expect" of a negative is whether
# the module, given the wrong password, reproduces the line (it never does).
use strict;
use warnings;
use Encode qw(decode);
use JSON::PP;

my $hashcat = shift or die "usage: $0 HASHCAT_DIR [COMMIT]\n";
my $commit = shift // `git -C '$hashcat' rev-parse HEAD 2>/dev/null` || "unknown";
chomp $commit;
sub pack_if_HEX_notation { return $_[0] }    # what hashcat's test.pl provides to modules
require "$hashcat/tools/test_modules/m07401.pm";

my $source = "hashcat tools/test_modules/m07401.pm @ $commit, perl $^V";
my $json = JSON::PP->new->utf8->canonical;

# (password as UTF-8 bytes, 20-byte salt from MySQL's alphabet: 7-bit, no NUL, no '$', cost)
my @cases = (
  ["password",         "abcdefghij0123456789", 5],
  ["",                 "!\"#%&'()*+,-./:;<=>?", 5],
  ["p\xc3\xa4sswort",  "ZYXWVUTSRQPONMLKJIHG", 5],
  ["x" x 100,          "salt salt salt salt ", 6],
  ["hashcat",          "~}|{zyxwvu`_^]\\[@[]A", 10],
);

for my $case (@cases) {
  my ($word, $salt, $cost) = @$case;
  my $line = module_generate_hash($word, $salt, $cost);
  my ($again) = module_verify_hash("$line:$word");
  die "module does not verify its own line" unless $again eq $line;
  die "salt must be 20 bytes" unless length($salt) == 20;
  my $hex_digest = (split /\*/, $line)[2];
  my $native = sprintf("\$A\$%03X\$", $cost) . $salt . pack("H*", $hex_digest);
  my $wrong = $word . "!";
  my $wrong_line = module_generate_hash($wrong, $salt, $cost);
  for my $hash ($line, $native) {
    for my $try ([$word, JSON::PP::true], [$wrong, $wrong_line eq $line ? JSON::PP::true : JSON::PP::false]) {
      print $json->encode({
        scheme => "mysql_caching_sha2",
        password => decode("UTF-8", $try->[0]),
        hash => $hash,
        expect => $try->[1],
        source => $source . ($hash eq $native ? " (MySQL's stored form of the line)" : ""),
      }), "\n";
    }
  }
}
