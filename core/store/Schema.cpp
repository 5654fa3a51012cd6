#include "store/Schema.h"

#include "store/AuditChain.h"

#include <string>

namespace medq::store {
namespace {

// The CHECK constraints below repeat stored words of common/Vocabulary.cpp: migrations are
// history and never change, so a new word needs a new migration. tst_workspace's
// everyStoredWordFitsTheSchema stores every word of the vocabulary to keep the two in step.

// Version 1: the foundation. JSON columns hold lists/maps whose shape later issues own.
const char* kV1 = R"SQL(
CREATE TABLE settings(
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE images(
  id INTEGER PRIMARY KEY,
  content_hash TEXT NOT NULL UNIQUE,          -- sha256 of the file bytes (series: of the sorted file hashes)
  path TEXT NOT NULL,                         -- original location (first file of a series)
  source TEXT NOT NULL DEFAULT 'import',      -- import | synth | pool
  modality TEXT NOT NULL,                     -- mri | ct | endoscopy | histopathology | fundus | other
  format TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL CHECK(width > 0),
  height INTEGER NOT NULL CHECK(height > 0),
  depth INTEGER NOT NULL DEFAULT 1 CHECK(depth > 0),
  channels INTEGER NOT NULL DEFAULT 1,
  spacing_x REAL NOT NULL DEFAULT 1, spacing_y REAL NOT NULL DEFAULT 1, spacing_z REAL NOT NULL DEFAULT 1,
  metadata TEXT NOT NULL DEFAULT '{}',        -- acquisition metadata as JSON
  thumbnail TEXT,                             -- path relative to the workspace folder
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL DEFAULT 'system'
);
CREATE INDEX images_modality ON images(modality);
CREATE TABLE image_files(
  image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  file_hash TEXT NOT NULL,
  PRIMARY KEY(image_id, path)
);
CREATE INDEX image_files_hash ON image_files(file_hash);
CREATE TABLE tasks(
  id INTEGER PRIMARY KEY,
  image_id INTEGER NOT NULL REFERENCES images(id),
  second_image_id INTEGER REFERENCES images(id),   -- pairwise comparison
  kind TEXT NOT NULL CHECK(kind IN ('perception', 'description')),
  question_type TEXT NOT NULL CHECK(question_type IN ('yesno', 'what', 'how', 'comparison', 'description')),
  question TEXT NOT NULL DEFAULT '',
  options TEXT NOT NULL DEFAULT '[]',          -- JSON array of option texts (A-D)
  answer TEXT,                                 -- ground truth when known
  split TEXT,                                  -- train | val | test | pool | NULL (user data)
  created_at TEXT NOT NULL
);
CREATE INDEX tasks_image ON tasks(image_id);
CREATE INDEX tasks_split ON tasks(split, kind);
CREATE TABLE model_outputs(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  model_version TEXT NOT NULL,
  answer TEXT,
  distribution TEXT NOT NULL DEFAULT '[]',     -- JSON probabilities per option
  entropy REAL,                                -- of the answer distribution, nats
  draft_text TEXT,
  token_entropies TEXT NOT NULL DEFAULT '[]',  -- JSON, one per generated token
  mean_token_entropy REAL,
  created_at TEXT NOT NULL
);
CREATE INDEX model_outputs_task ON model_outputs(task_id, model_version);
CREATE TABLE annotators(
  name TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK(role IN ('annotator', 'lead')),
  created_at TEXT NOT NULL
);
-- Annotations are revisions: a new row per submission, never updated or deleted.
CREATE TABLE annotations(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  annotator TEXT NOT NULL REFERENCES annotators(name),
  revision INTEGER NOT NULL CHECK(revision >= 1),
  parent_id INTEGER REFERENCES annotations(id),
  action TEXT NOT NULL DEFAULT 'full',         -- full | edit | verify | accept | reject
  answer TEXT,
  text TEXT NOT NULL DEFAULT '',
  labels TEXT NOT NULL DEFAULT '{}',           -- JSON: attributes with severities, flags
  quality_level TEXT,                          -- good | usable | reject
  time_spent_ms INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE(task_id, annotator, revision)
);
CREATE TRIGGER annotations_append_only_update BEFORE UPDATE ON annotations
BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
CREATE TRIGGER annotations_append_only_delete BEFORE DELETE ON annotations
BEGIN SELECT RAISE(ABORT, 'annotations are append-only'); END;
CREATE TABLE rounds(
  id INTEGER PRIMARY KEY,
  number INTEGER NOT NULL UNIQUE,
  strategy TEXT NOT NULL,
  budget INTEGER NOT NULL,
  status TEXT NOT NULL,                        -- running | done | failed | cancelled
  step TEXT,                                   -- last completed step
  checkpoint TEXT,
  metrics TEXT NOT NULL DEFAULT '{}',
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE prototypes(
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  medoid_task_id INTEGER REFERENCES tasks(id),
  size INTEGER NOT NULL,
  modality TEXT,
  attributes TEXT NOT NULL DEFAULT '[]',
  failure_rate REAL,
  retrieved INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'kept',         -- kept | dropped
  reason TEXT
);
CREATE TABLE prototype_members(
  prototype_id INTEGER NOT NULL REFERENCES prototypes(id) ON DELETE CASCADE,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  distance REAL,
  PRIMARY KEY(prototype_id, task_id)
);
CREATE TABLE audit_log(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL DEFAULT '',
  entity_id INTEGER,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE jobs(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  params TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,                        -- running | done | failed | cancelled
  message TEXT NOT NULL DEFAULT '',
  started_at TEXT NOT NULL,
  finished_at TEXT
);
)SQL";

// Version 2: review queues filled by routing, and autosaved work in progress. Drafts are
// the one table updated in place: they hold unsubmitted keystrokes, not annotations.
const char* kV2 = R"SQL(
CREATE TABLE queue_items(
  id INTEGER PRIMARY KEY,
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  queue TEXT NOT NULL CHECK(queue IN ('expert', 'verify', 'auto_accept')),
  round_id INTEGER REFERENCES rounds(id),
  prototype_id INTEGER REFERENCES prototypes(id),
  uncertainty REAL,
  reason TEXT NOT NULL DEFAULT '',             -- why the item is here (retrieving prototype, routing rule)
  spot_check INTEGER NOT NULL DEFAULT 0,       -- auto-accepted item drawn for a human check
  is_gold INTEGER NOT NULL DEFAULT 0,          -- known-answer item mixed in by the quality gate
  status TEXT NOT NULL DEFAULT 'pending' CHECK(status IN ('pending', 'done', 'skipped', 'returned')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX queue_items_queue ON queue_items(queue, status, id);
CREATE INDEX queue_items_task ON queue_items(task_id);
CREATE TABLE annotation_drafts(
  task_id INTEGER NOT NULL REFERENCES tasks(id),
  annotator TEXT NOT NULL,
  answer TEXT,
  text TEXT NOT NULL DEFAULT '',
  labels TEXT NOT NULL DEFAULT '{}',
  quality_level TEXT,
  time_spent_ms INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY(task_id, annotator)
);
)SQL";

// Version 3: the synthetic pool, stored as recipes (not pixels) so a million items stay
// small. Attributes are "index:severity" pairs into the modality's taxonomy list.
const char* kV3 = R"SQL(
CREATE TABLE pool_items(
  id INTEGER PRIMARY KEY,
  modality INTEGER NOT NULL,       -- index into kClinicalModalities
  base INTEGER NOT NULL,           -- -1 procedural phantom, else index into the modality's real bases
  seed INTEGER NOT NULL,
  attributes TEXT NOT NULL,        -- e.g. "3:2,7:1"
  image_id INTEGER REFERENCES images(id)  -- set once the item is materialised for annotation
);
CREATE INDEX pool_items_modality ON pool_items(modality);
)SQL";

// Version 4: a SHA-256 hash chain over the audit log (tamper evidence). The update trigger is
// lifted only while finishV4 hashes the rows written before v4, then restored; a new trigger
// refuses rows without a hash, so every writer goes through AuditLog::append.
const char* kV4 = R"SQL(
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
DROP TRIGGER audit_append_only_update;
)SQL";

const char* kV4Triggers = R"SQL(
CREATE TRIGGER audit_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_hash_required BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'audit rows are appended through AuditLog (hash chain)'); END;
)SQL";

// Version 5: the closed loop. What retrieval selected in each round (and how routing sent
// it on), every quality-gate check with its outcome, and the labels that passed the gate
// (the loop's training data).
const char* kV5 = R"SQL(
CREATE TABLE round_selections(
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  pool_item_id INTEGER NOT NULL REFERENCES pool_items(id),
  image_id INTEGER REFERENCES images(id),
  prototype_id INTEGER REFERENCES prototypes(id),
  similarity REAL,
  rank INTEGER NOT NULL,
  uncertainty REAL,
  route TEXT CHECK(route IS NULL OR route IN ('expert', 'verify', 'auto_accept')),
  PRIMARY KEY(round_id, pool_item_id)
);
CREATE INDEX round_selections_pool ON round_selections(pool_item_id);
CREATE TABLE gate_checks(
  id INTEGER PRIMARY KEY,
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  image_id INTEGER NOT NULL REFERENCES images(id),
  annotator TEXT NOT NULL,
  check_kind TEXT NOT NULL CHECK(check_kind IN ('gold', 'agreement', 'consistency')),
  passed INTEGER NOT NULL,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX gate_checks_round ON gate_checks(round_id);
CREATE TABLE accepted_labels(
  task_id INTEGER PRIMARY KEY REFERENCES tasks(id),
  round_id INTEGER NOT NULL REFERENCES rounds(id),
  annotation_id INTEGER NOT NULL REFERENCES annotations(id),
  source TEXT NOT NULL                         -- expert | verify | auto_accept
);
CREATE INDEX accepted_labels_round ON accepted_labels(round_id);
)SQL";

// Version 6: a site's own files as pool items, registered by reference (never copied).
// A changed file (size or modification time) gets a new pool item and its old row turns
// 'changed', so embeddings and selections of the old content stay attached to it. Files a
// scan could not use are kept apart with their reason. UIDs are the workspace's remapped ones.
const char* kV6 = R"SQL(
ALTER TABLE pool_items ADD COLUMN kind TEXT NOT NULL DEFAULT 'recipe' CHECK(kind IN ('recipe', 'file'));
CREATE TABLE pool_scans(
  id INTEGER PRIMARY KEY,
  roots TEXT NOT NULL,                         -- JSON array of absolute paths
  recursive INTEGER NOT NULL,
  modality TEXT,                               -- the lead's override, modalityKey()
  status TEXT NOT NULL CHECK(status IN ('running', 'done', 'failed', 'cancelled')),
  counts TEXT NOT NULL DEFAULT '{}',
  actor TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE TABLE pool_files(
  pool_item_id INTEGER PRIMARY KEY REFERENCES pool_items(id),
  path TEXT NOT NULL,                          -- absolute
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  series_key TEXT NOT NULL DEFAULT '',         -- DICOM: remapped SeriesInstanceUID
  instance_key TEXT,                           -- DICOM: remapped SOPInstanceUID
  status TEXT NOT NULL CHECK(status IN ('registered', 'changed', 'vanished', 'unreadable')),
  content_hash TEXT,                           -- sha256, at first use
  last_scan INTEGER NOT NULL REFERENCES pool_scans(id)
);
CREATE UNIQUE INDEX pool_files_path ON pool_files(path) WHERE status != 'changed';
CREATE INDEX pool_files_instance ON pool_files(instance_key) WHERE instance_key IS NOT NULL;
CREATE TABLE pool_file_problems(
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ns INTEGER NOT NULL,
  reason TEXT NOT NULL,
  last_scan INTEGER NOT NULL REFERENCES pool_scans(id)
);
)SQL";

// Version 7: a draft that is no draft (DraftProblem) says why; a pool file refused for want of
// a modality, or by an older version of the readers, is read again when that has changed.
const char* kV7 = R"SQL(
ALTER TABLE model_outputs ADD COLUMN draft_problem TEXT
  CHECK(draft_problem IS NULL OR draft_problem IN ('no_words', 'repeated_token', 'no_end'));
ALTER TABLE pool_file_problems ADD COLUMN reader_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pool_file_problems ADD COLUMN needs_modality INTEGER NOT NULL DEFAULT 0;
)SQL";

// Version 8: a site's own clean images as bases for synthetic items (SiteBaseRepository); a
// source (volume, series, photograph) serves one split only.
const char* kV8 = R"SQL(
CREATE TABLE site_bases(
  id INTEGER PRIMARY KEY,
  modality TEXT NOT NULL CHECK(modality IN ('ct', 'mri', 'endoscopy', 'histopathology', 'fundus')),
  source TEXT NOT NULL,
  file TEXT NOT NULL,
  slice INTEGER NOT NULL,
  split TEXT NOT NULL CHECK(split IN ('train', 'val', 'test')),
  added_at TEXT NOT NULL,
  UNIQUE(file, slice)
);
)SQL";

// Version 9: instances received over DICOM (`medq pacs listen`), recorded before they are
// acknowledged and then imported or registered in the pool. The SOP Instance UID is kept
// only as a SHA-256 (duplicates are found by it; the UID itself is identifying).
const char* kV9 = R"SQL(
CREATE TABLE received_instances(
  id INTEGER PRIMARY KEY,
  instance_hash TEXT NOT NULL UNIQUE,
  sop_class_uid TEXT NOT NULL,
  calling_aet TEXT NOT NULL,
  path TEXT NOT NULL,
  destination TEXT NOT NULL CHECK(destination IN ('import', 'pool')),
  state TEXT NOT NULL CHECK(state IN ('pending', 'done', 'failed')),
  detail TEXT NOT NULL DEFAULT '',
  received_at TEXT NOT NULL
);
CREATE INDEX received_instances_pending ON received_instances(state) WHERE state = 'pending';
)SQL";

// Version 10: what the burned-in text scan (core/ocr) found in an image's or a registered pool
// file's pixels; NULL where it was not scanned (its modality makes overlay text unlikely, or the
// scan came later than the row). 'phi_risk' keeps the image out of exports.
const char* kV10 = R"SQL(
ALTER TABLE images ADD COLUMN pixel_text TEXT
  CHECK(pixel_text IS NULL OR pixel_text IN ('none_found', 'phi_risk'));
ALTER TABLE pool_files ADD COLUMN pixel_text TEXT
  CHECK(pixel_text IS NULL OR pixel_text IN ('none_found', 'phi_risk'));
)SQL";

void finishV4(SqliteConnection& db) {
    AuditChain::chainUnhashedRows(db);
    db.exec(kV4Triggers);
}

}  // namespace

const std::vector<Migration>& Schema::migrations() {
    static const std::vector<Migration> list = {{1, kV1}, {2, kV2}, {3, kV3}, {4, kV4, finishV4}, {5, kV5}, {6, kV6}, {7, kV7}, {8, kV8}, {9, kV9}, {10, kV10}};
    return list;
}

int Schema::latestVersion() { return migrations().back().version; }

void Schema::migrate(SqliteConnection& db, const std::vector<Migration>& list) {
    const int current = db.userVersion();
    const int latest = list.empty() ? 0 : list.back().version;
    if (current > latest)
        throw StoreError("workspace schema version " + std::to_string(current) +
                         " is newer than this program supports (" + std::to_string(latest) + ")");
    for (const Migration& m : list) {
        if (m.version <= current) continue;
        Transaction tx(db);
        db.exec(m.sql);
        if (m.finish) m.finish(db);
        db.setUserVersion(m.version);
        tx.commit();
    }
}

}  // namespace medq::store
