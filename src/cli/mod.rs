//! The subcommands of the `newsfacts` binary, one module each.

pub mod bench;
pub mod eval;
pub mod extract;
pub mod progress;
pub mod show;
pub mod sink;
pub mod summary;
