//! The command-line definition (clap only: raw values, no validation beyond types).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Back up a Bitcoin wallet seed as SLIP-39 Shamir shares, and recover it.
///
/// Secrets are never taken on the command line: they come from a file, from standard input
/// (`-`), or from a prompt that does not echo when a terminal is attached.
#[derive(Debug, Parser)]
#[command(name = "seedshard", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split a secret into SLIP-39 shares.
    Split(SplitArgs),
    /// Combine shares back into the secret.
    Combine(CombineArgs),
}

/// Arguments of `split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// A group as THRESHOLDofCOUNT, e.g. 2of3; repeat for several groups.
    #[arg(long = "group", value_name = "TofN", required = true)]
    pub groups: Vec<String>,

    /// Groups needed to recover (default: 1 with one group; required with several).
    #[arg(long, value_name = "G")]
    pub group_threshold: Option<u8>,

    /// Generate a new random secret of BITS bits (128 or 256).
    #[arg(long, value_name = "BITS", num_args = 0..=1, default_missing_value = "128",
          conflicts_with = "secret_file")]
    pub generate: Option<u16>,

    /// Read the master secret as hex from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,

    /// Read the SLIP-39 passphrase from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Iteration exponent e (0 to 15): 10000 x 2^e PBKDF2 iterations protect the passphrase.
    #[arg(long, value_name = "E", default_value_t = 1)]
    pub iteration_exponent: u8,

    /// Make a set without the extendable flag (for wallets that predate it).
    #[arg(long)]
    pub no_extendable: bool,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `combine`.
#[derive(Debug, Args)]
pub struct CombineArgs {
    /// Files with one share a line (`#` comments and blank lines ignored), or `-` for
    /// standard input. Without any, shares are read from standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Read the SLIP-39 passphrase from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// What to print: the master secret as hex.
    #[arg(long, value_enum, default_value_t = SecretFormat::Hex)]
    pub to: SecretFormat,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,
}

/// Output forms of a recovered secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretFormat {
    /// The master secret in hexadecimal.
    Hex,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Words that name secret material. A flag whose name holds one may only take a file
    /// path (its name ends in `-file`), never the secret itself.
    const SECRET_WORDS: [&str; 9] = [
        "secret",
        "passphrase",
        "password",
        "phrase",
        "mnemonic",
        "seed",
        "share",
        "xprv",
        "entropy",
    ];

    fn check(cmd: &clap::Command, path: &str, checked: &mut usize) {
        for arg in cmd.get_arguments() {
            let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values())
                && !matches!(
                    arg.get_action(),
                    clap::ArgAction::SetTrue | clap::ArgAction::Help | clap::ArgAction::Version
                );
            if !takes_value {
                continue;
            }
            *checked += 1;
            let name = arg
                .get_long()
                .unwrap_or(arg.get_id().as_str())
                .to_ascii_lowercase();
            let names_secret = SECRET_WORDS.iter().any(|w| name.contains(w));
            assert!(
                !names_secret || name.ends_with("-file") || name.ends_with("_file"),
                "{path} --{name} would take a secret as its value"
            );
        }
        for sub in cmd.get_subcommands() {
            check(sub, &format!("{path} {}", sub.get_name()), checked);
        }
    }

    #[test]
    fn no_flag_takes_a_secret_as_its_value() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut checked = 0;
        check(&cmd, "seedshard", &mut checked);
        assert!(checked >= 8, "only {checked} value-taking arguments found");
    }
}
