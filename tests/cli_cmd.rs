//! The deterministic cases of the command-line contract, one file each under `tests/cmd/`:
//! the arguments, the standard input, and the exact standard output, standard error and exit
//! code. Errors, hints and exit codes are what a user and a script see; these files pin them
//! word for word, so a change to any of them shows here.
//!
//! A case is `tests/cmd/NAME.toml` (trycmd's format), with files it reads in `NAME.in/` (its
//! working directory). After an intended change of wording, `TRYCMD=overwrite cargo test
//! --test cli_cmd` rewrites the expected text; review the difference before committing.
#![cfg(feature = "cli")]

#[test]
fn cli_cases() {
    trycmd::TestCases::new()
        .register_bin(
            "seedshard",
            std::path::Path::new(env!("CARGO_BIN_EXE_seedshard")),
        )
        .case("tests/cmd/*.toml");
}
