//! `seedshard combine`: recover the secret from shares.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use seedshard::bip39::Bip39Phrase;
use seedshard::slip39::recovery::{Analysis, RecoveryError, RepairNote};
use seedshard::wallet::{readings, RootXprv};
use seedshard::{
    EncryptedMasterSecret, MasterSecret, ParseShareError, Recovery, Share, ShareStatus,
};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::bridge::{self, ReadingJson, WalletJson};
use crate::cli::{CombineArgs, SecretFormat};
use crate::cmd::check::{describe_note, describe_text_error, failed_share};
use crate::error::{CliError, CliResult};
use crate::io::{Inputs, Origin};
use crate::limits::ShareLimits;
use crate::output;

#[derive(Serialize)]
struct CombineJson {
    master_secret_hex: Zeroizing<String>,
    identifier: u16,
    extendable: bool,
    iteration_exponent: u8,
    shares_used: usize,
    /// Both readings of the secret, each with its wallet's fingerprint and first address.
    readings: Vec<ReadingJson<WalletJson>>,
    /// The reading that matched `--expect-*`, if given.
    #[serde(skip_serializing_if = "Option::is_none")]
    matched_reading: Option<&'static str>,
    /// The BIP-32 root key, with `--to xprv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    xprv: Option<Zeroizing<String>>,
    /// The BIP-39 phrase, with `--to bip39`.
    #[serde(skip_serializing_if = "Option::is_none")]
    bip39_phrase: Option<Zeroizing<String>>,
}

/// Runs `combine`.
pub fn run(args: &CombineArgs) -> CliResult {
    let network = bridge::network(args.network);
    let expectation = bridge::expectation(
        args.expect_fingerprint.as_deref(),
        args.expect_address.as_deref(),
    )?;
    let mut inputs = Inputs::default();
    let (ems, shares_used) = gather(&mut inputs, &args.inputs, &args.scan)?;
    // The length alone tells whether the secret can be a BIP-39 phrase: say so before asking
    // for a passphrase.
    if args.to == SecretFormat::Bip39 && !matches!(ems.len(), 16 | 20 | 24 | 28 | 32) {
        return Err(not_bip39_entropy(ems.len()));
    }
    let passphrase = inputs.slip39_passphrase(
        args.passphrase_file.as_deref(),
        crate::io::PassphrasePurpose::Recovery,
    )?;
    let secret = decrypt(&ems, &passphrase);
    let bip39_pass = bridge::read_bip39_passphrase(
        &mut inputs,
        args.bip39_passphrase_file.as_deref(),
        false,
        false,
    )?;
    let all = readings(&secret, &bip39_pass, network);
    let matched = match bridge::check_expectation(&all, expectation.as_ref()) {
        Ok(m) => m,
        Err(e) => {
            // Show which wallets the shares do open (public facts only), to help find the mistake.
            let _ = bridge::write_readings(&mut std::io::stderr().lock(), &all, false);
            return Err(e);
        }
    };
    let phrase = match args.to {
        SecretFormat::Bip39 => Some(
            Bip39Phrase::from_master_secret(&secret)
                .map_err(|_| not_bip39_entropy(secret.len()))?,
        ),
        _ => None,
    };
    // The root key of the matching reading, else of the SLIP-39 reading (the master secret as
    // BIP-32 seed, as SLIP-39 wallets use it).
    let xprv = match args.to {
        SecretFormat::Xprv => Some(match matched.map(|i| &all[i]).and_then(|r| r.phrase()) {
            Some(p) => RootXprv::from_seed(p.to_seed(&bip39_pass).expose_secret(), network)
                .expect("a BIP-39 seed is a valid BIP-32 seed"),
            None => RootXprv::from_master_secret(&secret, network),
        }),
        _ => None,
    };
    if !args.json {
        let mut err = std::io::stderr().lock();
        let _ = bridge::write_readings(&mut err, &all, false);
        if let Some(i) = matched {
            let _ = writeln!(err, "{}", bridge::matched_line(&all, i));
        }
        if xprv.is_some() && matched.is_none() && all.len() > 1 {
            let _ = writeln!(
                err,
                "The xprv printed is reading 1's; if these shares were made from a BIP-39 phrase in entropy mode, use --to bip39 (or --expect-fingerprint to pick reading 2)."
            );
        }
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let hex = output::hex(secret.expose_secret());
    if args.json {
        return output::write_json(
            &mut out,
            &CombineJson {
                master_secret_hex: hex,
                identifier: ems.identifier().get(),
                extendable: ems.extendable(),
                iteration_exponent: ems.iteration_exponent().get(),
                shares_used,
                readings: bridge::readings_json(&all, WalletJson::new),
                matched_reading: matched.map(|i| all[i].kind().as_str()),
                xprv: xprv.map(|x| Zeroizing::new(x.expose_secret().to_string())),
                bip39_phrase: phrase.map(|p| p.to_words()),
            },
        );
    }
    match args.to {
        SecretFormat::Hex => writeln!(out, "{}", hex.as_str()),
        SecretFormat::Xprv => writeln!(out, "{}", xprv.as_ref().map_or("", |x| x.expose_secret())),
        SecretFormat::Bip39 => writeln!(
            out,
            "{}",
            phrase
                .as_ref()
                .map(|p| p.to_words())
                .unwrap_or_default()
                .as_str()
        ),
    }
    .and_then(|()| out.flush())
    .map_err(crate::write_error)
}

/// Reads every share given (files or standard input, typed on a terminal when there are
/// none, and scanned cards), sorts them with the recovery accumulator, reports what was set
/// aside or worked out, and recovers the encrypted master secret. Returns it with the
/// number of shares used. Used by `combine` and `verify`.
pub fn gather(
    inputs: &mut Inputs,
    paths_given: &[PathBuf],
    scan: &[PathBuf],
) -> CliResult<(EncryptedMasterSecret, usize)> {
    let mut pile = Pile::default();
    if paths_given.is_empty() && !scan.is_empty() {
        // Only photos of cards.
    } else if paths_given.is_empty() && crate::io::interactive() {
        // On a terminal without files: type the shares in, one at a time (each checked and
        // confirmed as it is typed).
        for (k, typed) in crate::cmd::entry::enter_shares(&mut crate::cmd::entry::Tty)?
            .into_iter()
            .enumerate()
        {
            pile.add(typed.share, format!("typed share {}", k + 1))?;
        }
    } else {
        let paths: Vec<PathBuf> = if paths_given.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            paths_given.to_vec()
        };
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            texts.push((crate::io::display_name(path), inputs.read_text(path)?));
        }
        // Words marked unreadable: work them out and show them (see `check`). Without `?`
        // marks, a share whose checksum fails is refused, naming the word to compare.
        let repair = texts
            .iter()
            .any(|(_, t)| crate::cmd::check::has_unreadable_marks(t));
        for (name, text) in &texts {
            pile.read_lines(name, text, repair)?;
        }
    }
    for scanned in crate::cmd::cards::scan_shares(scan)? {
        pile.add(scanned.share, scanned.origin.source)?;
    }
    if pile.labels.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "put one share a line; lines starting with # are comments",
        ));
    }
    // Check the shares before asking for the passphrase: a person should not type it for a
    // set that cannot recover.
    let analysis = pile.rec.analyze();
    let ems = match pile.rec.recover() {
        Ok(ems) if analysis.recovers() => ems,
        result => return Err(pile.cannot_recover(&analysis, result.err())),
    };
    pile.write_notes(&analysis);
    let shares_used = analysis
        .status
        .iter()
        .filter(|s| **s == ShareStatus::Fits)
        .count();
    Ok((ems, shares_used))
}

/// Decrypts the master secret, first saying so when the iteration exponent makes it slow.
pub fn decrypt(ems: &EncryptedMasterSecret, passphrase: &seedshard::Passphrase) -> MasterSecret {
    let e = ems.iteration_exponent().get();
    if e >= SLOW_EXPONENT {
        // 10000 x 2^e iterations (SLIP-0039, "Encryption of the master secret": 4 rounds of
        // 2500 x 2^e): a valid set with a high exponent must not look like a hang.
        eprintln!(
            "note: decrypting takes a while: iteration exponent {e} means {} PBKDF2 iterations (10000 x 2^{e})",
            10_000u64 << e
        );
    }
    ems.decrypt(passphrase)
}

/// The error for `--to bip39` with a secret whose length is not BIP-39 entropy.
fn not_bip39_entropy(len: usize) -> CliError {
    CliError::input(
        format!(
            "the recovered secret is {} bits long, which is not BIP-39 entropy (128 to 256 bits in steps of 32)",
            len * 8
        ),
        "shares made in seed mode (59 words) hold the BIP-39 seed, not the phrase: use --to xprv for the wallet's root key",
    )
}

/// Iteration exponents from which decrypting takes long enough to say so first.
const SLOW_EXPONENT: u8 = 5;

/// Every share given to `combine` (lines of files, typed shares, scanned cards), in one
/// accumulator, with what to tell the person about each.
#[derive(Default)]
struct Pile {
    rec: Recovery,
    /// Per entry: "share N (where it came from)".
    labels: Vec<String>,
    /// Per entry: the words worked out, one line each, to compare with the card.
    repairs: Vec<Vec<String>>,
    /// The shares and sets counted against the limits of every command that reads shares.
    limits: ShareLimits,
}

impl Pile {
    fn next_label(&self, source: &str) -> String {
        format!("share {} ({source})", self.labels.len() + 1)
    }

    /// Refuses piles far larger than any set of cards, before the share is added.
    fn admit(&mut self, share: &Share, label: &str) -> CliResult {
        self.limits.admit(share, label)
    }

    /// Adds a share read whole (typed and confirmed, or scanned from a card).
    fn add(&mut self, share: Share, source: String) -> CliResult {
        let label = self.next_label(&source);
        self.admit(&share, &label)?;
        self.rec.add(share, source);
        self.labels.push(label);
        self.repairs.push(Vec::new());
        Ok(())
    }

    /// Adds every share line of `text`. With `repair`, words marked `?` (and words the
    /// checksum can settle) are worked out and kept as notes; without, a share that does not
    /// parse is refused, naming the word to compare with the card.
    fn read_lines(&mut self, name: &str, text: &str, repair: bool) -> CliResult {
        for (i, line) in text.lines().enumerate() {
            let content = line.split('#').next().unwrap_or("");
            if content.trim().is_empty() {
                continue;
            }
            let origin = Origin {
                source: name.to_string(),
                line: i + 1,
            };
            if !repair {
                let share =
                    Share::parse(content).map_err(|e| self.unreadable(&origin, content, &e))?;
                self.add(share, origin.to_string())?;
                continue;
            }
            let label = self.next_label(&origin.to_string());
            match self.rec.settle_text(content) {
                Ok(settled) => {
                    self.admit(&settled.share, &label)?;
                    let lines = settled
                        .note
                        .as_ref()
                        .map(|n| describe_note(content, &settled.share, n))
                        .unwrap_or_default();
                    self.rec.add_settled(settled, origin.to_string());
                    self.labels.push(label);
                    self.repairs.push(lines);
                }
                Err(e) => {
                    let lines = describe_text_error(content, &e);
                    return Err(CliError::input(
                        format!("{label}: {}", failed_share(&lines)),
                        "compare the words with the card, write ? for each word you cannot read, \
                         and run `seedshard check` on the file to see every problem",
                    ));
                }
            }
        }
        Ok(())
    }

    /// The error for a share line that does not parse. A failed checksum is located with
    /// the accumulator: the word it points at is named, and the word the checksum gives is
    /// shown as a note on a terminal only (it is usually the card's word, so it is not
    /// written where output may be logged, as with the closest words of a misspelt word).
    fn unreadable(&self, origin: &Origin, content: &str, e: &ParseShareError) -> CliError {
        let number = self.labels.len() + 1;
        if matches!(e, ParseShareError::Checksum) {
            if let Ok(settled) = self.rec.settle_text(content) {
                if let Some((what, position)) = settled.note.as_ref().and_then(locate) {
                    let label = format!("share {number} ({origin})");
                    if std::io::stderr().is_terminal() {
                        let note = settled.note.as_ref().expect("located from the note");
                        for l in describe_note(content, &settled.share, note) {
                            eprintln!("note: {label}: {l}");
                        }
                    }
                    return CliError::input(
                        format!("{label}: the share's checksum does not match; {what}"),
                        format!(
                            "compare word {position} with the card and correct it, or write ? in its place to have it worked out; `seedshard check` on the file shows every problem"
                        ),
                    );
                }
            }
        }
        crate::bridge::share_error(number, origin, content, e)
    }

    /// The error when the set does not recover: what is missing or wrong, and where.
    fn cannot_recover(&self, a: &Analysis, e: Option<RecoveryError>) -> CliError {
        let set = a
            .progress
            .as_ref()
            .map(|p| p.identifier.short_name())
            .unwrap_or_default();
        let mut what = e.as_ref().map_or_else(
            || "the shares do not recover".to_string(),
            |e| e.to_string(),
        );
        let with_status = |f: &dyn Fn(ShareStatus, &Share) -> bool| -> Vec<&str> {
            a.status
                .iter()
                .zip(self.rec.entries())
                .zip(&self.labels)
                .filter(|((s, en), _)| f(**s, en.share()))
                .map(|(_, l)| l.as_str())
                .collect()
        };
        let hint = match &e {
            Some(RecoveryError::GroupUnresolved { group_index }) => {
                let g = *group_index;
                let named = with_status(&|s, sh| {
                    s == ShareStatus::Unresolved && sh.group_index() == g
                });
                if !named.is_empty() {
                    what.push_str(&format!(" ({})", named.join(", ")));
                }
                format!(
                    "give one more share of group {} to tell which is wrong, or compare each with its card; `seedshard check` lists every share",
                    u16::from(g) + 1
                )
            }
            Some(RecoveryError::NotEnoughShares(_)) => format!(
                "add shares from more cards of set {set}; each group needs its threshold of shares (`seedshard check` lists every share)"
            ),
            _ => "compare each share with its card and set aside shares from other sets; `seedshard check` lists every share".to_string(),
        };
        let odd =
            with_status(&|s, _| matches!(s, ShareStatus::Disagrees | ShareStatus::GroupDisagrees));
        if let Some(first) = odd.first() {
            what.push_str(&format!(
                "; {first} does not fit the other shares of its group{}",
                more(odd.len() - 1)
            ));
        }
        if let Some((first, second)) = self.conflict(a) {
            what.push_str(&format!(
                "; {} and {} are the same member of the same group but differ: one of them was copied wrongly",
                self.labels[first], self.labels[second]
            ));
        }
        let aside: usize = a.other_sets.iter().map(|o| o.entries.len()).sum();
        if let Some(o) = a.other_sets.first() {
            let i = o.entries[0];
            what.push_str(&format!(
                "; {} {}{}",
                self.labels[i],
                self.other_set(a, i, &o.name),
                more(aside - 1)
            ));
        }
        CliError::input(what, hint)
    }

    /// The first two entries of the set with the same group and member but different
    /// values, if any: they count as one share until one of them is shown not to fit.
    fn conflict(&self, a: &Analysis) -> Option<(usize, usize)> {
        let entries = self.rec.entries();
        let of_set: Vec<usize> = (0..entries.len())
            .filter(|&i| {
                !matches!(
                    a.status[i],
                    ShareStatus::OtherSet | ShareStatus::Duplicate { .. }
                )
            })
            .collect();
        for (k, &j) in of_set.iter().enumerate() {
            let sj = entries[j].share();
            for &i in &of_set[..k] {
                let si = entries[i].share();
                if si.group_index() == sj.group_index() && si.member_index() == sj.member_index() {
                    return Some((i, j));
                }
            }
        }
        None
    }

    /// "belongs to another set (NAME) and was set aside", or for a share with the set's
    /// identifier but other parameters, which parameter differs.
    fn other_set(&self, a: &Analysis, i: usize, name: &str) -> String {
        let entries = self.rec.entries();
        let main = a
            .status
            .iter()
            .position(|s| !matches!(s, ShareStatus::OtherSet | ShareStatus::Duplicate { .. }))
            .map(|m| entries[m].share());
        let share = entries[i].share();
        let Some(main) = main.filter(|m| m.identifier() == share.identifier()) else {
            return format!("belongs to another set ({name}) and was set aside");
        };
        let field = if main.iteration_exponent() != share.iteration_exponent() {
            "iteration exponent"
        } else if main.extendable() != share.extendable() {
            "extendable flag"
        } else if main.group_threshold() != share.group_threshold() {
            "group threshold"
        } else if main.group_count() != share.group_count() {
            "group count"
        } else {
            "number of words"
        };
        format!("has the set's identifier but a different {field} than the others (damaged or tampered) and was set aside")
    }

    /// Writes on standard error what the person should know about the shares of a set that
    /// recovers: words worked out, duplicates, shares set aside or left out.
    fn write_notes(&self, a: &Analysis) {
        let mut err = std::io::stderr().lock();
        for (i, label) in self.labels.iter().enumerate() {
            for l in &self.repairs[i] {
                let _ = writeln!(err, "note: {label}: {l}");
            }
            let line = match a.status[i] {
                ShareStatus::Duplicate { .. } => format!("{label} was given before; ignored"),
                ShareStatus::OtherSet => {
                    let name = a
                        .other_sets
                        .iter()
                        .find(|o| o.entries.contains(&i))
                        .map_or_else(String::new, |o| o.name.clone());
                    format!("{label} {}", self.other_set(a, i, &name))
                }
                ShareStatus::Disagrees => format!(
                    "{label} does not fit the other shares of its group; it is left out: compare it with its card"
                ),
                ShareStatus::GroupDisagrees => format!(
                    "{label}: its group does not fit the other groups; it is left out"
                ),
                ShareStatus::Unresolved => format!(
                    "{label}: the shares of its group do not fit together; the group is left out"
                ),
                _ => continue,
            };
            let _ = writeln!(err, "note: {line}");
        }
        if let (false, Some(p)) = (a.other_sets.is_empty(), &a.progress) {
            let _ = writeln!(
                err,
                "note: recovering set {} (it has the most shares)",
                p.identifier.short_name()
            );
        }
    }
}

/// " (and N more)" for N > 0.
fn more(n: usize) -> String {
    if n == 0 {
        String::new()
    } else {
        format!(" (and {n} more)")
    }
}

/// Where the checksum puts a single mistake: what to say, and the word position.
fn locate(note: &RepairNote) -> Option<(String, usize)> {
    if !note.from_other_shares.is_empty() {
        return None;
    }
    match (note.missing_word, note.extra_word, note.fixes.as_slice()) {
        (Some(p), None, [_]) => Some((format!("a word is missing before word {p}"), p)),
        (None, Some(p), []) => Some((format!("word {p} is one word too many"), p)),
        (None, None, [fix]) if !fix.was_unreadable => Some((
            format!(
                "the checksum points at word {} as the wrong one",
                fix.position
            ),
            fix.position,
        )),
        _ => None,
    }
}
