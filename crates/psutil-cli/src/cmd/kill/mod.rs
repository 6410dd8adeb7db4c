//! `psutil kill` and `psutil killall`: their words read as procps kill and psmisc
//! killall read them (`-9`, `-KILL`, `-SIGKILL`, `-s NAME`, `-n NUM`, `-l [N]`, `-L`)
//! by [`argv`], the signals sent by [`send`].

mod argv;
mod send;

pub use send::{kill, killall};
