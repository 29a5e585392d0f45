//! `seedshard combine`: recover the secret from shares.

use std::io::Write;
use std::path::PathBuf;

use seedshard::bip39::Bip39Phrase;
use seedshard::slip39::recovery::{Analysis, RecoveryError, TextError};
use seedshard::wallet::{readings, ReadingKind, RootXprv};
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
        network,
    )?;
    let mut inputs = Inputs::default();
    let Gathered {
        ems,
        shares_used,
        unconfirmed,
    } = gather(&mut inputs, &args.inputs, &args.scan, args.hide_words)?;
    // Worked-out words that nothing confirms: only a matching wallet can (checked below);
    // without --expect-* nothing will, so stop before asking for the passphrase.
    if let (Some(u), None) = (&unconfirmed, &expectation) {
        return Err(u.error());
    }
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
        Err(mut e) => {
            // Show which wallets the shares do open (public facts only), to help find the mistake.
            let _ = bridge::write_readings(&mut std::io::stderr().lock(), &all, false);
            if let Some(u) = &unconfirmed {
                e.hint = format!("{}; or {}", u.mismatch_hint(), e.hint);
            }
            return Err(e);
        }
    };
    if unconfirmed.is_some() && matched.is_some() {
        eprintln!(
            "note: the wallet matches the one expected: this confirms the words worked out from the checksum"
        );
    }
    // What is printed must belong to the reading that matched: a BIP-39 phrase cannot
    // express the SLIP-39 reading (it would open the other wallet).
    if let (SecretFormat::Bip39, Some(i)) = (args.to, matched) {
        if all[i].kind() == ReadingKind::Slip39 {
            let _ = writeln!(
                std::io::stderr().lock(),
                "{}",
                bridge::matched_line(&all, i)
            );
            return Err(CliError::check_failed(
                "the expected wallet is opened by reading 1 (the SLIP-39 master secret), which no BIP-39 phrase can express: as a phrase, this secret opens a different wallet",
                "use --to xprv for that wallet's root key (or --to hex for the master secret); a Trezor or other SLIP-39 wallet opens it from the shares themselves",
            ));
        }
    }
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
    hide_words: bool,
) -> CliResult<Gathered> {
    let mut pile = Pile::default();
    if paths_given.is_empty() && !scan.is_empty() {
        // Only photos of cards.
    } else if paths_given.is_empty() && crate::io::interactive() {
        // On a terminal without files: type the shares in, one at a time (each checked and
        // confirmed as it is typed).
        for (k, typed) in crate::cmd::entry::enter_shares(&mut crate::cmd::entry::Tty, hide_words)?
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
        // Every line under the one rule for files (as `check`, `extend`, `reissue` and
        // `inspect` read them): damaged words are worked out and shown by position; what is
        // worked out is used only when something confirms it (see below).
        pile.read_texts(&texts)?;
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
    let (ems, unconfirmed) = match pile.rec.recover_unconfirmed() {
        Ok(r) if analysis.recovers() => r,
        result => return Err(pile.cannot_recover(&analysis, result.err())),
    };
    pile.write_notes(&analysis);
    let shares_used = analysis
        .status
        .iter()
        .filter(|s| **s == ShareStatus::Fits)
        .count();
    let unconfirmed = (!unconfirmed.is_empty()).then(|| Unconfirmed {
        what: unconfirmed
            .iter()
            .map(|u| format!("{}: {u}", pile.labels[u.entry]))
            .collect::<Vec<_>>()
            .join("; "),
    });
    Ok(Gathered {
        ems,
        shares_used,
        unconfirmed,
    })
}

/// What `gather` recovered.
pub struct Gathered {
    /// The encrypted master secret.
    pub ems: EncryptedMasterSecret,
    /// Shares that fit and were used.
    pub shares_used: usize,
    /// Worked-out words that nothing confirms yet (a set without a digest): the secret may
    /// be another wallet's, so it may be shown only when the wallet matches
    /// `--expect-fingerprint` or `--expect-address`.
    pub unconfirmed: Option<Unconfirmed>,
}

/// Worked-out words that nothing confirms, ready to tell the person.
pub struct Unconfirmed {
    what: String,
}

impl Unconfirmed {
    /// The error when nothing will confirm them (no `--expect-*` given): exit 1, naming the
    /// positions and what would confirm them.
    pub fn error(&self) -> CliError {
        CliError::check_failed(
            format!(
                "{}; the secret is not shown, since if a worked-out word is wrong it opens a different wallet",
                self.what
            ),
            "confirm the words in one of these ways: give the wallet's fingerprint (--expect-fingerprint) or one of its addresses (--expect-address); or add another card of the set; or run `seedshard combine` at a terminal without files, type the share and confirm each worked-out word against the card",
        )
    }

    /// The hint added when `--expect-*` was given but no reading matched.
    pub fn mismatch_hint(&self) -> String {
        format!(
            "words were worked out from the checksum ({}): a wrong one gives a different wallet; compare them with the card, or find another card of the set",
            self.what
        )
    }
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

    /// Adds every share line of the files `texts` (name, text), all together under the one
    /// rule for files ([`Recovery::add_texts`]). A line that cannot be settled is an error
    /// naming it; candidate readings go to standard error as notes, with their words only
    /// on a terminal.
    fn read_texts(&mut self, texts: &[(String, Zeroizing<String>)]) -> CliResult {
        let found: Vec<(seedshard::slip39::text::ShareText, &String)> = texts
            .iter()
            .flat_map(|(name, text)| {
                seedshard::slip39::text::share_texts(text)
                    .into_iter()
                    .map(move |t| (t, name))
            })
            .collect();
        let mut lines: Vec<(&str, Origin)> = Vec::new();
        for (item, name) in &found {
            let content = item.words.as_str();
            let origin = Origin {
                source: (*name).clone(),
                line: item.line,
            };
            // The limits first, in input order: every share text counts, and a share read
            // whole counts its set, so a pile far larger than any set of cards is refused
            // before any work.
            let label = format!("share {} ({origin})", self.labels.len() + lines.len() + 1);
            self.limits.admit_text(content, &label)?;
            lines.push((content, origin));
        }
        let first = self.labels.len();
        let results = self
            .rec
            .add_texts(lines.iter().map(|(c, o)| (*c, o.to_string())));
        let total = self.rec.entries().len();
        self.labels.resize(total, String::new());
        self.repairs.resize(total, Vec::new());
        let show_words = crate::cmd::check::words_to_stderr();
        for (k, ((content, origin), result)) in lines.iter().zip(results).enumerate() {
            let label = format!("share {} ({origin})", first + k + 1);
            match result {
                Ok(added) => {
                    let share = self.rec.entries()[added.entry].share().clone();
                    // A share worked out from damaged words may be of one more set.
                    self.limits.set_of(&share, &label)?;
                    self.repairs[added.entry] = added
                        .note
                        .as_ref()
                        .map(|n| describe_note(content, &share, n, show_words))
                        .unwrap_or_default();
                    self.labels[added.entry] = label;
                }
                Err(e) => {
                    if let seedshard::bip39::MnemonicKind::Bip39 { .. }
                    | seedshard::bip39::MnemonicKind::Bip39OtherLanguage { .. } =
                        seedshard::bip39::classify(content)
                    {
                        // A BIP-39 phrase among the shares: say so, with the command for it.
                        return Err(crate::bridge::share_error(
                            first + k + 1,
                            origin,
                            content,
                            &ParseShareError::Empty,
                        ));
                    }
                    let lines = describe_text_error(content, &e, show_words);
                    let hint = match e {
                        TextError::LengthDiffers { .. }
                        | TextError::Parse(
                            ParseShareError::TooShort { .. }
                            | ParseShareError::InvalidLength { .. }
                            | ParseShareError::TooLong { .. },
                        ) => "a share has 20 words (128-bit secret), 33 (256-bit) or 59 (512-bit): check for a missing or extra word, or a share broken across two lines; `seedshard check` on the file shows every problem",
                        _ => "compare the words with the card, write ? for each word you cannot read, \
                              and run `seedshard check` on the file to see every problem",
                    };
                    return Err(CliError::input(
                        format!("{label}: {}", failed_share(&lines)),
                        hint,
                    ));
                }
            }
        }
        Ok(())
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
