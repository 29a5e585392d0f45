//! The dialogue at a line terminal: a front end that reads lines and shows lines (a terminal,
//! a serial console, a device with a keyboard) implements [`Terminal`], and these functions
//! run the whole conversation over it: typing shares in ([`type_shares`]), the question after
//! a passphrase that opened another wallet ([`passphrase_again`]) and the offer to clear the
//! screen after words were shown as typed ([`offer_to_clear`]).
//!
//! What is asked and what is said is the [`Dialogue`]'s and [`PassphraseTries`]'; this module
//! only decides which prompts are read with the words hidden. A front end whose person
//! answers in its own way (a text field, buttons) drives the [`Dialogue`] itself.

use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::{yes_no, Dialogue, NotEnoughShares, PassphraseTries, Prompt};
use crate::describe::dialogue as say;
use crate::slip39::recovery::Recovery;
use crate::slip39::share::Share;
use alloc::string::String;

/// Where prompts go and answers come from.
pub trait Terminal {
    /// Why a line could not be read.
    type Error;
    /// Reads one line without echo; `None` at end of input.
    fn read_hidden(&mut self, prompt: &str) -> Result<Option<Zeroizing<String>>, Self::Error>;
    /// Reads one line shown as typed; `None` at end of input.
    fn read_line(&mut self, prompt: &str) -> Result<Option<Zeroizing<String>>, Self::Error>;
    /// Shows one line.
    fn say(&mut self, line: &str);
    /// Clears the screen and whatever the terminal keeps of it (its scrollback).
    fn clear_screen(&mut self);
}

/// Why typing shares in ended without shares that recover.
#[derive(Debug)]
pub enum TypingError<E> {
    /// The terminal could not be read.
    Read(E),
    /// The person stopped (or the input ended) before the shares typed recover the set.
    NotEnough(NotEnoughShares),
}

/// Reads shares one at a time until the set recovers or the person stops, and returns the
/// shares that fit, in the order typed. `dialogue` is [`Dialogue::new`], or
/// [`Dialogue::continuing`] from shares already read that are not enough. The words are read
/// shown as typed, unless `hide`.
pub fn type_shares<T: Terminal>(
    term: &mut T,
    hide: bool,
    mut dialogue: Dialogue,
) -> Result<Vec<Share>, TypingError<T::Error>> {
    for line in dialogue.opening(hide) {
        term.say(&line);
    }
    while let Some(prompt) = dialogue.prompt() {
        let answer = match &prompt {
            Prompt::Words(p) if hide => term.read_hidden(p),
            Prompt::Words(p) | Prompt::YesNo(p) => term.read_line(p),
        }
        .map_err(TypingError::Read)?;
        for line in dialogue.answer(answer.as_ref().map(|a| a.as_str())) {
            term.say(&line);
        }
    }
    dialogue.finish().map_err(TypingError::NotEnough)
}

/// Typing goes on from shares read (files, photos) that are not enough by themselves: the
/// shares typed that fit are returned (see [`type_shares`]).
pub fn type_more_shares<T: Terminal>(
    term: &mut T,
    hide: bool,
    read: Recovery,
) -> Result<Vec<Share>, TypingError<T::Error>> {
    type_shares(term, hide, Dialogue::continuing(read))
}

/// After a passphrase that did not match: says so, and asks whether to try another (see
/// [`PassphraseTries`]). True when the passphrase is to be read again.
pub fn passphrase_again<T: Terminal>(
    term: &mut T,
    tries: &mut PassphraseTries,
) -> Result<bool, T::Error> {
    for line in tries.mismatch() {
        term.say(&line);
    }
    while let Some(prompt) = tries.prompt() {
        let answer = term.read_line(prompt.text())?;
        for line in tries.answer(answer.as_ref().map(|a| a.as_str())) {
            term.say(&line);
        }
    }
    Ok(tries.try_again())
}

/// After a recovery with the share words shown as typed: offers to clear them from the
/// screen, and clears it when the person agrees.
pub fn offer_to_clear<T: Terminal>(term: &mut T) -> Result<(), T::Error> {
    loop {
        let answer = term.read_line(say::CLEAR_PROMPT)?;
        match yes_no(answer.as_ref().map(|a| a.as_str())) {
            Some(true) => {
                term.clear_screen();
                return Ok(());
            }
            Some(false) => {
                term.say(say::NOT_CLEARED);
                return Ok(());
            }
            None => term.say(say::YES_OR_NO),
        }
    }
}
