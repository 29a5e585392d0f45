//! The limits of every command that reads shares (`combine`, `verify`, `check`, `inspect`,
//! `reissue`, `extend`, `cards`), in one place so that the commands cannot drift apart.
//!
//! Each input is at most 1 MiB ([`crate::io::MAX_INPUT_BYTES`]); one command takes at most
//! [`MAX_SHARES`] share lines and scanned shares together, from at most [`MAX_SETS`]
//! different sets. A pile past either limit is not a pile of cards: it is refused as soon as
//! the limit is passed, before more of it is read, so a hostile input of a megabyte is
//! decided at once.

use seedshard::slip39::share::CommonParameters;
use seedshard::Share;

use crate::error::{CliError, CliResult};

/// Share lines (read or not) and scanned shares one command takes: several times the most any
/// set has (16 groups of 16).
pub const MAX_SHARES: usize = 1024;

/// Different sets one command takes: a pile of cards mixes a few at most.
pub const MAX_SETS: usize = 16;

/// Counts what one command has read against the limits.
#[derive(Debug, Default)]
pub struct ShareLimits {
    shares: usize,
    /// Each different set seen (its common parameters and length), with the label of its
    /// first share.
    sets: Vec<((CommonParameters, usize), String)>,
}

impl ShareLimits {
    /// Counts one more share line or scanned share (`label`: "share N (where)"), refusing
    /// it past [`MAX_SHARES`]. Call before the line is parsed.
    pub fn count(&mut self, label: &str) -> CliResult {
        if self.shares >= MAX_SHARES {
            return Err(CliError::input(
                format!("{label}: more than {MAX_SHARES} shares were given; a SLIP-39 set has at most 256 (16 groups of 16)"),
                "give the cards of the set to recover, one share a line",
            ));
        }
        self.shares += 1;
        Ok(())
    }

    /// Notes the set of a share read, refusing a share of one set more than [`MAX_SETS`].
    pub fn set_of(&mut self, share: &Share, label: &str) -> CliResult {
        let key = (share.common_parameters(), share.value_len());
        if self.sets.iter().any(|(k, _)| *k == key) {
            return Ok(());
        }
        if self.sets.len() >= MAX_SETS {
            let first = |k: usize| {
                let ((params, _), first) = &self.sets[k];
                format!("{first} is of set {}", params.identifier.short_name())
            };
            return Err(CliError::input(
                format!(
                    "shares of more than {MAX_SETS} different sets were given: {}, {}, and so on up to {label}",
                    first(0),
                    first(1)
                ),
                "give the cards of one set (its shares all begin with the same two words); `seedshard check` sorts a smaller pile by set",
            ));
        }
        self.sets.push((key, label.to_string()));
        Ok(())
    }

    /// [`ShareLimits::count`] for one share text, and [`ShareLimits::set_of`] when it reads
    /// as a whole share: checked before any work on a batch (damaged texts count as shares;
    /// their set is known only once worked out).
    pub fn admit_text(&mut self, content: &str, label: &str) -> CliResult {
        self.count(label)?;
        match Share::parse(content) {
            Ok(share) => self.set_of(&share, label),
            Err(_) => Ok(()),
        }
    }

    /// [`ShareLimits::count`] and [`ShareLimits::set_of`] for a share read whole.
    pub fn admit(&mut self, share: &Share, label: &str) -> CliResult {
        self.count(label)?;
        self.set_of(share, label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use seedshard::{Identifier, MasterSecret, Passphrase, SplitPlan};

    fn share_of(id: u16) -> Share {
        SplitPlan::single(1, 1)
            .unwrap()
            .with_identifier(Identifier::new(id).unwrap())
            .with_iteration_exponent(seedshard::IterationExponent::new(0).unwrap())
            .split(
                &MasterSecret::new(vec![1; 16]).unwrap(),
                &Passphrase::empty(),
            )
            .unwrap()
            .shares()
            .next()
            .unwrap()
            .clone()
    }

    #[test]
    fn the_seventeenth_set_and_the_share_past_the_limit_are_refused() {
        let mut limits = ShareLimits::default();
        for id in 0..MAX_SETS as u16 {
            limits
                .admit(&share_of(id), &format!("share {}", id + 1))
                .unwrap();
        }
        // Another share of a set already seen is fine; a new set is not.
        limits.admit(&share_of(3), "share 17").unwrap();
        let e = limits.admit(&share_of(99), "share 18").unwrap_err();
        assert!(e.what.contains("share 1 is of set"), "{}", e.what);
        assert!(e.what.contains("up to share 18"), "{}", e.what);
        let mut limits = ShareLimits::default();
        for k in 0..MAX_SHARES {
            limits.count(&format!("share {}", k + 1)).unwrap();
        }
        let e = limits.count("share 1025").unwrap_err();
        assert!(
            e.what.starts_with("share 1025: more than 1024"),
            "{}",
            e.what
        );
    }
}
