<?php
// Known-answer vectors for bcrypt's variants and for bcrypt over a digest, made by PHP itself
// (crypt_blowfish inside PHP; password_hash/crypt/password_verify):
//
//     php tests/vectors/make_bcrypt_variants.php > tests/vectors/bcrypt_variants.jsonl
//
// - $2x$: crypt() with a $2x$ setting (crypt_blowfish's pre-2011 8-bit behaviour, kept by PHP);
// - bcrypt(md5|sha1|sha256|sha512($pass)) with the digest as hex, raw bytes (hash(..., true),
//   cut at a NUL by crypt_blowfish as PHP does) or base64 of the raw bytes, as PHP and Node
//   applications write them with password_hash().
// The original OpenBSD $2$ vectors at the end are quoted from jBCrypt's and passlib's test
// suites (PHP cannot compute $2$).
$source = 'PHP ' . PHP_VERSION . ' crypt()/password_hash()';
$passwords = ['password', '', "p\u{e4}ssw\u{f6}rd", 'correct horse battery staple', "\u{a3}100"];
function emit($scheme, $password, $hash, $expect, $source) {
    // A formula of the custom-scheme language goes under "formula" (tests/families/test_bcrypt_variants.py).
    $key = str_starts_with($scheme, 'bcrypt(') ? 'formula' : 'scheme';
    echo json_encode([$key => $scheme, 'password' => $password, 'hash' => $hash,
        'expect' => $expect, 'source' => $source], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
}
$salts = ['$2x$05$/OK.fbVrR/bpIqNJ5ianF.', '$2x$04$CCCCCCCCCCCCCCCCCCCCC.', '$2x$04$abcdefghijklmnopqrstuu'];
foreach ($passwords as $i => $password) {
    $hash = crypt($password, $salts[$i % 3]);
    emit('bcrypt', $password, $hash, true, $source);
    emit('bcrypt', $password . '!', $hash, crypt($password . '!', $hash) === $hash, $source);
}
foreach (['md5', 'sha1', 'sha256', 'sha512'] as $algo) {
    foreach (['hex', 'raw', 'b64'] as $form) {
        $formula = ['hex' => "bcrypt($algo(\$pass))", 'raw' => "bcrypt({$algo}_raw(\$pass))",
                    'b64' => "bcrypt(base64({$algo}_raw(\$pass)))"][$form];
        foreach (array_slice($passwords, 0, 3) as $password) {
            $digest = ['hex' => hash($algo, $password), 'raw' => hash($algo, $password, true),
                       'b64' => base64_encode(hash($algo, $password, true))][$form];
            // password_hash() of PHP 8 refuses a NUL byte; crypt() (and PHP 7's password_hash)
            // cut the key there, as raw-digest applications got it.
            $setting = substr(password_hash('salt', PASSWORD_BCRYPT, ['cost' => 4]), 0, 29);
            $hash = crypt($digest, $setting);
            emit($formula, $password, $hash, password_verify($digest, $hash), $source);
            $wrong = ['hex' => hash($algo, $password . '!'), 'raw' => hash($algo, $password . '!', true),
                      'b64' => base64_encode(hash($algo, $password . '!', true))][$form];
            emit($formula, $password . '!', $hash, password_verify($wrong, $hash), $source);
        }
    }
}
$jbcrypt = 'jBCrypt 0.4 TestBCrypt.hashpwWorksWithOldRevision (OpenBSD $2$)';
$passlib = 'passlib 1.7 tests/test_handlers_bcrypt.py known_correct_hashes (OpenBSD $2$)';
emit('bcrypt', 'password', '$2$05$......................bvpG2UfzdyW/S0ny/4YyEZrmczoJfVm', true, $jbcrypt);
emit('bcrypt', 'password!', '$2$05$......................bvpG2UfzdyW/S0ny/4YyEZrmczoJfVm', false, $jbcrypt);
emit('bcrypt', 'abc', '$2$05$......................XuQjdH.wPVNUZ/bOfstdW/FqB8QSjte', true, $passlib);
emit('bcrypt', 'abd', '$2$05$......................XuQjdH.wPVNUZ/bOfstdW/FqB8QSjte', false, $passlib);
emit('bcrypt', '', '$2$05$......................J2ihDv8vVf7QZ9BsaRrKyqs2tkn55Yq', true, $passlib);
emit('bcrypt', 'test', '$2$04$5BJqKfqMQvV7nS.yUguNcuRfMMOXK0xPWavM7pOzjEi5ze5T1k8/S', true, 'passlib 1.7 handlers/bcrypt.py backend self-test ($2$)');
