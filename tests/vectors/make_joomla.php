<?php
// Joomla's {SHA256} rows, as Joomla 3.x libraries/src/User/UserHelper.php verifyPassword
// (joomla/joomla-cms @ 042e4d53b660d018aeb137ccb9a77ab6ccd48797) computes them: its branch is
// '{SHA256}' . hash('sha256', $password . $salt) . ':' . $salt, compared with the stored row.
// The salt is made as Joomla's genRandomPassword(32) makes it (alphanumeric).
//
//     php tests/vectors/make_joomla.php > tests/vectors/joomla.jsonl
$source = 'Joomla 3.x UserHelper::verifyPassword {SHA256} branch under PHP ' . PHP_VERSION;
function joomla_sha256($password, $salt) {
    return '{SHA256}' . hash('sha256', $password . $salt) . ':' . $salt;
}
$chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
foreach (['password', "p\u{e4}ssw\u{f6}rd", 'correct horse', ''] as $password) {
    $salt = '';
    for ($i = 0; $i < 32; $i++) { $salt .= $chars[random_int(0, 61)]; }
    $hash = joomla_sha256($password, $salt);
    foreach ([$password, $password . '!'] as $tried) {
        echo json_encode(['scheme' => 'joomla_sha256', 'password' => $tried, 'hash' => $hash,
            'expect' => hash_equals($hash, joomla_sha256($tried, $salt)), 'source' => $source],
            JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
    }
}
