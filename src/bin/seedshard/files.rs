//! Writing a set of files into a directory, all or none (the cards and the owner sheet).

use std::fs;
use std::path::{Path, PathBuf};

use zeroize::Zeroizing;

use crate::error::{CliError, CliResult};
use crate::io::{display_name, io_reason};

/// Writes every file with mode 0600, all or none: each is first written to a temporary
/// file in the same directory, then all are renamed into place. With `--force` the files
/// they replace are kept aside until every rename has succeeded, and put back if one
/// fails, so a failed run leaves the directory as it found it.
pub fn write_all_or_none(
    dir: &Path,
    force: bool,
    files: &[(String, Zeroizing<Vec<u8>>)],
) -> CliResult {
    for (name, _) in files {
        let path = dir.join(name);
        match fs::symlink_metadata(&path) {
            Err(_) => {}
            Ok(_) if !force => {
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
    let created_dir = if fs::metadata(dir).is_err() {
        create_private_dir(dir)?;
        true
    } else {
        false
    };
    let pid = std::process::id();
    let side = |name: &str, what: &str| dir.join(format!(".{name}.{pid}.{what}"));
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
            let _ = fs::remove_dir(dir);
        }
    };
    for (name, bytes) in files {
        let tmp = side(name, "tmp");
        if let Err(mut e) = crate::io::write_new_file(&tmp, bytes, false) {
            undo(&temps, &[]);
            // Name the file the person asked for, not the temporary one.
            let target = dir.join(name);
            e.what = e
                .what
                .replace(&tmp.display().to_string(), &target.display().to_string());
            return Err(e);
        }
        temps.push(tmp);
    }
    let mut placed: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    for ((name, _), tmp) in files.iter().zip(&temps) {
        let target = dir.join(name);
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
