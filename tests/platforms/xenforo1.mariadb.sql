-- XenForo 1.x xf_user and xf_user_authenticate on MySQL/MariaDB (phpMyAdmin dump of a XenForo
-- 1.x forum, tainz/CommunityBridge documentation/developer/schemas/xenforo.sql, 2013).
CREATE TABLE xf_user (
  user_id int(10) unsigned NOT NULL AUTO_INCREMENT,
  username varchar(50) NOT NULL,
  email varchar(120) NOT NULL,
  gender enum('','male','female') NOT NULL DEFAULT '',
  custom_title varchar(50) NOT NULL DEFAULT '',
  language_id int(10) unsigned NOT NULL,
  style_id int(10) unsigned NOT NULL,
  timezone varchar(50) NOT NULL,
  visible tinyint(3) unsigned NOT NULL DEFAULT '1',
  user_group_id int(10) unsigned NOT NULL,
  secondary_group_ids varbinary(255) NOT NULL,
  display_style_group_id int(10) unsigned NOT NULL DEFAULT '0',
  permission_combination_id int(10) unsigned NOT NULL,
  message_count int(10) unsigned NOT NULL DEFAULT '0',
  conversations_unread smallint(5) unsigned NOT NULL DEFAULT '0',
  register_date int(10) unsigned NOT NULL DEFAULT '0',
  last_activity int(10) unsigned NOT NULL DEFAULT '0',
  trophy_points int(10) unsigned NOT NULL DEFAULT '0',
  alerts_unread smallint(5) unsigned NOT NULL DEFAULT '0',
  avatar_date int(10) unsigned NOT NULL DEFAULT '0',
  avatar_width smallint(5) unsigned NOT NULL DEFAULT '0',
  avatar_height smallint(5) unsigned NOT NULL DEFAULT '0',
  gravatar varchar(120) NOT NULL DEFAULT '',
  user_state enum('valid','email_confirm','email_confirm_edit','moderated') NOT NULL DEFAULT 'valid',
  is_moderator tinyint(3) unsigned NOT NULL DEFAULT '0',
  is_admin tinyint(3) unsigned NOT NULL DEFAULT '0',
  is_banned tinyint(3) unsigned NOT NULL DEFAULT '0',
  like_count int(10) unsigned NOT NULL DEFAULT '0',
  warning_points int(10) unsigned NOT NULL DEFAULT '0',
  is_staff tinyint(3) unsigned NOT NULL DEFAULT '0',
  PRIMARY KEY (user_id),
  UNIQUE KEY username (username),
  KEY email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
CREATE TABLE xf_user_authenticate (
  user_id int(10) unsigned NOT NULL,
  scheme_class varchar(75) NOT NULL,
  data mediumblob NOT NULL,
  remember_key varbinary(40) NOT NULL,
  PRIMARY KEY (user_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8;
