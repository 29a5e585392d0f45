//! The hex code for secrets has no conditional jump in its compiled form: the functions that
//! turn a byte into two digits and a digit into its value (`seedshard::hex::digit_pair`,
//! `digit_value`), and every function they call, are disassembled from the built `seedshard`
//! binary with objdump and searched for conditional jumps (`jCC`, `loop`, `jrcxz`).
//!
//! The detector must find what it looks for: it is run on a function that branches on its
//! input (`seedshard::slip39::wordlist::index_of`) and must report jumps there.
//!
//! Needs objdump (binutils) on x86-64 Linux: without it the test is reported as ignored, and
//! in CI it fails (run through `common::Harness`: add each test to `main`).

use std::collections::HashMap;
use std::process::Command;

mod common;

/// Instructions of every function in the binary, by demangled name (without hash).
fn disassemble() -> Option<HashMap<String, Vec<String>>> {
    let out = Command::new("objdump")
        .args(["-d", "-C", "--no-show-raw-insn", "-M", "intel"])
        .arg(env!("CARGO_BIN_EXE_seedshard"))
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut functions: HashMap<String, Vec<String>> = HashMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        // "0000000000012340 <seedshard::hex::digit_pair>:"
        if let Some(name) = line
            .split_once(" <")
            .filter(|(addr, _)| addr.chars().all(|c| c.is_ascii_hexdigit()) && !addr.is_empty())
            .and_then(|(_, rest)| rest.strip_suffix(">:"))
        {
            current = Some(name.to_string());
            functions.entry(name.to_string()).or_default();
        } else if let Some(name) = &current {
            if let Some((_, insn)) = line.split_once(":\t") {
                functions
                    .get_mut(name)
                    .unwrap()
                    .push(insn.trim().to_string());
            }
        }
    }
    Some(functions)
}

fn is_conditional_jump(insn: &str) -> bool {
    let mnemonic = insn.split_whitespace().next().unwrap_or("");
    (mnemonic.starts_with('j') && mnemonic != "jmp")
        || mnemonic.starts_with("loop")
        || mnemonic == "jrcxz"
}

/// The function whose name, without a trailing hash, is `name`.
fn find<'a>(
    functions: &'a HashMap<String, Vec<String>>,
    name: &str,
) -> Option<(&'a String, &'a Vec<String>)> {
    functions.iter().find(|(k, _)| {
        k.as_str() == name
            || k.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with("::h"))
    })
}

/// Conditional jumps in `name` and in every function it calls, as "function: instruction".
fn jumps(functions: &HashMap<String, Vec<String>>, name: &str) -> Vec<String> {
    let mut seen = Vec::new();
    let mut todo = vec![name.to_string()];
    let mut found = Vec::new();
    while let Some(f) = todo.pop() {
        if seen.contains(&f) {
            continue;
        }
        seen.push(f.clone());
        let body = &functions[&f];
        assert!(!body.is_empty(), "{f} has no instructions");
        for insn in body {
            if is_conditional_jump(insn) {
                found.push(format!("{f}: {insn}"));
            }
            let mnemonic = insn.split_whitespace().next().unwrap_or("");
            if mnemonic == "call" || mnemonic == "jmp" {
                match insn.split_once(" <").and_then(|(_, t)| t.strip_suffix('>')) {
                    // A jump within the function ("<f+0x12>") is not a call.
                    Some(target) if target.contains('+') => {}
                    Some(target) if functions.contains_key(target) => todo.push(target.to_string()),
                    Some(target) => {
                        found.push(format!("{f}: calls {target}, which is not checked"))
                    }
                    None => found.push(format!("{f}: indirect {insn}")),
                }
            }
        }
    }
    found
}

fn hex_digits_are_made_and_read_without_conditional_jumps() {
    let functions = disassemble().expect("objdump runs (checked by the harness)");
    // The detector finds the branches of a function that has them.
    let (branchy, _) = find(&functions, "seedshard::slip39::wordlist::index_of")
        .expect("index_of is in the binary");
    assert!(
        !jumps(&functions, branchy).is_empty(),
        "the detector finds no conditional jump in {branchy}, which has several"
    );
    for name in ["seedshard::hex::digit_pair", "seedshard::hex::digit_value"] {
        let (full, body) = find(&functions, name)
            .unwrap_or_else(|| panic!("{name} is not a function of its own in the binary"));
        let found = jumps(&functions, full);
        assert!(
            found.is_empty(),
            "{name} ({} instructions) branches:\n{}",
            body.len(),
            found.join("\n")
        );
        eprintln!("{name}: {} instructions, no conditional jump", body.len());
    }
}

fn main() {
    const NAME: &str = "hex_digits_are_made_and_read_without_conditional_jumps";
    let h = common::Harness::new(include_str!("hex_branch_free.rs"));
    if cfg!(all(target_arch = "x86_64", target_os = "linux")) {
        h.needs(
            NAME,
            &common::tool_need("objdump", "--version", "binutils"),
            hex_digits_are_made_and_read_without_conditional_jumps,
        )
    } else {
        h.not_here(NAME, "the check reads x86-64 code, on Linux")
    }
    .run()
}
