--
-- PostgreSQL database dump
--


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

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: comments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.comments (
    id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    design_id character varying(36) NOT NULL,
    element_id character varying(36),
    author_id character varying(36) NOT NULL,
    text text NOT NULL,
    created_seq integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    hidden_reason character varying(200),
    hidden_at timestamp without time zone
);


--
-- Name: design_authors; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.design_authors (
    design_id character varying(36) NOT NULL,
    participant_id character varying(36) NOT NULL,
    joined_at timestamp without time zone NOT NULL
);


--
-- Name: designs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.designs (
    id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    title character varying(200) NOT NULL,
    created_by character varying(36) NOT NULL,
    created_seq integer NOT NULL,
    colour_index integer NOT NULL,
    created_at timestamp without time zone NOT NULL,
    hidden_reason character varying(200),
    hidden_at timestamp without time zone
);


--
-- Name: elements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.elements (
    id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    design_id character varying(36) NOT NULL,
    kind character varying(20) NOT NULL,
    geometry json NOT NULL,
    note text NOT NULL,
    author_id character varying(36) NOT NULL,
    version integer NOT NULL,
    created_seq integer NOT NULL,
    deleted_seq integer,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL,
    hidden_reason character varying(200),
    hidden_at timestamp without time zone
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    id integer NOT NULL,
    workshop_id character varying(36) NOT NULL,
    seq integer NOT NULL,
    type character varying(40) NOT NULL,
    data json NOT NULL,
    actor_id character varying(36),
    audience json,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: events_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.events_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: events_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.events_id_seq OWNED BY public.events.id;


--
-- Name: observations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.observations (
    id character varying(36) NOT NULL,
    visit_id character varying(36) NOT NULL,
    "position" integer NOT NULL,
    element_id character varying(36) NOT NULL,
    unplanned boolean NOT NULL,
    kind character varying(20) NOT NULL,
    status character varying(24) NOT NULL,
    effective_status character varying(24) NOT NULL,
    count integer,
    note text NOT NULL,
    as_built json,
    deviation json
);


--
-- Name: participants; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participants (
    id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    name character varying(40) NOT NULL,
    role character varying(20) NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    removed_at timestamp without time zone
);


--
-- Name: photos; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.photos (
    id character varying(36) NOT NULL,
    project_id character varying(36) NOT NULL,
    visit_id character varying(36) NOT NULL,
    element_id character varying(36) NOT NULL,
    upload_sha256 character varying(64) NOT NULL,
    stored_sha256 character varying(64) NOT NULL,
    media_type character varying(20) NOT NULL,
    width integer NOT NULL,
    height integer NOT NULL,
    size_bytes integer NOT NULL,
    lon double precision,
    lat double precision,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: plan_elements; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.plan_elements (
    project_id character varying(36) NOT NULL,
    element_id character varying(36) NOT NULL,
    "position" integer NOT NULL,
    kind character varying(20) NOT NULL,
    geometry json NOT NULL,
    note text NOT NULL
);


--
-- Name: projects; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.projects (
    id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    design_id character varying(36) NOT NULL,
    title character varying(200) NOT NULL,
    organisation character varying(200) NOT NULL,
    contractor character varying(200) NOT NULL,
    planned_start character varying(10),
    planned_completion character varying(10),
    created_at timestamp without time zone NOT NULL
);


--
-- Name: signoffs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signoffs (
    id character varying(36) NOT NULL,
    project_id character varying(36) NOT NULL,
    visit_id character varying(36),
    element_id character varying(36),
    participant_id character varying(36) NOT NULL,
    author_name character varying(40) NOT NULL,
    verdict character varying(10) NOT NULL,
    comment text NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: supervision_access; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.supervision_access (
    id character varying(36) NOT NULL,
    project_id character varying(36) NOT NULL,
    participant_id character varying(36) NOT NULL,
    key_hash character varying(64) NOT NULL,
    recovery_hash character varying(64) NOT NULL,
    created_at timestamp without time zone NOT NULL,
    revoked_at timestamp without time zone
);


--
-- Name: visits; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.visits (
    id character varying(36) NOT NULL,
    project_id character varying(36) NOT NULL,
    date character varying(10) NOT NULL,
    notes text NOT NULL,
    conditions character varying(200) NOT NULL,
    by_participant_id character varying(36),
    by_name character varying(80) NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: votes; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.votes (
    participant_id character varying(36) NOT NULL,
    design_id character varying(36) NOT NULL,
    workshop_id character varying(36) NOT NULL,
    count integer NOT NULL,
    updated_at timestamp without time zone NOT NULL
);


--
-- Name: workshops; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workshops (
    id character varying(36) NOT NULL,
    title character varying(200) NOT NULL,
    site_name character varying(200) NOT NULL,
    boundary json NOT NULL,
    join_code character varying(12) NOT NULL,
    phase character varying(20) NOT NULL,
    seq integer NOT NULL,
    settings json NOT NULL,
    timer_ends_at timestamp without time zone,
    is_demo boolean NOT NULL,
    created_at timestamp without time zone NOT NULL
);


--
-- Name: events id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events ALTER COLUMN id SET DEFAULT nextval('public.events_id_seq'::regclass);


--
-- Data for Name: comments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.comments VALUES ('35375193-a299-4414-aff7-b9ade14f1d02', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', 'de365991-b70e-470a-b014-a5bd6cff3b64', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'More shade here', 8, '2026-12-01 10:09:58.590031', NULL, NULL);
INSERT INTO public.comments VALUES ('6a2986a1-fbba-4568-b2e0-8711f33e7b23', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'fe7aeb99-4f66-4a4b-b9f7-77878a047eb4', NULL, '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'off topic', 9, '2026-12-01 10:09:58.597893', 'off-topic', '2026-12-01 10:09:58.603724');


--
-- Data for Name: design_authors; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.design_authors VALUES ('9fec90d8-a25c-41e2-906d-2a44a5be5f97', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', '2026-12-01 10:09:58.544146');
INSERT INTO public.design_authors VALUES ('fe7aeb99-4f66-4a4b-b9f7-77878a047eb4', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', '2026-12-01 10:09:58.549403');
INSERT INTO public.design_authors VALUES ('9fec90d8-a25c-41e2-906d-2a44a5be5f97', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', '2026-12-01 10:09:58.557075');


--
-- Data for Name: designs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.designs VALUES ('9fec90d8-a25c-41e2-906d-2a44a5be5f97', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Green heart', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 1, 0, '2026-12-01 10:09:58.539109', NULL, NULL);
INSERT INTO public.designs VALUES ('fe7aeb99-4f66-4a4b-b9f7-77878a047eb4', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Play first', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 2, 1, '2026-12-01 10:09:58.54759', NULL, NULL);


--
-- Data for Name: elements; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.elements VALUES ('de365991-b70e-470a-b014-a5bd6cff3b64', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', 'tree', '{"type": "Point", "coordinates": [76.952, 43.2604]}', '', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 1, 4, NULL, '2026-12-01 10:09:58.564414', '2026-12-01 10:09:58.564414', NULL, NULL);
INSERT INTO public.elements VALUES ('0e1ae869-de20-4cee-a7c6-32527a1c56c9', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', 'path', '{"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}', 'Shady walk', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 1, 5, NULL, '2026-12-01 10:09:58.571303', '2026-12-01 10:09:58.571303', NULL, NULL);
INSERT INTO public.elements VALUES ('9276ccb4-8019-4995-92f0-6cbc4d7a7122', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', 'green_area', '{"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}', '', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 1, 6, NULL, '2026-12-01 10:09:58.577082', '2026-12-01 10:09:58.577082', NULL, NULL);
INSERT INTO public.elements VALUES ('0bd9e5e7-9a8f-4a0a-9c39-fe24104de2ed', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'fe7aeb99-4f66-4a4b-b9f7-77878a047eb4', 'bench', '{"type": "Point", "coordinates": [76.952, 43.2604]}', '', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 1, 7, NULL, '2026-12-01 10:09:58.582327', '2026-12-01 10:09:58.582327', NULL, NULL);


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.events VALUES (1, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 1, 'design:created', '{"design": {"id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "title": "Green heart", "created_by": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "colour_index": 0, "authors": [{"participant_id": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "name": "Aru"}], "created_at": "2026-12-01T10:09:58.539Z"}, "seq": 1}', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'null', '2026-12-01 10:09:58.539368');
INSERT INTO public.events VALUES (2, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 2, 'design:created', '{"design": {"id": "fe7aeb99-4f66-4a4b-b9f7-77878a047eb4", "title": "Play first", "created_by": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "colour_index": 1, "authors": [{"participant_id": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "name": "Bek"}], "created_at": "2026-12-01T10:09:58.547Z"}, "seq": 2}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'null', '2026-12-01 10:09:58.547819');
INSERT INTO public.events VALUES (3, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 3, 'design:updated', '{"design": {"id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "title": "Green heart", "created_by": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "colour_index": 0, "authors": [{"participant_id": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "name": "Aru"}, {"participant_id": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "name": "Bek"}], "created_at": "2026-12-01T10:09:58.539Z"}, "seq": 3}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'null', '2026-12-01 10:09:58.557492');
INSERT INTO public.events VALUES (4, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 4, 'element:added', '{"element": {"id": "de365991-b70e-470a-b014-a5bd6cff3b64", "design_id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "kind": "tree", "geometry": {"type": "Point", "coordinates": [76.952, 43.2604]}, "note": "", "author_id": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "version": 1, "measure": {}, "created_at": "2026-12-01T10:09:58.564Z", "updated_at": "2026-12-01T10:09:58.564Z"}, "seq": 4}', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'null', '2026-12-01 10:09:58.564634');
INSERT INTO public.events VALUES (5, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 5, 'element:added', '{"element": {"id": "0e1ae869-de20-4cee-a7c6-32527a1c56c9", "design_id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "kind": "path", "geometry": {"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}, "note": "Shady walk", "author_id": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "version": 1, "measure": {"length_m": 204.2}, "created_at": "2026-12-01T10:09:58.571Z", "updated_at": "2026-12-01T10:09:58.571Z"}, "seq": 5}', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'null', '2026-12-01 10:09:58.571498');
INSERT INTO public.events VALUES (6, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 6, 'element:added', '{"element": {"id": "9276ccb4-8019-4995-92f0-6cbc4d7a7122", "design_id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "kind": "green_area", "geometry": {"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}, "note": "", "author_id": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "version": 1, "measure": {"area_m2": 13531.4}, "created_at": "2026-12-01T10:09:58.577Z", "updated_at": "2026-12-01T10:09:58.577Z"}, "seq": 6}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'null', '2026-12-01 10:09:58.577374');
INSERT INTO public.events VALUES (7, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 7, 'element:added', '{"element": {"id": "0bd9e5e7-9a8f-4a0a-9c39-fe24104de2ed", "design_id": "fe7aeb99-4f66-4a4b-b9f7-77878a047eb4", "kind": "bench", "geometry": {"type": "Point", "coordinates": [76.952, 43.2604]}, "note": "", "author_id": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "version": 1, "measure": {}, "created_at": "2026-12-01T10:09:58.582Z", "updated_at": "2026-12-01T10:09:58.582Z"}, "seq": 7}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'null', '2026-12-01 10:09:58.582504');
INSERT INTO public.events VALUES (8, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 8, 'comment:added', '{"comment": {"id": "35375193-a299-4414-aff7-b9ade14f1d02", "design_id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97", "element_id": "de365991-b70e-470a-b014-a5bd6cff3b64", "author_id": "6443f148-b7a1-49bf-a621-bd2d42f9f5de", "author_name": "Bek", "text": "More shade here", "created_at": "2026-12-01T10:09:58.590Z"}, "seq": 8}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', 'null', '2026-12-01 10:09:58.59018');
INSERT INTO public.events VALUES (9, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 9, 'comment:added', '{"comment": {"id": "6a2986a1-fbba-4568-b2e0-8711f33e7b23", "design_id": "fe7aeb99-4f66-4a4b-b9f7-77878a047eb4", "element_id": null, "author_id": "5dfb95e6-0bf8-4c38-bc58-04678459d2e3", "author_name": "Aru", "text": "off topic", "created_at": "2026-12-01T10:09:58.597Z"}, "seq": 9}', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'null', '2026-12-01 10:09:58.598026');
INSERT INTO public.events VALUES (10, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 10, 'moderated', '{"target": "comment", "id": "6a2986a1-fbba-4568-b2e0-8711f33e7b23", "hidden": true, "reason": "off-topic", "seq": 10}', '5821a380-e81e-464d-9be6-2494596b452c', 'null', '2026-12-01 10:09:58.604661');
INSERT INTO public.events VALUES (11, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 11, 'phase:changed', '{"phase": "voting", "seq": 11, "resync": true}', '5821a380-e81e-464d-9be6-2494596b452c', 'null', '2026-12-01 10:09:58.606705');
INSERT INTO public.events VALUES (12, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 12, 'votes:updated', '{"tallies": {"9fec90d8-a25c-41e2-906d-2a44a5be5f97": 1, "fe7aeb99-4f66-4a4b-b9f7-77878a047eb4": 0}, "seq": 12}', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', '[]', '2026-12-01 10:09:58.616074');
INSERT INTO public.events VALUES (13, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 13, 'votes:updated', '{"tallies": {"9fec90d8-a25c-41e2-906d-2a44a5be5f97": 1, "fe7aeb99-4f66-4a4b-b9f7-77878a047eb4": 1}, "seq": 13}', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', '[]', '2026-12-01 10:09:58.622457');
INSERT INTO public.events VALUES (14, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 14, 'phase:changed', '{"phase": "closed", "seq": 14, "resync": true}', '5821a380-e81e-464d-9be6-2494596b452c', 'null', '2026-12-01 10:09:58.624503');
INSERT INTO public.events VALUES (15, '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 15, 'project:adopted', '{"project": {"id": "9a249669-9739-46fe-854a-cf62d3463788", "title": "Phase 1", "design_id": "9fec90d8-a25c-41e2-906d-2a44a5be5f97"}, "seq": 15}', '5821a380-e81e-464d-9be6-2494596b452c', 'null', '2026-12-01 10:09:58.630494');


--
-- Data for Name: observations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.observations VALUES ('9808c383-b304-4135-9997-15765e8030fa', '15deedd3-d6be-402a-90d4-1d20dafe3e8f', 0, 'de365991-b70e-470a-b014-a5bd6cff3b64', false, 'tree', 'built', 'built_with_deviation', 3, '', '{"type": "Point", "coordinates": [76.95204, 43.2604]}', '{"offset_m": 3.25, "flagged": true}');
INSERT INTO public.observations VALUES ('d18811d2-ee57-47cf-ab20-623345402773', '15deedd3-d6be-402a-90d4-1d20dafe3e8f', 1, '0e1ae869-de20-4cee-a7c6-32527a1c56c9', false, 'path', 'in_progress', 'in_progress', NULL, 'half paved', 'null', 'null');
INSERT INTO public.observations VALUES ('184928be-2c38-478d-96e9-91bc485b0d05', '15deedd3-d6be-402a-90d4-1d20dafe3e8f', 2, 'e28411d7-e828-4e35-b324-bb4e388ceff3', true, 'sign', 'built', 'built', NULL, 'unplanned', '{"type": "Point", "coordinates": [76.9541, 43.2611]}', 'null');


--
-- Data for Name: participants; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.participants VALUES ('5821a380-e81e-464d-9be6-2494596b452c', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Facilitator', 'facilitator', '4110534ff8bf0ac677ccbea35e71694fbdb9bf45336709563366a26d119c022d', '2026-12-01 10:09:58.521202', NULL);
INSERT INTO public.participants VALUES ('5dfb95e6-0bf8-4c38-bc58-04678459d2e3', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Aru', 'participant', 'aedf640a3b5f004ff7ff720d10f399f80a2440aa983946aa4aaf91a1bd360bac', '2026-12-01 10:09:58.52807', NULL);
INSERT INTO public.participants VALUES ('6443f148-b7a1-49bf-a621-bd2d42f9f5de', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Bek', 'participant', '251ac70d59f99d4e007750c7b0d1b3a499d45d33128ab8a8ea01e169bb0a5d2a', '2026-12-01 10:09:58.530894', NULL);


--
-- Data for Name: photos; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.photos VALUES ('c0abb76a-2570-4d65-b952-ceeb35718306', '9a249669-9739-46fe-854a-cf62d3463788', '15deedd3-d6be-402a-90d4-1d20dafe3e8f', 'de365991-b70e-470a-b014-a5bd6cff3b64', '517e086a64955e80ac64faba9e536136ada98480bfc3adfa6abcc7765d3f607d', '0ddcc720e16852cc92ccd819c9bf6b6ff76f9b913fcffda2172028b1eaa2bbfa', 'image/png', 64, 48, 126, NULL, NULL, '2026-12-01 10:09:58.666285');


--
-- Data for Name: plan_elements; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.plan_elements VALUES ('9a249669-9739-46fe-854a-cf62d3463788', 'de365991-b70e-470a-b014-a5bd6cff3b64', 0, 'tree', '{"type": "Point", "coordinates": [76.952, 43.2604]}', '');
INSERT INTO public.plan_elements VALUES ('9a249669-9739-46fe-854a-cf62d3463788', '0e1ae869-de20-4cee-a7c6-32527a1c56c9', 1, 'path', '{"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}', 'Shady walk');
INSERT INTO public.plan_elements VALUES ('9a249669-9739-46fe-854a-cf62d3463788', '9276ccb4-8019-4995-92f0-6cbc4d7a7122', 2, 'green_area', '{"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}', '');


--
-- Data for Name: projects; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.projects VALUES ('9a249669-9739-46fe-854a-cf62d3463788', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', 'Phase 1', 'Akimat', 'Builder LLP', '2027-04-01', '2027-10-31', '2026-12-01 10:09:58.630052');


--
-- Data for Name: signoffs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.signoffs VALUES ('81f394b2-1d3f-446a-aa6a-e544f402f3ce', '9a249669-9739-46fe-854a-cf62d3463788', '15deedd3-d6be-402a-90d4-1d20dafe3e8f', NULL, '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'Aru', 'accept', 'Looks right', '2026-12-01 10:09:58.67146');


--
-- Data for Name: supervision_access; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.supervision_access VALUES ('4d44e372-d26c-4c61-b27f-6f5cd189e91b', '9a249669-9739-46fe-854a-cf62d3463788', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'd6fb01d4525277d1578ec632009e377ef5f487214a8dcb7377ac71214762c672', 'f58eb2134bb4b1916b6655e731d91f7aaff1b36e31d25b67dd5821853ab8c70b', '2026-12-01 10:09:58.633564', NULL);
INSERT INTO public.supervision_access VALUES ('ea9c776a-8fdd-49d5-8f40-289f31073dd4', '9a249669-9739-46fe-854a-cf62d3463788', '6443f148-b7a1-49bf-a621-bd2d42f9f5de', '946707aa0df7d22b613b042c22e596a3548a81805e522a9d478d3de50bb5d3ca', '3e0989944e6242c89b665bfd9b23ca22140410c47d4405451bb3d9774a93cb7c', '2026-12-01 10:09:58.633572', NULL);


--
-- Data for Name: visits; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.visits VALUES ('15deedd3-d6be-402a-90d4-1d20dafe3e8f', '9a249669-9739-46fe-854a-cf62d3463788', '2027-05-10', 'Walked the site', 'dry', '5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'Aru', '2026-12-01 10:09:58.64773');


--
-- Data for Name: votes; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.votes VALUES ('6443f148-b7a1-49bf-a621-bd2d42f9f5de', '9fec90d8-a25c-41e2-906d-2a44a5be5f97', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 1, '2026-12-01 10:09:58.613041');
INSERT INTO public.votes VALUES ('5dfb95e6-0bf8-4c38-bc58-04678459d2e3', 'fe7aeb99-4f66-4a4b-b9f7-77878a047eb4', '2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 1, '2026-12-01 10:09:58.621093');


--
-- Data for Name: workshops; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.workshops VALUES ('2ccf7fb2-b271-4b06-bbb2-8fb19725eb1f', 'Panfilov Park', 'Panfilov Park', '{"type": "Polygon", "coordinates": [[[76.9507, 43.2621], [76.9509, 43.2553], [76.9586, 43.2557], [76.9583, 43.2622], [76.9507, 43.2621]], [[76.956, 43.2575], [76.956, 43.259], [76.9575, 43.259], [76.9575, 43.2575], [76.956, 43.2575]]]}', 'GHEEQW', 'closed', 15, '{}', NULL, false, '2026-12-01 10:09:58.518639');


--
-- Name: events_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.events_id_seq', 15, true);


--
-- Name: comments comments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_pkey PRIMARY KEY (id);


--
-- Name: design_authors design_authors_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.design_authors
    ADD CONSTRAINT design_authors_pkey PRIMARY KEY (design_id, participant_id);


--
-- Name: designs designs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.designs
    ADD CONSTRAINT designs_pkey PRIMARY KEY (id);


--
-- Name: elements elements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.elements
    ADD CONSTRAINT elements_pkey PRIMARY KEY (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (id);


--
-- Name: observations observations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.observations
    ADD CONSTRAINT observations_pkey PRIMARY KEY (id);


--
-- Name: participants participants_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_pkey PRIMARY KEY (id);


--
-- Name: participants participants_token_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_token_hash_key UNIQUE (token_hash);


--
-- Name: photos photos_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_pkey PRIMARY KEY (id);


--
-- Name: plan_elements plan_elements_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_elements
    ADD CONSTRAINT plan_elements_pkey PRIMARY KEY (project_id, element_id);


--
-- Name: projects projects_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_pkey PRIMARY KEY (id);


--
-- Name: signoffs signoffs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signoffs
    ADD CONSTRAINT signoffs_pkey PRIMARY KEY (id);


--
-- Name: supervision_access supervision_access_key_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT supervision_access_key_hash_key UNIQUE (key_hash);


--
-- Name: supervision_access supervision_access_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT supervision_access_pkey PRIMARY KEY (id);


--
-- Name: supervision_access supervision_access_recovery_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT supervision_access_recovery_hash_key UNIQUE (recovery_hash);


--
-- Name: supervision_access uq_access_project_author; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT uq_access_project_author UNIQUE (project_id, participant_id);


--
-- Name: events uq_events_workshop_seq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT uq_events_workshop_seq UNIQUE (workshop_id, seq);


--
-- Name: photos uq_photo_upload; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT uq_photo_upload UNIQUE (visit_id, element_id, upload_sha256);


--
-- Name: visits visits_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_pkey PRIMARY KEY (id);


--
-- Name: votes votes_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.votes
    ADD CONSTRAINT votes_pkey PRIMARY KEY (participant_id, design_id);


--
-- Name: workshops workshops_join_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_join_code_key UNIQUE (join_code);


--
-- Name: workshops workshops_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workshops
    ADD CONSTRAINT workshops_pkey PRIMARY KEY (id);


--
-- Name: ix_comments_workshop_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_comments_workshop_id ON public.comments USING btree (workshop_id);


--
-- Name: ix_designs_workshop_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_designs_workshop_id ON public.designs USING btree (workshop_id);


--
-- Name: ix_elements_design_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_elements_design_id ON public.elements USING btree (design_id);


--
-- Name: ix_elements_workshop_live; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_elements_workshop_live ON public.elements USING btree (workshop_id, deleted_seq);


--
-- Name: ix_observations_visit_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_observations_visit_id ON public.observations USING btree (visit_id);


--
-- Name: ix_participants_workshop_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_participants_workshop_id ON public.participants USING btree (workshop_id);


--
-- Name: ix_photos_project_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_photos_project_id ON public.photos USING btree (project_id);


--
-- Name: ix_projects_workshop_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_projects_workshop_id ON public.projects USING btree (workshop_id);


--
-- Name: ix_signoffs_project_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_signoffs_project_id ON public.signoffs USING btree (project_id);


--
-- Name: ix_supervision_access_project_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_supervision_access_project_id ON public.supervision_access USING btree (project_id);


--
-- Name: ix_visits_project_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_visits_project_id ON public.visits USING btree (project_id);


--
-- Name: ix_votes_workshop_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX ix_votes_workshop_id ON public.votes USING btree (workshop_id);


--
-- Name: comments comments_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.participants(id);


--
-- Name: comments comments_design_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_design_id_fkey FOREIGN KEY (design_id) REFERENCES public.designs(id) ON DELETE CASCADE;


--
-- Name: comments comments_element_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_element_id_fkey FOREIGN KEY (element_id) REFERENCES public.elements(id) ON DELETE CASCADE;


--
-- Name: comments comments_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.comments
    ADD CONSTRAINT comments_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: design_authors design_authors_design_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.design_authors
    ADD CONSTRAINT design_authors_design_id_fkey FOREIGN KEY (design_id) REFERENCES public.designs(id) ON DELETE CASCADE;


--
-- Name: design_authors design_authors_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.design_authors
    ADD CONSTRAINT design_authors_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: designs designs_created_by_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.designs
    ADD CONSTRAINT designs_created_by_fkey FOREIGN KEY (created_by) REFERENCES public.participants(id);


--
-- Name: designs designs_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.designs
    ADD CONSTRAINT designs_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: elements elements_author_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.elements
    ADD CONSTRAINT elements_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.participants(id);


--
-- Name: elements elements_design_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.elements
    ADD CONSTRAINT elements_design_id_fkey FOREIGN KEY (design_id) REFERENCES public.designs(id) ON DELETE CASCADE;


--
-- Name: elements elements_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.elements
    ADD CONSTRAINT elements_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: events events_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: observations observations_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.observations
    ADD CONSTRAINT observations_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id) ON DELETE CASCADE;


--
-- Name: participants participants_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participants
    ADD CONSTRAINT participants_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: photos photos_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: photos photos_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.photos
    ADD CONSTRAINT photos_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id) ON DELETE CASCADE;


--
-- Name: plan_elements plan_elements_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.plan_elements
    ADD CONSTRAINT plan_elements_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: projects projects_design_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_design_id_fkey FOREIGN KEY (design_id) REFERENCES public.designs(id);


--
-- Name: projects projects_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.projects
    ADD CONSTRAINT projects_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- Name: signoffs signoffs_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signoffs
    ADD CONSTRAINT signoffs_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: signoffs signoffs_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signoffs
    ADD CONSTRAINT signoffs_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: signoffs signoffs_visit_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signoffs
    ADD CONSTRAINT signoffs_visit_id_fkey FOREIGN KEY (visit_id) REFERENCES public.visits(id) ON DELETE CASCADE;


--
-- Name: supervision_access supervision_access_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT supervision_access_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id);


--
-- Name: supervision_access supervision_access_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.supervision_access
    ADD CONSTRAINT supervision_access_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: visits visits_by_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_by_participant_id_fkey FOREIGN KEY (by_participant_id) REFERENCES public.participants(id);


--
-- Name: visits visits_project_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.visits
    ADD CONSTRAINT visits_project_id_fkey FOREIGN KEY (project_id) REFERENCES public.projects(id) ON DELETE CASCADE;


--
-- Name: votes votes_design_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.votes
    ADD CONSTRAINT votes_design_id_fkey FOREIGN KEY (design_id) REFERENCES public.designs(id) ON DELETE CASCADE;


--
-- Name: votes votes_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.votes
    ADD CONSTRAINT votes_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participants(id) ON DELETE CASCADE;


--
-- Name: votes votes_workshop_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.votes
    ADD CONSTRAINT votes_workshop_id_fkey FOREIGN KEY (workshop_id) REFERENCES public.workshops(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--



