<?php
// Symfony's legacy MessageDigestPasswordHasher (the default of the old "sha512" encoder:
// sha512, 5000 iterations, base64; salt merged as password{salt}), run from Symfony's own
// source file, with the three small dependencies it names stubbed:
//
//     php tests/vectors/make_symfony.php /path/to/symfony/src/Symfony/Component/PasswordHasher/Hasher/MessageDigestPasswordHasher.php \
//         > tests/vectors/symfony.jsonl
//
// source read at symfony/symfony @ 155858a737d50dee6fb1188a48ec7f40d4f7d4f4.
namespace Symfony\Component\PasswordHasher\Exception { class InvalidPasswordException extends \RuntimeException {} class LogicException extends \LogicException {} }
namespace Symfony\Component\PasswordHasher { interface LegacyPasswordHasherInterface {} }
namespace Symfony\Component\PasswordHasher\Hasher {
    trait CheckPasswordLengthTrait {  // Symfony's: passwords over 4096 bytes are refused
        private function isPasswordTooLong(string $password): bool { return 4096 < \strlen($password); }
    }
}
namespace {
    require $argv[1];
    use Symfony\Component\PasswordHasher\Hasher\MessageDigestPasswordHasher;
    $source = 'symfony/password-hasher MessageDigestPasswordHasher @ 155858a7 under PHP ' . PHP_VERSION;
    $cases = [
        ['sha512', true, 5000, 'base64(repeat(4999,sha512_raw($pass.\'{\'.$salt.\'}\'),sha512_raw($prev.$pass.\'{\'.$salt.\'}\')))'],
        ['sha1', false, 1, 'sha1($pass.\'{\'.$salt.\'}\')'],
    ];
    foreach ($cases as [$algo, $b64, $iterations, $formula]) {
        $hasher = new MessageDigestPasswordHasher($algo, $b64, $iterations);
        foreach ([['password', 'NaCl'], ["p\u{e4}ssw\u{f6}rd", 'a1b2c3'], ['correct horse', 'x']] as [$p, $s]) {
            $hash = $hasher->hash($p, $s);
            foreach ([$p, $p . '!'] as $tried) {
                echo json_encode(['formula' => $formula, 'password' => $tried, 'salt' => $s, 'hash' => $hash,
                    'expect' => $hasher->verify($hash, $tried, $s), 'source' => $source],
                    JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES), "\n";
            }
        }
    }
}
