//! Sentences of recovery: share statuses, group progress, repairs and what to do next.
