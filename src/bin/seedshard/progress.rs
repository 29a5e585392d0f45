//! A progress line for slow steps (decrypting with a high iteration exponent, reading large
//! photos), on a terminal only: a turning bar and the seconds spent, on standard error,
//! redrawn in place and wiped when the step ends. Nothing at all when standard error is not a
//! terminal (a pipe or a file gets no progress output), and nothing for a step that ends
//! before [`DELAY`].

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a step runs before its progress line appears: quick steps show nothing.
pub const DELAY: Duration = Duration::from_millis(300);

/// How often the line is redrawn.
const TICK: Duration = Duration::from_millis(100);

/// The turning bar's frames (ASCII, so every terminal font has them).
const FRAMES: [char; 4] = ['|', '/', '-', '\\'];

/// A progress line shown while it lives; dropping it stops and wipes the line.
pub struct Progress {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts a progress line saying `what` (no secret: it is drawn on the screen), when
    /// standard error is a terminal; `None` otherwise.
    pub fn start(what: String) -> Option<Self> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            let began = Instant::now();
            let mut drawn = false;
            let mut frame = 0;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(TICK);
                let spent = began.elapsed();
                if spent < DELAY || flag.load(Ordering::Relaxed) {
                    continue;
                }
                let mut err = std::io::stderr().lock();
                // Carriage return and erase to the end of the line: the line is redrawn in place.
                let _ = write!(
                    err,
                    "\r\x1b[K{} {what} ({} s)",
                    FRAMES[frame % FRAMES.len()],
                    spent.as_secs()
                );
                let _ = err.flush();
                drawn = true;
                frame += 1;
            }
            if drawn {
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[K");
                let _ = err.flush();
            }
        });
        Some(Self {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
