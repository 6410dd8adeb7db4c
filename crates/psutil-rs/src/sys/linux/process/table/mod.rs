//! The Linux reader of the process table: each `/proc/<pid>` file read at most once,
//! only the files the attributes need ([`ProcessTable`](crate::ProcessTable) runs it
//! on one thread or several).

mod reader;
mod reads;
mod record;
mod snapshot;
mod value;
mod worker;

#[cfg(any(test, feature = "test-hooks"))]
pub use reads::TableReads;
pub(crate) use record::INFO_STAMP;
pub(crate) use snapshot::TableReader;
