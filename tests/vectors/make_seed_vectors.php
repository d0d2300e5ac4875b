<?php
// Known-answer vectors for hashcompat's seed schemes, made and checked by the platforms' own code.
//
//   php tests/vectors/make_seed_vectors.php --wordpress=DIR --drupal7=DIR --drupal-core=DIR --phpbb=DIR \
//       > tests/vectors/seed.jsonl
//
// Usually run through make_seed_vectors.sh, which copies the few files needed out of git mirrors of
// the platforms (github.com/johnpbloch/wordpress-core, pantheon-systems/drops-7, drupal/core,
// phpbb/phpbb) into a temporary directory and passes their tags and commits in HC_*_REF.
//   --wordpress    WordPress root: wp-includes/pluggable.php, class-phpass.php, version.php
//   --drupal7      Drupal 7 root: includes/password.inc, includes/bootstrap.inc (for VERSION only)
//   --drupal-core  drupal/core split: lib/Drupal/Core/Password/{PasswordInterface,PhpPassword,
//                  PhpassHashedPasswordBase}.php, modules/phpass/src/Password/PhpassHashedPassword.php
//   --phpbb        phpBB's phpBB/ directory: phpbb/passwords/driver/*.php, includes/constants.php
// The platform files are required as they are. Only framework plumbing is stubbed here:
// WordPress apply_filters() (to run the real wp_hash_password_options filter for a low bcrypt
// cost), Drupal 7 variable_get()/drupal_random_bytes(), phpBB's \phpbb\config\config.
// --with-2x also writes two $2x$ vectors (PHP still checks crypt_blowfish's buggy $2x$ variant;
// hashcompat refuses $2x$ as unavailable, so seed.jsonl is made without them).
// Output: JSON Lines {"scheme", "password", "hash", "expect", "source"}; every "expect" is the
// return value of the platform's check function for that password and hash.

$opt = getopt('', ['wordpress:', 'drupal7:', 'drupal-core:', 'phpbb:', 'with-2x']);
foreach (['wordpress', 'drupal7', 'drupal-core', 'phpbb'] as $k) {
  if (!isset($opt[$k])) {
    fwrite(STDERR, "usage: php make_seed_vectors.php --wordpress=DIR --drupal7=DIR --drupal-core=DIR --phpbb=DIR\n");
    exit(2);
  }
  $opt[$k] = rtrim($opt[$k], '/');
}
function ref($env) { $v = getenv($env); return $v ? " ($v)" : ''; }
function grab($file, $re) {
  if (!preg_match($re, file_get_contents($file), $m)) { fwrite(STDERR, "no version in $file\n"); exit(1); }
  return $m[1];
}
$PHPV = 'PHP ' . PHP_VERSION;
$WP = 'WordPress ' . grab("$opt[wordpress]/wp-includes/version.php", "/wp_version = '([^']+)'/") . ref('HC_WP_REF');
$D7 = 'Drupal ' . grab("$opt[drupal7]/includes/bootstrap.inc", "/define\('VERSION', '([^']+)'\)/") . ref('HC_D7_REF');
$DC = 'Drupal ' . grab($opt['drupal-core'] . '/lib/Drupal.php', "/const VERSION = '([^']+)'/") . ref('HC_DCORE_REF');
$BB = 'phpBB ' . grab("$opt[phpbb]/includes/constants.php", "/'PHPBB_VERSION', '([^']+)'/") . ref('HC_PHPBB_REF');

// ---- WordPress: the whole pluggable.php and class-phpass.php -------------------------------------
define('ABSPATH', $opt['wordpress'] . '/');
define('WPINC', 'wp-includes');
$WP_FILTERS = [];
function apply_filters($hook, $value, ...$args) {  // WordPress's plugin API, reduced to a table
  global $WP_FILTERS;
  return isset($WP_FILTERS[$hook]) ? $WP_FILTERS[$hook]($value, ...$args) : $value;
}
function wp_cost($cost) {  // the documented wp_hash_password_options filter; null: WordPress's default
  global $WP_FILTERS;
  if ($cost === null) { unset($WP_FILTERS['wp_hash_password_options']); }
  else { $WP_FILTERS['wp_hash_password_options'] = fn($options) => ['cost' => $cost] + $options; }
}
require ABSPATH . WPINC . '/class-phpass.php';
require ABSPATH . WPINC . '/pluggable.php';

// ---- Drupal 7 includes/password.inc -----------------------------------------------------------------
function variable_get($name, $default = NULL) { return $default; }  // no variables set: Drupal's defaults
function drupal_random_bytes($count) { return random_bytes($count); }
require $opt['drupal7'] . '/includes/password.inc';
function d7_check($password, $hash) { return user_check_password($password, (object) ['pass' => $hash]); }

// ---- Drupal 10/11 core Password and the phpass module -----------------------------------------------
$dc = $opt['drupal-core'];
require "$dc/lib/Drupal/Core/Password/PasswordInterface.php";
require "$dc/lib/Drupal/Core/Password/PhpPassword.php";
require "$dc/lib/Drupal/Core/Password/PhpassHashedPasswordBase.php";
require "$dc/modules/phpass/src/Password/PhpassHashedPassword.php";
$drupal_fast = new \Drupal\Core\Password\PhpPassword(PASSWORD_BCRYPT, ['cost' => 4]);
$drupal_default = new \Drupal\Core\Password\PhpPassword();  // core.services.yml: password.algorithm ~, options []
$drupal_phpass = new \Drupal\phpass\Password\PhpassHashedPassword($drupal_default);

// ---- phpBB 3.3 password drivers --------------------------------------------------------------------
eval('namespace phpbb\config; class config implements \ArrayAccess {
  private $c = ["rand_seed" => "", "rand_seed_last_update" => 0];
  public function offsetExists($k): bool { return isset($this->c[$k]); }
  public function offsetGet($k): mixed { return $this->c[$k] ?? null; }
  public function offsetSet($k, $v): void { $this->c[$k] = $v; }
  public function offsetUnset($k): void { unset($this->c[$k]); }
  public function set($k, $v, $use_cache = true) { $this->c[$k] = $v; }
}');
$bbd = $opt['phpbb'] . '/phpbb/passwords/driver';
foreach (['driver_interface', 'rehashable_driver_interface', 'base', 'helper', 'salted_md5', 'phpass', 'sha1'] as $f) {
  require "$bbd/$f.php";
}
$bb_config = new \phpbb\config\config();
$bb_helper = new \phpbb\passwords\driver\helper($bb_config);
$bb_salted_md5 = new \phpbb\passwords\driver\salted_md5($bb_config, $bb_helper);
$bb_phpass = new \phpbb\passwords\driver\phpass($bb_config, $bb_helper);
$bb_sha1 = new \phpbb\passwords\driver\sha1($bb_config, $bb_helper);
// A phpBB setting string ($H$ or $P$, chosen log2 count, phpBB's own random salt), for hash($pw, $setting).
function bb_setting($prefix, $log2) {
  global $bb_helper;
  return $prefix . $bb_helper->itoa64[$log2] . $bb_helper->hash_encode64($bb_helper->get_random_salt(6), 6);
}

// ---- output ---------------------------------------------------------------------------------------
$COUNT = [];
function emit($scheme, $password, $hash, $expect, $source) {
  global $COUNT;
  if (!is_bool($expect)) { fwrite(STDERR, "non-boolean check result for $scheme\n"); exit(1); }
  if (!is_string($hash) || $hash === '' || $hash === '*') { fwrite(STDERR, "no hash for $scheme: $source\n"); exit(1); }
  $COUNT[$scheme] = ($COUNT[$scheme] ?? 0) + 1;
  echo json_encode(['scheme' => $scheme, 'password' => $password, 'hash' => $hash,
                    'expect' => $expect, 'source' => $source],
                   JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_THROW_ON_ERROR), "\n";
}
function note($text) { fwrite(STDERR, $text . "\n"); }

$hundred = substr(str_repeat('Tr0ub4dor&3-', 9), 0, 100);  // 100 ASCII characters
$PASSWORDS = ['password', '', 'pässwörd', 'пароль', '密码', $hundred, ' leading', 'trailing ', '  both  ',
              'correct horse battery staple'];
$A72 = str_repeat('A', 72);

// ---- md5 / sha1 / sha256 ---------------------------------------------------------------------------
$src = "$WP wp-includes/pluggable.php wp_check_password (md5 branch: hash of 32 chars or fewer), $PHPV md5()";
foreach ($PASSWORDS as $pw) { $h = md5($pw); emit('md5', $pw, $h, wp_check_password($pw, $h), $src); }
emit('md5', 'Password', md5('password'), wp_check_password('Password', md5('password')), $src);
emit('md5', 'password ', md5('password'), wp_check_password('password ', md5('password')), $src);
emit('md5', '', md5(' '), wp_check_password('', md5(' ')), $src);
$long = str_repeat('m', 5000);  // the md5 branch comes before WordPress's 4096-byte cap
emit('md5', $long, md5($long), wp_check_password($long, md5($long)), "$src; 5000-byte password");

$src = "$BB phpBB/phpbb/passwords/driver/sha1.php check(), $PHPV sha1()";
foreach ($PASSWORDS as $pw) { $h = sha1($pw); emit('sha1', $pw, $h, $bb_sha1->check($pw, $h), $src); }
emit('sha1', 'Password', sha1('password'), $bb_sha1->check('Password', sha1('password')), $src);
emit('sha1', 'pässwörd ', sha1('pässwörd'), $bb_sha1->check('pässwörd ', sha1('pässwörd')), $src);
emit('sha1', 'x', sha1(''), $bb_sha1->check('x', sha1('')), $src);

$src = "$PHPV hash('sha256') compared with hash_equals() (no platform check function)";
foreach ($PASSWORDS as $pw) { $h = hash('sha256', $pw); emit('sha256', $pw, $h, hash_equals($h, hash('sha256', $pw)), $src); }
foreach ([['Password', 'password'], ['', ' '], ['пароль', 'пароль ']] as [$pw, $orig]) {
  $h = hash('sha256', $orig);
  emit('sha256', $pw, $h, hash_equals($h, hash('sha256', $pw)), $src);
}

// ---- phpass $P$ (WordPress) and $H$ (phpBB) ----------------------------------------------------------
// PasswordHash(N, true) writes log2 = N + 5 (N outside 4..31 becomes 8); log2 7 and 8 come from
// phpBB's phpass driver with an explicit setting. WordPress's wp_check_password decides every $P$.
$wpcheck = "$WP wp_check_password -> class-phpass.php CheckPassword, $PHPV";
foreach ($PASSWORDS as $i => $pw) {
  $n = [8, 8, 2, 4, 5, 8, 3, 8, 4, 8][$i];  // 2 and 3 are out of range: PasswordHash uses 8
  $h = (new PasswordHash($n, true))->HashPassword($pw);
  emit('phpass', $pw, $h, wp_check_password($pw, $h), "$WP class-phpass.php PasswordHash($n, true)->HashPassword; $wpcheck");
}
foreach ([7, 8, 10, 16] as $log2) {
  $pw = "log2 $log2 pässwörd";
  $h = $bb_phpass->hash($pw, bb_setting('$P$', $log2));
  emit('phpass', $pw, $h, wp_check_password($pw, $h), "$BB phpBB/phpbb/passwords/driver/phpass.php hash(pw, \$P\$ setting log2 $log2); $wpcheck");
}
$h = (new PasswordHash(8, true))->HashPassword('password');
foreach (['Password', 'password ', 'passwor', ''] as $pw) {
  emit('phpass', $pw, $h, wp_check_password($pw, $h), "$WP PasswordHash(8, true)->HashPassword('password'); $wpcheck");
}
$h = (new PasswordHash(8, true))->HashPassword(' pw ');  // phpass itself does not trim
emit('phpass', 'pw', $h, wp_check_password('pw', $h), "$WP PasswordHash(8, true)->HashPassword(' pw '); $wpcheck");
$x4096 = str_repeat('x', 4096);
$h = (new PasswordHash(8, true))->HashPassword($x4096);
emit('phpass', $x4096, $h, wp_check_password($x4096, $h), "$WP PasswordHash(8, true)->HashPassword(4096 bytes); $wpcheck");
$x5000 = str_repeat('x', 5000);
$h = $bb_phpass->hash($x5000, bb_setting('$P$', 8));
emit('phpass', $x5000, $h, wp_check_password($x5000, $h), "$BB driver/phpass.php hash(5000 bytes); $wpcheck (refuses over 4096 bytes)");
if ($bb_phpass->check($x5000, $h) !== false) { note("note: phpBB's phpass driver accepts the 5000-byte password that WordPress refuses"); }
// phpBB $H$: salted_md5 is phpBB 3.1+'s driver for phpBB 3.0's phpbb_hash() (phpass with "$H$").
$bbcheck = "$BB phpBB/phpbb/passwords/driver/salted_md5.php check(), $PHPV";
foreach (['password', 'pässwörd', '', $hundred, ' both ', '密码'] as $pw) {
  $h = $bb_salted_md5->hash($pw);  // phpBB's own setting: $H$9 (log2 11)
  emit('phpass', $pw, $h, $bb_salted_md5->check($pw, $h), "$BB salted_md5.php hash() (phpBB 3.0 phpbb_hash format \$H\$9); $bbcheck");
}
foreach ([7, 13] as $log2) {
  $pw = "phpBB log2 $log2";
  $h = $bb_salted_md5->hash($pw, bb_setting('$H$', $log2));
  emit('phpass', $pw, $h, $bb_salted_md5->check($pw, $h), "$BB salted_md5.php hash(pw, \$H\$ setting log2 $log2); $bbcheck");
}
$h = $bb_salted_md5->hash('password');
foreach (['Password', 'password '] as $pw) {
  emit('phpass', $pw, $h, $bb_salted_md5->check($pw, $h), "$BB salted_md5.php hash('password'); $bbcheck");
}
if (wp_check_password('password', $h) !== false) { note("note: WordPress accepted a \$H\$ hash"); }
else { note("note: WordPress wp_check_password rejects \$H\$ hashes (password_verify branch); class-phpass CheckPassword: " . var_export((new PasswordHash(8, true))->CheckPassword('password', $h), true)); }

// ---- WordPress 6.8+ $wp$ ------------------------------------------------------------------------------
$wpsrc = "$WP wp-includes/pluggable.php wp_hash_password";
$wpc = "wp_check_password, $PHPV";
foreach ($PASSWORDS as $i => $pw) {
  $cost = $i < 2 ? null : 4;
  wp_cost($cost);
  $h = wp_hash_password($pw);
  $how = $cost === null ? 'default options' : "wp_hash_password_options cost $cost";
  emit('wordpress_bcrypt', $pw, $h, wp_check_password($pw, $h), "$wpsrc ($how); $wpc");
  if (trim($pw) !== $pw) {  // hashed trimmed: the trimmed password matches
    emit('wordpress_bcrypt', trim($pw), $h, wp_check_password(trim($pw), $h), "$wpsrc ($how) of an untrimmed password; $wpc");
  }
}
wp_cost(4);
$h = wp_hash_password(' pw ');
emit('wordpress_bcrypt', 'pw', $h, wp_check_password('pw', $h), "$wpsrc(' pw ') (cost 4); $wpc");
emit('wordpress_bcrypt', ' pw ', $h, wp_check_password(' pw ', $h), "$wpsrc(' pw ') (cost 4); $wpc");
emit('wordpress_bcrypt', 'pw ', $h, wp_check_password('pw ', $h), "$wpsrc(' pw ') (cost 4); $wpc");
$h = wp_hash_password("\t\n\0secret\r\x0B");  // PHP trim() strips " \t\n\r\0\x0B"
emit('wordpress_bcrypt', 'secret', $h, wp_check_password('secret', $h), "$wpsrc(\"\\t\\n\\0secret\\r\\x0B\") (cost 4); $wpc");
emit('wordpress_bcrypt', "\t\n\0secret\r\x0B", $h, wp_check_password("\t\n\0secret\r\x0B", $h), "$wpsrc(\"\\t\\n\\0secret\\r\\x0B\") (cost 4); $wpc");
$h = wp_hash_password("\u{a0}nbsp\u{a0}");  // U+00A0 is not trimmed
emit('wordpress_bcrypt', 'nbsp', $h, wp_check_password('nbsp', $h), "$wpsrc(\"\\u00a0nbsp\\u00a0\") (cost 4); $wpc");
emit('wordpress_bcrypt', "\u{a0}nbsp\u{a0}", $h, wp_check_password("\u{a0}nbsp\u{a0}", $h), "$wpsrc(\"\\u00a0nbsp\\u00a0\") (cost 4); $wpc");
$h = wp_hash_password('password');
emit('wordpress_bcrypt', 'Password', $h, wp_check_password('Password', $h), "$wpsrc('password') (cost 4); $wpc");
$h = wp_hash_password($A72 . 'first-tail');  // HMAC-SHA384 first: bytes after 72 still count
emit('wordpress_bcrypt', $A72 . 'first-tail', $h, wp_check_password($A72 . 'first-tail', $h), "$wpsrc(72 x 'A' . 'first-tail') (cost 4); $wpc");
emit('wordpress_bcrypt', $A72 . 'second-tail', $h, wp_check_password($A72 . 'second-tail', $h), "$wpsrc(72 x 'A' . 'first-tail') (cost 4); $wpc");
$h = wp_hash_password($x4096);
emit('wordpress_bcrypt', $x4096, $h, wp_check_password($x4096, $h), "$wpsrc(4096 bytes) (cost 4); $wpc");
emit('wordpress_bcrypt', $x4096 . ' ', $h, wp_check_password($x4096 . ' ', $h), "$wpsrc(4096 bytes) (cost 4); $wpc (refuses over 4096 bytes)");
note('note: wp_hash_password(4097 bytes) = ' . var_export(wp_hash_password($x4096 . 'x'), true)
     . '; wp_hash_password(4096 x + " ") = ' . var_export(wp_hash_password($x4096 . ' '), true));
wp_cost(null);

// ---- bcrypt as PHP writes and checks it ------------------------------------------------------------
$pv = "$PHPV password_verify()";
foreach ($PASSWORDS as $i => $pw) {
  $cost = $i < 2 ? 10 : 4;
  $h = password_hash($pw, PASSWORD_BCRYPT, ['cost' => $cost]);
  emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV password_hash(PASSWORD_BCRYPT, cost $cost); $pv");
}
$h = password_hash('password', PASSWORD_BCRYPT, ['cost' => 4]);
foreach (['Password', 'password ', ''] as $pw) {
  emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV password_hash('password', PASSWORD_BCRYPT, cost 4); $pv");
}
// crypt() with $2a$ / $2b$ (and $2x$) settings; the salt is one that password_hash() drew.
foreach (['$2a$04$', '$2b$04$', '$2a$05$', '$2b$06$'] as $j => $prefix) {
  $salt = substr(password_hash('', PASSWORD_BCRYPT, ['cost' => 4]), 7, 22);
  $pw = ['password', 'correct horse battery staple', 'pässwörd', '密码'][$j];
  $h = crypt($pw, $prefix . $salt);
  emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV crypt() with a $prefix setting; $pv");
  emit('bcrypt', $pw . '!', $h, password_verify($pw . '!', $h), "$PHPV crypt() with a $prefix setting; $pv");
}
$salt = substr(password_hash('', PASSWORD_BCRYPT, ['cost' => 4]), 7, 22);
$a = crypt('pässwörd', '$2a$04$' . $salt); $y = crypt('pässwörd', '$2y$04$' . $salt); $x = crypt('pässwörd', '$2x$04$' . $salt);
note('note: 8-bit password, same salt: $2a$ body ' . (substr($a, 4) === substr($y, 4) ? '==' : '!=') . ' $2y$ body; $2x$ body '
     . (substr($x, 4) === substr($y, 4) ? '==' : '!=') . ' $2y$ body');
if (isset($opt['with-2x'])) {
  emit('bcrypt', 'pässwörd', $x, password_verify('pässwörd', $x), "$PHPV crypt() with a \$2x\$04\$ setting (crypt_blowfish's sign-extension bug, 8-bit password); $pv");
  $h2x = '$2x$' . substr($y, 4);  // the correct ($2y$) digest relabelled $2x$
  emit('bcrypt', 'pässwörd', $h2x, password_verify('pässwörd', $h2x), "$PHPV crypt('pässwörd', \$2y\$04\$ salt) relabelled \$2x\$; $pv");
}
$h = password_hash($A72 . 'first-tail', PASSWORD_BCRYPT, ['cost' => 4]);  // only 72 bytes count
emit('bcrypt', $A72 . 'second-tail', $h, password_verify($A72 . 'second-tail', $h), "$PHPV password_hash(72 x 'A' . 'first-tail', cost 4); $pv");
emit('bcrypt', $A72, $h, password_verify($A72, $h), "$PHPV password_hash(72 x 'A' . 'first-tail', cost 4); $pv");
emit('bcrypt', substr($A72, 1), $h, password_verify(substr($A72, 1), $h), "$PHPV password_hash(72 x 'A' . 'first-tail', cost 4); $pv");
$h = crypt("ab\0cd", '$2y$04$' . $salt);  // password_hash() refuses NUL (ValueError); crypt() stops at it
foreach (["ab\0cd", 'ab', "ab\0zz", 'abcd'] as $pw) {
  emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV crypt(\"ab\\0cd\", \$2y\$04\$ setting); $pv");
}
try { password_hash("ab\0cd", PASSWORD_BCRYPT); note('note: password_hash accepted a NUL byte'); }
catch (\ValueError $e) { note('note: password_hash(NUL byte): ValueError: ' . $e->getMessage()); }

// ---- Drupal 7 $S$ and U$S$ ------------------------------------------------------------------------
$d7c = "$D7 includes/password.inc user_check_password, $PHPV";
foreach ($PASSWORDS as $i => $pw) {
  $log2 = [0, 7, 8, 0, 9, 10, 7, 11, 7, 3][$i];  // 0: variable_get default (DRUPAL_HASH_COUNT 15); 3 is raised to 7
  $h = $log2 ? user_hash_password($pw, $log2) : user_hash_password($pw);
  $how = $log2 ? "user_hash_password(pw, $log2)" : 'user_hash_password(pw)';
  emit('drupal7', $pw, $h, d7_check($pw, $h), "$D7 includes/password.inc $how; $d7c");
  if ($drupal_phpass->check($pw, $h) !== d7_check($pw, $h)) { note("note: Drupal core phpass module disagrees on $h"); }
}
$h = user_hash_password('password', 7);
foreach (['Password', 'password ', ''] as $pw) {
  emit('drupal7', $pw, $h, d7_check($pw, $h), "$D7 includes/password.inc user_hash_password('password', 7); $d7c");
}
$h = _password_crypt('sha512', 'log2 16', _password_generate_salt(16));
emit('drupal7', 'log2 16', $h, d7_check('log2 16', $h), "$D7 includes/password.inc _password_crypt('sha512', pw, _password_generate_salt(16)); $d7c");
$d512 = str_repeat('d', 512);
$h = user_hash_password($d512, 7);
emit('drupal7', $d512, $h, d7_check($d512, $h), "$D7 user_hash_password(512 bytes, 7); $d7c");
emit('drupal7', $d512 . 'd', $h, d7_check($d512 . 'd', $h), "$D7 user_hash_password(512 bytes, 7); $d7c (refuses over 512 bytes)");
note('note: Drupal 7 user_hash_password(513 bytes) = ' . var_export(user_hash_password($d512 . 'd', 7), true));

// update_7000 in modules/user/user.install: 'U' . user_hash_password($md5_hex, 11).
$u = "$D7 'U' . user_hash_password(md5(pw), 11) as modules/user/user.install user_update_7000; $d7c";
foreach (['password', '', 'pässwörd', 'пароль', '密码', $hundred, ' leading', 'trailing ', '  both  '] as $pw) {
  $h = 'U' . user_hash_password(md5($pw), 11);
  emit('drupal7_upgraded', $pw, $h, d7_check($pw, $h), $u);
}
$h = 'U' . user_hash_password(md5('password'), 11);
foreach (['Password', md5('password'), 'password '] as $pw) { emit('drupal7_upgraded', $pw, $h, d7_check($pw, $h), $u); }
$h = 'U' . user_hash_password(md5('short count'), 7);
emit('drupal7_upgraded', 'short count', $h, d7_check('short count', $h), "$D7 'U' . user_hash_password(md5(pw), 7); $d7c");
$d600 = str_repeat('d', 600);  // md5 comes first, so the 512-byte cap never sees the password
$h = 'U' . user_hash_password(md5($d600), 11);
emit('drupal7_upgraded', $d600, $h, d7_check($d600, $h), "$u; 600-byte password");
$h = 'U' . (new PasswordHash(8, true))->HashPassword(md5('from phpass'));  // U$P$: accepted by the same check
emit('drupal7_upgraded', 'from phpass', $h, d7_check('from phpass', $h), "'U' . $WP PasswordHash(8, true)->HashPassword(md5(pw)); $d7c");

// ---- Drupal 10/11 core PhpPassword (bcrypt) ------------------------------------------------------------
$dcs = "$DC lib/Drupal/Core/Password/PhpPassword.php";
foreach ($PASSWORDS as $i => $pw) {
  [$pp, $how] = $i < 2 ? [$drupal_default, 'PhpPassword() (core.services.yml defaults)'] : [$drupal_fast, "PhpPassword(PASSWORD_BCRYPT, ['cost' => 4])"];
  $h = $pp->hash($pw);
  emit('drupal10', $pw, $h, $pp->check($pw, $h), "$dcs $how hash()/check(), $PHPV");
}
$h = $drupal_fast->hash('password');
foreach (['Password', 'password ', ''] as $pw) {
  emit('drupal10', $pw, $h, $drupal_fast->check($pw, $h), "$dcs hash('password') (cost 4), check(), $PHPV");
}
$h = $drupal_fast->hash($A72 . 'first-tail');
emit('drupal10', $A72 . 'second-tail', $h, $drupal_fast->check($A72 . 'second-tail', $h), "$dcs hash(72 x 'A' . 'first-tail') (cost 4), check(), $PHPV");
$h = $drupal_fast->hash($d512);
emit('drupal10', $d512, $h, $drupal_fast->check($d512, $h), "$dcs hash(512 bytes) (cost 4), check(), $PHPV");
emit('drupal10', $d512 . 'd', $h, $drupal_fast->check($d512 . 'd', $h), "$dcs hash(512 bytes) (cost 4), check() refuses over 512 bytes, $PHPV");
emit('bcrypt', $d512 . 'd', $h, password_verify($d512 . 'd', $h), "$dcs hash(512 bytes) (cost 4); $pv (no cap, 72 bytes count)");
note('note: Drupal core PhpPassword hash(513 bytes) = ' . var_export($drupal_fast->hash($d512 . 'd'), true));

// ---- Argon2 ---------------------------------------------------------------------------------------------
$small = ['memory_cost' => 1024, 'time_cost' => 2, 'threads' => 1];
foreach ($PASSWORDS as $i => $pw) {
  [$algo, $name] = $i % 2 ? [PASSWORD_ARGON2I, 'PASSWORD_ARGON2I'] : [PASSWORD_ARGON2ID, 'PASSWORD_ARGON2ID'];
  $h = password_hash($pw, $algo, $small);
  emit('argon2', $pw, $h, password_verify($pw, $h), "$PHPV password_hash($name, m=1024 t=2 p=1); $pv");
}
$h = password_hash('defaults', PASSWORD_ARGON2ID);
emit('argon2', 'defaults', $h, password_verify('defaults', $h), "$PHPV password_hash(PASSWORD_ARGON2ID) with PHP's default costs; $pv");
$h = password_hash('password', PASSWORD_ARGON2ID, $small);
foreach (['Password', 'password '] as $pw) {
  emit('argon2', $pw, $h, password_verify($pw, $h), "$PHPV password_hash('password', PASSWORD_ARGON2ID, m=1024 t=2 p=1); $pv");
}
$h = password_hash('password', PASSWORD_ARGON2I, $small);
emit('argon2', 'passwore', $h, password_verify('passwore', $h), "$PHPV password_hash('password', PASSWORD_ARGON2I, m=1024 t=2 p=1); $pv");
$h = password_hash("nul\0inside", PASSWORD_ARGON2ID, $small);  // Argon2 takes every byte
foreach (["nul\0inside", 'nul'] as $pw) {
  emit('argon2', $pw, $h, password_verify($pw, $h), "$PHPV password_hash(\"nul\\0inside\", PASSWORD_ARGON2ID, m=1024 t=2 p=1); $pv");
}
$h = password_hash($A72 . 'first-tail', PASSWORD_ARGON2ID, $small);
emit('argon2', $A72 . 'second-tail', $h, password_verify($A72 . 'second-tail', $h), "$PHPV password_hash(72 x 'A' . 'first-tail', PASSWORD_ARGON2ID, small); $pv");
$drupal_argon = new \Drupal\Core\Password\PhpPassword(PASSWORD_ARGON2ID, $small);  // password.algorithm: argon2id
$h = $drupal_argon->hash('drupal argon');
emit('argon2', 'drupal argon', $h, $drupal_argon->check('drupal argon', $h), "$dcs PhpPassword(PASSWORD_ARGON2ID, m=1024 t=2 p=1) hash()/check(), $PHPV");
emit('argon2', 'drupal argon!', $h, $drupal_argon->check('drupal argon!', $h), "$dcs PhpPassword(PASSWORD_ARGON2ID, m=1024 t=2 p=1) hash()/check(), $PHPV");

// ---- plaintext -------------------------------------------------------------------------------------------
foreach ([['hunter2', 'hunter2'], ['pässwörd', 'pässwörd'], ['Hunter2', 'hunter2'], ['hunter2 ', 'hunter2']] as [$pw, $stored]) {
  emit('plaintext', $pw, $stored, $pw === $stored, 'definition: the stored string is the password');
}

ksort($COUNT);
note('vectors: ' . json_encode($COUNT));
