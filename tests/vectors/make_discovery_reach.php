<?php
// Pairs for discovery's reach (tests/formula/test_discover_reach.py), made by PHP's own hash_pbkdf2()
// and hash_hmac(), the way custom PHP applications store them (digest in one column, salt in
// another):
//
//     php tests/vectors/make_discovery_reach.php > tests/vectors/discovery_reach.jsonl
//
// Each line names the formula of hashcompat's language that the application's code computes
// (under "formula", so the registry's vector checks leave it to that test).
$source = 'PHP ' . PHP_VERSION . ' hash_pbkdf2()/hash_hmac()';
$passwords = ['password', 'correct horse', "p\u{e4}ssw\u{f6}rd", 'hunter2', 'Tr0ub4dor&3'];
$salts = ['NaCl', 'saltsalt', 'a1b2c3d4e5f6', 'Zx9', 'pepper+salt'];
function emit($formula, $password, $salt, $hash, $source) {
    echo json_encode(['formula' => $formula, 'password' => $password, 'salt' => $salt,
        'hash' => $hash, 'expect' => true, 'source' => $source],
        JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
}
foreach ($passwords as $i => $p) {
    $s = $salts[$i];
    emit('pbkdf2_sha1($pass,$salt,1000,20)', $p, $s, hash_pbkdf2('sha1', $p, $s, 1000, 40), $source);
    emit('pbkdf2_sha256($pass,$salt,10000,32)', $p, $s, hash_pbkdf2('sha256', $p, $s, 10000, 64), $source);
    emit('base64(pbkdf2_sha512_raw($pass,$salt,25000,64))', $p, $s,
        base64_encode(hash_pbkdf2('sha512', $p, $s, 25000, 64, true)), $source);
    emit('pbkdf2_sha256($pass,$salt,4321,32)', $p, $s, hash_pbkdf2('sha256', $p, $s, 4321, 64), $source);
    emit('hmac_sha256($salt,$pass)', $p, $s, hash_hmac('sha256', $p, $s), $source);
    emit('hmac_sha1($pass,$salt)', $p, $s, hash_hmac('sha1', $s, $p), $source);
}
