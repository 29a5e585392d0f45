//! One module per command: each turns raw arguments into a checked plan, then does the work.

pub mod combine;
pub mod split;
pub mod verify;
