//! `seedshard combine`: recover the secret from shares.

use std::io::Write;
use std::path::PathBuf;

use seedshard::{combine, recover_ems};
use serde::Serialize;
use zeroize::Zeroizing;

use crate::cli::{CombineArgs, SecretFormat};
use crate::error::{CliError, CliResult};
use crate::io::Inputs;
use crate::output;

#[derive(Serialize)]
struct CombineJson {
    master_secret_hex: Zeroizing<String>,
    identifier: u16,
    extendable: bool,
    iteration_exponent: u8,
    shares_used: usize,
}

/// Runs `combine`.
pub fn run(args: &CombineArgs) -> CliResult {
    let mut inputs = Inputs::default();
    let paths: Vec<PathBuf> = if args.inputs.is_empty() {
        if crate::io::interactive() {
            return Err(CliError::input(
                "no share files were given",
                "name files with one share a line, or pipe the shares in: seedshard combine - < shares.txt",
            ));
        }
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    let shares = inputs.read_shares(&paths)?;
    if shares.is_empty() {
        return Err(CliError::input(
            "the input holds no shares",
            "put one share a line; lines starting with # are comments",
        ));
    }
    let plain: Vec<seedshard::Share> = shares.iter().map(|s| s.share.clone()).collect();
    // Check the shares before asking for the passphrase: a person should not type it for a
    // set that cannot recover.
    let ems = recover_ems(&plain).map_err(|e| output::combine_error(&shares, &e))?;
    let passphrase = inputs.slip39_passphrase(args.passphrase_file.as_deref(), false)?;
    let secret = combine(&plain, &passphrase).map_err(|e| output::combine_error(&shares, &e))?;

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let hex = output::hex(secret.expose_secret());
    if args.json {
        return output::write_json(
            &mut out,
            &CombineJson {
                master_secret_hex: hex,
                identifier: ems.identifier().get(),
                extendable: ems.extendable(),
                iteration_exponent: ems.iteration_exponent().get(),
                shares_used: plain.len(),
            },
        );
    }
    match args.to {
        SecretFormat::Hex => writeln!(out, "{}", hex.as_str()),
    }
    .and_then(|()| out.flush())
    .map_err(crate::write_error)
}
