//! One module per command: each turns raw arguments into a checked plan, then does the work.

pub mod cards;
pub mod check;
pub mod combine;
pub mod completions;
pub mod entry;
pub mod extend;
pub mod inspect;
pub mod man;
pub mod page;
pub mod plan;
pub mod reissue;
pub mod rollcall;
pub mod split;
pub mod verify;
