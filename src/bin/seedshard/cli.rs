//! The command-line definition (clap only: raw values, no validation beyond types).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

mod cards;
pub use cards::{CardArgs, CardFormatArg, CardsArgs, NewCardsArgs, PaperArg, QrArg};

/// Back up a Bitcoin wallet seed as SLIP-39 Shamir shares, and recover it.
///
/// Secrets are never taken on the command line: they come from a file, from standard input
/// (`-`), or from a prompt that does not echo when a terminal is attached.
#[derive(Debug, Parser)]
#[command(
    name = "seedshard",
    version,
    long_version = crate::version::LONG,
    about,
    long_about = None,
    propagate_version = true
)]
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
    /// Show which wallet shares, a secret or a BIP-39 phrase open: fingerprint, xpub, zpub
    /// and first addresses.
    Verify(VerifyArgs),
    /// Check shares without recovering the secret: each share's checksum, set, group and
    /// member, whether it fits the others, and whether the set recovers. Words written as ?
    /// are worked out from the checksum and shown. Exit 0 all good, 1 problems found.
    Check(CheckArgs),
    /// Show the public fields of one share (set, group, member, thresholds, length).
    Inspect(InspectArgs),
    /// Make the share of one member of a group from the group's threshold of shares, without
    /// the master secret (to replace a lost card or add a holder).
    Reissue(ReissueArgs),
    /// Make a brand-new set (new identifier, new plan) from shares of an extendable set; it
    /// restores the same wallet with the same passphrase.
    Extend(ExtendArgs),
    /// Draw printable share cards (PDF, SVG or PNG) and the owner sheet from a share file.
    Cards(CardsArgs),
    /// Print a shell completion script for seedshard (bash, zsh, fish, elvish, powershell).
    Completions(CompletionsArgs),
    /// Write the manual pages (seedshard.1 and one per command), or print seedshard.1.
    Man(ManArgs),
    /// Show what a plan survives before splitting: the fewest cards, people and places that
    /// recover, the most cards that may be lost, the heirs' path without the owner's cards.
    Plan(PlanArgs),
    /// Roll call: the short code of a card, for its holder to read to the owner; with
    /// --sheet, compare the codes holders read out with the ones kept since the split.
    Rollcall(RollcallArgs),
    /// Write seedshard.html, the offline page that recovers a wallet in a browser (built into
    /// this program), and print its SHA-256.
    Page(PageArgs),
}

/// Arguments of `page`.
#[derive(Debug, Args)]
pub struct PageArgs {
    /// Write seedshard.html into this directory (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Replace seedshard.html if it exists in the directory.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write the pages into this directory (created if missing) instead of printing
    /// seedshard.1 to standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Replace pages that already exist in the directory.
    #[arg(long, requires = "out")]
    pub force: bool,
}

/// Arguments of `rollcall`.
#[derive(Debug, Args)]
pub struct RollcallArgs {
    /// Without --sheet: files with shares, one a line, or `-` for standard input (a terminal
    /// prompts for one share). With --sheet: files with the codes read out, one a line,
    /// optionally after the share number or holder name (`2.3 word word word word`).
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// The expected codes: the JSON written by `split --json`, `extend --json`,
    /// `cards --json` or `reissue --json`, or a codes file as `seedshard rollcall` writes it (`G.M word word word word [NAME]`).
    #[arg(long, value_name = "FILE")]
    pub sheet: Option<PathBuf>,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `plan`.
#[derive(Debug, Args)]
pub struct PlanArgs {
    /// A group as THRESHOLDofCOUNT, e.g. 2of3; repeat for several groups (as `split`).
    #[arg(
        long = "group",
        value_name = "TofN",
        required_unless_present = "suggest"
    )]
    pub groups: Vec<String>,

    /// Groups needed to recover (default: 1 with one group; required with several).
    #[arg(long, value_name = "G", value_parser = clap::value_parser!(u8).range(1..=16))]
    pub group_threshold: Option<u8>,

    /// The holder of each card, in share order (as `split --holder`); the same name for
    /// several cards means one person keeps them all.
    #[arg(long = "holder", value_name = "NAME")]
    pub holders: Vec<String>,

    /// A place and the holders who keep their cards there, as NAME=holder,holder; repeat for
    /// each place.
    #[arg(long = "place", value_name = "NAME=HOLDERS")]
    pub places: Vec<String>,

    /// The holder who is the owner (default: a holder called `owner`; without holder names,
    /// the single-card groups are taken as the owner's).
    #[arg(long, value_name = "NAME")]
    pub owner: Option<String>,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,

    /// Also draw the plan (groups, holders, places) into FILE (.svg or .png).
    #[arg(long, value_name = "FILE")]
    pub picture: Option<PathBuf>,

    /// Replace the picture file if it exists.
    #[arg(long)]
    pub force: bool,

    /// Search two-level plans for the goals --holders, --survive-losses and --resist, and
    /// list the best few.
    #[arg(long, conflicts_with_all = ["groups", "holders", "places", "owner", "picture"])]
    pub suggest: bool,

    /// With --suggest: how many people will hold one card each.
    #[arg(long = "holders", value_name = "N", requires = "suggest",
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub holder_count: Option<u16>,

    /// With --suggest: any L cards may be lost and the wallet still recovers.
    #[arg(long, value_name = "L", requires = "suggest")]
    pub survive_losses: Option<u16>,

    /// With --suggest: no R holders together can recover.
    #[arg(long, value_name = "R", requires = "suggest")]
    pub resist: Option<u16>,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files with one share a line (a word may be ? when unreadable), or `-` for standard
    /// input. Without any, shares are read from standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Also exit 1 when the set does not recover from the shares given.
    #[arg(long)]
    pub complete: bool,

    /// Also read shares from the QR codes in PNG or JPEG photos or scans of share cards.
    #[arg(long, value_name = "IMAGE", num_args = 1..)]
    pub scan: Vec<PathBuf>,

    /// Write one JSON document to standard output (positions and public fields, no words).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// A file holding one share, or `-` for standard input (the default).
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// Write one JSON document to standard output (see docs/json.md).
    #[arg(long)]
    pub json: bool,
}

/// Arguments of `reissue`.
#[derive(Debug, Args)]
pub struct ReissueArgs {
    /// Files with shares of the group, one a line, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// The group of the new share, numbered from 1 as on the cards (needed when the shares
    /// come from several groups).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=16))]
    pub group_index: Option<u8>,

    /// The member whose share to make, numbered from 1 as on the cards: a lost card's number,
    /// or a number never issued for a new holder.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=16))]
    pub member_index: u8,

    /// Write one JSON document to standard output: the new share's words (secret), its
    /// number and its roll-call code (see docs/json.md).
    #[arg(long)]
    pub json: bool,

    /// The new share's card, and an owner sheet with its roll-call code.
    #[command(flatten)]
    pub cards: NewCardsArgs,
}

/// Arguments of `extend`.
#[derive(Debug, Args)]
pub struct ExtendArgs {
    /// Files with shares of the old set, one a line, or `-` for standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// The groups of the new set.
    #[command(flatten)]
    pub plan: GroupArgs,

    /// Write one JSON document to standard output (as `split --json`).
    #[arg(long)]
    pub json: bool,

    /// The new set's cards and owner sheet.
    #[command(flatten)]
    pub cards: NewCardsArgs,
}

/// The groups of a set to make (`split`, `extend`).
#[derive(Debug, Args)]
pub struct GroupArgs {
    /// A group of the set to make as THRESHOLDofCOUNT, e.g. 2of3; repeat for several groups.
    #[arg(long = "group", value_name = "TofN", required = true)]
    pub groups: Vec<String>,

    /// Groups needed to recover (default: 1 with one group; required with several).
    #[arg(long, value_name = "G", value_parser = clap::value_parser!(u8).range(1..=16))]
    pub group_threshold: Option<u8>,
}

/// Arguments of `split`.
#[derive(Debug, Args)]
pub struct SplitArgs {
    /// The groups of the set.
    #[command(flatten)]
    pub plan: GroupArgs,

    /// Generate a new random secret of BITS bits (128 or 256); with --bip39-mode entropy, a
    /// new BIP-39 phrase (12 or 24 words) and its shares.
    #[arg(long, value_name = "BITS", num_args = 0..=1, default_missing_value = "128",
          conflicts_with_all = ["secret_file", "bip39_file"])]
    pub generate: Option<u16>,

    /// Read a BIP-39 phrase to back up from a file, or `-` for standard input (needs
    /// --bip39-mode; with --bip39-mode alone, a terminal prompts for the phrase).
    #[arg(long, value_name = "FILE", conflicts_with = "secret_file")]
    pub bip39_file: Option<PathBuf>,

    /// How a BIP-39 phrase becomes the shares' secret: `entropy` (recovery gives back the
    /// phrase; not for typing into a Trezor) or `seed` (the 64-byte BIP-39 seed, 59-word
    /// shares that a SLIP-39 wallet opens as the same wallet).
    #[arg(long, value_enum, value_name = "MODE", conflicts_with = "secret_file")]
    pub bip39_mode: Option<Bip39ModeArg>,

    /// Read the BIP-39 passphrase (part of the BIP-39 seed; not the SLIP-39 passphrase) from a
    /// file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub bip39_passphrase_file: Option<PathBuf>,

    /// The network whose fingerprint and addresses to show.
    #[arg(long, value_enum, default_value_t = NetworkArg::Bitcoin)]
    pub network: NetworkArg,

    /// Read the master secret as hex from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub secret_file: Option<PathBuf>,

    /// Read the SLIP-39 passphrase from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// Iteration exponent e (0 to 15): 10000 x 2^e PBKDF2 iterations protect the passphrase.
    #[arg(long, value_name = "E", default_value_t = 1,
          value_parser = clap::value_parser!(u8).range(0..=15))]
    pub iteration_exponent: u8,

    /// Make a set without the extendable flag (for wallets that predate it).
    #[arg(long)]
    pub no_extendable: bool,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,

    /// Read the BIP-39 phrase to back up from a SeedQR (standard or compact) in a PNG or JPEG
    /// image (needs --bip39-mode).
    #[arg(long, value_name = "IMAGE", conflicts_with_all = ["secret_file", "bip39_file", "generate"])]
    pub scan: Option<PathBuf>,

    /// Also write a share card for each share, and the owner sheet, into DIR.
    #[arg(long = "cards", value_name = "DIR")]
    pub cards_dir: Option<PathBuf>,

    /// How to draw the cards.
    #[command(flatten)]
    pub card: CardArgs,
}

/// Arguments of `combine`.
#[derive(Debug, Args)]
pub struct CombineArgs {
    /// Files with one share a line (`#` comments and blank lines ignored), or `-` for
    /// standard input. Without any, shares are read from standard input.
    #[arg(value_name = "FILE")]
    pub inputs: Vec<PathBuf>,

    /// Read shares from the QR codes in PNG or JPEG photos or scans of share cards (several
    /// cards in one picture are fine); repeat or list several images.
    #[arg(long, value_name = "IMAGE", num_args = 1..)]
    pub scan: Vec<PathBuf>,

    /// Read the SLIP-39 passphrase from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub passphrase_file: Option<PathBuf>,

    /// What to print: the master secret as hex, the BIP-32 root key (xprv), or the BIP-39
    /// phrase (for shares made in entropy mode).
    #[arg(long, value_enum, default_value_t = SecretFormat::Hex)]
    pub to: SecretFormat,

    /// Read the BIP-39 passphrase (for the BIP-39 reading; not the SLIP-39 passphrase) from a
    /// file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub bip39_passphrase_file: Option<PathBuf>,

    /// The network, and the wallet expected.
    #[command(flatten)]
    pub wallet: WalletArgs,

    /// When typing shares at a terminal, do not show the words as they are typed.
    #[arg(long)]
    pub hide_words: bool,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,
}

/// The network and the wallet expected (`combine`, `verify`).
#[derive(Debug, Args)]
pub struct WalletArgs {
    /// The network whose keys, fingerprint and addresses to show.
    #[arg(long, value_enum, default_value_t = NetworkArg::Bitcoin)]
    pub network: NetworkArg,

    /// Check that the wallet has master fingerprint HEX (of several readings, pick the one
    /// that has it); exit 1 if none has.
    #[arg(long, value_name = "HEX", conflicts_with = "expect_address")]
    pub expect_fingerprint: Option<String>,

    /// Check that the wallet has the address ADDR (bc1q/bc1p, among the first 20 receive and
    /// change addresses; of several readings, pick the one that has it); exit 1 if none has.
    #[arg(long, value_name = "ADDR")]
    pub expect_address: Option<String>,
}

/// Output forms of a recovered secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SecretFormat {
    /// The master secret in hexadecimal.
    Hex,
    /// The BIP-32 root extended private key (xprv; tprv on test networks).
    Xprv,
    /// The BIP-39 phrase whose entropy is the master secret (entropy mode).
    Bip39,
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

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Files with one share a line, or `-` for standard input. Without any (and without
    /// --secret-file or --bip39-file), shares are read from standard input.
    #[arg(value_name = "FILE", conflicts_with_all = ["secret_file", "bip39_file"])]
    pub inputs: Vec<PathBuf>,

    /// Read a master secret as hex from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE", conflicts_with = "bip39_file")]
    pub secret_file: Option<PathBuf>,

    /// Read a BIP-39 phrase from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub bip39_file: Option<PathBuf>,

    /// Read the SLIP-39 passphrase (for shares) from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["secret_file", "bip39_file"])]
    pub passphrase_file: Option<PathBuf>,

    /// Read the BIP-39 passphrase (not the SLIP-39 one) from a file, or `-` for standard input.
    #[arg(long, value_name = "FILE")]
    pub bip39_passphrase_file: Option<PathBuf>,

    /// The network, and the wallet expected.
    #[command(flatten)]
    pub wallet: WalletArgs,

    /// Write one JSON document to standard output.
    #[arg(long)]
    pub json: bool,
}

/// The BIP-39 bridging modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Bip39ModeArg {
    /// The phrase's entropy is the secret: recovery gives back the exact phrase.
    Entropy,
    /// The 64-byte BIP-39 seed is the secret (59-word shares).
    Seed,
}

/// What the shares of an existing set hold, for commands that draw or extend them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShareModeArg {
    /// Made from a BIP-39 phrase in entropy mode.
    Entropy,
    /// Made from a BIP-39 phrase in seed mode (59-word shares).
    Seed,
    /// Not made from a BIP-39 phrase: a SLIP-39 master secret, as a Trezor uses it.
    None,
}

/// The Bitcoin networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkArg {
    /// Bitcoin mainnet.
    Bitcoin,
    /// Testnet (coin type 1').
    Testnet,
    /// Signet (coin type 1').
    Signet,
    /// Regtest (coin type 1').
    Regtest,
}
