//! The crate-internal path `crate::user_names` for the process code, which still names
//! it so until it moves into the backend (the uid → name cache reads `/etc/passwd` and
//! lives in `sys/linux/user_names.rs`).

pub(crate) use crate::sys::user_names::*;
