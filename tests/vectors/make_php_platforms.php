<?php
// Vectors for PHP platforms whose password code is one or two calls of PHP's own crypt(),
// made with those calls as the platforms make them (PHP 8.2):
// - WoltLab Suite < 5.4 DoubleBcrypt::getDoubleSaltedHash: crypt(crypt($password, $salt), $salt)
//   with a $2a$08$ salt (wcf/lib/system/user/authentication/password/algorithm/DoubleBcrypt.php);
//   5.4+ keeps these hashes as "wcf1:" + the string.
// - SMF 2.1 hash_password(): password_hash(strtolower($username) . $password, PASSWORD_BCRYPT)
//   (Sources/Subs-Auth.php).
//
//     php tests/vectors/make_php_platforms.php > tests/vectors/php_platforms.jsonl

function emit(array $line): void {
    echo json_encode($line, JSON_UNESCAPED_UNICODE), "\n";
}

$source = 'PHP ' . PHP_VERSION;
$salts = ['$2a$08$abcdefghijklmnopqrstuu', '$2a$08$Zyxwvutsrqponmlkjihgf.'];
foreach (['hashcat', 'pässwort', 'Tr0ub4dor&3horsebatt', ''] as $i => $password) {
    $salt = $salts[$i % 2];
    $stored = crypt(crypt($password, $salt), $salt);
    $src = "$source crypt(crypt(\$password, \$salt), \$salt) as WoltLab DoubleBcrypt";
    emit(['scheme' => 'woltlab_wcf2', 'password' => $password, 'hash' => $stored,
          'expect' => hash_equals($stored, crypt(crypt($password, $stored), $stored)), 'source' => $src]);
    emit(['scheme' => 'woltlab_wcf2', 'password' => $password, 'hash' => 'wcf1:' . $stored,
          'expect' => true, 'source' => "$src, wcf1: as WoltLab 5.4+ stores it"]);
    if ($i === 0) {
        emit(['scheme' => 'woltlab_wcf2', 'password' => 'wrong', 'hash' => $stored,
              'expect' => hash_equals($stored, crypt(crypt('wrong', $stored), $stored)),
              'source' => "$src (negative)"]);
    }
}
foreach ([['Admin', 'hashcat'], ['Élodie', 'pässwort'], ['bob', 'Tr0ub4dor&3horsebatt']] as $i => [$user, $password]) {
    $stored = password_hash(strtolower($user) . $password, PASSWORD_BCRYPT, ['cost' => 5]);
    $src = "$source password_hash(strtolower(\$username) . \$password) as SMF 2.1 hash_password";
    emit(['scheme' => 'smf21', 'password' => $password, 'hash' => $stored, 'username' => $user,
          'expect' => password_verify(strtolower($user) . $password, $stored), 'source' => $src]);
    if ($i === 0) {
        emit(['scheme' => 'smf21', 'password' => 'wrong', 'hash' => $stored, 'username' => $user,
              'expect' => password_verify(strtolower($user) . 'wrong', $stored),
              'source' => "$src (negative)"]);
    }
}
