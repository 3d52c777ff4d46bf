//! Stage 7: export. JSON Lines in the `newsfacts/1` contract, CSV tables joined by `doc_id`
//! and `event_id`, the SQL schema that creates the same tables in SQLite and PostgreSQL, and a
//! SQLite database kept up to date across runs ([`sqlite`]); for people, a self-contained HTML
//! report ([`html`]).

pub mod csv;
pub mod html;
pub mod json;
pub mod sqlite;

/// The contract's schema name.
pub const SCHEMA: &str = "newsfacts/1";

/// `schema.sql`: the tables of the CSV export, for SQLite and PostgreSQL.
pub const SCHEMA_SQL: &str = include_str!("schema.sql");

/// Entity id in the document: `e1`, `e2`, … in text order.
pub fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

/// Event id in the document: `ev1`, `ev2`, … in order of the event's trigger.
pub fn event_id(index: usize) -> String {
    format!("ev{}", index + 1)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, renamed when done.
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> crate::error::Result<()> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let io = |source| crate::error::Error::Io {
        path: tmp.clone(),
        source,
    };
    let mut f = std::fs::File::create(&tmp).map_err(io)?;
    f.write_all(bytes).and_then(|_| f.sync_all()).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        crate::error::Error::Io {
            path: tmp.clone(),
            source: e,
        }
    })?;
    std::fs::rename(&tmp, path).map_err(|source| crate::error::Error::Io {
        path: path.to_path_buf(),
        source,
    })
}
