-- Drupal 8 to 11 user entity data table users_field_data, as Drupal's SQL entity storage creates
-- it on MySQL/MariaDB (columns and keys as in a mysqldump of a Drupal 8 site, irakicha/drupal
-- dbdump/drupal_test_users_field_data.sql; the table is unchanged through Drupal 11).
CREATE TABLE users_field_data (
  uid int(10) unsigned NOT NULL,
  langcode varchar(12) CHARACTER SET ascii NOT NULL,
  preferred_langcode varchar(12) CHARACTER SET ascii DEFAULT NULL,
  preferred_admin_langcode varchar(12) CHARACTER SET ascii DEFAULT NULL,
  name varchar(60) NOT NULL,
  pass varchar(255) DEFAULT NULL,
  mail varchar(254) DEFAULT NULL,
  timezone varchar(32) DEFAULT NULL,
  status tinyint(4) DEFAULT NULL,
  created int(11) NOT NULL,
  changed int(11) DEFAULT NULL,
  access int(11) NOT NULL,
  login int(11) DEFAULT NULL,
  init varchar(254) DEFAULT NULL,
  default_langcode tinyint(4) NOT NULL,
  PRIMARY KEY (uid, langcode),
  UNIQUE KEY user__name (name, langcode),
  KEY user__id__default_langcode__langcode (uid, default_langcode, langcode),
  KEY user_field__mail (mail(191)),
  KEY user_field__created (created),
  KEY user_field__access (access)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
