//! `seedshard cards` and `split --cards`: drawing share cards into files.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use seedshard::bip39::Bip39Mode;
use seedshard::card::{CardFormat, CardOptions, Paper};
use seedshard::qr::PayloadFormat;
use seedshard::report::backup::CardsReport;
use seedshard::wallet::WalletFacts;
use seedshard::Share;

use crate::cli::{CardArgs, CardFormatArg, CardsArgs, PaperArg, QrArg};
use crate::error::{CliError, CliResult};
use crate::io::{display_name, io_reason, Inputs, ShareMode};

/// Runs `cards`: draws the cards of the shares in the input files.
pub fn run(args: &CardsArgs) -> CliResult {
    let paths: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let plan = CardPlan::new(&args.card, &args.dir)?;
    let texts = crate::pile::read_texts(&mut Inputs::default(), &paths)?;
    let shares = crate::io::whole_shares(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    if shares.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "give the file split wrote, with one share a line",
        ));
    }
    let file_mode = crate::io::share_mode(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    let mode = resolve_mode(
        args.bip39_mode.map(crate::io::mode_of_arg),
        file_mode,
        "cards",
    )?;
    // From a file the cards may be only some of the set's: the sheet says how many are drawn.
    let report = plan
        .partial()
        .write(shares, mode.bip39_mode(), None, None)?;
    if args.json {
        let stdout = std::io::stdout();
        return crate::output::write_json(&mut stdout.lock(), &report);
    }
    Ok(())
}

/// The mode of an existing set's shares: `--bip39-mode` if given, else the share file's
/// mode line. Without either, the command cannot know which wallet the shares open (the
/// same shares are a Trezor wallet, or the entropy or seed of a BIP-39 phrase), so it asks
/// for the flag rather than name a wallet that may be another.
pub fn resolve_mode(
    flag: Option<ShareMode>,
    file: Option<ShareMode>,
    command: &str,
) -> CliResult<ShareMode> {
    ShareMode::resolve(flag, file).map_err(|e| {
        let (what, hint) = seedshard::describe::options::mode_conflict(&e, command);
        CliError::input(what, hint)
    })
}

/// The checked card plan and output directory, built before any work.
pub struct CardPlan {
    dir: PathBuf,
    force: bool,
    plan: seedshard::card::CardPlan,
}

impl CardPlan {
    /// The card plan of a command with `--cards DIR` (none without it); `--holder` and
    /// `--date` without `--cards` are an error, since they would be silently unused.
    pub fn from_options(dir: Option<&Path>, args: &CardArgs) -> CliResult<Option<Self>> {
        match dir {
            Some(dir) => Self::new(args, dir).map(Some),
            None if !args.holders.is_empty() || args.date.is_some() => Err(CliError::input(
                "--holder and --date go on share cards, but no --cards DIR was given",
                "add --cards DIR to write the cards, or leave out --holder and --date",
            )),
            None => Ok(None),
        }
    }

    /// Checks the options and the directory (it must exist, or its parent must, and be a
    /// directory).
    pub fn new(args: &CardArgs, dir: &Path) -> CliResult<Self> {
        let name = display_name(dir);
        match fs::metadata(dir) {
            Ok(m) if !m.is_dir() => {
                return Err(CliError::input(
                    format!("{name} is not a directory"),
                    "give --cards the name of a directory for the card files",
                ))
            }
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(CliError::input(
                    format!("cannot use {name}: {}", io_reason(&e)),
                    "check the directory and its permissions",
                ))
            }
        }
        let options = CardOptions::default()
            .with_paper(match args.paper {
                PaperArg::A4 => Paper::A4,
                PaperArg::Letter => Paper::Letter,
            })
            .with_payload(match args.qr {
                QrArg::Shareqr => PayloadFormat::ShareQr,
                QrArg::Text => PayloadFormat::Text,
            })
            .with_date(args.date.clone().unwrap_or_else(seedshard::card::today));
        let options = match &args.card_note {
            Some(note) => options.with_card_note(note.clone()),
            None => options,
        };
        let format = match args.card_format {
            CardFormatArg::Pdf => CardFormat::Pdf,
            CardFormatArg::Svg => CardFormat::Svg,
            CardFormatArg::Png => CardFormat::Png,
        };
        Ok(CardPlan {
            dir: dir.to_path_buf(),
            force: args.force,
            plan: seedshard::card::CardPlan::new(format, options, args.holders.clone())
                .with_zpub_shown(args.show_xpub)
                .with_tool_note(args.sheet_note.clone())
                .with_page_sha256(crate::cmd::page::sha256_hex()),
        })
    }

    /// Says that the cards drawn may be only some of the set's (the sheet says how many).
    pub fn partial(mut self) -> Self {
        self.plan = self.plan.with_partial(true);
        self
    }

    /// Adds lines on what the plan survives to the owner sheet.
    pub fn with_plan_summary(mut self, lines: Vec<String>) -> Self {
        self.plan = self.plan.with_plan_summary(lines);
        self
    }

    /// Draws the cards and the owner sheet and writes them, all or nothing, and returns what
    /// was drawn (as `cards --json` prints it).
    /// `passphrase_set` says whether a SLIP-39 passphrase was set, when known.
    pub fn write(
        &self,
        shares: Vec<Share>,
        bridge: Option<Bip39Mode>,
        wallet: Option<WalletFacts>,
        passphrase_set: Option<bool>,
    ) -> CliResult<CardsReport> {
        let files = self
            .plan
            .draw(shares, bridge, wallet, passphrase_set)
            .map_err(|e| {
                CliError::input(
                    format!("cannot draw the cards: {e}"),
                    seedshard::describe::input::card_error_hint(&e),
                )
            })?;
        crate::files::write_all_or_none(&self.dir, self.force, files.files())?;
        let mut err = std::io::stderr().lock();
        for note in files.notes(&display_name(&self.dir)) {
            let _ = writeln!(err, "note: {note}");
        }
        let names = files.files().iter().map(|(n, _)| n.clone()).collect();
        Ok(CardsReport::new(files.drawn().clone(), names))
    }
}
