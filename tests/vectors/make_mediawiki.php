<?php
// MediaWiki password vectors (PHP 8.2), made with the calls of MediaWiki's own classes:
// :A: MD5Password (md5 of the password), :B: MWSaltedPassword (md5(salt . '-' . md5(password))),
// :pbkdf2: Pbkdf2Password (hash_pbkdf2 over a base64 salt, base64 output; 1.24+ default is
// sha512, 30000 iterations, 64 bytes). John the Ripper's MediaWiki tests, which write :B: as
// $B$salt$hash, are added in MediaWiki's own notation.
//
//     php tests/vectors/make_mediawiki.php > tests/vectors/mediawiki.jsonl

function emit(string $scheme, string $password, string $hash, bool $expect, string $source): void {
    echo json_encode(['scheme' => $scheme, 'password' => $password, 'hash' => $hash,
                      'expect' => $expect, 'source' => $source], JSON_UNESCAPED_UNICODE), "\n";
}

$php = 'PHP ' . PHP_VERSION;
$passwords = ['hashcat', 'pässwort', 'Tr0ub4dor&3horsebatt', ''];
foreach ($passwords as $i => $password) {
    $a = ':A:' . md5($password);
    emit('mediawiki_a', $password, $a, true, "$php md5() as MediaWiki MD5Password");
    $salt = ['1a2b3c4d', 'deadbeef', '113', 'f00'][$i];
    $b = ":B:$salt:" . md5($salt . '-' . md5($password));
    emit('mediawiki_b', $password, $b, true, "$php md5() as MediaWiki MWSaltedPassword");
    $raw = ['salt0123456789ab', "\x00\x01binary-salt\xff", 'sixteen-byte-slt', 'x'][$i];
    [$algo, $rounds, $length] = $i === 2 ? ['sha256', 1000, 32] : ['sha512', 30000, 64];
    $digest = hash_pbkdf2($algo, $password, $raw, $rounds, $length, true);
    $p = ":pbkdf2:$algo:$rounds:$length:" . base64_encode($raw) . ':' . base64_encode($digest);
    emit('mediawiki_pbkdf2', $password, $p, true, "$php hash_pbkdf2() as MediaWiki Pbkdf2Password");
    if ($i === 0) {
        emit('mediawiki_a', 'wrong', $a, false, "$php md5() (negative)");
        emit('mediawiki_b', 'wrong', $b, false, "$php md5() (negative)");
        emit('mediawiki_pbkdf2', 'wrong', $p, false, "$php hash_pbkdf2() (negative)");
    }
}
$john = __DIR__ . '/john/john.jsonl';
foreach (file($john) as $line) {
    $row = json_decode($line, true);
    if ($row['format'] === 'MediaWiki' && str_starts_with($row['hash'], '$B$')) {
        [, , $salt, $hash] = explode('$', $row['hash']);
        emit('mediawiki_b', $row['password'], ":B:$salt:$hash", $row['expect'], $row['source']);
    }
}
