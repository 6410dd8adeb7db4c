//! The process table: many attributes of every process, read in bulk by the backend's
//! `TableReader` (on Linux each `/proc/<pid>` file at most once, only the files the
//! attributes need), by one thread or several.

pub(crate) mod listed;
mod record;
mod snapshot;
mod threads;

pub(crate) use record::info_accessors;
pub use record::ProcessInfo;
pub use snapshot::{process_table, ProcessTable};
pub(crate) use threads::ReadFn;
pub use threads::{TableBatch, TableStream};
