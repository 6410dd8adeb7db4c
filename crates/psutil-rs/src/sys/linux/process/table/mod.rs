//! The process table: many attributes of every process, each `/proc/<pid>` file read
//! at most once, only the files the attributes need.

mod reader;
mod reads;
mod record;
mod snapshot;
mod threads;
mod value;

#[cfg(feature = "test-hooks")]
pub use reads::TableReads;
pub use record::ProcessInfo;
pub use snapshot::{process_table, ProcessTable};
pub use threads::{TableBatch, TableStream};
