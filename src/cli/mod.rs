//! The subcommands of the `newsfacts` binary, one module each.

pub mod extract;
pub mod sink;
