//! Reading secrets and shares from files, standard input and prompts; writing secret files.
//!
//! `-` means standard input, read once. Prompts appear only when standard input is a
//! terminal; they go to the terminal, never echo, and never reach the command line.

use std::fs::{self, File, OpenOptions};
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

use seedshard::describe::input;
use seedshard::slip39::recovery::sourced_texts;
use seedshard::{MasterSecret, Passphrase, Share};
use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use seedshard::slip39::recovery::ShareLimits;

/// The largest input file seedshard reads (1 MiB): far more than any set of shares, small
/// enough that a wrong file is refused at once.
pub const MAX_INPUT_BYTES: u64 = 1 << 20;

/// Reads inputs and makes sure standard input is read at most once.
#[derive(Debug, Default)]
pub struct Inputs {
    stdin_used: bool,
}

/// What a SLIP-39 passphrase is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PassphrasePurpose {
    /// Making a new set: a prompt asks twice.
    NewSet,
    /// Opening an existing set: a prompt asks once.
    Recovery,
}

/// True when a person can answer prompts.
pub fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// A display name for a path argument; one that looks like a secret (hex digits, share
/// words) is named by its position instead (see [`crate::argsafe`]).
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "standard input".to_string()
    } else if crate::argsafe::looks_secret(path.as_os_str()) {
        crate::argsafe::position_name(path.as_os_str())
    } else {
        path.display().to_string()
    }
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

impl Inputs {
    /// Reads a whole file (or `-`) into zeroizing memory, refusing more than
    /// [`MAX_INPUT_BYTES`].
    pub fn read_bytes(&mut self, path: &Path) -> CliResult<Zeroizing<Vec<u8>>> {
        let name = display_name(path);
        // Room for the whole input up front: a buffer that grows is copied, and the old
        // copies would be freed without being wiped.
        let mut buf;
        let result = if is_stdin(path) {
            if self.stdin_used {
                return Err(CliError::input(
                    "standard input (-) is named twice",
                    "give - for one input only and put the others in files",
                ));
            }
            self.stdin_used = true;
            buf = Zeroizing::new(Vec::with_capacity(MAX_INPUT_BYTES as usize + 1));
            io::stdin()
                .lock()
                .take(MAX_INPUT_BYTES + 1)
                .read_to_end(&mut buf)
        } else {
            let file = File::open(path).map_err(|e| open_error(&name, &e))?;
            let metadata = file.metadata().ok();
            if metadata.as_ref().is_some_and(|m| m.is_dir()) {
                return Err(CliError::input(
                    format!("{name} is a directory"),
                    "name a file that holds the input",
                ));
            }
            let len = metadata.map_or(MAX_INPUT_BYTES, |m| m.len().min(MAX_INPUT_BYTES));
            buf = Zeroizing::new(Vec::with_capacity(len as usize + 1));
            file.take(MAX_INPUT_BYTES + 1).read_to_end(&mut buf)
        };
        result.map_err(|e| {
            CliError::input(
                format!("cannot read {name}: {}", io_reason(&e)),
                "check the file and try again",
            )
        })?;
        if buf.len() as u64 > MAX_INPUT_BYTES {
            return Err(CliError::input(
                format!("{name} is larger than 1 MiB, too large to hold shares or a secret"),
                "check that you named the right file",
            ));
        }
        Ok(buf)
    }

    /// Reads a file (or `-`) as UTF-8 text.
    pub fn read_text(&mut self, path: &Path) -> CliResult<Zeroizing<String>> {
        let bytes = self.read_bytes(path)?;
        match std::str::from_utf8(&bytes) {
            Ok(s) => Ok(Zeroizing::new(s.to_string())),
            Err(e) => Err(CliError::input(
                format!(
                    "{} is not text (invalid UTF-8 at byte {})",
                    display_name(path),
                    e.valid_up_to() + 1
                ),
                "give a plain text file with one share a line",
            )),
        }
    }

    /// Reads a passphrase file (SLIP-39 or BIP-39): the whole text but its last line end, so
    /// that a passphrase may begin or end with spaces.
    pub fn read_passphrase_text(&mut self, path: &Path) -> CliResult<Zeroizing<String>> {
        let mut text = self.read_text(path)?;
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        Ok(text)
    }

    /// Reads a master secret written in hexadecimal (white space ignored).
    pub fn read_secret_hex(&mut self, path: &Path) -> CliResult<MasterSecret> {
        let text = self.read_text(path)?;
        let name = display_name(path);
        // Decoded without a branch on any digit (see seedshard::hex).
        let bytes = seedshard::hex::decode(&text).map_err(|e| {
            let (what, hint) = input::hex_secret_error(&name, &e);
            CliError::input(what, hint)
        })?;
        MasterSecret::from_slice(&bytes)
            .map_err(|e| CliError::input(format!("{name}: {e}"), input::SECRET_LENGTH_HINT))
    }

    /// Reads the SLIP-39 passphrase from a file, or prompts for it on a terminal (twice for a
    /// new set), or takes the empty passphrase when neither is possible (saying so when
    /// recovering, where a wrong passphrase opens a different wallet).
    pub fn slip39_passphrase(
        &mut self,
        file: Option<&Path>,
        purpose: PassphrasePurpose,
    ) -> CliResult<Passphrase> {
        let confirm = purpose == PassphrasePurpose::NewSet;
        let text = match file {
            Some(path) => self.read_passphrase_text(path)?,
            None if interactive() => prompt_passphrase(confirm)?,
            None => {
                // Say so: with the wrong passphrase a set opens a different, empty wallet.
                if purpose == PassphrasePurpose::Recovery {
                    eprintln!(
                    "note: no SLIP-39 passphrase is used (no --passphrase-file, and no terminal to ask on)"
                );
                }
                return Ok(Passphrase::empty());
            }
        };
        Passphrase::new(String::clone(&text)).map_err(|e| {
            CliError::input(
                format!("{e}"),
                "SLIP-39 passphrases may use printable ASCII only (letters, digits, punctuation, space)",
            )
        })
    }
}

/// The shares of the named `texts` (name, text) as the library's one reader of share text
/// finds them ([`sourced_texts`]), within the limits of every command that reads shares
/// ([`seedshard::slip39::recovery::limits`]). Nothing is worked out: a share must be whole
/// (as on a card to draw or a code to read out).
pub fn whole_shares<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> CliResult<Vec<Share>> {
    let mut limits = ShareLimits::<String>::default();
    let mut shares = Vec::new();
    for item in sourced_texts(texts) {
        let label = format!("share {} ({})", shares.len() + 1, item.source);
        limits.count(&label)?;
        let content = item.text.words.as_str();
        let share = Share::parse(content).map_err(|e| {
            let show_words = io::stderr().is_terminal();
            let (what, hint) = input::share_parse_error(&label, content, &e, show_words);
            CliError::input(what, hint)
        })?;
        limits.set_of(&share, &label)?;
        shares.push(share);
    }
    Ok(shares)
}

fn prompt_passphrase(confirm: bool) -> CliResult<Zeroizing<String>> {
    let ask = |prompt: &str| -> CliResult<Zeroizing<String>> {
        rpassword::prompt_password(prompt)
            .map(Zeroizing::new)
            .map_err(|e| {
                CliError::input(
                    format!(
                        "cannot read the passphrase from the terminal: {}",
                        io_reason(&e)
                    ),
                    "use --passphrase-file FILE instead",
                )
            })
    };
    let first = ask("SLIP-39 passphrase (encrypts the shares; press Enter for none): ")?;
    if confirm {
        let second = ask("SLIP-39 passphrase again: ")?;
        if *first != *second {
            return Err(CliError::input(
                "the two passphrases differ",
                "run the command again and type the same passphrase twice",
            ));
        }
    }
    Ok(first)
}

/// Creates `--out DIR` (and its parents) for files that hold no secret (the page, manual
/// pages).
pub fn create_out_dir(dir: &Path) -> CliResult {
    std::fs::create_dir_all(dir).map_err(|e| {
        CliError::input(
            format!("cannot create {}: {}", display_name(dir), io_reason(&e)),
            "give a directory you can write to with --out",
        )
    })
}

/// Creates `path` with mode 0600 and writes `bytes` to it, all or nothing. Without `force`
/// the file is created new (an existing file is never touched) and removed again if writing
/// fails; with `force` the data goes to a temporary file in the same directory and is renamed
/// over the old file only when complete. Neither needs hard links, so it works on FAT/exFAT
/// USB sticks too.
pub fn write_new_file(path: &Path, bytes: &[u8], force: bool) -> CliResult {
    let name = display_name(path);
    if !force && fs::symlink_metadata(path).is_ok() {
        return Err(CliError::input(
            format!("{name} already exists"),
            "choose another name, or add --force to replace it",
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let file_name = path.file_name().ok_or_else(|| {
        CliError::input(format!("{name} is not a file name"), "name a file to write")
    })?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(file_name);
    tmp_name.push(format!(".{}.tmp", std::process::id()));
    let tmp = dir.join(tmp_name);
    // The file is written at `target`; `created` says whether it exists yet (and so must be
    // removed if writing fails).
    let target: &Path = if force { &tmp } else { path };
    let mut created = false;
    let mut write = || -> io::Result<()> {
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(target)?;
        created = true;
        file.write_all(bytes)?;
        file.sync_all()?;
        if force {
            fs::rename(&tmp, path)?;
        }
        Ok(())
    };
    let result = write();
    result.map_err(|e| {
        if created {
            let _ = fs::remove_file(target);
        }
        CliError::input(
            format!("cannot write {name}: {}", io_reason(&e)),
            "check that the directory exists and is writable, and that there is space",
        )
    })
}

fn open_error(name: &str, e: &io::Error) -> CliError {
    let hint = match e.kind() {
        io::ErrorKind::NotFound => "check the file name and path",
        io::ErrorKind::PermissionDenied => "check that you may read the file",
        _ => "check the file and try again",
    };
    CliError::input(format!("cannot open {name}: {}", io_reason(e)), hint)
}

/// A short lowercase reason for an I/O error, without the OS error number.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::AlreadyExists => "it already exists".into(),
        _ => {
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

pub use seedshard::backup::ShareMode;

/// The mode of a `--bip39-mode` value (`none` is a plain SLIP-39 secret).
pub fn mode_of_arg(arg: crate::cli::ShareModeArg) -> ShareMode {
    match arg {
        crate::cli::ShareModeArg::None => ShareMode::Slip39,
        crate::cli::ShareModeArg::Entropy => ShareMode::Entropy,
        crate::cli::ShareModeArg::Seed => ShareMode::Seed,
    }
}

/// Finds the mode lines in the files read (name, text): `None` when no file has one. Lines
/// such as `# seedshard: mode=entropy` (any spacing and case) are read; files that disagree,
/// or an unknown mode, are an error.
pub fn share_mode<'a>(
    texts: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> CliResult<Option<ShareMode>> {
    let (names, texts): (Vec<&str>, Vec<&str>) = texts.into_iter().unzip();
    seedshard::backup::files_mode(texts).map_err(|e| {
        let (what, hint) = seedshard::describe::options::files_mode_error(&names, &e);
        CliError::input(what, hint)
    })
}
