//! Interoperability with the SLIP-39 reference implementation (PyPI `shamir-mnemonic` 0.3.0).
//!
//! Both directions, over random plans: the reference splits and seedshard combines, and
//! seedshard splits and the reference combines; then the same through the `seedshard` binary.
//! All Python work of one test goes through one process (`tests/interop/reference.py`, JSON on
//! stdin and stdout).
//!
//! The interpreter is `$SEEDSHARD_REF_PYTHON`, else `.venv/bin/python` (which `.ci/run`
//! creates). Without it the tests are reported as ignored (run through `common::Harness`:
//! add each test to `main`), except under `CI=true`, where they fail. Each run draws a fresh seed, printed so that a failure can be replayed with
//! `SEEDSHARD_INTEROP_SEED=<seed> cargo test --test interop`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use seedshard::{
    combine, GroupSpec, IterationExponent, MasterSecret, Passphrase, Share, SplitPlan,
};
use serde_json::{json, Value};

mod common;
use common::Need;

/// Random cases in each direction.
const CASES: usize = 120;

// ---------------------------------------------------------------------------------------------
// The reference interpreter

static PYTHON: OnceLock<Need<PathBuf>> = OnceLock::new();
static SHAMIR: OnceLock<Need<PathBuf>> = OnceLock::new();

/// The Python interpreter that has `shamir_mnemonic` 0.3.0, looked for once.
fn python_need() -> &'static Need<PathBuf> {
    PYTHON.get_or_init(common::slip39_reference_need)
}

/// The reference interpreter (the tests that call it run only when it is there).
fn python() -> PathBuf {
    python_need().clone().expect("checked by the harness")
}

fn run_reference(python: &Path, requests: &[Value]) -> Vec<Value> {
    common::run_slip39_reference(python, requests)
        .unwrap_or_else(|e| panic!("reference failed: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Random cases

/// SplitMix64: small, seedable, good enough to pick test cases (never used for secrets of
/// real sets).
struct Rng(u64);

impl Rng {
    fn from_env_or_time() -> Self {
        let seed = std::env::var("SEEDSHARD_INTEROP_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0x5eed)
            });
        eprintln!("interop seed: SEEDSHARD_INTEROP_SEED={seed}");
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + (self.next() % (hi - lo + 1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }

    /// `k` distinct elements of `0..n`, in random order.
    fn pick(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k {
            let j = self.range(i, n - 1);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.range(0, i);
            v.swap(i, j);
        }
    }
}

#[derive(Debug, Clone)]
struct Case {
    group_threshold: u8,
    /// (member threshold, member count) per group.
    groups: Vec<(u8, u8)>,
    secret: Vec<u8>,
    passphrase: String,
    extendable: bool,
    iteration_exponent: u8,
}

impl Case {
    fn random(rng: &mut Rng) -> Self {
        let group_count = rng.range(1, 4);
        let groups: Vec<(u8, u8)> = (0..group_count)
            .map(|_| {
                // Mostly small groups; now and then a full 16-member group.
                let count = if rng.chance(5) { 16 } else { rng.range(1, 5) };
                // SLIP-39 forbids threshold 1 with several members.
                let threshold = if count == 1 { 1 } else { rng.range(2, count) };
                (threshold as u8, count as u8)
            })
            .collect();
        let group_threshold = rng.range(1, group_count) as u8;
        let len = match rng.range(0, 5) {
            0 => 16,
            1 => 32,
            2 => 64,
            _ => 2 * rng.range(8, 32),
        };
        let passphrase = if rng.chance(50) {
            String::new()
        } else {
            let n = rng.range(1, 24);
            (0..n)
                .map(|_| char::from(rng.range(32, 126) as u8))
                .collect()
        };
        let iteration_exponent = match rng.range(0, 19) {
            0..=15 => 0,
            16..=18 => 1,
            _ => 2,
        };
        Self {
            group_threshold,
            groups,
            secret: rng.bytes(len),
            passphrase,
            extendable: rng.chance(50),
            iteration_exponent,
        }
    }

    fn plan(&self) -> SplitPlan {
        let groups = self
            .groups
            .iter()
            .map(|&(t, n)| GroupSpec::new(t, n).expect("valid group"))
            .collect();
        SplitPlan::new(self.group_threshold, groups)
            .expect("valid plan")
            .with_extendable(self.extendable)
            .with_iteration_exponent(
                IterationExponent::new(self.iteration_exponent).expect("0..=15"),
            )
    }

    fn passphrase(&self) -> Passphrase {
        Passphrase::new(self.passphrase.clone()).expect("printable ASCII")
    }

    fn split_request(&self) -> Value {
        json!({
            "op": "split",
            "group_threshold": self.group_threshold,
            "groups": self.groups,
            "secret_hex": hex(&self.secret),
            "passphrase": self.passphrase,
            "extendable": self.extendable,
            "iteration_exponent": self.iteration_exponent,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random qualifying subset with exactly the threshold number of groups and of members in
/// each (the reference accepts nothing else), shuffled. `groups[g][m]` is a share's text.
fn minimal_subset(
    rng: &mut Rng,
    group_threshold: u8,
    thresholds: &[u8],
    groups: &[Vec<String>],
) -> Vec<String> {
    let mut chosen = Vec::new();
    for g in rng.pick(groups.len(), usize::from(group_threshold)) {
        for m in rng.pick(groups[g].len(), usize::from(thresholds[g])) {
            chosen.push(groups[g][m].clone());
        }
    }
    rng.shuffle(&mut chosen);
    chosen
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|s| s.as_str().expect("string").to_owned())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Library level

fn reference_splits_seedshard_combines() {
    let python = python();
    let mut rng = Rng::from_env_or_time();
    let cases: Vec<Case> = (0..CASES).map(|_| Case::random(&mut rng)).collect();
    let requests: Vec<Value> = cases.iter().map(Case::split_request).collect();
    let answers = run_reference(&python, &requests);

    for (i, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        assert_eq!(
            answer["ok"], true,
            "case {i} {case:?}: reference split failed: {answer}"
        );
        let groups: Vec<Vec<String>> = answer["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(strings)
            .collect();
        assert_eq!(groups.len(), case.groups.len(), "case {i}");

        // Every share parses, reformats to the reference's exact text, and carries the plan.
        let mut identifier = None;
        for (g, members) in groups.iter().enumerate() {
            assert_eq!(
                members.len(),
                usize::from(case.groups[g].1),
                "case {i} group {g}"
            );
            for (m, text) in members.iter().enumerate() {
                let share = Share::parse(text)
                    .unwrap_or_else(|e| panic!("case {i}: reference share does not parse: {e}"));
                assert_eq!(
                    share.to_words().as_str(),
                    text.as_str(),
                    "case {i}: reformatted share differs"
                );
                assert_eq!(share.extendable(), case.extendable, "case {i}");
                assert_eq!(
                    share.iteration_exponent().get(),
                    case.iteration_exponent,
                    "case {i}"
                );
                assert_eq!(share.group_threshold(), case.group_threshold, "case {i}");
                assert_eq!(
                    usize::from(share.group_count()),
                    case.groups.len(),
                    "case {i}"
                );
                assert_eq!(usize::from(share.group_index()), g, "case {i}");
                assert_eq!(usize::from(share.member_index()), m, "case {i}");
                assert_eq!(share.member_threshold(), case.groups[g].0, "case {i}");
                assert_eq!(share.value_len(), case.secret.len(), "case {i}");
                let id = share.identifier().get();
                assert_eq!(
                    *identifier.get_or_insert(id),
                    id,
                    "case {i}: identifiers differ"
                );
            }
        }

        // A minimal subset recovers the secret; so, in a third of the cases, does every share.
        let thresholds: Vec<u8> = case.groups.iter().map(|g| g.0).collect();
        let mut texts = minimal_subset(&mut rng, case.group_threshold, &thresholds, &groups);
        if rng.chance(33) {
            texts = groups.concat();
            rng.shuffle(&mut texts);
        }
        let shares: Vec<Share> = texts
            .iter()
            .map(|t| Share::parse(t).expect("parses"))
            .collect();
        let secret = combine(&shares, &case.passphrase())
            .unwrap_or_else(|e| panic!("case {i} {case:?}: combine failed: {e}"));
        assert_eq!(
            secret.expose_secret(),
            case.secret.as_slice(),
            "case {i} {case:?}: wrong secret"
        );

        // A different passphrase opens a different secret, without an error (SLIP-39 has no
        // passphrase check by design).
        let other = Passphrase::new(format!("{}x", case.passphrase)).expect("ascii");
        let wrong = combine(&shares, &other).expect("combines with any passphrase");
        assert_ne!(wrong.expose_secret(), case.secret.as_slice(), "case {i}");
    }
}

fn seedshard_splits_reference_combines() {
    let python = python();
    let mut rng = Rng::from_env_or_time();
    let cases: Vec<Case> = (0..CASES).map(|_| Case::random(&mut rng)).collect();

    let mut requests = Vec::new();
    let mut expect_ok = Vec::new();
    for case in &cases {
        let secret = MasterSecret::from_slice(&case.secret).expect("valid length");
        let set = case
            .plan()
            .split(&secret, &case.passphrase())
            .expect("split");
        let groups: Vec<Vec<String>> = set
            .groups()
            .iter()
            .map(|members| members.iter().map(|s| s.to_words().to_string()).collect())
            .collect();
        let thresholds: Vec<u8> = case.groups.iter().map(|g| g.0).collect();
        let subset = minimal_subset(&mut rng, case.group_threshold, &thresholds, &groups);
        requests.push(json!({"op": "combine", "mnemonics": subset, "passphrase": case.passphrase}));
        expect_ok.push(true);

        // Now and then one share short: the reference must refuse it too, which shows that it
        // really checks what we send.
        if rng.chance(10) {
            let mut short = minimal_subset(&mut rng, case.group_threshold, &thresholds, &groups);
            short.pop();
            requests
                .push(json!({"op": "combine", "mnemonics": short, "passphrase": case.passphrase}));
            expect_ok.push(false);
        }
    }

    let answers = run_reference(&python, &requests);
    let mut secrets = cases.iter().map(|c| &c.secret);
    let mut current = None;
    for (i, (answer, ok)) in answers.iter().zip(&expect_ok).enumerate() {
        if *ok {
            current = secrets.next();
            let secret = current.expect("one secret per case");
            assert_eq!(
                answer["ok"], true,
                "request {i}: reference combine failed: {answer}"
            );
            assert_eq!(
                answer["secret_hex"],
                hex(secret),
                "request {i}: reference recovered another secret"
            );
        } else {
            assert_eq!(
                answer["ok"], false,
                "request {i}: reference combined a short set"
            );
            assert!(current.is_some());
        }
    }
    assert!(secrets.next().is_none(), "every case was checked");
}

// ---------------------------------------------------------------------------------------------
// Command-line level

fn seedshard(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_seedshard"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("seedshard runs")
}

/// (groups, group threshold, secret length, passphrase, extendable, exponent)
type CliRun = (&'static [&'static str], u8, usize, &'static str, bool, u8);

fn cli_split_json_recovers_in_reference() {
    let python = python();
    let mut rng = Rng::from_env_or_time();
    let dir = tempfile::tempdir().expect("temp dir");
    let runs: [CliRun; 4] = [
        (&["2of3"], 1, 16, "", true, 0),
        (&["2of3", "3of5", "1of1"], 2, 32, "TREZOR", true, 1),
        (&["3of4"], 1, 64, "correct horse ~ battery!", false, 0),
        (&["1of1", "2of2"], 2, 20, "", false, 2),
    ];
    let mut requests = Vec::new();
    let mut expected = Vec::new();
    for (k, (groups, gt, len, passphrase, extendable, e)) in runs.iter().enumerate() {
        let secret = rng.bytes(*len);
        let secret_file = dir.path().join(format!("secret{k}.hex"));
        std::fs::write(&secret_file, format!("{}\n", hex(&secret))).expect("write secret");
        let pass_file = dir.path().join(format!("pass{k}.txt"));
        std::fs::write(&pass_file, passphrase).expect("write passphrase");

        let mut args: Vec<String> = vec!["split".into()];
        for g in *groups {
            args.extend(["--group".into(), (*g).into()]);
        }
        args.extend([
            "--group-threshold".into(),
            gt.to_string(),
            "--secret-file".into(),
            secret_file.display().to_string(),
            "--passphrase-file".into(),
            pass_file.display().to_string(),
            "--iteration-exponent".into(),
            e.to_string(),
            "--json".into(),
        ]);
        if !extendable {
            args.push("--no-extendable".into());
        }
        let argv: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = seedshard(&argv, dir.path());
        assert!(
            out.status.success(),
            "seedshard {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("split --json prints JSON");
        assert_eq!(doc["extendable"], *extendable, "run {k}");
        assert_eq!(doc["iteration_exponent"], *e, "run {k}");
        assert_eq!(doc["group_threshold"], *gt, "run {k}");
        assert!(
            doc["identifier"].as_u64().is_some_and(|id| id < 1 << 15),
            "run {k}"
        );
        let json_groups = doc["groups"].as_array().expect("groups");
        assert_eq!(json_groups.len(), groups.len(), "run {k}");
        let mut thresholds = Vec::new();
        let mut texts = Vec::new();
        for (g, spec) in groups.iter().enumerate() {
            let spec: GroupSpec = spec.parse().expect("group spec");
            assert_eq!(
                json_groups[g]["member_threshold"],
                spec.threshold(),
                "run {k}"
            );
            let shares = strings(&json_groups[g]["shares"]);
            assert_eq!(shares.len(), usize::from(spec.count()), "run {k}");
            thresholds.push(spec.threshold());
            texts.push(shares);
        }
        let subset = minimal_subset(&mut rng, *gt, &thresholds, &texts);
        requests.push(json!({"op": "combine", "mnemonics": subset, "passphrase": passphrase}));
        expected.push(hex(&secret));
    }
    let answers = run_reference(&python, &requests);
    for (k, (answer, secret)) in answers.iter().zip(&expected).enumerate() {
        assert_eq!(answer["ok"], true, "run {k}: {answer}");
        assert_eq!(answer["secret_hex"], *secret, "run {k}");
    }
}

fn cli_combines_reference_set() {
    let python = python();
    let mut rng = Rng::from_env_or_time();
    let dir = tempfile::tempdir().expect("temp dir");
    let cases: Vec<Case> = (0..6).map(|_| Case::random(&mut rng)).collect();
    let requests: Vec<Value> = cases.iter().map(Case::split_request).collect();
    let answers = run_reference(&python, &requests);
    for (k, (case, answer)) in cases.iter().zip(&answers).enumerate() {
        assert_eq!(answer["ok"], true, "case {k}: {answer}");
        let groups: Vec<Vec<String>> = answer["groups"]
            .as_array()
            .expect("groups")
            .iter()
            .map(strings)
            .collect();
        let thresholds: Vec<u8> = case.groups.iter().map(|g| g.0).collect();
        let subset = minimal_subset(&mut rng, case.group_threshold, &thresholds, &groups);

        // A share file as a person would write it: a comment, blank lines, lower and upper case.
        let mut file = String::from("# shares from the reference implementation\n\n");
        for (n, text) in subset.iter().enumerate() {
            let line = if n % 2 == 1 {
                text.to_uppercase()
            } else {
                text.clone()
            };
            file.push_str(&line);
            file.push_str("\n\n");
        }
        let shares_file = dir.path().join(format!("shares{k}.txt"));
        std::fs::write(&shares_file, file).expect("write shares");
        let pass_file = dir.path().join(format!("pass{k}.txt"));
        std::fs::write(&pass_file, &case.passphrase).expect("write passphrase");

        let shares_arg = shares_file.display().to_string();
        let pass_arg = pass_file.display().to_string();
        let out = seedshard(
            &[
                "combine",
                &shares_arg,
                "--passphrase-file",
                &pass_arg,
                "--json",
            ],
            dir.path(),
        );
        assert!(
            out.status.success(),
            "case {k} {case:?}: seedshard combine failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("combine --json prints JSON");
        assert_eq!(
            doc["master_secret_hex"],
            hex(&case.secret),
            "case {k} {case:?}"
        );
    }
}

/// The reference command-line tool (`shamir`, from `shamir-mnemonic[cli]`) next to the
/// reference interpreter, looked for once.
fn shamir_need() -> &'static Need<PathBuf> {
    SHAMIR.get_or_init(|| {
        let python = python_need().clone()?;
        let cli = python.with_file_name("shamir");
        let works = Command::new(&cli)
            .args(["create", "--help"])
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            Ok(cli)
        } else {
            Err(format!(
                "the reference `shamir` command is missing: {} does not run; install it with: \
                 .venv/bin/pip install 'shamir-mnemonic[cli]==0.3.0'",
                cli.display()
            ))
        }
    })
}

fn cli_combines_the_output_of_shamir_create_as_is() {
    let shamir = shamir_need().clone().expect("checked by the harness");
    let mut rng = Rng::from_env_or_time();
    let dir = tempfile::tempdir().expect("temp dir");
    for (k, (args, bytes)) in [
        (
            &["custom", "-g", "1", "1", "-g", "2", "3", "-t", "2"][..],
            16,
        ),
        (&["2of3"][..], 32),
    ]
    .into_iter()
    .enumerate()
    {
        let secret = hex(&rng.bytes(bytes));
        let out = Command::new(&shamir)
            .arg("create")
            .args(args)
            .args(["-S", &secret, "-p", ""])
            .output()
            .expect("shamir create runs");
        assert!(
            out.status.success(),
            "shamir create: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let printed = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(printed.contains("shares required:"), "{printed}");
        // Saved as is, with a byte-order mark as some editors add: every share of the set.
        let file = dir.path().join(format!("reference{k}.txt"));
        std::fs::write(&file, format!("\u{feff}{printed}")).expect("write");
        let file_arg = file.display().to_string();
        let out = seedshard(&["combine", &file_arg, "--json"], dir.path());
        assert!(
            out.status.success(),
            "run {k}: seedshard combine failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["master_secret_hex"], secret, "run {k}");
        // The secret the reference prints first is never repeated in a message.
        assert!(
            !String::from_utf8_lossy(&out.stderr).contains(&secret),
            "run {k}"
        );
        // The same, piped in on standard input.
        let mut child = Command::new(env!("CARGO_BIN_EXE_seedshard"))
            .args(["combine", "-", "--json"])
            .current_dir(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("seedshard runs");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(printed.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("seedshard ends");
        assert!(
            out.status.success(),
            "run {k} on stdin: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(doc["master_secret_hex"], secret, "run {k} on stdin");
    }
}

fn main() {
    let python = python_need();
    common::Harness::new(include_str!("interop.rs"))
        .needs(
            "reference_splits_seedshard_combines",
            python,
            reference_splits_seedshard_combines,
        )
        .needs(
            "seedshard_splits_reference_combines",
            python,
            seedshard_splits_reference_combines,
        )
        .needs(
            "cli_split_json_recovers_in_reference",
            python,
            cli_split_json_recovers_in_reference,
        )
        .needs(
            "cli_combines_reference_set",
            python,
            cli_combines_reference_set,
        )
        .needs(
            "cli_combines_the_output_of_shamir_create_as_is",
            shamir_need(),
            cli_combines_the_output_of_shamir_create_as_is,
        )
        .run()
}
