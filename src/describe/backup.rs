//! Sentences of backup: notes and warnings of a split, the bridging modes, wallet facts.
