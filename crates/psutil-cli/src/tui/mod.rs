//! What `psutil top` and `psutil iotop` share: the process rows ([`row`], built on the
//! CLI's `ProcInfo`) and their [`sampler`], which rows are shown in which [`order`],
//! the [`columns`] and the [`proc_table`] widget that draws them, the refresh/key loop
//! ([`screen`], full screen in [`terminal`]), the one-line [`prompt`] and cell formatting
//! ([`cells`]).

pub mod cells;
pub mod columns;
pub mod order;
pub mod proc_table;
pub mod prompt;
pub mod row;
pub mod sampler;
pub mod screen;
pub mod terminal;

pub use cells::{bar, io_amount};
pub use prompt::{filter_key, Prompt, PromptResult};
pub use screen::{run, start, Flow, Screen};
