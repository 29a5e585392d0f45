//! Reading a pile of shares for every command that reads shares leniently (`check`,
//! `combine`, `verify`, `inspect`, `reissue`, `extend`): files or standard input through the
//! library's one reader of share text ([`seedshard::slip39::recovery::sourced_texts`]) into
//! one [`Pile`], within the limits of [`crate::limits`]. What to say about it comes from
//! [`seedshard::describe::recovery`].

use std::io::IsTerminal;
use std::path::PathBuf;

use seedshard::describe::recovery as describe;
use seedshard::slip39::recovery::{sourced_texts, Added, Pile, TextError};
use seedshard::Share;
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use crate::io::{display_name, interactive, Inputs, ShareMode};
use crate::limits::ShareLimits;

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
    limits: ShareLimits,
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

    /// Adds share texts (text, source), all together. The limits first, in input order:
    /// every share text counts, and a share read whole counts its set, so a pile far larger
    /// than any set of cards is refused before any work; then a share worked out from
    /// damaged words counts its set.
    pub fn add_items(
        &mut self,
        items: &[(&str, String)],
    ) -> CliResult<Vec<Result<Added, TextError>>> {
        let first = self.pile.items().len();
        for (k, (content, source)) in items.iter().enumerate() {
            let label = format!("share {} ({source})", first + k + 1);
            self.limits.admit_text(content, &label)?;
        }
        let results = self
            .pile
            .add_texts(items.iter().map(|(t, s)| (*t, s.as_str())));
        for (k, result) in results.iter().enumerate() {
            if let Ok(added) = result {
                let share = self.pile.recovery().entries()[added.entry].share().clone();
                let label = format!("share {} ({})", first + k + 1, items[k].1);
                self.limits.set_of(&share, &label)?;
            }
        }
        Ok(results)
    }

    /// Adds a share read whole (typed and confirmed, or scanned from a card).
    pub fn add_share(&mut self, share: Share, source: String) -> CliResult<Added> {
        let label = format!("share {} ({source})", self.pile.items().len() + 1);
        self.limits.admit(&share, &label)?;
        Ok(self.pile.add_share(share, source))
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
