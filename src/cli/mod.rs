//! The subcommands of the `newsfacts` binary, one module each.

pub mod eval;
pub mod extract;
