#!/usr/bin/env perl
#
# Generate known-answer vectors from hashcat's own Perl test modules
# (tools/test_modules/mXXXXX.pm of a hashcat checkout).
#
# Usage:
#   perl make_hashcat_vectors.pl HASHCAT_DIR COMMIT OUT_JSONL OUT_MODES_JSON MODE...
#
# HASHCAT_DIR is a checkout (or an extracted `git archive`) of hashcat that
# contains tools/test_modules/ and src/modules/.  COMMIT is only recorded in
# the "source" field.  Each mode is run in its own forked child (the test
# modules all define the same sub names in package main), with a time limit.
#
# Everything is deterministic: fixed passwords, fixed salts, and srand() is
# reset to a fixed seed before every call into a module (some modules draw
# IVs, iteration counts, etc. with rand()/random_bytes()).
#
# For each produced line the module's own module_verify_hash() is run on
# "line:$HEX[password]"; a vector is only kept if that reproduces the line
# exactly ("verified_by_module": true).  Negative vectors re-use a verified
# line with a different password and are kept only if module_verify_hash()
# then does NOT reproduce the line.

use strict;
use warnings;

use JSON::PP;
use POSIX qw (_exit);
use Encode ();

my ($HC_DIR, $COMMIT, $OUT_JSONL, $OUT_MODES, @MODES) = @ARGV;

die "usage: $0 HASHCAT_DIR COMMIT OUT_JSONL OUT_MODES_JSON MODE...\n"
  unless defined $OUT_MODES && @MODES;

my $TIMEOUT = $ENV{HC_VECTOR_TIMEOUT} // 240;
my $SEED    = 1337;

my $JSON = JSON::PP->new->canonical (1)->utf8 (1);

# ---------------------------------------------------------------------------
# helpers normally provided by tools/test.pl (copied semantics)
# ---------------------------------------------------------------------------

sub is_in_array
{
  my $value = shift;
  my $array = shift;
  return unless defined $value;
  return unless defined $array;
  return grep { $_ eq $value } @{$array};
}

sub pack_if_HEX_notation
{
  my $string = shift;
  return unless defined $string;
  if ($string =~ m/^\$HEX\[[0-9a-fA-F]*\]$/)
  {
    return pack ("H*", substr ($string, 5, -1));
  }
  return $string;
}

sub random_count   { my $max = shift; return int ((rand ($max - 1)) + 1); }
sub random_number  { my ($min, $max) = @_; return if $min > $max; return int ((rand (($max + 1) - $min)) + $min); }
sub random_bytes   { my $count = shift; return pack ("H*", random_hex_string (2 * $count)); }

sub random_hex_string
{
  my $count = shift;
  my $string = "";
  $string .= sprintf ("%x", rand 16) for (1 .. $count);
  return $string;
}

sub _random_from { my ($count, @chars) = @_; my $s = ""; $s .= $chars[rand @chars] for (1 .. $count); return $s; }

sub random_lowercase_string { return _random_from (shift, 'a'..'z'); }
sub random_uppercase_string { return _random_from (shift, 'A'..'Z'); }
sub random_mixedcase_string { return _random_from (shift, 'A'..'Z', 'a'..'z'); }
sub random_numeric_string   { return _random_from (shift, '0'..'9'); }
sub random_string           { return _random_from (shift, 'A'..'Z', 'a'..'z', '0'..'9'); }

# ---------------------------------------------------------------------------
# shims for CPAN-only modules that Debian does not package.  They are only
# installed when the real module cannot be loaded, and are thin wrappers
# around equivalent implementations (Digest::SHA, CryptX).
# ---------------------------------------------------------------------------

sub install_shims
{
  my @notes;

  if (!eval { require Digest::SHA1; 1 })
  {
    eval q{
      package Digest::SHA1;
      use Digest::SHA ();
      require Exporter;
      our @ISA = ('Exporter');
      our @EXPORT_OK = qw (sha1 sha1_hex sha1_base64);
      sub sha1        { Digest::SHA::sha1 (@_) }
      sub sha1_hex    { Digest::SHA::sha1_hex (@_) }
      sub sha1_base64 { Digest::SHA::sha1_base64 (@_) }
      sub new         { shift; Digest::SHA->new (1) }
      1;
    } or die $@;
    $INC{'Digest/SHA1.pm'} = 'shim (Digest::SHA)';
    push @notes, 'Digest::SHA1 shimmed with Digest::SHA';
  }

  if (!eval { require Digest::Keccak; 1 } && eval { require Crypt::Digest::Keccak256; 1 })
  {
    eval q{
      package Digest::Keccak;
      use Crypt::Digest::Keccak224 ();
      use Crypt::Digest::Keccak256 ();
      use Crypt::Digest::Keccak384 ();
      use Crypt::Digest::Keccak512 ();
      require Exporter;
      our @ISA = ('Exporter');
      our @EXPORT_OK = qw (keccak_224 keccak_256 keccak_384 keccak_512 keccak_224_hex keccak_256_hex keccak_384_hex keccak_512_hex);
      sub keccak_224     { Crypt::Digest::Keccak224::keccak224 (@_) }
      sub keccak_256     { Crypt::Digest::Keccak256::keccak256 (@_) }
      sub keccak_384     { Crypt::Digest::Keccak384::keccak384 (@_) }
      sub keccak_512     { Crypt::Digest::Keccak512::keccak512 (@_) }
      sub keccak_224_hex { Crypt::Digest::Keccak224::keccak224_hex (@_) }
      sub keccak_256_hex { Crypt::Digest::Keccak256::keccak256_hex (@_) }
      sub keccak_384_hex { Crypt::Digest::Keccak384::keccak384_hex (@_) }
      sub keccak_512_hex { Crypt::Digest::Keccak512::keccak512_hex (@_) }
      1;
    } or die $@;
    $INC{'Digest/Keccak.pm'} = 'shim (CryptX Crypt::Digest::KeccakNNN)';
    push @notes, 'Digest::Keccak shimmed with CryptX';
  }

  if (!eval { require Digest::CMAC; 1 } && eval { require Crypt::Mac::OMAC; 1 })
  {
    eval q{
      package Digest::CMAC;
      use Crypt::Mac::OMAC ();
      sub new
      {
        my ($class, $key, $cipher) = @_;
        $cipher //= 'Crypt::Rijndael';
        $cipher = 'AES' if $cipher =~ /Rijndael|AES/;
        return bless { mac => Crypt::Mac::OMAC->new ($cipher, $key) }, $class;
      }
      sub add       { my $s = shift; $s->{mac}->add (@_); return $s; }
      sub digest    { my $s = shift; return $s->{mac}->mac; }
      sub hexdigest { my $s = shift; return $s->{mac}->hexmac; }
      1;
    } or die $@;
    $INC{'Digest/CMAC.pm'} = 'shim (CryptX Crypt::Mac::OMAC)';
    push @notes, 'Digest::CMAC shimmed with CryptX OMAC';
  }

  return @notes;
}

# ---------------------------------------------------------------------------

sub hash_name
{
  my $mode = shift;
  my $file = sprintf ("%s/src/modules/module_%05d.c", $HC_DIR, $mode);
  open (my $fh, '<', $file) or return undef;
  while (my $l = <$fh>)
  {
    return $1 if $l =~ /static const char \*HASH_NAME\s*=\s*"(.*)";/;
  }
  return undef;
}

sub read_file_text
{
  my $file = shift;
  open (my $fh, '<', $file) or return "";
  local $/;
  return <$fh>;
}

# passwords: [text (perl character string), label]
my @PASSWORDS = (
  "hashcat",
  "password",
  "",
  "p\x{e4}sswort",
  "Tr0ub4dor&3horsebatt",   # 20 characters
);

# only used when fewer than 3 of the above fit the module's constraints
my @EXTRA_PASSWORDS = ("Secr3t!", "abc", "12345678901234");

my %SKIP = (
  2000 => 'STDOUT pseudo-mode: no hash, no test module',
  2500 => 'output is a base64 hccapx binary container (no text hash line) and the module has no verify (calls exit); use 22000 instead',
);

my $ALNUM_SALT = "s4LtY5aLt0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
my $NUM_SALT   = "1234567890" x 26;
my $HEX_SALT   = "5a17c0ffee0123456789abcdef" x 10;

sub clamp { my ($v, $lo, $hi) = @_; $v = $lo if $v < $lo; $v = $hi if $hi >= 0 && $v > $hi; return $v; }

sub salt_lengths
{
  my ($smin, $smax) = @_;
  return () if $smin == -1;
  return ($smin, $smin, $smin) if $smin == $smax;
  my @l = (clamp (8, $smin, $smax), clamp (4, $smin, $smax), clamp (12, $smin, $smax));
  return @l;
}

sub hexs { return unpack ("H*", shift); }

# returns: (line or undef, verified flag, error)
sub gen_and_verify
{
  my ($word_bytes, $salt) = @_;

  srand ($SEED);
  my $line = eval { main::module_generate_hash ($word_bytes, $salt) };
  return (undef, 0, "generate died: $@") if $@;
  return (undef, 0, "generate returned undef") unless defined $line;

  my $ok = verify_line ($line, $word_bytes);

  return ($line, $ok, undef);
}

sub verify_line
{
  my ($line, $word_bytes) = @_;
  srand ($SEED);
  my @r = eval { main::module_verify_hash ($line . ':$HEX[' . hexs ($word_bytes) . ']') };
  return 0 if $@;
  return 0 unless defined $r[0];
  return ($r[0] eq $line) ? 1 : 0;
}

sub split_line
{
  my ($line, $salt, $had_salt) = @_;
  my %r = (hash => $line);

  if (!($had_salt && defined $salt && length $salt))
  {
    # the module makes its own salt: still split a plain "hexhash:salt" line
    return (hash => $1, salt => $2) if $line =~ /\A([0-9a-fA-F]{16,}):([^:]+)\z/;
    return %r;
  }

  my $qs = quotemeta ($salt);
  my $hs = hexs ($salt);

  if ($line =~ /\A([^:]+):$qs\z/)
  {
    return (hash => $1, salt => $salt);
  }
  if ($line =~ /\A([^:]+):\Q$hs\E\z/i)
  {
    return (hash => $1, salt => $hs, salt_encoding => 'hex');
  }
  if ($line =~ /\A$qs:([^:]+)\z/)
  {
    return (hash => $1, salt => $salt, layout => 'salt:hash');
  }
  if ($line =~ /\A\Q$hs\E:([^:]+)\z/i)
  {
    return (hash => $1, salt => $hs, salt_encoding => 'hex', layout => 'salt:hash');
  }
  # the module drew its own salt (ignoring ours) but the line is "hexhash:salt"
  if ($line =~ /\A([0-9a-fA-F]{16,}):([^:]+)\z/)
  {
    return (hash => $1, salt => $2);
  }
  return %r;    # self-contained / complex format: whole line in "hash"
}

# modes whose salt (or a line field) is a user name
my %USERNAME = (
  1100 => sub { my ($line, %v) = @_; return $v{salt}; },                       # DCC: salt = user name
  3100 => sub { my ($line, %v) = @_; return $v{salt}; },                       # Oracle H: salt = user name
  2100 => sub { my ($line) = @_; return ($line =~ /\A\$DCC2\$\d+#([^#]*)#/) ? $1 : undef; },
  5500 => sub { my ($line) = @_; return (split (/:/, $line))[0]; },           # user::domain:...
  5600 => sub { my ($line) = @_; return (split (/:/, $line))[0]; },           # user::domain:...
  11100 => sub { my ($line) = @_; return ($line =~ /\A\$postgres\$([^*]*)\*/) ? $1 : undef; },
);

sub run_mode
{
  my $mode = shift;

  my $file = sprintf ("%s/tools/test_modules/m%05d.pm", $HC_DIR, $mode);

  return { status => 'skipped', reason => $SKIP{$mode} } if exists $SKIP{$mode};

  return { status => 'skipped', reason => 'no test module in tools/test_modules' } unless -f $file;

  my $src = read_file_text ($file);

  my @shim_notes = grep { my ($m) = /^(\S+)/; $src =~ /\Q$m\E/ } install_shims ();

  # does the module treat the salt argument as a hex string?
  my $salt_is_hex = ($src =~ /pack\s*\(\s*["']H\*["']\s*,\s*\$salt\s*\)/) ? 1 : 0;

  my $loaded = eval { require $file; 1 };

  if (!$loaded)
  {
    my $err = $@;
    $err =~ s/\(\@INC contains:.*?\)//s;
    $err =~ s/\s+/ /g;
    return { status => 'skipped', reason => "module does not load: " . substr ($err, 0, 300) };
  }

  my $c = main::module_constraints ();

  my ($pmin, $pmax, $smin, $smax, $kernel);

  if ($c->[0]->[0] != -1)
  {
    ($pmin, $pmax, $smin, $smax, $kernel) = ($c->[0]->[0], $c->[0]->[1], $c->[1]->[0], $c->[1]->[1], 'pure');
  }
  else
  {
    ($pmin, $pmax, $smin, $smax, $kernel) = ($c->[2]->[0], $c->[2]->[1], $c->[3]->[0], $c->[3]->[1], 'optimized');
  }

  # how does the module turn the password into bytes?
  my $pw_enc = 'utf-8';
  my $skip_nonascii;

  if ($src =~ /Text::Iconv->new\s*\(\s*'utf-?8'/i)
  {
    $pw_enc = 'utf-8';                      # module decodes UTF-8 itself (m01000)
  }
  elsif ($src =~ /UTF-16|NTHash|LANManager/i)
  {
    $pw_enc = 'latin-1';                    # module widens bytes -> UTF-16LE
  }

  if ($src =~ /\b(uc|lc)\s*\(\s*\$word/ || $src =~ /LANManager/)
  {
    $skip_nonascii = "module case-folds the password byte-wise";
  }

  my @salt_lens = salt_lengths ($smin, $smax);

  # probe: does module_verify_hash reproduce a line generated exactly the way
  # tools/test.pl generates it (numeric / hex salt)?  If not, the module's
  # verify path is unusable and vectors are checked by regeneration instead.
  my $verify_broken = 0;
  {
    my $probe_pw = "hashcat";
    $probe_pw = substr ("hashcathashcathashcat", 0, $pmin) if length ($probe_pw) < $pmin;
    $probe_pw = substr ($probe_pw, 0, $pmax) if $pmax >= 0 && length ($probe_pw) > $pmax;
    my $probe_salt = @salt_lens ? substr ($salt_is_hex ? $HEX_SALT : $NUM_SALT, 0, $salt_lens[0]) : "";
    my ($l, $o) = gen_and_verify ($probe_pw, $probe_salt);
    if (defined $l && !$o)
    {
      $verify_broken = 1;
      push @shim_notes, "module_verify_hash does not reproduce generated lines; vectors checked by regeneration only";
    }
  }

  my @vectors;
  my @notes = @shim_notes;
  my $idx = 0;
  my $first_verified;

  for my $pw (@PASSWORDS, @EXTRA_PASSWORDS)
  {
    last if $pw eq $EXTRA_PASSWORDS[0] && scalar (@vectors) >= 3;
    next if grep { $_->{password} eq $pw } @vectors;

    my $nonascii = ($pw =~ /[^\x00-\x7f]/);

    next if $nonascii && $skip_nonascii;

    my $bytes = $nonascii ? Encode::encode ($pw_enc eq 'latin-1' ? 'iso-8859-1' : 'UTF-8', $pw) : $pw;

    next if length ($bytes) < $pmin;
    next if $pmax >= 0 && length ($bytes) > $pmax;

    my $slen = @salt_lens ? $salt_lens[$idx % scalar @salt_lens] : undef;

    $idx++;

    my @salt_candidates = !defined $slen ? ("")
      : $salt_is_hex ? (substr ($HEX_SALT, ($idx * 2) % 16, $slen))
      : (substr ($ALNUM_SALT, ($idx * 3) % 20, $slen), substr ($NUM_SALT, $idx, $slen));

    # long salts might exceed the pattern strings; pad deterministically
    @salt_candidates = map { length ($_) < ($slen // 0) ? substr ($_ x (int ($slen / (length ($_) || 1)) + 2), 0, $slen) : $_ } @salt_candidates
      if defined $slen && $slen > 0;

    my ($line, $ok, $err, $used_salt);

    for my $salt (@salt_candidates)
    {
      ($line, $ok, $err) = gen_and_verify ($bytes, $salt);
      $used_salt = $salt;
      last if defined $line && $ok;
    }

    # module_verify_hash is broken/asymmetric for a few modules: fall back to
    # the last (safest: numeric or hex) salt candidate, which is what
    # tools/test.pl itself feeds the module, and check by regeneration.
    my $check = 'module_verify_hash';

    if (defined $line && !$ok && $verify_broken)
    {
      $ok = 1;
      $check = 'regenerate';
    }

    if (!defined $line)
    {
      push @notes, "password '" . Encode::encode ('UTF-8', $pw) . "': $err";
      next;
    }

    if (!$ok)
    {
      push @notes, "password '" . Encode::encode ('UTF-8', $pw) . "': module_verify_hash did not reproduce the generated line; vector dropped";
      next;
    }

    if ($line eq '' || $line =~ /:\z/ || $line =~ /\$\z/)
    {
      push @notes, "generated line has an empty field (missing external tool?); vector dropped";
      next;
    }

    if ($line =~ /[^\x20-\x7e]/)
    {
      push @notes, "generated line contains non-printable bytes; vector dropped";
      next;
    }

    my %split = split_line ($line, $used_salt, defined $slen);

    $split{salt_encoding} = 'hex' if $salt_is_hex && defined $split{salt};

    if (exists $USERNAME{$mode})
    {
      my $u = $USERNAME{$mode}->($line, %split);
      $split{username} = $u if defined $u;
    }

    my $v = {
      mode               => $mode + 0,
      password           => $pw,
      password_hex       => hexs ($bytes),
      line               => $line,
      %split,
      expect             => JSON::PP::true,
      verified_by_module => ($check eq 'module_verify_hash') ? JSON::PP::true : JSON::PP::false,
    };


    $v->{password_encoding} = $pw_enc if $nonascii;

    push @vectors, $v;

    $first_verified //= [$pw, $bytes, $line, \%split, $used_salt, $check];
  }

  # negative vector
  if ($first_verified)
  {
    my ($pw, $bytes, $line, $split, $salt, $check) = @$first_verified;

    for my $wrong ("hashcat1", "Hashcat!", "wrongpassword", "x")
    {
      next if $wrong eq $pw;

      if ($check eq 'module_verify_hash')
      {
        next if verify_line ($line, $wrong);  # collides (truncation / case folding): try another
      }
      else
      {
        srand ($SEED);
        my $other = eval { main::module_generate_hash ($wrong, $salt) };
        next if !defined $other || $other eq $line;
      }

      push @vectors, {
        mode               => $mode + 0,
        password           => $wrong,
        password_hex       => hexs ($wrong),
        line               => $line,
        %$split,
        expect             => JSON::PP::false,
        verified_by_module => ($check eq 'module_verify_hash') ? JSON::PP::true : JSON::PP::false,
        negative_of        => $pw,
      };
      last;
    }
  }

  if ($first_verified && !grep { !$_->{expect} } @vectors)
  {
    # every wrong password "verified": the module's verify path just passes
    # the stored (encrypted) data through and cannot tell passwords apart
    $_->{verified_by_module} = JSON::PP::false for @vectors;
    push @notes, "module_verify_hash accepts any password for these lines (it re-emits the stored data); vectors are as generated, no negative vector";
  }

  return { status => 'skipped', reason => 'no vector could be generated: ' . join ('; ', @notes), vectors => [] } unless @vectors;

  return { status => 'ok', kernel_constraints => $kernel, vectors => \@vectors, (@notes ? (notes => join ('; ', @notes)) : ()) };
}

# ---------------------------------------------------------------------------

my $perl_version = sprintf ("perl %vd", $^V);

my %modes_out;
my @all_vectors;

my %seen;

for my $mode (grep { !$seen{$_}++ } @MODES)
{
  my $name = hash_name ($mode);

  pipe (my $rd, my $wr) or die "pipe: $!";

  my $pid = fork ();

  die "fork: $!" unless defined $pid;

  if ($pid == 0)
  {
    close $rd;
    alarm ($TIMEOUT);
    open (STDOUT, '>', '/dev/null');
    my $res = eval { run_mode ($mode) } // { status => 'skipped', reason => "died: $@" };
    print {$wr} $JSON->encode ($res);
    close $wr;
    _exit (0);
  }

  close $wr;
  my $buf = do { local $/; <$rd> };
  close $rd;
  waitpid ($pid, 0);

  my $res;

  if (!length ($buf // ''))
  {
    my $sig = $? & 127;
    $res = { status => 'skipped', reason => $sig == 14 ? "timed out after ${TIMEOUT}s" : "child exited abnormally (status $?)" };
  }
  else
  {
    $res = $JSON->decode ($buf);
  }

  my $src = sprintf ("hashcat tools/test_modules/m%05d.pm @ %s, %s", $mode, $COMMIT, $perl_version);

  for my $v (@{$res->{vectors} // []})
  {
    $v->{name}   = $name;
    $v->{source} = $src;
    push @all_vectors, $v;
  }

  my $entry = { name => $name, status => $res->{status} };
  $entry->{reason} = $res->{reason} if defined $res->{reason};
  $entry->{notes}  = $res->{notes}  if defined $res->{notes};
  $entry->{vectors} = scalar @{$res->{vectors} // []};
  $entry->{source} = $src if $res->{status} eq 'ok';

  $modes_out{$mode} = $entry;

  printf STDERR "%6d %-8s %s\n", $mode, $res->{status}, $res->{reason} // ($res->{notes} // '');
}

open (my $jf, '>', $OUT_JSONL) or die "$OUT_JSONL: $!";
print {$jf} $JSON->encode ($_), "\n" for @all_vectors;
close $jf;

open (my $mf, '>', $OUT_MODES) or die "$OUT_MODES: $!";
print {$mf} JSON::PP->new->canonical (1)->utf8 (1)->pretty->sort_by (sub { my ($x, $y) = ($JSON::PP::a, $JSON::PP::b); ($x =~ /^\d+$/ && $y =~ /^\d+$/) ? $x <=> $y : $x cmp $y })->encode (\%modes_out);
close $mf;
