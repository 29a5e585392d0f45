//! `seedshard cards`, `split --cards` and the scanning of images (`combine --scan`,
//! `split --scan`): drawing share cards into files and reading shares back from photos.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use seedshard::backup::ModeConflict;
use seedshard::bip39::{Bip39Mode, Bip39Phrase};
use seedshard::card::{CardFormat, CardOptions, Paper};
use seedshard::qr::{self, Decoded, PayloadFormat, ScanError};
use seedshard::wallet::WalletFacts;
use seedshard::Share;
use zeroize::Zeroizing;

use crate::cli::{CardArgs, CardFormatArg, CardsArgs, PaperArg, QrArg};
use crate::error::{CliError, CliResult};
use crate::io::{display_name, io_reason, Inputs, Origin, ShareMode, SourcedShare};

/// The largest image file read (64 MiB); its pixel count is checked from the header too.
const MAX_IMAGE_BYTES: u64 = 64 << 20;

/// Runs `cards`: draws the cards of the shares in the input files.
pub fn run(args: &CardsArgs) -> CliResult {
    let paths: Vec<PathBuf> = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let plan = CardPlan::new(&args.card, &args.dir)?;
    let mut inputs = Inputs::default();
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        texts.push((display_name(path), inputs.read_text(path)?));
    }
    let mut shares = Vec::new();
    let mut limits = crate::limits::ShareLimits::default();
    for (name, text) in &texts {
        crate::io::parse_share_lines(text, name, &mut shares, &mut limits)?;
    }
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
    let shares: Vec<Share> = shares.into_iter().map(|s| s.share).collect();
    // From a file the cards may be only some of the set's: the sheet says how many are drawn.
    let mut plan = plan;
    plan.plan = plan.plan.with_partial(true);
    plan.write(shares, mode.bip39_mode(), None, None)
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
    ShareMode::resolve(flag, file).map_err(|e| match e {
        ModeConflict::Contradicts { given, file } => CliError::input(
            format!(
                "--bip39-mode {} contradicts the share file, which says mode={}",
                flag_word(given),
                file.as_str()
            ),
            "leave out --bip39-mode to use what the file says, or correct the file's `# seedshard: mode=` line if it is wrong",
        ),
        _ => CliError::input(
            "the share file does not say whether the shares were made from a BIP-39 phrase (it has no `# seedshard: mode=` line)",
            format!(
                "add --bip39-mode entropy or seed if the shares were made from a BIP-39 phrase in that mode, or --bip39-mode none if not (the owner sheet of the set says which); seedshard {command} will then say so on everything it writes"
            ),
        ),
    })
}

/// The `--bip39-mode` value naming `mode`.
fn flag_word(mode: ShareMode) -> &'static str {
    match mode {
        ShareMode::Slip39 => "none",
        m => m.as_str(),
    }
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

    /// Adds lines on what the plan survives to the owner sheet.
    pub fn with_plan_summary(mut self, lines: Vec<String>) -> Self {
        self.plan = self.plan.with_plan_summary(lines);
        self
    }

    /// Draws the cards and the owner sheet and writes them, all or nothing.
    /// `passphrase_set` says whether a SLIP-39 passphrase was set, when known.
    pub fn write(
        &self,
        shares: Vec<Share>,
        bridge: Option<Bip39Mode>,
        wallet: Option<WalletFacts>,
        passphrase_set: Option<bool>,
    ) -> CliResult {
        let files = self
            .plan
            .draw(shares, bridge, wallet, passphrase_set)
            .map_err(|e| {
                CliError::input(
                    format!("cannot draw the cards: {e}"),
                    match e {
                        seedshard::card::CardError::TooManyHolders { .. } => {
                            "give at most one --holder per share, in share order"
                        }
                        seedshard::card::CardError::BadLabel { .. } => {
                            "shorten it to at most 40 characters (80 for --card-note)"
                        }
                        seedshard::card::CardError::UnprintableCharacter { .. } => {
                            "the card fonts print Latin letters (with accents), digits and punctuation: write that character another way"
                        }
                        _ => "give all the shares of one set, each once",
                    },
                )
            })?;
        self.write_files(files.files())?;
        let mut err = std::io::stderr().lock();
        for note in files.notes(&display_name(&self.dir)) {
            let _ = writeln!(err, "note: {note}");
        }
        Ok(())
    }

    /// Writes every file with mode 0600, all or none: each is first written to a temporary
    /// file in the same directory, then all are renamed into place. With `--force` the files
    /// they replace are kept aside until every rename has succeeded, and put back if one
    /// fails, so a failed run leaves the directory as it found it.
    fn write_files(&self, files: &[(String, Zeroizing<Vec<u8>>)]) -> CliResult {
        for (name, _) in files {
            let path = self.dir.join(name);
            match fs::symlink_metadata(&path) {
                Err(_) => {}
                Ok(_) if !self.force => {
                    return Err(CliError::input(
                        format!("{} already exists", display_name(&path)),
                        "choose another --cards directory, or add --force to replace the card files",
                    ));
                }
                Ok(m) if m.is_dir() => {
                    return Err(CliError::input(
                        format!(
                            "{} is a directory, so it cannot be replaced by a card file",
                            display_name(&path)
                        ),
                        "move it out of the way, or choose another --cards directory",
                    ));
                }
                Ok(_) => {}
            }
        }
        let created_dir = if fs::metadata(&self.dir).is_err() {
            create_private_dir(&self.dir)?;
            true
        } else {
            false
        };
        let pid = std::process::id();
        let side = |name: &str, what: &str| self.dir.join(format!(".{name}.{pid}.{what}"));
        let mut temps: Vec<PathBuf> = Vec::new();
        // Undoes everything: new files out, old files back, temporaries removed.
        let undo = |temps: &[PathBuf], placed: &[(PathBuf, Option<PathBuf>)]| {
            for (target, kept) in placed.iter().rev() {
                let _ = fs::remove_file(target);
                if let Some(k) = kept {
                    let _ = fs::rename(k, target);
                }
            }
            for t in temps {
                let _ = fs::remove_file(t);
            }
            if created_dir {
                let _ = fs::remove_dir(&self.dir);
            }
        };
        for (name, bytes) in files {
            let tmp = side(name, "tmp");
            if let Err(mut e) = crate::io::write_new_file(&tmp, bytes, false) {
                undo(&temps, &[]);
                // Name the file the person asked for, not the temporary one.
                let target = self.dir.join(name);
                e.what = e
                    .what
                    .replace(&tmp.display().to_string(), &target.display().to_string());
                return Err(e);
            }
            temps.push(tmp);
        }
        let mut placed: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
        for ((name, _), tmp) in files.iter().zip(&temps) {
            let target = self.dir.join(name);
            let kept = if fs::symlink_metadata(&target).is_ok() {
                let k = side(name, "old");
                if let Err(e) = fs::rename(&target, &k) {
                    undo(&temps, &placed);
                    return Err(replace_error(&target, &e));
                }
                Some(k)
            } else {
                None
            };
            if let Err(e) = fs::rename(tmp, &target) {
                if let Some(k) = &kept {
                    let _ = fs::rename(k, &target);
                }
                undo(&temps, &placed);
                return Err(replace_error(&target, &e));
            }
            placed.push((target, kept));
        }
        for (_, kept) in &placed {
            if let Some(k) = kept {
                let _ = fs::remove_file(k);
            }
        }
        Ok(())
    }
}

fn replace_error(path: &Path, e: &std::io::Error) -> CliError {
    CliError::input(
        format!("cannot write {}: {}", display_name(path), io_reason(e)),
        "check that the directory is writable and has space; the files that were there are unchanged",
    )
}

fn create_private_dir(dir: &Path) -> CliResult {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir).map_err(|e| {
        CliError::input(
            format!("cannot create {}: {}", display_name(dir), io_reason(&e)),
            "create the directory first, or name one you may write to",
        )
    })
}

/// Reads an image file (PNG or JPEG) into memory, refusing files over 64 MiB.
fn read_image(path: &Path) -> CliResult<Zeroizing<Vec<u8>>> {
    let name = display_name(path);
    if path.as_os_str() == "-" {
        return Err(CliError::input(
            "images cannot be read from standard input",
            "save the photo to a file and name the file",
        ));
    }
    let file = fs::File::open(path).map_err(|e| {
        CliError::input(
            format!("cannot open {name}: {}", io_reason(&e)),
            "check the file name and path",
        )
    })?;
    let meta = file.metadata().map_err(|e| {
        CliError::input(
            format!("cannot read {name}: {}", io_reason(&e)),
            "check the file",
        )
    })?;
    if meta.is_dir() {
        return Err(CliError::input(
            format!("{name} is a directory"),
            "name a PNG or JPEG image file",
        ));
    }
    if meta.len() > MAX_IMAGE_BYTES {
        return Err(CliError::input(
            format!("{name} is larger than 64 MiB, too large for a photo of a card"),
            "export the photo as a JPEG of normal size and try again",
        ));
    }
    let mut buf = Zeroizing::new(Vec::with_capacity(meta.len() as usize));
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut buf)
        .map_err(|e| {
            CliError::input(
                format!("cannot read {name}: {}", io_reason(&e)),
                "check the file",
            )
        })?;
    Ok(buf)
}

fn scan_error(name: &str, e: &ScanError) -> CliError {
    let hint = match e {
        ScanError::TooLarge { .. } => {
            "scale the photo down (about 4000 pixels on the long side is plenty) and try again"
        }
        ScanError::UnsupportedFormat => "take or export the photo as a JPEG or PNG",
        _ => "copy the image again from the camera or phone, or take a new photo",
    };
    CliError::input(format!("{name}: {e}"), hint)
}

/// Scans an image, checking it can be read.
fn scan(path: &Path) -> CliResult<qr::ScanReport> {
    let bytes = read_image(path)?;
    qr::scan_image(&bytes).map_err(|e| scan_error(&display_name(path), &e))
}

fn no_qr_error(name: &str, report: &qr::ScanReport, wanted: &str) -> CliError {
    if report.unreadable > 0 {
        CliError::input(
            format!(
                "{name}: found {} QR code{} but could not read {}",
                report.unreadable,
                if report.unreadable == 1 { "" } else { "s" },
                if report.unreadable == 1 { "it" } else { "them" }
            ),
            "take a sharper photo, straight on and in good light, with the card filling most of the picture",
        )
    } else if report.found.is_empty() && report.skipped_searches > 0 {
        CliError::input(
            format!(
                "{name}: no QR code found; the image holds more patterns like the corner squares of a QR code than a photo of cards has, so it was not searched in full"
            ),
            "photograph one card or one page of cards at a time, with nothing else in the picture",
        )
    } else if report.found.is_empty() && report.finder_patterns >= 3 {
        CliError::input(
            format!(
                "{name}: something like a QR code is in the image ({} of the squares in a QR code's corners), but no code could be read",
                report.finder_patterns
            ),
            "take a sharper photo, straight on and in good light, with the card filling most of the picture",
        )
    } else if report.found.is_empty() {
        CliError::input(
            format!("{name}: no QR code found in the image"),
            "photograph the card so that its whole QR code is in the picture, sharp and well lit",
        )
    } else {
        CliError::input(
            format!("{name}: no {wanted} among the QR codes in the image"),
            "check that this is the right picture",
        )
    }
}

/// Reads the shares in the QR codes of each image (`combine --scan`). QR codes that are not
/// shares are noted on standard error and skipped; an image without any share is an error.
pub fn scan_shares(paths: &[PathBuf]) -> CliResult<Vec<SourcedShare>> {
    // Every image holds a share or is refused, so more images than shares one command takes
    // are refused before any is read.
    if paths.len() > crate::limits::MAX_SHARES {
        return Err(CliError::input(
            format!(
                "{} images were given to scan; one command takes at most {} shares",
                paths.len(),
                crate::limits::MAX_SHARES
            ),
            "scan the cards of the set to recover",
        ));
    }
    let mut out = Vec::new();
    let mut err = std::io::stderr().lock();
    for path in paths {
        let name = display_name(path);
        let mut report = scan(path)?;
        let mut count = 0;
        let found_all = std::mem::take(&mut report.found);
        let total = found_all.len();
        for (k, found) in found_all.into_iter().enumerate() {
            match found.decoded {
                Decoded::Share { share, .. } => {
                    count += 1;
                    out.push(SourcedShare {
                        share,
                        origin: Origin {
                            source: format!("{name} QR code {}", k + 1),
                            line: 1,
                        },
                    });
                }
                other => {
                    let _ = writeln!(
                        err,
                        "note: {name}: skipped a QR code that is not a share: {}",
                        other.describe()
                    );
                }
            }
        }
        if count == 0 {
            if total == 0 {
                return Err(no_qr_error(&name, &report, "share"));
            }
            return Err(CliError::input(
                format!("{name}: none of the {total} QR codes in the image is a share"),
                "check that this is a photo of a seedshard share card (see the notes above)",
            ));
        }
        if report.unreadable > 0 {
            let _ = writeln!(
                err,
                "note: {name}: {} more QR code{} could not be read; if shares are missing, take a sharper photo",
                report.unreadable,
                if report.unreadable == 1 { "" } else { "s" }
            );
        }
        let _ = writeln!(
            err,
            "note: {name}: read {count} share{}",
            if count == 1 { "" } else { "s" }
        );
    }
    Ok(out)
}

/// Reads the BIP-39 phrase of the one SeedQR in an image (`split --scan`).
pub fn scan_seedqr(path: &Path) -> CliResult<Bip39Phrase> {
    let name = display_name(path);
    let report = scan(path)?;
    let mut phrases = Vec::new();
    let mut shares = 0;
    for found in &report.found {
        match &found.decoded {
            Decoded::SeedQr { indices } => {
                phrases.push(Bip39Phrase::from_indices(indices).map_err(|e| {
                    crate::bridge::phrase_error(&format!("the SeedQR in {name}"), &e)
                })?)
            }
            Decoded::CompactSeedQr { entropy } => {
                phrases.push(Bip39Phrase::from_entropy(entropy).map_err(|e| {
                    CliError::input(
                        format!("the CompactSeedQR in {name} is not valid: {e}"),
                        "check that the picture shows a SeedQR of 12 or 24 words",
                    )
                })?)
            }
            Decoded::Share { .. } => shares += 1,
            _ => {}
        }
    }
    match phrases.len() {
        1 => Ok(phrases.remove(0)),
        0 if shares > 0 => Err(CliError::input(
            format!("{name} holds a SLIP-39 share card, not a BIP-39 SeedQR"),
            "split --scan reads a wallet's SeedQR; to recover from share cards use seedshard combine --scan",
        )),
        0 => Err(no_qr_error(&name, &report, "BIP-39 SeedQR")),
        n => Err(CliError::input(
            format!("{name} holds {n} SeedQR codes"),
            "photograph one SeedQR at a time",
        )),
    }
}
