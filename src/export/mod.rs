//! Stage 7: export. JSON Lines in the `newsfacts/1` contract, CSV tables joined by `doc_id`
//! and `event_id`, the SQL schema that creates the same tables in SQLite and PostgreSQL, and a
//! SQLite database kept up to date across runs ([`sqlite`]); for people, a self-contained HTML
//! report ([`html`]).

pub mod csv;
pub mod html;
pub mod json;
pub mod sqlite;

use std::path::{Path, PathBuf};

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

/// The folder `path` is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The temporary file that `path` is written to before it is renamed into place: a hidden file
/// in the same folder (a rename is atomic only within one file system), named after `path`,
/// `tag` and this process (`.facts.jsonl.tmp-4242`).
pub fn temp_beside(path: &Path, tag: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    folder_of(path).join(format!(".{name}.{tag}-{}", std::process::id()))
}

/// True when `path` is written in place rather than through a temporary file and a rename: it
/// exists and is no regular file, or it is a symbolic link (`/dev/null`, `/dev/stdout`, a named
/// pipe, a link to a file). Renaming onto such a path would replace the device, the pipe or the
/// link itself with a plain file.
pub fn written_in_place(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| !m.file_type().is_file())
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, renamed when done;
/// in place for a device, a pipe or a link ([`written_in_place`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> crate::error::Result<()> {
    use std::io::Write;
    if written_in_place(path) {
        return std::fs::File::create(path)
            .and_then(|mut f| f.write_all(bytes))
            .map_err(|source| crate::error::Error::Io {
                path: path.to_path_buf(),
                source,
            });
    }
    let tmp = temp_beside(path, "tmp");
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
