//! The public fields of one share, for display.

use super::*;

/// The public fields of one share, for display (`seedshard inspect`): no other share is
/// needed and nothing secret is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicFields {
    /// The set's identifier.
    pub identifier: Identifier,
    /// The extendable flag.
    pub extendable: bool,
    /// The iteration exponent.
    pub iteration_exponent: u8,
    /// 0-based group index.
    pub group_index: u8,
    /// Groups needed.
    pub group_threshold: u8,
    /// Groups in the set.
    pub group_count: u8,
    /// 0-based member index.
    pub member_index: u8,
    /// Members of the group needed.
    pub member_threshold: u8,
    /// Secret length in bits.
    pub secret_bits: usize,
    /// Words in the share.
    pub words: usize,
}

impl PublicFields {
    /// The public fields of `share`.
    pub fn of(share: &Share) -> Self {
        Self {
            identifier: share.identifier(),
            extendable: share.extendable(),
            iteration_exponent: share.iteration_exponent().get(),
            group_index: share.group_index(),
            group_threshold: share.group_threshold(),
            group_count: share.group_count(),
            member_index: share.member_index(),
            member_threshold: share.member_threshold(),
            secret_bits: share.value_len() * 8,
            words: share.word_count(),
        }
    }
}

impl PublicFields {
    /// The PBKDF2 iterations the passphrase costs: 10000 x 2^exponent (SLIP-0039,
    /// "Encryption of the master secret": 4 rounds of 2500 x 2^e).
    pub fn iterations(&self) -> u32 {
        10_000u32 << self.iteration_exponent
    }
}

impl fmt::Display for PublicFields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "set:                {} (identifier {})",
            self.identifier.short_name(),
            self.identifier
        )?;
        writeln!(
            f,
            "group:              {} of {} ({} needed)",
            u16::from(self.group_index) + 1,
            self.group_count,
            self.group_threshold
        )?;
        writeln!(
            f,
            "member:             {} ({} of the group needed)",
            u16::from(self.member_index) + 1,
            self.member_threshold
        )?;
        writeln!(
            f,
            "secret length:      {} bits ({} words)",
            self.secret_bits, self.words
        )?;
        writeln!(
            f,
            "iteration exponent: {} ({} PBKDF2 iterations)",
            self.iteration_exponent,
            self.iterations()
        )?;
        write!(
            f,
            "extendable:         {}",
            if self.extendable {
                "yes (new sets for the same wallet can be made)"
            } else {
                "no"
            }
        )
    }
}
