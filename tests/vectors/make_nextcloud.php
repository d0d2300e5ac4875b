<?php
// Nextcloud's stored password forms, made the way its Hasher writes them
// (nextcloud/server lib/private/Security/Hasher.php @ 007be83a968e6aee649ff8de173163cb5ef93a86:
// hash() returns the version, '|', then PHP's password_hash() with its default options),
// checked with the Hasher's verify rule (password_verify of the part after '|').
//
//     php tests/vectors/make_nextcloud.php > tests/vectors/nextcloud.jsonl
$source = 'PHP ' . PHP_VERSION . ' password_hash() as Nextcloud Hasher.php @ 007be83a writes it';
$options = ['threads' => PASSWORD_ARGON2_DEFAULT_THREADS, 'memory_cost' => 1024,
            'time_cost' => PASSWORD_ARGON2_DEFAULT_TIME_COST];  // hashingMemoryCost lowered for tests
$forms = [3 => PASSWORD_ARGON2ID, 2 => PASSWORD_ARGON2I, 1 => PASSWORD_BCRYPT];
foreach (['password', "p\u{e4}ssw\u{f6}rd", 'correct horse'] as $password) {
    foreach ($forms as $version => $algo) {
        $opts = $algo === PASSWORD_BCRYPT ? ['cost' => 4] : $options;
        $hash = $version . '|' . password_hash($password, $algo, $opts);
        foreach ([$password, $password . '!'] as $tried) {
            $ok = password_verify($tried, explode('|', $hash, 2)[1]);
            echo json_encode(['scheme' => 'nextcloud', 'password' => $tried, 'hash' => $hash,
                'expect' => $ok, 'source' => $source], JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
        }
    }
}
