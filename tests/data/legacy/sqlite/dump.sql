BEGIN TRANSACTION;
CREATE TABLE comments (
	id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	design_id VARCHAR(36) NOT NULL, 
	element_id VARCHAR(36), 
	author_id VARCHAR(36) NOT NULL, 
	text TEXT NOT NULL, 
	created_seq INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	hidden_reason VARCHAR(200), 
	hidden_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	FOREIGN KEY(design_id) REFERENCES designs (id) ON DELETE CASCADE, 
	FOREIGN KEY(element_id) REFERENCES elements (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_id) REFERENCES participants (id)
);
INSERT INTO "comments" VALUES('949779e8-92c9-4cfb-a331-df279f1ca24f','0989c5ad-dc56-427a-880c-607e92a64eb9','6183fee4-fc24-4cc4-823e-289a1325b182','9d3079ce-c8a6-4635-a8c3-4f0888f43149','a965c7e0-0986-4092-8ce6-85f4b0a6192f','More shade here',8,'2026-12-01 10:09:57.175636',NULL,NULL);
INSERT INTO "comments" VALUES('98270f67-b7c1-4e09-b765-0326c439c4a7','0989c5ad-dc56-427a-880c-607e92a64eb9','4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec',NULL,'bd16cc9d-5780-48b7-a919-8e692ca5add9','off topic',9,'2026-12-01 10:09:57.179534','off-topic','2026-12-01 10:09:57.183834');
CREATE TABLE design_authors (
	design_id VARCHAR(36) NOT NULL, 
	participant_id VARCHAR(36) NOT NULL, 
	joined_at DATETIME NOT NULL, 
	PRIMARY KEY (design_id, participant_id), 
	FOREIGN KEY(design_id) REFERENCES designs (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participants (id) ON DELETE CASCADE
);
INSERT INTO "design_authors" VALUES('6183fee4-fc24-4cc4-823e-289a1325b182','bd16cc9d-5780-48b7-a919-8e692ca5add9','2026-12-01 10:09:57.143294');
INSERT INTO "design_authors" VALUES('4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec','a965c7e0-0986-4092-8ce6-85f4b0a6192f','2026-12-01 10:09:57.146213');
INSERT INTO "design_authors" VALUES('6183fee4-fc24-4cc4-823e-289a1325b182','a965c7e0-0986-4092-8ce6-85f4b0a6192f','2026-12-01 10:09:57.153640');
CREATE TABLE designs (
	id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	created_by VARCHAR(36) NOT NULL, 
	created_seq INTEGER NOT NULL, 
	colour_index INTEGER NOT NULL, 
	created_at DATETIME NOT NULL, 
	hidden_reason VARCHAR(200), 
	hidden_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	FOREIGN KEY(created_by) REFERENCES participants (id)
);
INSERT INTO "designs" VALUES('6183fee4-fc24-4cc4-823e-289a1325b182','0989c5ad-dc56-427a-880c-607e92a64eb9','Green heart','bd16cc9d-5780-48b7-a919-8e692ca5add9',1,0,'2026-12-01 10:09:57.139720',NULL,NULL);
INSERT INTO "designs" VALUES('4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec','0989c5ad-dc56-427a-880c-607e92a64eb9','Play first','a965c7e0-0986-4092-8ce6-85f4b0a6192f',2,1,'2026-12-01 10:09:57.145118',NULL,NULL);
CREATE TABLE elements (
	id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	design_id VARCHAR(36) NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	geometry JSON NOT NULL, 
	note TEXT NOT NULL, 
	author_id VARCHAR(36) NOT NULL, 
	version INTEGER NOT NULL, 
	created_seq INTEGER NOT NULL, 
	deleted_seq INTEGER, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	hidden_reason VARCHAR(200), 
	hidden_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	FOREIGN KEY(design_id) REFERENCES designs (id) ON DELETE CASCADE, 
	FOREIGN KEY(author_id) REFERENCES participants (id)
);
INSERT INTO "elements" VALUES('9d3079ce-c8a6-4635-a8c3-4f0888f43149','0989c5ad-dc56-427a-880c-607e92a64eb9','6183fee4-fc24-4cc4-823e-289a1325b182','tree','{"type": "Point", "coordinates": [76.952, 43.2604]}','','bd16cc9d-5780-48b7-a919-8e692ca5add9',1,4,NULL,'2026-12-01 10:09:57.158956','2026-12-01 10:09:57.158956',NULL,NULL);
INSERT INTO "elements" VALUES('81c14b3b-c86c-42c6-abee-40adf37b5b80','0989c5ad-dc56-427a-880c-607e92a64eb9','6183fee4-fc24-4cc4-823e-289a1325b182','path','{"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}','Shady walk','bd16cc9d-5780-48b7-a919-8e692ca5add9',1,5,NULL,'2026-12-01 10:09:57.163615','2026-12-01 10:09:57.163615',NULL,NULL);
INSERT INTO "elements" VALUES('35c67076-1441-40af-8a6d-c9bf3d042d36','0989c5ad-dc56-427a-880c-607e92a64eb9','6183fee4-fc24-4cc4-823e-289a1325b182','green_area','{"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}','','a965c7e0-0986-4092-8ce6-85f4b0a6192f',1,6,NULL,'2026-12-01 10:09:57.167115','2026-12-01 10:09:57.167115',NULL,NULL);
INSERT INTO "elements" VALUES('f4c8283d-570f-4a4f-a69c-5af00011aa48','0989c5ad-dc56-427a-880c-607e92a64eb9','4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec','bench','{"type": "Point", "coordinates": [76.952, 43.2604]}','','a965c7e0-0986-4092-8ce6-85f4b0a6192f',1,7,NULL,'2026-12-01 10:09:57.170311','2026-12-01 10:09:57.170311',NULL,NULL);
CREATE TABLE events (
	id INTEGER NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	seq INTEGER NOT NULL, 
	type VARCHAR(40) NOT NULL, 
	data JSON NOT NULL, 
	actor_id VARCHAR(36), 
	audience JSON, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_events_workshop_seq UNIQUE (workshop_id, seq), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE
);
INSERT INTO "events" VALUES(1,'0989c5ad-dc56-427a-880c-607e92a64eb9',1,'design:created','{"design": {"id": "6183fee4-fc24-4cc4-823e-289a1325b182", "title": "Green heart", "created_by": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "colour_index": 0, "authors": [{"participant_id": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "name": "Aru"}], "created_at": "2026-12-01T10:09:57.139Z"}, "seq": 1}','bd16cc9d-5780-48b7-a919-8e692ca5add9','null','2026-12-01 10:09:57.139979');
INSERT INTO "events" VALUES(2,'0989c5ad-dc56-427a-880c-607e92a64eb9',2,'design:created','{"design": {"id": "4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec", "title": "Play first", "created_by": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "colour_index": 1, "authors": [{"participant_id": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "name": "Bek"}], "created_at": "2026-12-01T10:09:57.145Z"}, "seq": 2}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','null','2026-12-01 10:09:57.145333');
INSERT INTO "events" VALUES(3,'0989c5ad-dc56-427a-880c-607e92a64eb9',3,'design:updated','{"design": {"id": "6183fee4-fc24-4cc4-823e-289a1325b182", "title": "Green heart", "created_by": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "colour_index": 0, "authors": [{"participant_id": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "name": "Aru"}, {"participant_id": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "name": "Bek"}], "created_at": "2026-12-01T10:09:57.139Z"}, "seq": 3}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','null','2026-12-01 10:09:57.153858');
INSERT INTO "events" VALUES(4,'0989c5ad-dc56-427a-880c-607e92a64eb9',4,'element:added','{"element": {"id": "9d3079ce-c8a6-4635-a8c3-4f0888f43149", "design_id": "6183fee4-fc24-4cc4-823e-289a1325b182", "kind": "tree", "geometry": {"type": "Point", "coordinates": [76.952, 43.2604]}, "note": "", "author_id": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "version": 1, "measure": {}, "created_at": "2026-12-01T10:09:57.158Z", "updated_at": "2026-12-01T10:09:57.158Z"}, "seq": 4}','bd16cc9d-5780-48b7-a919-8e692ca5add9','null','2026-12-01 10:09:57.159168');
INSERT INTO "events" VALUES(5,'0989c5ad-dc56-427a-880c-607e92a64eb9',5,'element:added','{"element": {"id": "81c14b3b-c86c-42c6-abee-40adf37b5b80", "design_id": "6183fee4-fc24-4cc4-823e-289a1325b182", "kind": "path", "geometry": {"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}, "note": "Shady walk", "author_id": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "version": 1, "measure": {"length_m": 204.2}, "created_at": "2026-12-01T10:09:57.163Z", "updated_at": "2026-12-01T10:09:57.163Z"}, "seq": 5}','bd16cc9d-5780-48b7-a919-8e692ca5add9','null','2026-12-01 10:09:57.163818');
INSERT INTO "events" VALUES(6,'0989c5ad-dc56-427a-880c-607e92a64eb9',6,'element:added','{"element": {"id": "35c67076-1441-40af-8a6d-c9bf3d042d36", "design_id": "6183fee4-fc24-4cc4-823e-289a1325b182", "kind": "green_area", "geometry": {"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}, "note": "", "author_id": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "version": 1, "measure": {"area_m2": 13531.4}, "created_at": "2026-12-01T10:09:57.167Z", "updated_at": "2026-12-01T10:09:57.167Z"}, "seq": 6}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','null','2026-12-01 10:09:57.167365');
INSERT INTO "events" VALUES(7,'0989c5ad-dc56-427a-880c-607e92a64eb9',7,'element:added','{"element": {"id": "f4c8283d-570f-4a4f-a69c-5af00011aa48", "design_id": "4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec", "kind": "bench", "geometry": {"type": "Point", "coordinates": [76.952, 43.2604]}, "note": "", "author_id": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "version": 1, "measure": {}, "created_at": "2026-12-01T10:09:57.170Z", "updated_at": "2026-12-01T10:09:57.170Z"}, "seq": 7}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','null','2026-12-01 10:09:57.170469');
INSERT INTO "events" VALUES(8,'0989c5ad-dc56-427a-880c-607e92a64eb9',8,'comment:added','{"comment": {"id": "949779e8-92c9-4cfb-a331-df279f1ca24f", "design_id": "6183fee4-fc24-4cc4-823e-289a1325b182", "element_id": "9d3079ce-c8a6-4635-a8c3-4f0888f43149", "author_id": "a965c7e0-0986-4092-8ce6-85f4b0a6192f", "author_name": "Bek", "text": "More shade here", "created_at": "2026-12-01T10:09:57.175Z"}, "seq": 8}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','null','2026-12-01 10:09:57.175773');
INSERT INTO "events" VALUES(9,'0989c5ad-dc56-427a-880c-607e92a64eb9',9,'comment:added','{"comment": {"id": "98270f67-b7c1-4e09-b765-0326c439c4a7", "design_id": "4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec", "element_id": null, "author_id": "bd16cc9d-5780-48b7-a919-8e692ca5add9", "author_name": "Aru", "text": "off topic", "created_at": "2026-12-01T10:09:57.179Z"}, "seq": 9}','bd16cc9d-5780-48b7-a919-8e692ca5add9','null','2026-12-01 10:09:57.179650');
INSERT INTO "events" VALUES(10,'0989c5ad-dc56-427a-880c-607e92a64eb9',10,'moderated','{"target": "comment", "id": "98270f67-b7c1-4e09-b765-0326c439c4a7", "hidden": true, "reason": "off-topic", "seq": 10}','2d75a09a-495c-4894-b731-322ab5915979','null','2026-12-01 10:09:57.184600');
INSERT INTO "events" VALUES(11,'0989c5ad-dc56-427a-880c-607e92a64eb9',11,'phase:changed','{"phase": "voting", "seq": 11, "resync": true}','2d75a09a-495c-4894-b731-322ab5915979','null','2026-12-01 10:09:57.186021');
INSERT INTO "events" VALUES(12,'0989c5ad-dc56-427a-880c-607e92a64eb9',12,'votes:updated','{"tallies": {"6183fee4-fc24-4cc4-823e-289a1325b182": 1, "4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec": 0}, "seq": 12}','a965c7e0-0986-4092-8ce6-85f4b0a6192f','[]','2026-12-01 10:09:57.192870');
INSERT INTO "events" VALUES(13,'0989c5ad-dc56-427a-880c-607e92a64eb9',13,'votes:updated','{"tallies": {"6183fee4-fc24-4cc4-823e-289a1325b182": 1, "4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec": 1}, "seq": 13}','bd16cc9d-5780-48b7-a919-8e692ca5add9','[]','2026-12-01 10:09:57.196634');
INSERT INTO "events" VALUES(14,'0989c5ad-dc56-427a-880c-607e92a64eb9',14,'phase:changed','{"phase": "closed", "seq": 14, "resync": true}','2d75a09a-495c-4894-b731-322ab5915979','null','2026-12-01 10:09:57.197942');
INSERT INTO "events" VALUES(15,'0989c5ad-dc56-427a-880c-607e92a64eb9',15,'project:adopted','{"project": {"id": "fc56def2-1cb2-44fd-b0e5-43fba8eb3bad", "title": "Phase 1", "design_id": "6183fee4-fc24-4cc4-823e-289a1325b182"}, "seq": 15}','2d75a09a-495c-4894-b731-322ab5915979','null','2026-12-01 10:09:57.202416');
CREATE TABLE observations (
	id VARCHAR(36) NOT NULL, 
	visit_id VARCHAR(36) NOT NULL, 
	position INTEGER NOT NULL, 
	element_id VARCHAR(36) NOT NULL, 
	unplanned BOOLEAN NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	status VARCHAR(24) NOT NULL, 
	effective_status VARCHAR(24) NOT NULL, 
	count INTEGER, 
	note TEXT NOT NULL, 
	as_built JSON, 
	deviation JSON, 
	PRIMARY KEY (id), 
	FOREIGN KEY(visit_id) REFERENCES visits (id) ON DELETE CASCADE
);
INSERT INTO "observations" VALUES('02711ed3-bf04-45b5-9cbe-7fb8f232c9a0','666c99b5-b5b0-40ae-b1d7-e9794028c44f',0,'9d3079ce-c8a6-4635-a8c3-4f0888f43149',0,'tree','built','built_with_deviation',3,'','{"type": "Point", "coordinates": [76.95204, 43.2604]}','{"offset_m": 3.25, "flagged": true}');
INSERT INTO "observations" VALUES('cea6e871-3100-4855-a270-1414ac490ba6','666c99b5-b5b0-40ae-b1d7-e9794028c44f',1,'81c14b3b-c86c-42c6-abee-40adf37b5b80',0,'path','in_progress','in_progress',NULL,'half paved','null','null');
INSERT INTO "observations" VALUES('83fa8927-c066-4700-b7d3-67bdac1d00de','666c99b5-b5b0-40ae-b1d7-e9794028c44f',2,'14727981-005f-49ee-9dcc-5e190889d889',1,'sign','built','built',NULL,'unplanned','{"type": "Point", "coordinates": [76.9541, 43.2611]}','null');
CREATE TABLE participants (
	id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	name VARCHAR(40) NOT NULL, 
	role VARCHAR(20) NOT NULL, 
	token_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	removed_at DATETIME, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	UNIQUE (token_hash)
);
INSERT INTO "participants" VALUES('2d75a09a-495c-4894-b731-322ab5915979','0989c5ad-dc56-427a-880c-607e92a64eb9','Facilitator','facilitator','6a82860bbea984c46bd3156d3fe195cf3bd1b1113f24b4513be6ed6e241e031d','2026-12-01 10:09:57.128084',NULL);
INSERT INTO "participants" VALUES('bd16cc9d-5780-48b7-a919-8e692ca5add9','0989c5ad-dc56-427a-880c-607e92a64eb9','Aru','participant','56685bad183da6ed8211ca40582290dbfdb5aac7c33e49ce8c0f73f0ac0b2e49','2026-12-01 10:09:57.132736',NULL);
INSERT INTO "participants" VALUES('a965c7e0-0986-4092-8ce6-85f4b0a6192f','0989c5ad-dc56-427a-880c-607e92a64eb9','Bek','participant','e4052329a6520a9e1cbfbb445a1468931b477ca4dbc7b8bf289be51336f1e0c8','2026-12-01 10:09:57.133920',NULL);
CREATE TABLE photos (
	id VARCHAR(36) NOT NULL, 
	project_id VARCHAR(36) NOT NULL, 
	visit_id VARCHAR(36) NOT NULL, 
	element_id VARCHAR(36) NOT NULL, 
	upload_sha256 VARCHAR(64) NOT NULL, 
	stored_sha256 VARCHAR(64) NOT NULL, 
	media_type VARCHAR(20) NOT NULL, 
	width INTEGER NOT NULL, 
	height INTEGER NOT NULL, 
	size_bytes INTEGER NOT NULL, 
	lon DOUBLE, 
	lat DOUBLE, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_photo_upload UNIQUE (visit_id, element_id, upload_sha256), 
	FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, 
	FOREIGN KEY(visit_id) REFERENCES visits (id) ON DELETE CASCADE
);
INSERT INTO "photos" VALUES('2e4ee0d5-b6cb-4df5-93fc-22ff7a60ebd3','fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','666c99b5-b5b0-40ae-b1d7-e9794028c44f','9d3079ce-c8a6-4635-a8c3-4f0888f43149','517e086a64955e80ac64faba9e536136ada98480bfc3adfa6abcc7765d3f607d','0ddcc720e16852cc92ccd819c9bf6b6ff76f9b913fcffda2172028b1eaa2bbfa','image/png',64,48,126,NULL,NULL,'2026-12-01 10:09:57.228582');
CREATE TABLE plan_elements (
	project_id VARCHAR(36) NOT NULL, 
	element_id VARCHAR(36) NOT NULL, 
	position INTEGER NOT NULL, 
	kind VARCHAR(20) NOT NULL, 
	geometry JSON NOT NULL, 
	note TEXT NOT NULL, 
	PRIMARY KEY (project_id, element_id), 
	FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE
);
INSERT INTO "plan_elements" VALUES('fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','9d3079ce-c8a6-4635-a8c3-4f0888f43149',0,'tree','{"type": "Point", "coordinates": [76.952, 43.2604]}','');
INSERT INTO "plan_elements" VALUES('fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','81c14b3b-c86c-42c6-abee-40adf37b5b80',1,'path','{"type": "LineString", "coordinates": [[76.9515, 43.26], [76.954, 43.2598]]}','Shady walk');
INSERT INTO "plan_elements" VALUES('fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','35c67076-1441-40af-8a6d-c9bf3d042d36',2,'green_area','{"type": "Polygon", "coordinates": [[[76.952, 43.257], [76.9535, 43.257], [76.9535, 43.258], [76.952, 43.258], [76.952, 43.257]]]}','');
CREATE TABLE projects (
	id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	design_id VARCHAR(36) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	organisation VARCHAR(200) NOT NULL, 
	contractor VARCHAR(200) NOT NULL, 
	planned_start VARCHAR(10), 
	planned_completion VARCHAR(10), 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE, 
	FOREIGN KEY(design_id) REFERENCES designs (id)
);
INSERT INTO "projects" VALUES('fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','0989c5ad-dc56-427a-880c-607e92a64eb9','6183fee4-fc24-4cc4-823e-289a1325b182','Phase 1','Akimat','Builder LLP','2027-04-01','2027-10-31','2026-12-01 10:09:57.201918');
CREATE TABLE signoffs (
	id VARCHAR(36) NOT NULL, 
	project_id VARCHAR(36) NOT NULL, 
	visit_id VARCHAR(36), 
	element_id VARCHAR(36), 
	participant_id VARCHAR(36) NOT NULL, 
	author_name VARCHAR(40) NOT NULL, 
	verdict VARCHAR(10) NOT NULL, 
	comment TEXT NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, 
	FOREIGN KEY(visit_id) REFERENCES visits (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participants (id)
);
INSERT INTO "signoffs" VALUES('166a977f-ab32-4f66-bca4-ab892ca55ffa','fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','666c99b5-b5b0-40ae-b1d7-e9794028c44f',NULL,'bd16cc9d-5780-48b7-a919-8e692ca5add9','Aru','accept','Looks right','2026-12-01 10:09:57.231378');
CREATE TABLE supervision_access (
	id VARCHAR(36) NOT NULL, 
	project_id VARCHAR(36) NOT NULL, 
	participant_id VARCHAR(36) NOT NULL, 
	key_hash VARCHAR(64) NOT NULL, 
	recovery_hash VARCHAR(64) NOT NULL, 
	created_at DATETIME NOT NULL, 
	revoked_at DATETIME, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_access_project_author UNIQUE (project_id, participant_id), 
	FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participants (id), 
	UNIQUE (key_hash), 
	UNIQUE (recovery_hash)
);
INSERT INTO "supervision_access" VALUES('d53bf29e-1f2f-4503-9259-91f98be1c4e6','fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','bd16cc9d-5780-48b7-a919-8e692ca5add9','bc93577ee9bc80d180093b78818d989cbf145de70147dae5150aa02d5c8d40a1','288147fc75f308af7b359d352d2ead9b38184f847c681a651ddee8382c22ec30','2026-12-01 10:09:57.204428',NULL);
INSERT INTO "supervision_access" VALUES('ab744525-54d2-4442-b2b0-bab0c8930e3a','fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','a965c7e0-0986-4092-8ce6-85f4b0a6192f','4a9b8c382d16abf30d9299c231532f24c41a46d7eca17a4c2efa5271a06bfe3b','d34079f0d7211a73e16d6e20d81c8959e2630b579f4d389a5f9653f2ace724a3','2026-12-01 10:09:57.204436',NULL);
CREATE TABLE visits (
	id VARCHAR(36) NOT NULL, 
	project_id VARCHAR(36) NOT NULL, 
	date VARCHAR(10) NOT NULL, 
	notes TEXT NOT NULL, 
	conditions VARCHAR(200) NOT NULL, 
	by_participant_id VARCHAR(36), 
	by_name VARCHAR(80) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(project_id) REFERENCES projects (id) ON DELETE CASCADE, 
	FOREIGN KEY(by_participant_id) REFERENCES participants (id)
);
INSERT INTO "visits" VALUES('666c99b5-b5b0-40ae-b1d7-e9794028c44f','fc56def2-1cb2-44fd-b0e5-43fba8eb3bad','2027-05-10','Walked the site','dry','bd16cc9d-5780-48b7-a919-8e692ca5add9','Aru','2026-12-01 10:09:57.213506');
CREATE TABLE votes (
	participant_id VARCHAR(36) NOT NULL, 
	design_id VARCHAR(36) NOT NULL, 
	workshop_id VARCHAR(36) NOT NULL, 
	count INTEGER NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (participant_id, design_id), 
	FOREIGN KEY(participant_id) REFERENCES participants (id) ON DELETE CASCADE, 
	FOREIGN KEY(design_id) REFERENCES designs (id) ON DELETE CASCADE, 
	FOREIGN KEY(workshop_id) REFERENCES workshops (id) ON DELETE CASCADE
);
INSERT INTO "votes" VALUES('a965c7e0-0986-4092-8ce6-85f4b0a6192f','6183fee4-fc24-4cc4-823e-289a1325b182','0989c5ad-dc56-427a-880c-607e92a64eb9',1,'2026-12-01 10:09:57.190618');
INSERT INTO "votes" VALUES('bd16cc9d-5780-48b7-a919-8e692ca5add9','4c88e37d-d1d1-4dce-8ab5-5e3be3f0f9ec','0989c5ad-dc56-427a-880c-607e92a64eb9',1,'2026-12-01 10:09:57.195891');
CREATE TABLE workshops (
	id VARCHAR(36) NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	site_name VARCHAR(200) NOT NULL, 
	boundary JSON NOT NULL, 
	join_code VARCHAR(12) NOT NULL, 
	phase VARCHAR(20) NOT NULL, 
	seq INTEGER NOT NULL, 
	settings JSON NOT NULL, 
	timer_ends_at DATETIME, 
	is_demo BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (join_code)
);
INSERT INTO "workshops" VALUES('0989c5ad-dc56-427a-880c-607e92a64eb9','Panfilov Park','Panfilov Park','{"type": "Polygon", "coordinates": [[[76.9507, 43.2621], [76.9509, 43.2553], [76.9586, 43.2557], [76.9583, 43.2622], [76.9507, 43.2621]], [[76.956, 43.2575], [76.956, 43.259], [76.9575, 43.259], [76.9575, 43.2575], [76.956, 43.2575]]]}','4XV2CJ','closed',15,'{}',NULL,0,'2026-12-01 10:09:57.126470');
CREATE INDEX ix_participants_workshop_id ON participants (workshop_id);
CREATE INDEX ix_designs_workshop_id ON designs (workshop_id);
CREATE INDEX ix_elements_design_id ON elements (design_id);
CREATE INDEX ix_elements_workshop_live ON elements (workshop_id, deleted_seq);
CREATE INDEX ix_votes_workshop_id ON votes (workshop_id);
CREATE INDEX ix_projects_workshop_id ON projects (workshop_id);
CREATE INDEX ix_comments_workshop_id ON comments (workshop_id);
CREATE INDEX ix_supervision_access_project_id ON supervision_access (project_id);
CREATE INDEX ix_visits_project_id ON visits (project_id);
CREATE INDEX ix_observations_visit_id ON observations (visit_id);
CREATE INDEX ix_photos_project_id ON photos (project_id);
CREATE INDEX ix_signoffs_project_id ON signoffs (project_id);
COMMIT;
