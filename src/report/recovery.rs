//! Reports of recovery: checking a pile of shares, combining it, inspecting one share.
