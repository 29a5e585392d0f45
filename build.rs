//! Records the commit and the features the tool is built with, for `seedshard --version`.
//!
//! The commit comes from `git rev-parse` when the source is a git checkout; a source tree
//! without git (a crate package, an archive) says "unknown". Nothing else about the build
//! machine is recorded, so two builds of one commit stay identical.

use std::path::PathBuf;
use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).unwrap_or_else(|| "unknown".into());
    println!("cargo:rustc-env=SEEDSHARD_COMMIT={commit}");
    // The optional features this build enables (Cargo sets CARGO_FEATURE_<NAME> for each).
    let features: Vec<&str> = ["std", "bip39", "bitcoin", "qr", "card", "cli"]
        .into_iter()
        .filter(|f| std::env::var_os(format!("CARGO_FEATURE_{}", f.to_uppercase())).is_some())
        .collect();
    println!("cargo:rustc-env=SEEDSHARD_FEATURES={}", features.join(" "));
    // Build again when HEAD moves: HEAD itself (a branch switch) and the ref it names.
    if let Some(git_dir) = git(&["rev-parse", "--git-dir"]) {
        let head = PathBuf::from(&git_dir).join("HEAD");
        if head.exists() {
            println!("cargo:rerun-if-changed={}", head.display());
        }
    }
    if let Some(reference) = git(&["rev-parse", "--symbolic-full-name", "HEAD"]) {
        if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
            let path = PathBuf::from(common).join(&reference);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}
