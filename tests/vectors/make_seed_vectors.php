<?php
// Known-answer vectors for the seed schemes, made by the platforms' own PHP code.
//
//   php tests/vectors/make_seed_vectors.php WORDPRESS_DIR DRUPAL_PASSWORD_DIR > tests/vectors/seed.jsonl
//
// WORDPRESS_DIR: the root of WordPress as Debian packages it (wordpress_6.1.9+dfsg1-0+deb12u1_all.deb,
//   `apt-get download wordpress && dpkg -x wordpress_*.deb /tmp/wp`, then /tmp/wp/usr/share/wordpress):
//   wp-includes/class-phpass.php and wp_check_password() from wp-includes/pluggable.php are run as they are.
// DRUPAL_PASSWORD_DIR: Drupal core's core/lib/Drupal/Core/Password/ (PasswordInterface.php,
//   PhpassHashedPasswordBase.php @ 3520cc8ffe35, PhpPassword.php @ 375376d517215), which hold the
//   Drupal 7 password.inc algorithm ($S$, U$S$, $P$, $H$) and the Drupal 10/11 bcrypt wrapper.
// WordPress 6.8's $wp$ format is not in Debian's WordPress: its two lines (wp_hash_password and the
//   $wp branch of wp_check_password in wp-includes/pluggable.php 6.8) are reproduced below around
//   PHP's own password_hash()/password_verify().
// Every "expect" is what the platform's check function returned.

if ($argc < 3) { fwrite(STDERR, "usage: php make_seed_vectors.php WORDPRESS_DIR DRUPAL_PASSWORD_DIR\n"); exit(2); }
$wp = rtrim($argv[1], '/');
$dp = rtrim($argv[2], '/');
define('ABSPATH', $wp . '/');
define('WPINC', 'wp-includes');
require $wp . '/wp-includes/class-phpass.php';
preg_match("/wp_version = '([^']+)'/", file_get_contents($wp . '/wp-includes/version.php'), $m);
$WPV = 'WordPress ' . $m[1] . ' (Debian package)';
$PHPV = 'PHP ' . PHP_VERSION;
// wp_check_password() as pluggable.php defines it, minus its hooks (apply_filters, rehash on login).
function apply_filters($tag, $value) { return $value; }
$src = file_get_contents($wp . '/wp-includes/pluggable.php');
$start = strpos($src, 'function wp_check_password(');
$end = strpos($src, "\nendif;", $start);
eval(substr($src, $start, $end - $start));  // the real function body, loaded from the platform file

require $dp . '/PasswordInterface.php';
require $dp . '/PhpPassword.php';
require $dp . '/PhpassHashedPasswordBase.php';
use Drupal\Core\Password\PhpassHashedPasswordBase;
use Drupal\Core\Password\PhpPassword;
final class DrupalPhpass extends PhpassHashedPasswordBase {
  // Exposes the protected Drupal crypt() so a hash can be made for a chosen setting string.
  public function make($algo, $password, $setting) { return $this->crypt($algo, $password, $setting); }
}
$drupal = new DrupalPhpass(new PhpPassword(PASSWORD_BCRYPT, ['cost' => 4]));
$drupal10 = new PhpPassword(PASSWORD_BCRYPT, ['cost' => 4]);
$DRUPAL = 'Drupal core Password/PhpassHashedPasswordBase.php (password.inc algorithm), ' . $PHPV;
$DRUPAL10 = 'Drupal core Password/PhpPassword.php (Drupal 10/11), ' . $PHPV;

function emit($scheme, $password, $hash, $expect, $source) {
  echo json_encode(['scheme' => $scheme, 'password' => $password, 'hash' => $hash,
                    'expect' => (bool) $expect, 'source' => $source],
                   JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
}
function setting($prefix, $log2) {
  $itoa = PhpassHashedPasswordBase::$ITOA64;
  $salt = '';
  for ($i = 0; $i < 8; $i++) { $salt .= $itoa[random_int(0, 63)]; }
  return $prefix . $itoa[$log2] . $salt;
}
function wp68_hash($password, $cost) {   // WordPress 6.8 wp_hash_password(), bcrypt branch
  $password_to_hash = base64_encode(hash_hmac('sha384', trim($password), 'wp-sha384', true));
  return '$wp' . password_hash($password_to_hash, PASSWORD_BCRYPT, ['cost' => $cost]);
}
function wp68_check($password, $hash) {  // WordPress 6.8 wp_check_password(), $wp branch
  $password_to_verify = base64_encode(hash_hmac('sha384', $password, 'wp-sha384', true));
  return password_verify($password_to_verify, substr($hash, 3));
}

$passwords = ['password', '', 'pässwörd', 'пароль', '密码', str_repeat('Ab1-', 25),
              ' leading', 'trailing ', '  both  ', 'hunter2'];

// Unsalted hex digests; WordPress still accepts an md5 hex (wp_check_password's md5 branch).
foreach ($passwords as $pw) {
  $h = md5($pw);
  emit('md5', $pw, $h, wp_check_password($pw, $h), "$WPV wp_check_password md5 branch, $PHPV");
  emit('sha1', $pw, sha1($pw), hash_equals(sha1($pw), sha1($pw)), "$PHPV sha1()");
  emit('sha256', $pw, hash('sha256', $pw), true, "$PHPV hash('sha256')");
}
foreach (['password', 'пароль', ''] as $pw) {
  emit('md5', $pw . 'x', md5($pw), wp_check_password($pw . 'x', md5($pw)), "$WPV wp_check_password md5 branch, $PHPV");
  emit('sha1', $pw . 'x', sha1($pw), hash_equals(sha1($pw), sha1($pw . 'x')), "$PHPV sha1()");
  emit('sha256', $pw . 'x', hash('sha256', $pw), hash_equals(hash('sha256', $pw), hash('sha256', $pw . 'x')), "$PHPV hash('sha256')");
}

// phpass portable hashes: WordPress's PasswordHash; PasswordHash(N) writes log2 = N + 5.
foreach ($passwords as $i => $pw) {
  $n = [8, 2, 5, 8, 2, 8, 2, 5, 8, 2][$i];
  $hasher = new PasswordHash($n, true);
  $h = $hasher->HashPassword($pw);
  emit('phpass', $pw, $h, wp_check_password($pw, $h), "$WPV class-phpass.php PasswordHash($n, true), $PHPV");
  emit('phpass', strtoupper($pw) . '!', $h, wp_check_password(strtoupper($pw) . '!', $h), "$WPV wp_check_password, $PHPV");
}
$long = str_repeat('z', 4097);
$h = (new PasswordHash(2, true))->HashPassword('z');
emit('phpass', $long, $h, wp_check_password($long, $h), "$WPV CheckPassword refuses > 4096 bytes, $PHPV");
foreach (['password', 'pässwörd', ''] as $pw) {  // phpBB 3.0 writes the same algorithm with "$H$"
  $h = $drupal->make('md5', $pw, setting('$H$', 11));
  emit('phpass', $pw, $h, $drupal->check($pw, $h), "$DRUPAL crypt('md5') of a phpBB 3.0 \$H\$9 setting");
  emit('phpass', $pw . '1', $h, $drupal->check($pw . '1', $h), "$DRUPAL check()");
}

// WordPress 6.8+ $wp$: bcrypt over base64(HMAC-SHA384) of the trimmed password.
foreach ($passwords as $i => $pw) {
  $h = wp68_hash($pw, $i < 2 ? 10 : 5);
  emit('wordpress_bcrypt', $pw, $h, wp68_check($pw, $h), "WordPress 6.8 wp_hash_password/wp_check_password (\$wp branch), $PHPV");
  if (trim($pw) !== $pw) {  // hashed trimmed, checked as typed: the untrimmed password fails
    emit('wordpress_bcrypt', trim($pw), $h, wp68_check(trim($pw), $h), "WordPress 6.8 wp_check_password, $PHPV");
  } else {
    emit('wordpress_bcrypt', $pw . ' ', $h, wp68_check($pw . ' ', $h), "WordPress 6.8 wp_check_password, $PHPV");
  }
}
$base = str_repeat('A', 72);
$h = wp68_hash($base . 'first-tail', 5);  // the 72-byte trap: plain bcrypt would accept the other tail
emit('wordpress_bcrypt', $base . 'second-tail', $h, wp68_check($base . 'second-tail', $h), "WordPress 6.8 wp_check_password, $PHPV");
emit('wordpress_bcrypt', $base . 'first-tail', $h, wp68_check($base . 'first-tail', $h), "WordPress 6.8 wp_check_password, $PHPV");

// bcrypt as PHP writes and checks it.
foreach ($passwords as $i => $pw) {
  $h = password_hash($pw, PASSWORD_BCRYPT, ['cost' => $i < 2 ? 10 : 4]);
  emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV password_hash/password_verify");
  emit('bcrypt', $pw . '?', $h, password_verify($pw . '?', $h), "$PHPV password_verify");
}
foreach (['$2a$04$', '$2b$04$', '$2y$05$'] as $prefix) {
  $salt = substr(strtr(base64_encode(random_bytes(16)), '+', '.'), 0, 22);
  foreach (['password', 'correct horse battery staple'] as $pw) {
    $h = crypt($pw, $prefix . $salt);
    emit('bcrypt', $pw, $h, password_verify($pw, $h), "$PHPV crypt() with a $prefix salt, password_verify");
  }
}
$h = password_hash($base . 'first-tail', PASSWORD_BCRYPT, ['cost' => 4]);
emit('bcrypt', $base . 'second-tail', $h, password_verify($base . 'second-tail', $h), "$PHPV password_verify: only 72 bytes count");
emit('bcrypt', $base, $h, password_verify($base, $h), "$PHPV password_verify: only 72 bytes count");
emit('bcrypt', substr($base, 1), $h, password_verify(substr($base, 1), $h), "$PHPV password_verify");

// Drupal 7 to 9: $S$ (SHA-512), and U$S$ rows re-hashed from Drupal 6's md5.
foreach ($passwords as $i => $pw) {
  $log2 = [15, 16, 7, 8, 9, 10, 7, 8, 9, 7][$i];
  $h = $drupal->make('sha512', $pw, setting('$S$', $log2));
  emit('drupal7', $pw, $h, $drupal->check($pw, $h), $DRUPAL);
  emit('drupal7', $pw . 'x', $h, $drupal->check($pw . 'x', $h), $DRUPAL);
  $u = 'U' . $drupal->make('sha512', md5($pw), setting('$S$', $log2 > 8 ? 7 : $log2));
  emit('drupal7_upgraded', $pw, $u, $drupal->check($pw, $u), "$DRUPAL, a user_update_7000 U\$ row");
  emit('drupal7_upgraded', md5($pw), $u, $drupal->check(md5($pw), $u), "$DRUPAL, a user_update_7000 U\$ row");
}
$big = str_repeat('d', 513);
$h = $drupal->make('sha512', substr($big, 0, 512), setting('$S$', 7));
emit('drupal7', substr($big, 0, 512), $h, $drupal->check(substr($big, 0, 512), $h), "$DRUPAL: 512 bytes accepted");
$h2 = '$S$' . substr($h, 3);
emit('drupal7', $big, $h2, $drupal->check($big, $h2), "$DRUPAL: over 512 bytes refused");

// Drupal 10/11: PHP's bcrypt behind a 512-byte cap.
foreach ($passwords as $pw) {
  $h = $drupal10->hash($pw);
  emit('drupal10', $pw, $h, $drupal10->check($pw, $h), $DRUPAL10);
  emit('drupal10', $pw . '#', $h, $drupal10->check($pw . '#', $h), $DRUPAL10);
}
$h = password_hash($big, PASSWORD_BCRYPT, ['cost' => 4]);  // a row made elsewhere from a 513-byte password
emit('drupal10', $big, $h, $drupal10->check($big, $h), "$DRUPAL10: over 512 bytes refused");
emit('bcrypt', $big, $h, password_verify($big, $h), "$PHPV password_verify (no cap)");

// Argon2 as PHP (and Drupal 10+ with PASSWORD_ARGON2ID) writes it.
foreach ($passwords as $i => $pw) {
  $algo = $i % 2 ? PASSWORD_ARGON2I : PASSWORD_ARGON2ID;
  $opts = $i < 2 ? [] : ['memory_cost' => 1024, 'time_cost' => 2, 'threads' => 1];
  $h = password_hash($pw, $algo, $opts);
  emit('argon2', $pw, $h, password_verify($pw, $h), "$PHPV password_hash(" . ($i % 2 ? 'PASSWORD_ARGON2I' : 'PASSWORD_ARGON2ID') . ")");
  emit('argon2', $pw . '.', $h, password_verify($pw . '.', $h), "$PHPV password_verify");
}

foreach (['hunter2', ''] as $pw) {
  emit('plaintext', $pw, $pw, true, 'definition: the stored string is the password');
  emit('plaintext', $pw . ' ', $pw, false, 'definition: the stored string is the password');
}
