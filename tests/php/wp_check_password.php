<?php
// Runs WordPress's own wp_check_password() (wp-includes/pluggable.php) outside WordPress:
// argv: WordPress directory, right password, wrong password, stored hash. Prints [bool, bool].
define('ABSPATH', $argv[1] . '/');
define('WPINC', 'wp-includes');
function apply_filters($tag, $value) { return $value; }  // the one WordPress API it calls
require ABSPATH . WPINC . '/pluggable.php';
echo json_encode([wp_check_password($argv[2], $argv[4]), wp_check_password($argv[3], $argv[4])]);
