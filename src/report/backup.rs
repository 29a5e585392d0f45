//! Reports of backup: the set written by a split, the wallet it protects.
