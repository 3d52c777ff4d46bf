//! Reading the tab-separated data files that hold the project's knowledge (gazetteers, trigger
//! lexicons, date tables, segmentation lists). One reader for all of them, so every bad row is
//! reported the same way: `file:line: what is wrong`.

use crate::error::{Error, Result};

/// One data row with its line number and named columns.
#[derive(Debug)]
pub struct Row<'t> {
    /// 1-based line in the file.
    pub line: u64,
    fields: &'t csv::StringRecord,
    table: &'t Table,
}

impl<'t> Row<'t> {
    /// The value of a column (empty string when absent or empty).
    pub fn get(&self, column: &str) -> &str {
        self.table
            .columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| self.fields.get(i))
            .unwrap_or("")
    }

    /// The value of a column, `None` when empty.
    pub fn opt(&self, column: &str) -> Option<&str> {
        Some(self.get(column)).filter(|s| !s.is_empty())
    }

    /// An error about this row.
    pub fn error(&self, message: impl Into<String>) -> Error {
        Error::data(&self.table.name, self.line, message)
    }
}

/// A parsed TSV table: header and rows.
#[derive(Debug)]
pub struct Table {
    /// File name (or embedded resource name) for messages.
    pub name: String,
    /// Column names from the header line.
    pub columns: Vec<String>,
    records: Vec<(u64, csv::StringRecord)>,
}

impl Table {
    /// Parses `content` (UTF-8 TSV, `#` comments, first non-comment line the header) and checks
    /// that `required` columns are present.
    pub fn parse(name: &str, content: &str, required: &[&str]) -> Result<Table> {
        let mut rdr = csv::ReaderBuilder::new()
            .delimiter(b'\t')
            .quoting(false)
            .comment(Some(b'#'))
            .flexible(true)
            .has_headers(true)
            .from_reader(content.as_bytes());
        let header = rdr
            .headers()
            .map_err(|e| Error::data(name, 1, format!("cannot read the header: {e}")))?
            .clone();
        let columns: Vec<String> = header.iter().map(|s| s.trim().to_string()).collect();
        for r in required {
            if !columns.iter().any(|c| c == r) {
                return Err(Error::data(
                    name,
                    header.position().map_or(1, |p| p.line()),
                    format!("missing column `{r}` (columns: {})", columns.join(", ")),
                ));
            }
        }
        // Line numbers from byte offsets (the reader does not count blank lines), counted
        // incrementally: records come in file order.
        let bytes = content.as_bytes();
        let mut cursor = (0usize, 1u64);
        let mut line_of = |byte: u64| {
            // The reader reports where it started reading: skip blank and comment lines.
            let mut b = (byte as usize).min(bytes.len());
            loop {
                while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
                    b += 1;
                }
                if b < bytes.len() && bytes[b] == b'#' {
                    b = memchr::memchr(b'\n', &bytes[b..]).map_or(bytes.len(), |p| b + p);
                    continue;
                }
                break;
            }
            if b < cursor.0 {
                cursor = (0, 1);
            }
            cursor.1 += memchr::memchr_iter(b'\n', &bytes[cursor.0..b]).count() as u64;
            cursor.0 = b;
            cursor.1
        };
        let mut records = Vec::new();
        for rec in rdr.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| line_of(p.byte()));
                    return Err(Error::data(name, line, format!("unreadable row: {e}")));
                }
            };
            let line = rec.position().map_or(0, |p| line_of(p.byte()));
            if rec.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            if rec.len() > columns.len() {
                return Err(Error::data(
                    name,
                    line,
                    format!(
                        "{} fields, the header has {} columns",
                        rec.len(),
                        columns.len()
                    ),
                ));
            }
            records.push((line, rec));
        }
        Ok(Table {
            name: name.to_string(),
            columns,
            records,
        })
    }

    /// The rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.records.iter().map(move |(line, rec)| Row {
            line: *line,
            fields: rec,
            table: self,
        })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_path_and_line() {
        let t = Table::parse("x.tsv", "# c\na\tb\n1\t2\n\n3\t4\t5\n", &["a"]);
        let e = t.unwrap_err().to_string();
        assert!(e.starts_with("x.tsv:5:"), "{e}");
        let t = Table::parse("x.tsv", "a\tb\n1\t2\n", &["c"])
            .unwrap_err()
            .to_string();
        assert!(t.contains("missing column `c`"), "{t}");
        let t = Table::parse("x.tsv", "a\tb\n1\t2\n", &["a", "b"]).unwrap();
        let r = t.rows().next().unwrap();
        assert_eq!((r.get("a"), r.get("b"), r.line), ("1", "2", 2));
    }
}
