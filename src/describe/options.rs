//! Sentences about the options a person gave, before any input is read: the groups of a
//! plan and where the secret of a backup comes from. They name the options as the CLI spells
//! them (`--group`, `--bip39-mode`), which is also how the README and the offline page name
//! them.
//!
//! Each function returns `(what, hint)`: what is wrong, then what to do.

use alloc::format;
use alloc::string::{String, ToString};

use crate::backup::{
    BackupError, FilesModeError, GroupPlanError, ModeConflict, ShareMode, SourceChoiceError,
};
use crate::plan::LayoutError;

/// Why the groups given do not make a plan; `groups` are the texts given, in order.
pub fn group_plan_error<S: AsRef<str>>(groups: &[S], e: &GroupPlanError) -> (String, String) {
    match e {
        GroupPlanError::Group { group, error } => (
            format!(
                "--group {} (group {group}): {error}",
                groups.get(group - 1).map_or("", AsRef::as_ref)
            ),
            "write each group as THRESHOLDofCOUNT, e.g. --group 2of3; counts go up to 16"
                .to_string(),
        ),
        GroupPlanError::NoGroupThreshold { groups } => (
            e.to_string(),
            format!("add --group-threshold G with G from 1 to {groups}"),
        ),
        _ => (
            e.to_string(),
            "check the --group and --group-threshold values".to_string(),
        ),
    }
}

/// The hint shared by the two ways of missing a BIP-39 mode: what each mode means.
const MODES: &str = "entropy: recovery gives back the phrase, but the shares are not for a \
                     Trezor; seed: a SLIP-39 wallet opens the same wallet from 59-word shares, \
                     but the phrase is not kept";

/// Why the secret of a backup cannot come from where the options say.
pub fn source_choice_error(e: &SourceChoiceError) -> (String, String) {
    let (what, hint): (String, &str) = match e {
        SourceChoiceError::Strength { bits } => (
            format!("--generate {bits}: seedshard generates 128- or 256-bit secrets"),
            "use --generate 128 or --generate 256",
        ),
        SourceChoiceError::PhraseStrength { bits } => (
            format!(
                "--generate {bits}: seedshard generates 128- or 256-bit BIP-39 phrases (12 or 24 words)"
            ),
            "use --generate 128 or --generate 256",
        ),
        SourceChoiceError::ScanWithoutMode => (
            "--scan needs --bip39-mode entropy or seed".to_string(),
            MODES,
        ),
        SourceChoiceError::PhraseWithoutMode => (
            "--bip39-file needs --bip39-mode entropy or seed".to_string(),
            MODES,
        ),
        SourceChoiceError::PassphraseWithoutPhrase => (
            "--bip39-passphrase-file applies only to a BIP-39 phrase".to_string(),
            "add --bip39-file FILE --bip39-mode entropy|seed, or give the SLIP-39 passphrase with --passphrase-file",
        ),
        SourceChoiceError::GenerateSeedMode => (
            "--generate with --bip39-mode seed would make shares that can never give back the new phrase".to_string(),
            "use --bip39-mode entropy to create a new BIP-39 phrase with its shares",
        ),
        _ => (
            "no secret to split was named".to_string(),
            "add --generate 128 for a new secret, --secret-file FILE (hex; - for standard input), \
             or --bip39-file FILE --bip39-mode entropy|seed to back up a BIP-39 phrase",
        ),
    };
    (what, hint.to_string())
}

/// Why a backup could not be made once its options were checked: (what, hint).
pub fn backup_error(e: &BackupError) -> (String, &'static str) {
    let hint = match e {
        BackupError::Split(_) => "check the plan",
        BackupError::Strength { .. } | BackupError::Secret(_) | BackupError::Bip39(_) => {
            "use --generate 128 or 256"
        }
    };
    (e.to_string(), hint)
}

/// Why the holder names given (`--holder`, one a card in share order) do not fit the plan.
pub fn holders_error(e: &LayoutError) -> (String, &'static str) {
    (
        format!("--holder: {e}"),
        "give one --holder NAME per card, in share order (group by group); repeat a name for someone who keeps several cards",
    )
}

/// Why the place written `place` (`--place NAME=holder,holder`) cannot be added: `e` is
/// `None` when it has no `=` ([`crate::plan::parse_place`]).
pub fn place_error(place: &str, e: Option<&LayoutError>) -> (String, &'static str) {
    match e {
        None => (
            format!("--place {place}: no = between the place and its holders"),
            "write each place as NAME=holder,holder, e.g. --place home=Ann,Bob",
        ),
        Some(e) => (
            format!("--place {place}: {e}"),
            "name holders exactly as in --holder; each holder keeps their cards in one place",
        ),
    }
}

/// Why the owner named (`--owner`) cannot be taken.
pub fn owner_error(e: &LayoutError) -> (String, &'static str) {
    (
        format!("--owner: {e}"),
        "name the owner exactly as in --holder",
    )
}

/// Why the mode lines of the share files read cannot be followed; `names` are the files'
/// names in the order read.
pub fn files_mode_error<S: AsRef<str>>(names: &[S], e: &FilesModeError<'_>) -> (String, String) {
    let at = |(file, line): (usize, usize)| {
        format!("{} line {line}", names.get(file).map_or("", AsRef::as_ref))
    };
    match e {
        FilesModeError::Unknown { file, line } => (
            format!(
                "{}: unknown mode {:?} in the seedshard line",
                at((*file, line.line)),
                line.value
            ),
            "the mode is slip39, entropy or seed; correct the line or remove it and give --bip39-mode".to_string(),
        ),
        FilesModeError::Disagree {
            first,
            first_mode,
            other,
            other_mode,
        } => (
            format!(
                "{} says the shares are {first_mode}, but {} says {other_mode}",
                at(*first),
                at(*other)
            ),
            "give shares of one set, from files that agree on how they were made".to_string(),
        ),
    }
}

/// The `--bip39-mode` value naming `mode`.
fn flag_word(mode: ShareMode) -> &'static str {
    match mode {
        ShareMode::Slip39 => "none",
        m => m.as_str(),
    }
}

/// Why the mode of an existing set's shares is not known (`command` is the command that
/// needs it, named in the hint).
pub fn mode_conflict(e: &ModeConflict, command: &str) -> (String, String) {
    match e {
        ModeConflict::Contradicts { given, file } => (
            format!(
                "--bip39-mode {} contradicts the share file, which says mode={}",
                flag_word(*given),
                file.as_str()
            ),
            "leave out --bip39-mode to use what the file says, or correct the file's `# seedshard: mode=` line if it is wrong".to_string(),
        ),
        _ => (
            "the share file does not say whether the shares were made from a BIP-39 phrase (it has no `# seedshard: mode=` line)".to_string(),
            format!(
                "add --bip39-mode entropy or seed if the shares were made from a BIP-39 phrase in that mode, or --bip39-mode none if not (the owner sheet of the set says which); seedshard {command} will then say so on everything it writes"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backup::group_plan;

    #[test]
    fn layout_errors_quote_the_option_as_given() {
        use crate::plan::{parse_place, Layout};
        let layout = Layout::new(group_plan(&["2of3"], None).unwrap())
            .with_holders(&["Ann"])
            .unwrap();
        assert_eq!(
            place_error("home", None).0,
            "--place home: no = between the place and its holders"
        );
        let (name, who) = parse_place("home=Zed").unwrap();
        let e = layout.clone().with_place(name, &who).unwrap_err();
        let (what, hint) = place_error("home=Zed", Some(&e));
        assert_eq!(
            what,
            "--place home=Zed: place home names Zed, who holds no card in this plan"
        );
        assert!(hint.starts_with("name holders exactly as in --holder"));
        let e = layout.with_owner("Bo").unwrap_err();
        assert!(owner_error(&e).0.starts_with("--owner: "));
        let e = Layout::new(group_plan(&["2of3"], None).unwrap())
            .with_holders(&["A", "B", "C", "D"])
            .unwrap_err();
        assert!(holders_error(&e).0.starts_with("--holder: "));
    }

    #[test]
    fn backup_errors_say_what_failed_and_what_to_give() {
        assert_eq!(
            backup_error(&BackupError::Strength { bits: 192 }),
            (
                "seedshard generates 128- or 256-bit secrets, not 192-bit ones".to_string(),
                "use --generate 128 or 256"
            )
        );
        let split = crate::slip39::scheme::SplitError::NotExtendable;
        assert_eq!(
            backup_error(&BackupError::Split(split)),
            (split.to_string(), "check the plan")
        );
    }

    #[test]
    fn group_errors_quote_the_group_as_given() {
        let groups = ["2of3", "5of3"];
        let e = group_plan(&groups, Some(1)).unwrap_err();
        let (what, hint) = group_plan_error(&groups, &e);
        assert!(what.starts_with("--group 5of3 (group 2): "), "{what}");
        assert!(hint.contains("THRESHOLDofCOUNT"));
        let e = group_plan(&["2of3", "2of3", "1of1"], None).unwrap_err();
        let (what, hint) = group_plan_error(&["2of3", "2of3", "1of1"], &e);
        assert_eq!(what, "3 groups were given but not how many are needed");
        assert_eq!(hint, "add --group-threshold G with G from 1 to 3");
    }

    #[test]
    fn source_errors_name_the_options() {
        let (what, hint) = source_choice_error(&SourceChoiceError::PhraseWithoutMode);
        assert_eq!(what, "--bip39-file needs --bip39-mode entropy or seed");
        assert!(hint.starts_with("entropy: recovery gives back the phrase"));
        let (what, _) = source_choice_error(&SourceChoiceError::Strength { bits: 192 });
        assert_eq!(
            what,
            "--generate 192: seedshard generates 128- or 256-bit secrets"
        );
        let (what, hint) = source_choice_error(&SourceChoiceError::NoSource);
        assert_eq!(what, "no secret to split was named");
        assert!(hint.contains("standard input), or --bip39-file"), "{hint}");
    }

    #[test]
    fn mode_errors_name_the_files_and_the_flag() {
        let texts = ["# seedshard: mode=entropy\n", "# seedshard: mode=seed\n"];
        let e = crate::backup::files_mode(texts).unwrap_err();
        let (what, _) = files_mode_error(&["a.txt", "b.txt"], &e);
        assert_eq!(
            what,
            "a.txt line 1 says the shares are entropy, but b.txt line 1 says seed"
        );
        let e = ModeConflict::Contradicts {
            given: ShareMode::Slip39,
            file: ShareMode::Seed,
        };
        let (what, _) = mode_conflict(&e, "cards");
        assert_eq!(
            what,
            "--bip39-mode none contradicts the share file, which says mode=seed"
        );
        let (_, hint) = mode_conflict(&ModeConflict::Unknown, "extend");
        assert!(hint.ends_with("seedshard extend will then say so on everything it writes"));
    }
}
