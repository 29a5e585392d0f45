//! Ctrl-C (or the terminal closing) while the tool runs at a terminal: the terminal is put
//! back as it was when the tool started (echo and line editing on) before the process ends,
//! with exit code 128 + the signal (130 for Ctrl-C), as shells expect.
//!
//! A hidden prompt turns echo off; without this, Ctrl-C there would end the process with the
//! terminal still not showing what is typed (the prompt library raises the signal before it
//! puts the terminal back). Nothing runs inside a signal handler but the crate's own
//! notification: a thread waits for the signal (the main thread may be blocked reading a
//! line), and a flag set by the handler lets the main thread, when a prompt returns because
//! of the signal, end the same way instead of reporting a read error.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The signal received, 0 for none.
static RECEIVED: std::sync::OnceLock<Arc<AtomicUsize>> = std::sync::OnceLock::new();

/// Only one thread ends the process.
static ENDING: Mutex<()> = Mutex::new(());

/// Puts the terminal back and ends the process on SIGINT, SIGTERM or SIGHUP, when standard
/// input is a terminal; does nothing otherwise (nothing to put back).
#[cfg(unix)]
pub fn restore_terminal_on_interrupt() {
    use std::io::IsTerminal;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    if !std::io::stdin().is_terminal() {
        return;
    }
    let Ok(saved) = rustix::termios::tcgetattr(std::io::stdin()) else {
        return;
    };
    let _ = SAVED.set(saved);
    let received = Arc::new(AtomicUsize::new(0));
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // The handler stores the signal at once, before a prompt that raised it returns.
        let number = usize::try_from(signal).unwrap_or(usize::from(u8::MAX));
        if signal_hook::flag::register_usize(signal, Arc::clone(&received), number).is_err() {
            // Not registered: the signal keeps its default action (safe, if abrupt).
            return;
        }
    }
    let _ = RECEIVED.set(received);
    let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            end(signal);
        }
    });
}

/// The terminal's settings at start.
#[cfg(unix)]
static SAVED: std::sync::OnceLock<rustix::termios::Termios> = std::sync::OnceLock::new();

/// Ends the process as interrupted when a signal was received (a prompt that returned
/// because of Ctrl-C); returns otherwise.
pub fn end_if_interrupted() {
    if let Some(signal) = RECEIVED.get().map(|r| r.load(Ordering::SeqCst)) {
        if signal != 0 {
            end(i32::try_from(signal).unwrap_or(i32::from(u8::MAX)));
        }
    }
}

/// Puts the terminal back, says so, and ends the process with 128 + `signal`.
fn end(signal: i32) -> ! {
    // Held until the process ends: a second caller waits here.
    let _ending = ENDING.lock();
    #[cfg(unix)]
    if let Some(saved) = SAVED.get() {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            saved,
        );
    }
    // The prompt's line is left unfinished: end it, so the shell starts on its own line.
    eprintln!();
    eprintln!("{}", seedshard::describe::dialogue::INTERRUPTED);
    std::process::exit(128 + signal);
}

/// Nothing to put back on systems without termios.
#[cfg(not(unix))]
pub fn restore_terminal_on_interrupt() {}
