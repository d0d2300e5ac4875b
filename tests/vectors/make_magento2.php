<?php
// Magento 2 customer/admin password hashes, made with PHP's own md5/sha256 and libsodium,
// following Magento 2.4's Encryptor (lib/internal/Magento/Framework/Encryption/Encryptor.php):
// getHash() writes hash:salt:version, where version 0 is md5(salt.password), 1 is
// sha256(salt.password), 2 and 3_32_2_67108864 are sodium_crypto_pwhash(ARGON2ID13) of the
// password with the salt cut or padded to 16 bytes; bin/magento customer:hash:upgrade hashes
// the stored hash again (hash:salt:0:1, 1:3_...) and isValidHash() replays the versions in order.
//
//     php tests/vectors/make_magento2.php > tests/vectors/magento2.jsonl
//
// Magento itself needs a database and a full install to run; these are the same PHP calls.

function step(string $data, string $salt, string $version): string {
    if (preg_match('/^3_(\d+)_(\d+)_(\d+)$/', $version, $m) || $version === '2') {
        [$seed, $ops, $mem] = $version === '2'
            ? [SODIUM_CRYPTO_SIGN_SEEDBYTES, SODIUM_CRYPTO_PWHASH_OPSLIMIT_INTERACTIVE,
               SODIUM_CRYPTO_PWHASH_MEMLIMIT_INTERACTIVE]
            : [(int)$m[1], (int)$m[2], (int)$m[3]];
        $n = SODIUM_CRYPTO_PWHASH_SALTBYTES;
        $salt16 = strlen($salt) < $n ? str_pad($salt, $n, $salt) : substr($salt, 0, $n);
        return bin2hex(sodium_crypto_pwhash($seed, $data, $salt16, $ops, $mem,
                                            SODIUM_CRYPTO_PWHASH_ALG_ARGON2ID13));
    }
    return hash($version === '0' ? 'md5' : 'sha256', $salt . $data);
}

function make(string $password, string $salt, array $versions): string {
    $hash = $password;
    foreach ($versions as $v) {
        $hash = step($hash, $salt, $v);
    }
    return implode(':', [$hash, $salt, implode(':', $versions)]);
}

function emit(string $password, string $stored, bool $expect, string $source): void {
    echo json_encode(['scheme' => 'magento2', 'password' => $password, 'hash' => $stored,
                      'expect' => $expect, 'source' => $source], JSON_UNESCAPED_UNICODE), "\n";
}

$agnostic = implode('_', [3, SODIUM_CRYPTO_SIGN_SEEDBYTES, SODIUM_CRYPTO_PWHASH_OPSLIMIT_INTERACTIVE,
                          SODIUM_CRYPTO_PWHASH_MEMLIMIT_INTERACTIVE]);
$plans = [
    ['hashcat', 'dPH7FjOBv7gQwrRUvUqGJ8rVZ4V2ukSt', ['0']],
    ['pässwort', 'Q9mCvzNu1Z2nRdYbP0pTfXe3KsL7wGhJ', ['0']],
    ['hashcat', 'dPH7FjOBv7gQwrRUvUqGJ8rVZ4V2ukSt', ['1']],
    ['Tr0ub4dor&3horsebatt', 'a1', ['1']],
    ['', 'emptyPasswordSalt0123456789abcde', ['1']],
    ['hashcat', 'dPH7FjOBv7gQwrRUvUqGJ8rVZ4V2ukSt', ['2']],
    ['pässwort', 'short', [$agnostic]],
    ['hashcat', 'dPH7FjOBv7gQwrRUvUqGJ8rVZ4V2ukSt', ['0', '1']],
    ['Tr0ub4dor&3horsebatt', 'Q9mCvzNu1Z2nRdYbP0pTfXe3KsL7wGhJ', ['1', $agnostic]],
];
$source = 'PHP ' . PHP_VERSION . ' hash()/libsodium ' . SODIUM_LIBRARY_VERSION
    . ', Magento 2.4 Encryptor getHash/isValidHash steps';
foreach ($plans as $i => [$password, $salt, $versions]) {
    $stored = make($password, $salt, $versions);
    emit($password, $stored, true, $source);
    emit($password . 'x', $stored, false, $source . ' (negative)');
}
