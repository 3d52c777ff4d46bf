//! The embedded default resources: every file of `gazetteers/` and `rules/`, compiled into the
//! binary by `build.rs`. `--gazetteers DIR` adds files read at run time.

use crate::data::Table;
use crate::error::{Error, Result};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The content of an embedded rules file, by name (`rules/segment.tsv`).
pub fn rule_file(name: &str) -> Result<&'static str> {
    RULES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| *c)
        .ok_or_else(|| Error::Config(format!("embedded resource {name} is missing")))
}

/// Parses an embedded rules table.
pub fn rule_table(name: &str, required: &[&str]) -> Result<Table> {
    Table::parse(name, rule_file(name)?, required)
}

/// The segmentation table.
pub fn segment_table() -> Result<Table> {
    rule_table("rules/segment.tsv", &["kind", "text"])
}
