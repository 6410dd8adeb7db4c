//! Network on Linux.
