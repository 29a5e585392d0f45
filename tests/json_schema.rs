//! Every JSON document the CLI writes, checked against its schema in `docs/schema/` (JSON
//! Schema draft 2020-12, see `docs/json.md`): the real binary, several variants of each
//! document (BIP-39 modes, holders and places, repaired words, failures that still print
//! JSON), and proof that the schemas are strict: a renamed, missing or extra field fails.

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;

mod common;
use common::{path_str, run, stderr, write};

const PHRASE_12: &str =
    "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

fn schema_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema")
}

/// Hands the validator the other schema files (`defs.json`) by their file name: nothing is
/// fetched from anywhere else.
struct SchemaFiles;

impl jsonschema::Retrieve for SchemaFiles {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let name = uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_string();
        let path = schema_dir().join(&name);
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (asked for {})", path.display(), uri.as_str()))?;
        Ok(serde_json::from_str(&text)?)
    }
}

/// The validator of `docs/schema/NAME.json`.
fn validator(name: &str) -> jsonschema::Validator {
    let path = schema_dir().join(format!("{name}.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(
        schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
        "{name}"
    );
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_base_uri(format!("https://seedshard.invalid/schema/{name}.json"))
        .with_retriever(SchemaFiles)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{name}.json is not a valid schema: {e}"))
}

/// The errors of `doc` against schema `name` (empty when valid).
fn errors(name: &str, doc: &Value) -> Vec<String> {
    validator(name)
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

fn assert_valid(name: &str, doc: &Value) {
    let errs = errors(name, doc);
    assert!(
        errs.is_empty(),
        "{name}: {errs:#?}\n{}",
        serde_json::to_string_pretty(doc).unwrap()
    );
}

/// Asserts that `doc` fails schema `name` (`what` was broken), showing the first error.
fn assert_fails(name: &str, doc: &Value, what: &str) {
    let errs = errors(name, doc);
    assert!(!errs.is_empty(), "{name}: {what} passes the schema");
    eprintln!("{name}, {what}: {}", errs[0]);
}

/// The JSON document on standard output of a run that exited with `code`.
fn document(o: &Output, code: i32) -> Value {
    assert_eq!(o.status.code(), Some(code), "stderr: {}", stderr(o));
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not one JSON document: {e}; stderr: {}", stderr(o)))
}

/// Runs `seedshard ARGS` and checks its JSON against schema `name`.
fn checked(name: &str, args: &[&str], stdin: &str, code: i32) -> Value {
    let doc = document(&run(args, stdin), code);
    assert_valid(name, &doc);
    doc
}

/// The share lines of a `split --json` document.
fn shares(split: &Value) -> Vec<String> {
    split["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["shares"].as_array().unwrap().iter())
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

fn split_2of3() -> Value {
    checked(
        "split",
        &["split", "--group", "2of3", "--generate", "--json"],
        "",
        0,
    )
}

#[test]
fn split_documents_match_the_schema() {
    let plain = split_2of3();
    assert!(plain["set"].as_str().unwrap().contains(' '), "{plain}");
    // A new BIP-39 phrase in entropy mode: bip39_mode and bip39_phrase.
    let v = checked(
        "split",
        &[
            "split",
            "--group",
            "2of3",
            "--generate",
            "128",
            "--bip39-mode",
            "entropy",
            "--json",
        ],
        "",
        0,
    );
    assert_eq!(v["bip39_mode"], "entropy");
    assert!(v["bip39_phrase"].is_string());
    // An existing phrase in seed mode (59-word shares), two groups, holders and a date.
    let v = checked(
        "split",
        &[
            "split",
            "--group",
            "1of1",
            "--group",
            "2of3",
            "--group-threshold",
            "2",
            "--bip39-file",
            "-",
            "--bip39-mode",
            "seed",
            "--json",
        ],
        PHRASE_12,
        0,
    );
    assert_eq!(v["bip39_mode"], "seed");
    assert_eq!(shares(&v)[0].split(' ').count(), 59);
    assert!(v.get("bip39_phrase").is_none());
    // A hex secret, no extendable flag, iteration exponent 3.
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "secret.hex", &"ab".repeat(32));
    let v = checked(
        "split",
        &[
            "split",
            "--group",
            "3of5",
            "--secret-file",
            path_str(&secret),
            "--no-extendable",
            "--iteration-exponent",
            "3",
            "--json",
        ],
        "",
        0,
    );
    assert_eq!(v["extendable"], false);
}

#[test]
fn extend_documents_match_the_schema() {
    let split = split_2of3();
    let two = shares(&split)[..2].join("\n");
    // Without a mode line: no mode.
    let v = checked(
        "extend",
        &["extend", "-", "--group", "2of4", "--json"],
        &two,
        0,
    );
    assert!(v.get("mode").is_none());
    assert_ne!(v["identifier"], split["identifier"]);
    // With the mode line of a share file: the mode is carried.
    let v = checked(
        "extend",
        &["extend", "-", "--group", "1of1", "--json"],
        &format!("# seedshard: mode=slip39\n{two}\n"),
        0,
    );
    assert_eq!(v["mode"], "slip39");
}

#[test]
fn combine_documents_match_the_schema() {
    let split = split_2of3();
    let two = shares(&split)[..2].join("\n");
    let v = checked("combine", &["combine", "--json"], &two, 0);
    assert_eq!(v["shares_used"], 2);
    let v = checked("combine", &["combine", "--to", "xprv", "--json"], &two, 0);
    assert!(v["xprv"].is_string());
    // Entropy mode, the phrase back, with the matching reading named.
    let e = checked(
        "split",
        &[
            "split",
            "--group",
            "2of3",
            "--bip39-file",
            "-",
            "--bip39-mode",
            "entropy",
            "--json",
        ],
        PHRASE_12,
        0,
    );
    let v = checked(
        "combine",
        &[
            "combine",
            "--to",
            "bip39",
            "--expect-fingerprint",
            "73c5da0a",
            "--json",
        ],
        &shares(&e)[1..].join("\n"),
        0,
    );
    assert_eq!(v["bip39_phrase"], PHRASE_12);
    assert_eq!(v["matched_reading"], "bip39-entropy");
}

#[test]
fn check_documents_match_the_schema_also_when_check_fails() {
    let split = split_2of3();
    let s = shares(&split);
    let v = checked("check", &["check", "--json"], &s[..2].join("\n"), 0);
    assert_eq!(v["recovers"], true);
    // An unreadable word, a line that is no share, a duplicate, a share of another set:
    // check exits 1 and still writes its document.
    let mut damaged: Vec<&str> = s[0].split(' ').collect();
    damaged[5] = "?";
    let other = shares(&split_2of3());
    let pile = [
        damaged.join(" "),
        "this is not a share".to_string(),
        s[1].clone(),
        s[1].clone(),
        other[0].clone(),
    ]
    .join("\n");
    let v = checked("check", &["check", "--json"], &pile, 1);
    let statuses: Vec<&str> = v["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"unusable"), "{statuses:?}");
    assert!(statuses.contains(&"duplicate"), "{statuses:?}");
    assert!(statuses.contains(&"other_set"), "{statuses:?}");
    assert_eq!(v["shares"][0]["repaired"][0]["position"], 6);
    // Nothing readable at all: no `set`.
    let v = checked("check", &["check", "--json"], "not a share\n", 1);
    assert!(v.get("set").is_none());
}

#[test]
fn verify_documents_match_the_schema() {
    let split = split_2of3();
    let v = checked(
        "verify",
        &["verify", "-", "--json"],
        &shares(&split)[..2].join("\n"),
        0,
    );
    assert_eq!(v["source"], "shares");
    let dir = tempfile::tempdir().unwrap();
    let secret = write(dir.path(), "secret.hex", &"00".repeat(16));
    let v = checked(
        "verify",
        &[
            "verify",
            "--secret-file",
            path_str(&secret),
            "--network",
            "testnet",
            "--json",
        ],
        "",
        0,
    );
    assert_eq!(v["source"], "secret");
    let v = checked(
        "verify",
        &[
            "verify",
            "--bip39-file",
            "-",
            "--expect-fingerprint",
            "73c5da0a",
            "--json",
        ],
        PHRASE_12,
        0,
    );
    assert_eq!(v["source"], "bip39");
    assert!(v.get("matched").is_some(), "{v}");
}

#[test]
fn inspect_documents_match_the_schema() {
    let split = split_2of3();
    let s = shares(&split);
    let v = checked("inspect", &["inspect", "--json"], &s[2], 0);
    assert_eq!(v["member"], 3);
    assert_eq!(v["set"], split["set"]);
    assert_eq!(v["identifier"], split["identifier"]);
    assert_eq!(v["repaired"], serde_json::json!([]));
    let mut damaged: Vec<&str> = s[0].split(' ').collect();
    damaged[9] = "?";
    let v = checked("inspect", &["inspect", "--json"], &damaged.join(" "), 0);
    assert_eq!(
        v["repaired"],
        serde_json::json!([{"position": 10, "kind": "unreadable"}])
    );
}

#[test]
fn plan_and_suggest_documents_match_the_schema_also_when_none_is_found() {
    checked("plan", &["plan", "--group", "2of3", "--json"], "", 0);
    let v = checked(
        "plan",
        &[
            "plan",
            "--group",
            "1of1",
            "--group",
            "2of3",
            "--group-threshold",
            "2",
            "--holder",
            "owner",
            "--holder",
            "Ann",
            "--holder",
            "Bob",
            "--holder",
            "Cy",
            "--place",
            "home=owner,Ann",
            "--json",
        ],
        "",
        0,
    );
    assert!(v["holders"].is_array() && v["places"].is_array(), "{v}");
    let v = checked(
        "suggest",
        &["plan", "--suggest", "--holders", "5", "--json"],
        "",
        0,
    );
    assert!(!v["plans"].as_array().unwrap().is_empty());
    let v = checked(
        "suggest",
        &[
            "plan",
            "--suggest",
            "--holders",
            "3",
            "--survive-losses",
            "2",
            "--resist",
            "2",
            "--json",
        ],
        "",
        1,
    );
    assert_eq!(v["plans"], serde_json::json!([]));
}

#[test]
fn rollcall_documents_match_the_schema_also_when_a_share_does_not_match() {
    let split = split_2of3();
    let s = shares(&split);
    let v = checked("rollcall", &["rollcall", "--json"], &s.join("\n"), 0);
    assert_eq!(v["codes"].as_array().unwrap().len(), 3);
    let dir = tempfile::tempdir().unwrap();
    let sheet = write(dir.path(), "split.json", &split.to_string());
    let codes = &split["groups"][0]["rollcall"];
    // All three answered: exit 0.
    let answers = (0..3)
        .map(|i| format!("1.{} {}", i + 1, codes[i].as_str().unwrap()))
        .collect::<Vec<_>>()
        .join("\n");
    checked(
        "rollcall-sheet",
        &["rollcall", "--sheet", path_str(&sheet), "-", "--json"],
        &answers,
        0,
    );
    // One answered with another card's code, one not at all, one stray: exit 1, still JSON.
    let other = shares(&split_2of3());
    let stray = checked("rollcall", &["rollcall", "--json"], &other[0], 0);
    let answers = format!(
        "1.1 {}\n1.2 {}\n{}\n",
        codes[0].as_str().unwrap(),
        codes[0].as_str().unwrap(),
        stray["codes"][0]["code"].as_str().unwrap()
    );
    let v = checked(
        "rollcall-sheet",
        &["rollcall", "--sheet", path_str(&sheet), "-", "--json"],
        &answers,
        1,
    );
    assert_eq!(v["all_matching"], false);
}

/// `cards --json` and `reissue --json`: the cards drawn (numbers, holders, codes, no words) and
/// the share made, each valid against its schema and read by `rollcall --sheet` as the
/// expected codes (answers by holder name with the cards document).
#[test]
fn cards_and_reissue_documents_match_the_schema_and_serve_as_roll_call_sheets() {
    let split = checked("split", common::TWO_GROUP_SPLIT, "", 0);
    let s = shares(&split);
    let dir = tempfile::tempdir().unwrap();
    let cards_dir = dir.path().join("cards");
    // Shares 1.3 and 2.1, with holders in that order (the file order, not the group order).
    let input = format!("{}\n{}\n", s[3], s[2]);
    let cards = checked(
        "cards",
        &[
            "cards",
            "-",
            "--cards",
            path_str(&cards_dir),
            "--bip39-mode",
            "none",
            "--card-format",
            "svg",
            "--holder",
            "Zoë",
            "--holder",
            "Ann",
            "--json",
        ],
        &input,
        0,
    );
    assert_eq!(cards["set"], split["set"]);
    let groups = cards["groups"].as_array().unwrap();
    assert_eq!(groups.len(), 2);
    assert_eq!(
        (groups[0]["group"].as_u64(), groups[1]["group"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(groups[0]["members"], serde_json::json!([3]));
    assert_eq!(groups[0]["holders"], serde_json::json!(["Ann"]));
    assert_eq!(groups[1]["holders"], serde_json::json!(["Zoë"]));
    assert_eq!(groups[0]["rollcall"][0], split["groups"][0]["rollcall"][2]);
    assert_eq!(groups[1]["rollcall"][0], split["groups"][1]["rollcall"][0]);
    assert!(
        !cards.to_string().contains(&s[3]) && !cards.to_string().contains(&s[2]),
        "share words in cards --json"
    );
    let mut written: Vec<String> = std::fs::read_dir(&cards_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    let mut listed: Vec<String> = cards["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(listed, written);

    // The cards document as the owner's sheet: Ann answers by name, Zoë not at all.
    let sheet = write(dir.path(), "cards.json", &cards.to_string());
    let answers = format!("Ann: {}\n", groups[0]["rollcall"][0].as_str().unwrap());
    let report = checked(
        "rollcall-sheet",
        &["rollcall", "--sheet", path_str(&sheet), "-", "--json"],
        &answers,
        1,
    );
    let statuses: Vec<(u64, u64, &str, &str)> = report["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["group"].as_u64().unwrap(),
                r["member"].as_u64().unwrap(),
                r["holder"].as_str().unwrap(),
                r["status"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [(1, 3, "Ann", "matching"), (2, 1, "Zoë", "not_answered")]
    );

    // Member 3 of group 1 made again from members 1 and 2: the same share, the same code.
    let reissue = checked(
        "reissue",
        &["reissue", "-", "--member-index", "3", "--json"],
        &s[..2].join("\n"),
        0,
    );
    assert_eq!(reissue["groups"][0]["group"], 1);
    assert_eq!(reissue["groups"][0]["members"], serde_json::json!([3]));
    assert_eq!(
        reissue["groups"][0]["shares"][0].as_str(),
        Some(s[2].as_str())
    );
    assert_eq!(
        reissue["groups"][0]["rollcall"][0],
        split["groups"][0]["rollcall"][2]
    );
    let sheet = write(dir.path(), "reissue.json", &reissue.to_string());
    let answers = format!(
        "1.3 {}\n",
        split["groups"][0]["rollcall"][2].as_str().unwrap()
    );
    let report = checked(
        "rollcall-sheet",
        &["rollcall", "--sheet", path_str(&sheet), "-", "--json"],
        &answers,
        0,
    );
    assert_eq!(report["all_matching"], true);

    // With --cards: the new card and an owner sheet are written, the document is the same;
    // without the mode of the share file a card cannot be drawn (it names the wallet).
    let card_dir = dir.path().join("reissued");
    let mut args = vec![
        "reissue",
        "-",
        "--member-index",
        "3",
        "--json",
        "--card-format",
        "svg",
        "--cards",
        path_str(&card_dir),
    ];
    let refused = run(&args, &s[..2].join("\n"));
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(refused.stdout.is_empty(), "an error is not JSON");
    assert!(
        stderr(&refused).contains("--bip39-mode"),
        "{}",
        stderr(&refused)
    );
    assert!(!card_dir.exists(), "a card drawn without the mode");
    args.extend(["--bip39-mode", "none"]);
    let with_card = checked("reissue", &args, &s[..2].join("\n"), 0);
    assert_eq!(with_card["groups"], reissue["groups"]);
    assert_eq!(with_card["mode"], "slip39");
    let mut written: Vec<String> = std::fs::read_dir(&card_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(written, ["owner-sheet.svg", "share-g1-s3.svg"]);

    // Both documents are strict: share words in a cards document, or holders in a reissue
    // document, fail.
    let mut bad = cards.clone();
    bad["groups"][0]["shares"] = serde_json::json!([s[2]]);
    assert_fails("cards", &bad, "share words in a cards document");
    let mut bad = reissue.clone();
    bad["groups"][0]["holders"] = serde_json::json!(["Ann"]);
    assert_fails("reissue", &bad, "holders in a reissue document");
    let mut bad = reissue;
    bad["groups"][0].as_object_mut().unwrap().remove("members");
    assert_fails("reissue", &bad, "members left out");
}

/// Every subcommand with a `--json` flag has a schema here: a new JSON document cannot go
/// undocumented.
#[test]
fn every_command_with_json_output_has_a_schema() {
    let help = common::stdout(&run(&["--help"], ""));
    let commands: Vec<String> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .filter(|c| c != "help")
        .collect();
    assert!(commands.len() >= 10, "{help}");
    let mut with_json = Vec::new();
    for c in &commands {
        let h = common::stdout(&run(&[c, "--help"], ""));
        if h.contains("--json") {
            with_json.push(c.clone());
        }
    }
    for c in &with_json {
        assert!(
            schema_dir().join(format!("{c}.json")).exists(),
            "`{c} --json` has no schema in docs/schema/"
        );
    }
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/json.md"))
        .unwrap();
    for entry in std::fs::read_dir(schema_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        assert!(
            doc.contains(&format!("schema/{name}")),
            "docs/json.md does not name schema/{name}"
        );
        if name != "defs.json" {
            // Each document schema compiles (with its references resolved).
            validator(name.trim_end_matches(".json"));
        }
    }
    assert!(with_json.contains(&"inspect".to_string()), "{with_json:?}");
}

/// The schemas are closed: a renamed, missing or unknown field, a wrong type or an unknown
/// status fails, in the documents themselves and in the parts they share.
#[test]
fn a_broken_document_fails_its_schema() {
    let split = split_2of3();
    let mut renamed = split.clone();
    let id = renamed
        .as_object_mut()
        .unwrap()
        .remove("identifier")
        .unwrap();
    renamed["identifer"] = id;
    assert_fails("split", &renamed, "renamed top-level field");
    let mut missing = split.clone();
    missing.as_object_mut().unwrap().remove("set");
    assert_fails("split", &missing, "missing set name");
    let mut extra = split.clone();
    extra["plan"]["surprise"] = Value::Bool(true);
    assert_fails("split", &extra, "extra field in the plan");
    let mut deep = split.clone();
    deep["wallet"]
        .as_object_mut()
        .unwrap()
        .remove("fingerprint");
    assert_fails("split", &deep, "missing wallet field");
    let mut wrong = split.clone();
    wrong["schema"] = Value::from(2);
    assert_fails("split", &wrong, "schema 2");

    let s = shares(&split);
    let check = document(&run(&["check", "--json"], &s[..2].join("\n")), 0);
    let mut bad = check.clone();
    bad["shares"][0]["status"] = Value::from("ok");
    assert_fails("check", &bad, "unknown status");
    let mut bad = check.clone();
    bad["shares"][0]["words"] = Value::from(s[0].clone());
    assert_fails("check", &bad, "share words in a check report");

    let inspect = document(&run(&["inspect", "--json"], &s[0]), 0);
    let mut bad = inspect.clone();
    bad.as_object_mut().unwrap().remove("member");
    assert_fails("inspect", &bad, "missing member");
    let mut bad = inspect;
    bad["group"] = Value::from("1");
    assert_fails("inspect", &bad, "group as a string");

    // Every document: any top-level field renamed, the schema field left out, or one field
    // added, fails.
    let dir = tempfile::tempdir().unwrap();
    let sheet = write(dir.path(), "split.json", &split.to_string());
    let code = split["groups"][0]["rollcall"][0]
        .as_str()
        .unwrap()
        .to_string();
    let samples = [
        ("split", split.clone()),
        (
            "extend",
            document(
                &run(
                    &["extend", "-", "--group", "2of4", "--json"],
                    &s[..2].join("\n"),
                ),
                0,
            ),
        ),
        (
            "combine",
            document(&run(&["combine", "--json"], &s[..2].join("\n")), 0),
        ),
        (
            "check",
            document(&run(&["check", "--json"], &s[..2].join("\n")), 0),
        ),
        (
            "verify",
            document(&run(&["verify", "-", "--json"], &s[..2].join("\n")), 0),
        ),
        ("inspect", document(&run(&["inspect", "--json"], &s[0]), 0)),
        (
            "reissue",
            document(
                &run(
                    &["reissue", "-", "--member-index", "3", "--json"],
                    &s[..2].join("\n"),
                ),
                0,
            ),
        ),
        (
            "cards",
            document(
                &run(
                    &[
                        "cards",
                        "-",
                        "--cards",
                        path_str(&dir.path().join("cards")),
                        "--bip39-mode",
                        "none",
                        "--card-format",
                        "svg",
                        "--json",
                    ],
                    &s[0],
                ),
                0,
            ),
        ),
        (
            "plan",
            document(&run(&["plan", "--group", "2of3", "--json"], ""), 0),
        ),
        (
            "suggest",
            document(
                &run(&["plan", "--suggest", "--holders", "4", "--json"], ""),
                0,
            ),
        ),
        (
            "rollcall",
            document(&run(&["rollcall", "--json"], &s[0]), 0),
        ),
        (
            "rollcall-sheet",
            document(
                &run(
                    &["rollcall", "--sheet", path_str(&sheet), "-", "--json"],
                    &format!("1.1 {code}\n"),
                ),
                1,
            ),
        ),
    ];
    for (name, doc) in &samples {
        assert_valid(name, doc);
        let keys: Vec<String> = doc.as_object().unwrap().keys().cloned().collect();
        for key in &keys {
            let mut bad = doc.clone();
            let v = bad.as_object_mut().unwrap().remove(key).unwrap();
            bad[format!("{key}_renamed")] = v;
            assert_fails(name, &bad, &format!("{key} renamed"));
            // Left out: only the fields documented as optional may be.
            let optional =
                (*name == "check" && key == "set") || (*name == "plan" && key == "heirs");
            let mut bad = doc.clone();
            bad.as_object_mut().unwrap().remove(key);
            if optional {
                assert_valid(name, &bad);
            } else {
                assert_fails(name, &bad, &format!("{key} left out"));
            }
        }
        let mut bad = doc.clone();
        bad.as_object_mut().unwrap().remove("schema");
        assert_fails(name, &bad, "schema left out");
        let mut bad = doc.clone();
        bad["unknown"] = Value::Null;
        assert_fails(name, &bad, "a field added");
    }

    let plan = document(&run(&["plan", "--group", "2of3", "--json"], ""), 0);
    let mut bad = plan;
    let v = bad.as_object_mut().unwrap().remove("total_cards").unwrap();
    bad["cards_total"] = v;
    assert_fails("plan", &bad, "renamed plan field");
}
