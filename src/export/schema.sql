-- newsfacts/1 tables. Works in SQLite (3.24+) and PostgreSQL (12+): only TEXT, INTEGER and REAL
-- columns, composite primary keys, and indexes for the usual questions.
-- Load the CSV export with `.import --csv --skip 1` (SQLite) or `\copy … WITH (FORMAT csv, HEADER true)`
-- (PostgreSQL): an empty unquoted field is NULL, "" an empty string.

CREATE TABLE IF NOT EXISTS documents (
    doc_id           TEXT PRIMARY KEY,
    source           TEXT NOT NULL,
    sha256           TEXT NOT NULL,
    title            TEXT,
    url              TEXT,
    published        TEXT,
    published_source TEXT,
    entity_count     INTEGER NOT NULL,
    event_count      INTEGER NOT NULL,
    warnings         TEXT
);

CREATE TABLE IF NOT EXISTS entities (
    doc_id         TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id      TEXT NOT NULL,
    type           TEXT NOT NULL,
    text           TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    sentence       INTEGER NOT NULL,
    canonical      TEXT NOT NULL,
    key            TEXT,
    country        TEXT,
    how            TEXT NOT NULL,
    value          TEXT,
    timex_type     TEXT,
    interval_begin TEXT,
    interval_end   TEXT,
    granularity    TEXT,
    PRIMARY KEY (doc_id, entity_id)
);

CREATE TABLE IF NOT EXISTS events (
    doc_id        TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    event_id      TEXT NOT NULL,
    type          TEXT NOT NULL,
    cameo         TEXT NOT NULL,
    trigger_text  TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    sentence      INTEGER NOT NULL,
    evidence      TEXT NOT NULL,
    time_entity   TEXT,
    time_value    TEXT,
    time_begin    TEXT,
    time_end      TEXT,
    time_source   TEXT,
    modality      TEXT NOT NULL,
    confidence    REAL NOT NULL,
    rule          TEXT NOT NULL,
    mention_count INTEGER NOT NULL,
    conflicts     TEXT,
    PRIMARY KEY (doc_id, event_id)
);

CREATE TABLE IF NOT EXISTS event_arguments (
    doc_id        TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    mention       INTEGER NOT NULL, -- 0: the event's own sentence; n: its n-th other mention
    arg_index     INTEGER NOT NULL,
    role          TEXT NOT NULL,
    text          TEXT NOT NULL,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    entity_id     TEXT,
    canonical     TEXT NOT NULL,
    key           TEXT,
    country       TEXT,
    trigger_start INTEGER NOT NULL,
    trigger_end   INTEGER NOT NULL,
    sentence      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, event_id, mention, arg_index),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, event_id) ON DELETE CASCADE
);

-- With `extract --merge`: facts merged across documents, one row per source event.
CREATE TABLE IF NOT EXISTS merged_events (
    merged_id     TEXT NOT NULL,
    type          TEXT NOT NULL,
    cameo         TEXT NOT NULL,
    modality      TEXT NOT NULL,
    time_value    TEXT,
    time_begin    TEXT,
    time_end      TEXT,
    conflicts     TEXT, -- JSON: [{"field": "time.end", "values": [...]}]
    arguments     TEXT NOT NULL, -- JSON: [{"role", "canonical", "key", "country"}]
    mention_count INTEGER NOT NULL,
    doc_id        TEXT NOT NULL,
    event_id      TEXT NOT NULL,
    PRIMARY KEY (merged_id, doc_id, event_id),
    FOREIGN KEY (doc_id, event_id) REFERENCES events (doc_id, event_id) ON DELETE CASCADE
);

-- Events by type and date, by date; entities by type and name (people); arguments by role and
-- country (actor country) and by name (a person's events).
CREATE INDEX IF NOT EXISTS events_type_begin ON events (type, time_begin);
CREATE INDEX IF NOT EXISTS events_begin ON events (time_begin);
CREATE INDEX IF NOT EXISTS entities_type_canonical ON entities (type, canonical);
CREATE INDEX IF NOT EXISTS arguments_role_country ON event_arguments (role, country);
CREATE INDEX IF NOT EXISTS arguments_canonical ON event_arguments (canonical);
