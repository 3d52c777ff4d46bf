//! The SQLite export: the tables of `schema.sql` in one database file, kept up to date across
//! runs.
//!
//! - **Same tables, same values as the CSV export**: rows come from [`csv::rows`](super::csv::rows),
//!   so a database written here and one loaded from the CSV tables hold the same data.
//! - **Idempotent**: ids are stable (`doc_id`, `e1`…, `ev1`…). A document's row is upserted by
//!   `doc_id`; its entities, events and arguments replace the rows the database held for that
//!   `doc_id`. Running again over the same or an overlapping folder leaves the same rows, and an
//!   article whose text changed (same `doc_id`, another `sha256`) replaces its old facts.
//! - **Transactions**: rows are written inside a transaction that the caller commits
//!   ([`SqliteExport::commit`], once per batch in the CLI). An interrupted run leaves every
//!   committed document complete and nothing of the others.
//! - **Other tables**: [`SqliteExport::upsert`] writes rows of any table of the schema by its
//!   primary key (read from the database), for run-level tables such as merged events.
//!
//! ```
//! use newsfacts::export::sqlite::SqliteExport;
//! use newsfacts::{Document, Pipeline};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("facts.db");
//! let pipeline = Pipeline::builder().build()?;
//! let doc = Document::from_text("d1", "Vladimir Putin visited Beijing.");
//! for _ in 0..2 {
//!     let mut db = SqliteExport::open(&path)?;
//!     db.write_document(&pipeline.analyze(&doc))?;
//!     db.finish()?;
//! }
//! let db = SqliteExport::open(&path)?;
//! assert_eq!(db.count("documents")?, 1);
//! # Ok::<(), newsfacts::Error>(())
//! ```

use super::csv::{rows, Field, TableRows, TABLES};
use super::SCHEMA_SQL;
use crate::error::{Error, Result};
use crate::model::Analysis;
use rusqlite::{params_from_iter, Connection};
use std::path::{Path, PathBuf};

/// Child tables of `documents`, deleted children first when a document is replaced.
const CHILDREN: [&str; 3] = ["event_arguments", "events", "entities"];

/// A SQLite database receiving the facts of a run.
pub struct SqliteExport {
    conn: Connection,
    path: PathBuf,
    in_transaction: bool,
}

impl SqliteExport {
    /// Opens (or creates) the database at `path` and creates the tables and indexes of
    /// `schema.sql` that are missing.
    pub fn open(path: &Path) -> Result<SqliteExport> {
        let conn = Connection::open(path).map_err(|e| db_error(path, "cannot open", e))?;
        let db = SqliteExport {
            conn,
            path: path.to_path_buf(),
            in_transaction: false,
        };
        // Wait for another writer rather than fail at once; enforce the schema's foreign keys.
        db.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| db.error("cannot configure", e))?;
        db.conn
            .execute_batch("PRAGMA foreign_keys = ON;")
            .map_err(|e| db.error("cannot configure", e))?;
        db.conn
            .execute_batch(&format!("BEGIN;\n{SCHEMA_SQL}\nCOMMIT;"))
            .map_err(|e| db.error("cannot create the tables of schema.sql in", e))?;
        Ok(db)
    }

    /// The database's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn error(&self, what: &str, e: rusqlite::Error) -> Error {
        db_error(&self.path, what, e)
    }

    fn begin(&mut self) -> Result<()> {
        if !self.in_transaction {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.error("cannot start a transaction in", e))?;
            self.in_transaction = true;
        }
        Ok(())
    }

    /// Writes one document's facts (see [`write_rows`](Self::write_rows)).
    pub fn write_document(&mut self, a: &Analysis<'_>) -> Result<()> {
        self.write_rows(&rows(a))
    }

    /// Writes one document's rows, as [`csv::rows`](super::csv::rows) gives them, inside the
    /// current transaction: the document is upserted by `doc_id`, and its entities, events and
    /// arguments replace the ones stored for that `doc_id`.
    pub fn write_rows(&mut self, rows: &TableRows) -> Result<()> {
        let Some(doc_id) = rows[0].first().and_then(|r| r.first()).cloned().flatten() else {
            return Ok(());
        };
        self.begin()?;
        for table in CHILDREN {
            let sql = format!("DELETE FROM {table} WHERE doc_id = ?1");
            let mut stmt = self
                .conn
                .prepare_cached(&sql)
                .map_err(|e| db_error(&self.path, "cannot prepare a statement in", e))?;
            stmt.execute([&doc_id])
                .map_err(|e| db_error(&self.path, "cannot delete old rows in", e))?;
        }
        for ((table, columns), table_rows) in TABLES.iter().zip(rows) {
            let name = table.trim_end_matches(".csv");
            self.upsert(name, columns, table_rows)?;
        }
        Ok(())
    }

    /// Replaces the whole content of `table` with `rows`, inside the current transaction (the
    /// facts merged across documents are recomputed by every `--merge` run).
    pub fn replace_table(
        &mut self,
        table: &str,
        columns: &[&str],
        rows: &[Vec<Field>],
    ) -> Result<()> {
        self.begin()?;
        self.conn
            .execute(&format!("DELETE FROM {table}"), [])
            .map_err(|e| db_error(&self.path, &format!("cannot empty {table} in"), e))?;
        self.upsert(table, columns, rows)
    }

    /// Upserts rows into `table` by its primary key, inside the current transaction: a row whose
    /// key is stored already replaces the stored values. `columns` name the values of each row.
    pub fn upsert(&mut self, table: &str, columns: &[&str], rows: &[Vec<Field>]) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        self.begin()?;
        let sql = self.upsert_sql(table, columns)?;
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| db_error(&self.path, "cannot prepare a statement in", e))?;
        for row in rows {
            stmt.execute(params_from_iter(row.iter()))
                .map_err(|e| db_error(&self.path, &format!("cannot write to {table} in"), e))?;
        }
        Ok(())
    }

    /// `INSERT … ON CONFLICT (primary key) DO UPDATE SET …` for a table of the schema.
    fn upsert_sql(&self, table: &str, columns: &[&str]) -> Result<String> {
        let mut key: Vec<(i64, String)> = Vec::new();
        {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT name, pk FROM pragma_table_info(?1)")
                .map_err(|e| self.error("cannot read the schema of", e))?;
            let found = stmt
                .query_map([table], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
                })
                .map_err(|e| self.error("cannot read the schema of", e))?;
            for f in found {
                let (name, pk) = f.map_err(|e| self.error("cannot read the schema of", e))?;
                if pk > 0 {
                    key.push((pk, name));
                }
            }
        }
        if key.is_empty() {
            return Err(Error::Config(format!(
                "{}: table {table} has no primary key (is it in schema.sql?)",
                self.path.display()
            )));
        }
        key.sort();
        let quote = |c: &str| format!("\"{}\"", c.replace('"', "\"\""));
        let cols: Vec<String> = columns.iter().map(|c| quote(c)).collect();
        let keys: Vec<String> = key.iter().map(|(_, c)| quote(c)).collect();
        let updates: Vec<String> = cols
            .iter()
            .filter(|c| !keys.contains(c))
            .map(|c| format!("{c} = excluded.{c}"))
            .collect();
        let placeholders: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
        let action = if updates.is_empty() {
            "NOTHING".to_string()
        } else {
            format!("UPDATE SET {}", updates.join(", "))
        };
        Ok(format!(
            "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO {action}",
            quote(table),
            cols.join(", "),
            placeholders.join(", "),
            keys.join(", ")
        ))
    }

    /// Commits the current transaction, if any: everything written so far is stored.
    pub fn commit(&mut self) -> Result<()> {
        if self.in_transaction {
            self.conn
                .execute_batch("COMMIT")
                .map_err(|e| self.error("cannot commit to", e))?;
            self.in_transaction = false;
        }
        Ok(())
    }

    /// Commits and updates the query planner's statistics.
    pub fn finish(mut self) -> Result<()> {
        self.commit()?;
        self.conn
            .execute_batch("PRAGMA optimize;")
            .map_err(|e| self.error("cannot optimize", e))?;
        self.conn
            .close()
            .map_err(|(_, e)| db_error(&self.path, "cannot close", e))
    }

    /// Rolls the current transaction back (after a failed run): what was committed stays.
    pub fn abort(mut self) {
        if self.in_transaction {
            let _ = self.conn.execute_batch("ROLLBACK");
            self.in_transaction = false;
        }
    }

    /// The number of rows in `table` (a table of the database).
    pub fn count(&self, table: &str) -> Result<u64> {
        let exists: bool = self
            .conn
            .query_row(
                "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                [table],
                |r| r.get(0),
            )
            .map_err(|e| self.error("cannot read the schema of", e))?;
        if !exists {
            return Err(Error::Config(format!(
                "{}: no table {table} in the database",
                self.path.display()
            )));
        }
        self.conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .map_err(|e| self.error("cannot count rows in", e))
    }
}

fn db_error(path: &Path, what: &str, e: rusqlite::Error) -> Error {
    Error::Database {
        path: path.to_path_buf(),
        message: format!("{what} the database: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Document, Pipeline};

    fn count(db: &SqliteExport, sql: &str) -> i64 {
        db.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn rerun_is_idempotent_and_a_changed_text_replaces_its_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let p = Pipeline::builder().build().unwrap();
        let a = Document::from_text(
            "a",
            "Vladimir Putin met Xi Jinping in Moscow. Putin visited Beijing.",
        );
        let b = Document::from_text("b", "Sergey Shoigu visited China.");
        for _ in 0..2 {
            let mut db = SqliteExport::open(&path).unwrap();
            db.write_document(&p.analyze(&a)).unwrap();
            db.write_document(&p.analyze(&b)).unwrap();
            // the same document twice in one run (overlapping inputs)
            db.write_document(&p.analyze(&b)).unwrap();
            db.finish().unwrap();
        }
        let db = SqliteExport::open(&path).unwrap();
        assert_eq!(db.count("documents").unwrap(), 2);
        let ents = db.count("entities").unwrap();
        let evs = db.count("events").unwrap();
        assert!(ents >= 6 && evs >= 3, "{ents} entities, {evs} events");
        drop(db);

        // `a` changes: its old rows go, `b` stays.
        let a2 = Document::from_text("a", "Nothing happened.");
        let mut db = SqliteExport::open(&path).unwrap();
        db.write_document(&p.analyze(&a2)).unwrap();
        db.finish().unwrap();
        let db = SqliteExport::open(&path).unwrap();
        assert_eq!(db.count("documents").unwrap(), 2);
        assert_eq!(
            count(&db, "SELECT count(*) FROM entities WHERE doc_id = 'a'"),
            0
        );
        assert_eq!(
            count(&db, "SELECT count(*) FROM events WHERE doc_id = 'a'"),
            0
        );
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM event_arguments WHERE doc_id = 'a'"
            ),
            0
        );
        assert!(count(&db, "SELECT count(*) FROM events WHERE doc_id = 'b'") > 0);
        let sha: String = db
            .conn
            .query_row("SELECT sha256 FROM documents WHERE doc_id = 'a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(sha, crate::export::json::sha256_hex("Nothing happened."));
    }

    #[test]
    fn an_aborted_transaction_leaves_the_committed_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let p = Pipeline::builder().build().unwrap();
        let a = Document::from_text("a", "Vladimir Putin visited Beijing.");
        let b = Document::from_text("b", "Sergey Shoigu visited China.");
        let mut db = SqliteExport::open(&path).unwrap();
        db.write_document(&p.analyze(&a)).unwrap();
        db.commit().unwrap();
        db.write_document(&p.analyze(&b)).unwrap();
        db.abort();
        let db = SqliteExport::open(&path).unwrap();
        assert_eq!(db.count("documents").unwrap(), 1);
        assert_eq!(
            count(&db, "SELECT count(*) FROM events WHERE doc_id = 'b'"),
            0
        );
        assert_eq!(
            count(&db, "SELECT count(*) FROM entities"),
            count(&db, "SELECT sum(entity_count) FROM documents")
        );
    }

    #[test]
    fn values_are_typed_by_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let p = Pipeline::builder().build().unwrap();
        let mut db = SqliteExport::open(&path).unwrap();
        db.write_document(&p.analyze(&Document::from_text("a", "Putin visited Beijing.")))
            .unwrap();
        db.commit().unwrap();
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM events WHERE typeof(confidence) <> 'real' OR typeof(trigger_start) <> 'integer'"
            ),
            0
        );
        assert_eq!(
            count(
                &db,
                "SELECT count(*) FROM entities WHERE key IS NULL AND type = 'DATE'"
            ),
            count(&db, "SELECT count(*) FROM entities WHERE type = 'DATE'")
        );
    }
}
