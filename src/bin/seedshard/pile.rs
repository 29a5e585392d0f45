//! Reading a pile of shares for every command that reads shares leniently (`check`,
//! `combine`, `verify`, `inspect`, `reissue`, `extend`): files or standard input through the
//! library's one reader of share text ([`seedshard::slip39::recovery::sourced_texts`]) into
//! one [`Pile`], within the limits of [`seedshard::slip39::recovery::limits`]. What to say about it comes from
//! [`seedshard::describe::recovery`].

use std::io::IsTerminal;
use std::path::PathBuf;

use std::io::Write;

use seedshard::describe::{input, recovery as describe};
use seedshard::slip39::recovery::{sourced_texts, Added, Pile, PileItem, TextError};
use seedshard::{EncryptedMasterSecret, Share};
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use crate::io::{display_name, interactive, Inputs, ShareMode};
use seedshard::slip39::recovery::ShareLimits;

/// True when worked-out share words may be written to standard output (a terminal), as
/// opposed to positions only (a pipe or file, which may be logged).
pub fn words_to_stdout() -> bool {
    std::io::stdout().is_terminal()
}

/// True when worked-out share words may be written to standard error (a terminal).
pub fn words_to_stderr() -> bool {
    std::io::stderr().is_terminal()
}

/// Shares read leniently into one pile, with the mode of the files read.
#[derive(Default)]
pub struct Gathered {
    /// Everything read, in input order.
    pub pile: Pile,
    /// The mode recorded in the files' `# seedshard: mode=` lines, if any.
    pub mode: Option<ShareMode>,
    /// What was read, counted against the limits of every command that reads shares.
    limits: ShareLimits<String>,
}

impl Gathered {
    /// Reads every share text of `paths` (stdin when empty and not a terminal), all together
    /// under the one rule for files, and the files' mode line.
    pub fn read_files(inputs: &mut Inputs, paths: &[PathBuf], command: &str) -> CliResult<Self> {
        let paths: Vec<PathBuf> = if paths.is_empty() {
            if interactive() {
                return Err(CliError::input(
                    "no share files were given",
                    format!(
                        "name files with one share a line, or pipe them in: seedshard {command} - < shares.txt"
                    ),
                ));
            }
            vec![PathBuf::from("-")]
        } else {
            paths.to_vec()
        };
        let texts = read_texts(inputs, &paths)?;
        let mut g = Self {
            mode: crate::io::share_mode(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?,
            ..Self::default()
        };
        g.add_texts(&texts)?;
        Ok(g)
    }

    /// Adds every share text of the named `texts` (see [`Gathered::add_items`]).
    pub fn add_texts(
        &mut self,
        texts: &[(String, Zeroizing<String>)],
    ) -> CliResult<Vec<Result<Added, TextError>>> {
        let found = sourced_texts(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        let items: Vec<(&str, String)> = found
            .iter()
            .map(|f| (f.text.words.as_str(), f.source.clone()))
            .collect();
        self.add_items(&items)
    }

    /// Adds share texts (text, source), all together, within the limits of every front end
    /// ([`Pile::add_texts_within`]).
    pub fn add_items(
        &mut self,
        items: &[(&str, String)],
    ) -> CliResult<Vec<Result<Added, TextError>>> {
        let first = self.pile.items().len();
        let label = |k: usize| format!("share {} ({})", first + k + 1, items[k].1);
        let texts: Vec<(&str, &str)> = items.iter().map(|(t, s)| (*t, s.as_str())).collect();
        Ok(self
            .pile
            .add_texts_within(&mut self.limits, &texts, label)?)
    }

    /// Adds a share read whole (typed and confirmed, or scanned from a card).
    pub fn add_share(&mut self, share: Share, source: String) -> CliResult<Added> {
        let label = format!("share {} ({source})", self.pile.items().len() + 1);
        Ok(self
            .pile
            .add_share_within(&mut self.limits, share, source, &label)?)
    }

    /// The first item that is not a share: its source and what is wrong, one line each (the
    /// first fit for an error message; the others candidate readings).
    pub fn first_failure(&self, show_words: bool) -> Option<(String, Vec<String>)> {
        self.pile.items().iter().find_map(|item| {
            let e = item.read().err()?;
            Some((
                item.source().to_string(),
                describe::text_error_lines(item.typed().unwrap_or_default(), e, show_words),
            ))
        })
    }

    /// Every repair note, "SOURCE: line", for the commands that show them before their work.
    pub fn repair_notes(&self, show_words: bool) -> Vec<String> {
        let entries = self.pile.recovery().entries();
        (0..entries.len())
            .flat_map(|entry| {
                describe::entry_repairs(&self.pile, entry, show_words)
                    .into_iter()
                    .map(move |n| format!("{}: {n}", entries[entry].source()))
            })
            .collect()
    }
}

/// Reads each path as text, with its display name.
pub fn read_texts(
    inputs: &mut Inputs,
    paths: &[PathBuf],
) -> CliResult<Vec<(String, Zeroizing<String>)>> {
    let mut texts = Vec::with_capacity(paths.len());
    for path in paths {
        texts.push((display_name(path), inputs.read_text(path)?));
    }
    Ok(texts)
}

/// The error text for a share that could not be read: the first of `lines` (positions
/// only); candidate readings, which show words, go to standard error as notes for the person
/// to compare with the card.
pub fn failed_share(lines: &[String]) -> String {
    for l in &lines[1..] {
        eprintln!("note: {l}");
    }
    lines[0].clone()
}

/// Reads every share given (files or standard input, typed on a terminal when there are
/// none, and scanned cards) into one pile, reports what was set aside or worked out, and
/// recovers the encrypted master secret. Returns it with the number of shares used. Used by
/// `combine` and `verify`.
pub fn gather_to_combine(
    inputs: &mut Inputs,
    paths_given: &[PathBuf],
    scan: &[PathBuf],
    hide_words: bool,
) -> CliResult<Recovered> {
    let mut g = Gathered::default();
    let show_words = words_to_stderr();
    let mut typed = false;
    if paths_given.is_empty() && !scan.is_empty() {
        // Only photos of cards.
    } else if paths_given.is_empty() && crate::io::interactive() {
        // On a terminal without files: type the shares in, one at a time (each checked and
        // confirmed as it is typed).
        typed = true;
        for (k, share) in crate::cmd::entry::enter_shares(hide_words)?
            .into_iter()
            .enumerate()
        {
            g.add_share(share, format!("typed share {}", k + 1))?;
        }
    } else {
        let paths: Vec<PathBuf> = if paths_given.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            paths_given.to_vec()
        };
        // Every line under the one rule for files (as `check`, `extend`, `reissue` and
        // `inspect` read them): damaged words are worked out and shown by position; what is
        // worked out is used only when something confirms it (see below).
        let texts = read_texts(inputs, &paths)?;
        g.add_texts(&texts)?;
        if let Some((n, item)) = g
            .pile
            .items()
            .iter()
            .enumerate()
            .find(|(_, i)| i.read().is_err())
        {
            return Err(text_error(n + 1, item));
        }
    }
    for (share, source) in crate::scan::scan_shares(scan)? {
        g.add_share(share, source)?;
    }
    // At a terminal, shares read from files or photos that are not enough are kept, and the
    // missing ones are typed in.
    if !typed && crate::io::interactive() && !g.pile.is_empty() && wants_more(&g.pile) {
        typed = true;
        let more = crate::cmd::entry::more_shares(hide_words, g.pile.recovery().clone())?;
        for (k, share) in more.into_iter().enumerate() {
            g.add_share(share, format!("typed share {}", k + 1))?;
        }
    }
    let pile = &g.pile;
    if pile.is_empty() {
        return Err(CliError::input(input::NO_SHARES.0, input::NO_SHARES.1));
    }
    // Check the shares before asking for the passphrase: a person should not type it for a
    // set that cannot recover.
    let analysis = pile.analyze();
    let ems = match pile.recovery().recover_unconfirmed() {
        Ok((ems, _)) if analysis.recovers() => ems,
        result => {
            let (what, hint) = describe::cannot_recover(pile, &analysis, result.err().as_ref());
            return Err(CliError::input(what, hint));
        }
    };
    let mut err = std::io::stderr().lock();
    for line in describe::recovery_notes(pile, &analysis, show_words) {
        let _ = writeln!(err, "note: {line}");
    }
    let unconfirmed = (!analysis.unconfirmed.is_empty()).then(|| Unconfirmed {
        what: describe::unconfirmed(pile, &analysis),
    });
    Ok(Recovered {
        ems,
        shares_used: Pile::shares_used(&analysis),
        unconfirmed,
        typed,
    })
}

/// True when more shares could make `pile` recover (too few, or a group that one more
/// share would settle).
fn wants_more(pile: &Pile) -> bool {
    use seedshard::slip39::recovery::RecoveryError;
    !pile.analyze().recovers()
        && matches!(
            pile.recovery().recover_unconfirmed(),
            Err(RecoveryError::NotEnoughShares(_) | RecoveryError::GroupUnresolved { .. })
        )
}

/// The error for share text that is not a share (`number`: its place in the input).
fn text_error(number: usize, item: &PileItem) -> CliError {
    let content = item.typed().unwrap_or_default();
    let e = item.read().expect_err("a failed item");
    let label = format!("share {number} ({})", item.source());
    // A BIP-39 phrase among the shares: say so, with the command for it.
    if let Some((what, hint)) = input::bip39_given_as_share(&label, content) {
        return CliError::input(what, hint);
    }
    let lines = describe::text_error_lines(content, e, words_to_stderr());
    CliError::input(
        format!("{label}: {}", failed_share(&lines)),
        input::share_text_hint(e),
    )
}

/// What [`gather_to_combine`] recovered.
pub struct Recovered {
    /// The encrypted master secret.
    pub ems: EncryptedMasterSecret,
    /// Shares that fit and were used.
    pub shares_used: usize,
    /// Worked-out words that nothing confirms yet (a set without a digest): the secret may
    /// be another wallet's, so it may be shown only when the wallet matches
    /// `--expect-fingerprint` or `--expect-address`.
    pub unconfirmed: Option<Unconfirmed>,
    /// True when share words were typed at the terminal.
    pub typed: bool,
}

/// Worked-out words that nothing confirms, ready to tell the person.
pub struct Unconfirmed {
    what: String,
}

impl Unconfirmed {
    /// The error when nothing will confirm them (no `--expect-*` given): exit 1, naming the
    /// positions and what would confirm them.
    pub fn error(&self) -> CliError {
        let (what, hint) = describe::unconfirmed_secret_withheld(&self.what);
        CliError::check_failed(what, hint)
    }

    /// The hint added when `--expect-*` was given but no reading matched.
    pub fn mismatch_hint(&self) -> String {
        describe::unconfirmed_mismatch_hint(&self.what)
    }
}
