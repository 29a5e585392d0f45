//! The text of a share file: a comment line describing the set, the machine-readable mode
//! line, then each share's words under a comment saying which share it is. The whole text is
//! valid input to `seedshard combine`.

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{Backup, ShareMode};
use crate::describe::backup::{members_needed, ShareLabel};
use crate::slip39::scheme::ShareSet;

/// A line holding secret words: `prefix` then `words`, in memory zeroized on drop, allocated
/// once so that no copy is left behind by a reallocation.
fn secret_line(prefix: &str, words: &str) -> Zeroizing<String> {
    let mut line = Zeroizing::new(String::with_capacity(prefix.len() + words.len()));
    line.push_str(prefix);
    line.push_str(words);
    line
}

/// The lines of the share file of `set` (without line ends), with the mode line when the
/// mode is known. Secret: the lines hold every share's words.
pub fn share_file_lines(set: &ShareSet, mode: Option<ShareMode>) -> Vec<Zeroizing<String>> {
    let plain = |s: String| Zeroizing::new(s);
    let group_count = set.groups().len();
    let needed = if group_count == 1 {
        let g = &set.groups()[0];
        if g.len() == 1 {
            String::from("its one share is needed")
        } else {
            format!("{} of {} shares needed", g[0].member_threshold(), g.len())
        }
    } else {
        format!("{} of {} groups needed", set.group_threshold(), group_count)
    };
    let mut lines = alloc::vec![plain(format!(
        "# SLIP-39 share set {} (identifier {}): {needed} (extendable: {}; iteration exponent {})",
        set.identifier().short_name(),
        set.identifier(),
        if set.extendable() { "yes" } else { "no" },
        set.iteration_exponent()
    ))];
    if let Some(m) = mode {
        lines.push(plain(m.line()));
    }
    for (gi, group) in set.groups().iter().enumerate() {
        let t = group[0].member_threshold();
        lines.push(plain(String::from("#")));
        if group_count > 1 {
            lines.push(plain(format!(
                "# Group {} of {}: needs {}",
                gi + 1,
                group_count,
                members_needed(t, u16::try_from(group.len()).unwrap_or(u16::MAX))
            )));
        }
        for share in group {
            lines.push(plain(format!(
                "# {}",
                ShareLabel::new(share, group.len()).comment()
            )));
            lines.push(share.to_words());
        }
    }
    lines
}

impl Backup {
    /// The lines printed for a person (without line ends): a new BIP-39 phrase first when
    /// this backup made one, then the share file with its mode line, then the notes as
    /// comments. Secret: the lines hold the share words (and the new phrase).
    pub fn share_file_lines(&self) -> Vec<Zeroizing<String>> {
        let mut lines = Vec::new();
        if let Some(p) = self.new_phrase() {
            lines.push(Zeroizing::new(format!(
                "# New BIP-39 phrase ({} words). Anyone who reads it controls the wallet:",
                p.word_count()
            )));
            lines.push(secret_line("# BIP-39 phrase: ", &p.to_words()));
            lines.push(Zeroizing::new(String::from("#")));
        }
        lines.extend(share_file_lines(self.set(), Some(self.share_mode())));
        lines.push(Zeroizing::new(String::from("#")));
        lines.extend(
            self.notes()
                .into_iter()
                .map(|n| Zeroizing::new(format!("# {n}"))),
        );
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::{BackupRequest, SecretSource};
    use crate::{Passphrase, Share, SplitPlan};

    #[test]
    fn a_share_file_reads_back_as_its_shares_and_mode() {
        let backup = BackupRequest::new(
            SecretSource::NewBip39 { bits: 128 },
            SplitPlan::new(
                2,
                alloc::vec!["1of1".parse().unwrap(), "2of3".parse().unwrap()],
            )
            .unwrap(),
        )
        .run()
        .unwrap();
        let lines = backup.share_file_lines();
        assert!(lines[0].starts_with("# New BIP-39 phrase (12 words)"));
        assert!(lines
            .iter()
            .any(|l| l.as_str() == "# seedshard: mode=entropy"));
        assert!(lines
            .iter()
            .any(|l| l.as_str() == "# Group 2 of 2: needs 2 of its 3 shares"));
        assert!(lines
            .iter()
            .any(|l| l.contains("NOT for typing into a Trezor")));
        let text: String = lines.iter().map(|l| format!("{}\n", l.as_str())).collect();
        let mode: Vec<_> = super::super::mode_lines(&text).collect();
        assert_eq!(mode.len(), 1);
        let shares: Vec<Share> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| Share::parse(l).unwrap())
            .collect();
        assert_eq!(shares.len(), 4);
        let back = crate::combine(&shares[..3], &Passphrase::empty()).unwrap();
        let phrase = backup.new_phrase().unwrap();
        assert_eq!(
            crate::bip39::Bip39Phrase::from_master_secret(&back).unwrap(),
            *phrase
        );
    }
}
