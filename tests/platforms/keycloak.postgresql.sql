-- Keycloak's credential and user_entity tables on PostgreSQL, as its Liquibase changelogs leave
-- them since Keycloak 10 (secret_data/credential_data); columns as in a published pg_dump of a
-- Keycloak database (PostgreSQL 16.8, public.credential and public.user_entity).
CREATE TABLE user_entity (
    id character varying(36) NOT NULL PRIMARY KEY,
    email character varying(255),
    email_constraint character varying(255),
    email_verified boolean DEFAULT false NOT NULL,
    enabled boolean DEFAULT false NOT NULL,
    federation_link character varying(255),
    first_name character varying(255),
    last_name character varying(255),
    realm_id character varying(255),
    username character varying(255),
    created_timestamp bigint,
    service_account_client_link character varying(255),
    not_before integer DEFAULT 0 NOT NULL
);
CREATE TABLE credential (
    id character varying(36) NOT NULL PRIMARY KEY,
    salt bytea,
    type character varying(255),
    user_id character varying(36),
    created_date bigint,
    user_label character varying(255),
    secret_data text,
    credential_data text,
    priority integer
);
