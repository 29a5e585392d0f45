//! Interop with the BIP-39 reference implementation (PyPI `mnemonic`): phrases, entropy and
//! seeds agree both ways.
//!
//! The test runs `$SEEDSHARD_REF_PYTHON`, else `.venv/bin/python`, which must have the
//! `mnemonic` package. Without it the test is reported as ignored, except under `CI=true`,
//! where it fails (run through `common::Harness`: add each test to `main`).

use std::path::{Path, PathBuf};
use std::process::Command;

use seedshard::bip39::{Bip39Passphrase, Bip39Phrase};
use seedshard::MasterSecret;
use serde_json::{json, Value};

mod common;
use common::Need;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

// ---------------------------------------------------------------------------------------------
// Interop with the BIP-39 reference (PyPI `mnemonic`)

const REFERENCE: &str = r#"
import json, sys
from mnemonic import Mnemonic
m = Mnemonic("english")
out = []
for req in json.load(sys.stdin):
    if req["op"] == "from_entropy":
        phrase = m.to_mnemonic(bytes.fromhex(req["entropy"]))
        out.append({"phrase": phrase, "seed": Mnemonic.to_seed(phrase, req["passphrase"]).hex()})
    elif req["op"] == "read":
        phrase = req["phrase"]
        out.append({"ok": m.check(phrase), "entropy": bytes(m.to_entropy(phrase)).hex(),
                    "seed": Mnemonic.to_seed(phrase, req["passphrase"]).hex()})
    elif req["op"] == "generate":
        out.append({"phrase": m.generate(req["bits"])})
json.dump(out, sys.stdout)
"#;

/// The interpreter with the `mnemonic` package (see `common::reference_python_need`).
fn reference_python() -> Need<PathBuf> {
    common::reference_python_need(
        "BIP-39 reference implementation",
        "create it with: python3 -m venv .venv && .venv/bin/pip install mnemonic \
         (or point SEEDSHARD_REF_PYTHON at a python that has it)",
        |python| match Command::new(python)
            .args(["-c", "import mnemonic"])
            .output()
        {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(format!(
                "cannot import mnemonic: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            )),
            Err(e) => Err(format!("cannot run: {e}")),
        },
    )
}

fn run_reference(python: &Path, requests: &[Value]) -> Vec<Value> {
    common::run_python_json(python, &["-c".as_ref(), REFERENCE.as_ref()], requests)
        .unwrap_or_else(|e| panic!("reference failed: {e}"))
}

/// Passphrases that exercise NFKD: a precomposed accent, a ligature, full-width letters.
const PASSPHRASES: [&str; 5] = ["", "TREZOR", "caf\u{e9}", "\u{fb01}sh", "\u{ff34}\u{ff25}"];

fn random_phrases_agree_with_the_reference_both_ways() {
    let python = reference_python().expect("checked by the harness");
    const CASES: usize = 40;
    // seedshard generates; the reference reads.
    let ours: Vec<(Bip39Phrase, &str)> = (0..CASES)
        .map(|i| {
            let bits = [128, 160, 192, 224, 256][i % 5];
            (
                Bip39Phrase::generate(bits).unwrap(),
                PASSPHRASES[i % PASSPHRASES.len()],
            )
        })
        .collect();
    // The reference generates; seedshard reads.
    let mut requests: Vec<Value> = ours
        .iter()
        .map(|(p, pass)| json!({"op": "read", "phrase": p.to_words().as_str(), "passphrase": pass}))
        .collect();
    requests.extend((0..CASES).map(|i| {
        let bits = [128, 256, 192][i % 3];
        json!({"op": "generate", "bits": bits})
    }));
    // Entropy from seedshard's generator, encoded by both.
    let entropies: Vec<MasterSecret> = (0..CASES)
        .map(|i| MasterSecret::generate([16, 20, 24, 28, 32][i % 5]).unwrap())
        .collect();
    requests.extend(entropies.iter().enumerate().map(|(i, e)| {
        json!({"op": "from_entropy", "entropy": hex(e.expose_secret()),
               "passphrase": PASSPHRASES[(i + 1) % PASSPHRASES.len()]})
    }));
    let answers = run_reference(&python, &requests);

    for (i, ((phrase, pass), a)) in ours.iter().zip(&answers[..CASES]).enumerate() {
        assert_eq!(a["ok"], true, "case {i}: reference rejects our phrase");
        assert_eq!(
            a["entropy"],
            hex(phrase.to_entropy().expose_secret()),
            "case {i}"
        );
        let seed = phrase.to_seed(&Bip39Passphrase::new(pass.to_string()));
        assert_eq!(a["seed"], hex(seed.expose_secret()), "case {i}: seed");
    }
    for (i, a) in answers[CASES..2 * CASES].iter().enumerate() {
        let text = a["phrase"].as_str().unwrap();
        let p = Bip39Phrase::parse(text).unwrap_or_else(|e| panic!("case {i}: {e}"));
        assert_eq!(*p.to_words(), text, "case {i}");
    }
    for (i, (e, a)) in entropies.iter().zip(&answers[2 * CASES..]).enumerate() {
        let p = Bip39Phrase::from_master_secret(e).unwrap();
        assert_eq!(a["phrase"], p.to_words().as_str(), "case {i}: phrase");
        let pass = Bip39Passphrase::new(PASSPHRASES[(i + 1) % PASSPHRASES.len()].to_string());
        assert_eq!(
            a["seed"],
            hex(p.to_seed(&pass).expose_secret()),
            "case {i}: seed"
        );
    }
}

fn main() {
    common::Harness::new(include_str!("interop_bip39.rs"))
        .needs(
            "random_phrases_agree_with_the_reference_both_ways",
            &reference_python(),
            random_phrases_agree_with_the_reference_both_ways,
        )
        .run()
}
