//! Reading the tab-separated data files that hold the project's knowledge (gazetteers, trigger
//! lexicons, date tables, segmentation lists). One reader for all of them, so every bad row is
//! reported the same way: `file:line: what is wrong`.

use crate::error::{Error, Result};

/// One data row with its line number and named columns.
#[derive(Debug)]
pub struct Row<'t> {
    /// 1-based line in the file.
    pub line: u64,
    text: &'t str,
    table: &'t Table,
}

impl<'t> Row<'t> {
    /// The value of a column (empty string when absent or empty).
    pub fn get(&self, column: &str) -> &str {
        self.table
            .columns
            .iter()
            .position(|c| c == column)
            .and_then(|i| tsv_fields(self.text).nth(i))
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
    content: String,
    /// (line number, byte range of the line in `content`)
    records: Vec<(u64, std::ops::Range<usize>)>,
}

/// The lines of a TSV text that hold data: `(1-based line number, line)`, without blank lines,
/// `#` comment lines and the line end (`\n` or `\r\n`). The first one is the header. Fields are
/// tab-separated, without quoting.
pub fn tsv_lines(content: &str) -> impl Iterator<Item = (u64, &str)> + '_ {
    let mut start = 0;
    let mut ends = memchr::memchr_iter(b'\n', content.as_bytes()).chain([content.len()]);
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let l = &content[start.min(end)..end];
        start = end + 1;
        Some(l.strip_suffix('\r').unwrap_or(l))
    })
    .enumerate()
    .map(|(i, l)| (i as u64 + 1, l))
    .filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty())
}

/// The tab-separated fields of a TSV line.
pub fn tsv_fields(line: &str) -> impl Iterator<Item = &str> + '_ {
    // fields are short: a plain byte loop beats a vectorised search here
    let mut rest = Some(line);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// The header of a TSV text (trimmed column names, the line number), checked for the
/// `required` columns; and the data lines after it.
pub fn tsv_header<'c>(
    name: &str,
    content: &'c str,
    required: &[&str],
) -> Result<(Vec<String>, impl Iterator<Item = (u64, &'c str)> + 'c)> {
    let mut lines = tsv_lines(content);
    let (line, header) = lines
        .next()
        .ok_or_else(|| Error::data(name, 1, "cannot read the header: the file is empty"))?;
    let columns: Vec<String> = tsv_fields(header).map(|s| s.trim().to_string()).collect();
    for r in required {
        if !columns.iter().any(|c| c == r) {
            return Err(Error::data(
                name,
                line,
                format!("missing column `{r}` (columns: {})", columns.join(", ")),
            ));
        }
    }
    Ok((columns, lines))
}

/// The error for a row with more fields than the header has columns, else `Ok`.
pub fn check_width(name: &str, line: u64, fields: usize, columns: usize) -> Result<()> {
    if fields > columns {
        return Err(Error::data(
            name,
            line,
            format!("{fields} fields, the header has {columns} columns"),
        ));
    }
    Ok(())
}

impl Table {
    /// Parses `content` (UTF-8 TSV, `#` comments, first non-comment line the header) and checks
    /// that `required` columns are present.
    pub fn parse(name: &str, content: &str, required: &[&str]) -> Result<Table> {
        let (columns, lines) = tsv_header(name, content, required)?;
        let base = content.as_ptr() as usize;
        let mut records = Vec::new();
        for (line, text) in lines {
            check_width(name, line, tsv_fields(text).count(), columns.len())?;
            let start = text.as_ptr() as usize - base;
            records.push((line, start..start + text.len()));
        }
        Ok(Table {
            name: name.to_string(),
            columns,
            content: content.to_string(),
            records,
        })
    }

    /// The rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.records.iter().map(move |(line, range)| Row {
            line: *line,
            text: &self.content[range.clone()],
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

    #[test]
    fn tsv_lines_keep_file_line_numbers() {
        let text = "# comment\r\na\tb\r\n\n \t \n1\t2\r\n#x\n3\t\t";
        let lines: Vec<(u64, &str)> = tsv_lines(text).collect();
        assert_eq!(lines, [(2, "a\tb"), (5, "1\t2"), (7, "3\t\t")]);
        assert_eq!(tsv_fields("3\t\t").collect::<Vec<_>>(), ["3", "", ""]);
        assert_eq!(tsv_fields("").collect::<Vec<_>>(), [""]);
    }
}
