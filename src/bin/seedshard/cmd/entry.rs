//! Typing shares in at a terminal, one at a time (`seedshard combine` with no files on a
//! terminal).
//!
//! Words are shown as typed (as the reference `shamir recover` and a hardware wallet's
//! screen show them), or hidden with `--hide-words`. A share is typed a line at a time or a
//! word at a time (Enter after each word, as people do reading a card): its end is known from
//! its length and checksum, or from an empty line. A word not in the list is flagged at once,
//! with the list words that start with the same letters, and only that word is asked for
//! again. `?` marks a word that cannot be read. Progress follows every share. A BIP-39 phrase
//! typed at the share prompt is named as such. When the shares are complete, an explicit step
//! comes before the passphrase, so that the empty line that ends share entry is never taken as
//! the passphrase.
//!
//! Shares read from files or photos that are not enough go on here ([`more_shares`]); a
//! passphrase that opens another wallet than the one expected is asked for again
//! ([`passphrase_again`]); after a recovery with the words shown, the screen is cleared if
//! the person agrees ([`offer_to_clear`]). What to ask and when is the library's
//! [`seedshard::dialogue`], and the conversation over a terminal is
//! [`seedshard::dialogue::terminal`]; this module is only the real terminal.

use std::io;

use zeroize::Zeroizing;

use seedshard::dialogue::terminal::{self, Terminal, TypingError};
use seedshard::dialogue::{Dialogue, PassphraseTries};
use seedshard::slip39::recovery::Recovery;
use seedshard::Share;

use crate::error::{CliError, CliResult};

/// Clears the screen (`ESC [H ESC [2J`) and the scrollback (`ESC [3J`, xterm and most
/// terminal emulators; others ignore it).
pub const CLEAR_SCREEN_AND_SCROLLBACK: &str = "\x1b[H\x1b[2J\x1b[3J";

/// The real terminal: prompts and messages on the terminal (stderr), input without echo.
pub struct Tty;

impl Terminal for Tty {
    type Error = io::Error;
    fn read_hidden(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
        match rpassword::prompt_password(prompt) {
            Ok(s) => Ok(Some(Zeroizing::new(s))),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }
    fn read_line(&mut self, prompt: &str) -> io::Result<Option<Zeroizing<String>>> {
        use std::io::Write;
        eprint!("{prompt}");
        io::stderr().flush()?;
        let Some(mut bytes) = read_line_unbuffered()? else {
            return Ok(None);
        };
        // The bytes move into the string (no copy); a rejected buffer is freed, and so wiped.
        let mut line = String::from_utf8(std::mem::take(&mut *bytes))
            .map(Zeroizing::new)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8 text"))?;
        let end = line.trim_end_matches(['\n', '\r']).len();
        line.truncate(end);
        Ok(Some(line))
    }
    fn say(&mut self, line: &str) {
        eprintln!("{line}");
    }
    fn clear_screen(&mut self) {
        use std::io::{IsTerminal, Write};
        let mut err = io::stderr();
        if err.is_terminal() {
            let _ = err.write_all(CLEAR_SCREEN_AND_SCROLLBACK.as_bytes());
            let _ = err.flush();
        }
    }
}

/// Reads one line from standard input a byte at a time, into a zeroizing buffer only: the
/// standard library's buffered `stdin` keeps an 8 KiB buffer for the life of the process,
/// which would hold the typed words after exit. `None` at the end of input.
fn read_line_unbuffered() -> io::Result<Option<Zeroizing<Vec<u8>>>> {
    use std::io::Read;
    #[cfg(unix)]
    let mut input = {
        use std::os::fd::AsFd;
        std::fs::File::from(io::stdin().as_fd().try_clone_to_owned()?)
    };
    #[cfg(not(unix))]
    let mut input = io::stdin();
    let mut line = Zeroizing::new(Vec::with_capacity(1024));
    let mut byte = Zeroizing::new([0u8; 1]);
    loop {
        match input.read(&mut byte[..]) {
            Ok(0) if line.is_empty() => return Ok(None),
            Ok(0) => return Ok(Some(line)),
            Ok(_) => {
                line.push(byte[0]);
                if byte[0] == b'\n' {
                    return Ok(Some(line));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
}

fn read_error(e: &io::Error) -> CliError {
    CliError::input(
        format!("cannot read from the terminal: {e}"),
        "give the shares in a file instead: seedshard combine shares.txt",
    )
}

fn typing_error(e: TypingError<io::Error>) -> CliError {
    match e {
        TypingError::Read(e) => read_error(&e),
        TypingError::NotEnough(e) => CliError::input(
            e.what,
            "find more cards of the set and run seedshard combine again",
        ),
    }
}

/// Reads shares at the terminal one at a time until the set recovers or the person enters an
/// empty line; returns the shares that fit, in the order typed. Words are shown as typed
/// unless `hide`.
pub fn enter_shares(hide: bool) -> CliResult<Vec<Share>> {
    terminal::type_shares(&mut Tty, hide, Dialogue::new()).map_err(typing_error)
}

/// Asks for more shares at the terminal when those read (`rec`: files, photos) are not enough
/// by themselves; returns the shares typed that fit (see [`enter_shares`]).
pub fn more_shares(hide: bool, rec: Recovery) -> CliResult<Vec<Share>> {
    terminal::type_more_shares(&mut Tty, hide, rec).map_err(typing_error)
}

/// After a passphrase typed at the terminal that did not match: asks whether to try another.
pub fn passphrase_again(tries: &mut PassphraseTries) -> CliResult<bool> {
    terminal::passphrase_again(&mut Tty, tries).map_err(|e| read_error(&e))
}

/// After a recovery with the words shown as typed: offers to clear the screen.
pub fn offer_to_clear() -> CliResult {
    terminal::offer_to_clear(&mut Tty).map_err(|e| read_error(&e))
}
