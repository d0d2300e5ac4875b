--
-- PostgreSQL database dump
--

\restrict nZfk1h5UEEBfT96olJoD3EQqxEVrRPOjFZNIPxTB7uCLcTYTBbCCvgPJaNeghHj

-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA auth;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: users; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.users (
    instance_id uuid,
    id uuid NOT NULL,
    aud character varying(255),
    role character varying(255),
    email character varying(255),
    encrypted_password character varying(255),
    email_confirmed_at timestamp with time zone,
    raw_app_meta_data jsonb,
    raw_user_meta_data jsonb,
    created_at timestamp with time zone,
    updated_at timestamp with time zone,
    phone text,
    is_sso_user boolean DEFAULT false NOT NULL
);


--
-- Name: profiles; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.profiles (
    id uuid NOT NULL,
    username text
);


--
-- Data for Name: users; Type: TABLE DATA; Schema: auth; Owner: -
--

COPY auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, phone, is_sso_user) FROM stdin;
\N	00000000-0000-4000-8000-000000000001	authenticated	authenticated	admin@example.com	$P$BZlPX7NIx8MYpXokBW2AUV2tB6k2ER1	\N	\N	{"name": "admin", "note": "plain"}	2024-01-02 00:00:00+00	\N	\N	f
\N	00000000-0000-4000-8000-000000000002	authenticated	authenticated	ob@example.com	5f4dcc3b5aa765d61d8327deb882cf99	\N	\N	{"name": "o'brien", "note": "it's \\"quoted\\""}	2024-01-02 00:00:00+00	\N	\N	t
\N	00000000-0000-4000-8000-000000000003	authenticated	authenticated	\N	$2y$10$6c5TjfiYKjoz7cfPGvYXp.oT4CrV7h3qTX8GCwqMqLnUxZ8c1cGwa	\N	\N	{"name": "back\\\\slash", "note": "a\\\\b"}	2024-01-02 00:00:00+00	\N	\N	f
\N	00000000-0000-4000-8000-000000000004	authenticated	authenticated	nl@example.com	$wp$2y$10$XvC8J1Hn0pTtcbW2KZ7h4eu7Pv0F1G6a8cH2l3b4c5d6e7f8g9h0i	\N	\N	{"name": "new\\nline", "note": "l1\\nl2\\r\\n"}	2024-01-02 00:00:00+00	\N	\N	t
\N	00000000-0000-4000-8000-000000000005	authenticated	authenticated	tab@example.com	$P$B7yW2b1cE3jT9eXoTqU4aS1Wd3b0zF.	\N	\N	{"name": "tab\\tuser", "note": "tab\\there"}	2024-01-02 00:00:00+00	\N	\N	f
\N	00000000-0000-4000-8000-000000000006	authenticated	authenticated	u@example.com	$P$BaBcDeFgHiJkLmNoPqRsTuVwXyZ012345	\N	\N	{"name": "ünïcødé", "note": "日本語 ✓"}	2024-01-02 00:00:00+00	\N	\N	t
\N	00000000-0000-4000-8000-000000000007	authenticated	authenticated	nul@example.com	098f6bcd4621d373cade4e832627b4f6	\N	\N	{"name": "nul", "note": "nulbyte"}	2024-01-02 00:00:00+00	\N	\N	f
\N	00000000-0000-4000-8000-000000000008	authenticated	authenticated	s@example.com	$P$B0123456789abcdefghijklmnopqrstu	\N	\N	{"name": "semi;colon", "note": "); DROP TABLE x; --"}	2024-01-02 00:00:00+00	\N	\N	t
\N	00000000-0000-4000-8000-000000000009	authenticated	authenticated	p@example.com	$P$Bpercent_and_underscore_0123456	\N	\N	{"name": "percent", "note": "100% \\\\% \\\\_ ctl\\u001a"}	2024-01-02 00:00:00+00	\N	\N	f
\N	00000000-0000-4000-8000-000000000010	authenticated	authenticated		\N	\N	\N	{"name": "empty", "note": ""}	2024-01-02 00:00:00+00	\N	\N	t
\.


--
-- Data for Name: profiles; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.profiles (id, username) FROM stdin;
00000000-0000-4000-8000-000000000001	users\tx
00000000-0000-4000-8000-000000000002	users\tx
00000000-0000-4000-8000-000000000003	users\tx
00000000-0000-4000-8000-000000000004	users\tx
00000000-0000-4000-8000-000000000005	users\tx
00000000-0000-4000-8000-000000000006	users\tx
00000000-0000-4000-8000-000000000007	users\tx
00000000-0000-4000-8000-000000000008	users\tx
00000000-0000-4000-8000-000000000009	users\tx
00000000-0000-4000-8000-000000000010	users\tx
\.


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: profiles profiles_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.profiles
    ADD CONSTRAINT profiles_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict nZfk1h5UEEBfT96olJoD3EQqxEVrRPOjFZNIPxTB7uCLcTYTBbCCvgPJaNeghHj

