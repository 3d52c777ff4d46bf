//! The library's error type.

use std::path::PathBuf;

/// Errors building a pipeline or reading input.
///
/// Processing a document never fails once the pipeline is built; these errors come from loading
/// resources (a bad gazetteer row names its file and line) and from reading inputs.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A resource file (gazetteer, lexicon, rule table) has a bad row.
    #[error("{path}:{line}: {message}")]
    Data {
        /// The file (or embedded resource name).
        path: String,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// An input document cannot be processed.
    #[error("{input}: {message}")]
    Input {
        /// `path` or `path#line`.
        input: String,
        /// What is wrong.
        message: String,
    },
    /// A database could not be opened, read or written.
    #[error("{path}: {message}")]
    Database {
        /// The database file.
        path: PathBuf,
        /// What failed, with the database's own message.
        message: String,
    },
    /// An option value is invalid.
    #[error("{0}")]
    Config(String),
}

impl Error {
    pub(crate) fn data(path: &str, line: u64, message: impl Into<String>) -> Error {
        Error::Data {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// Result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;
