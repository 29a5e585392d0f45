//! `seedshard plan` and `seedshard rollcall` as a user runs them: the known figures, the JSON
//! contract, roll-call codes from split to comparison, and bad input (exit 2, error + hint;
//! the cases whose whole output is fixed are in `tests/cmd/`, run by `tests/cli_cmd.rs`).

use std::process::Output;

mod common;
use common::{assert_input_error, run, stderr, stdout, write};

fn json(o: &Output) -> serde_json::Value {
    assert_eq!(o.status.code(), Some(0), "{}", stderr(o));
    serde_json::from_slice(&o.stdout).unwrap()
}

const FAMILY: [&str; 10] = [
    "plan",
    "--group",
    "1of1",
    "--group",
    "1of1",
    "--group",
    "2of4",
    "--group",
    "3of6",
    "--group-threshold",
];

#[test]
fn plan_json_gives_the_known_figures() {
    let mut args = FAMILY.to_vec();
    args.extend(["2", "--json"]);
    let v = json(&run(&args, ""));
    assert_eq!(v["total_cards"], 12);
    assert_eq!(v["min_cards_to_recover"], 2);
    assert_eq!(v["max_losses_survived"], 4);
    assert_eq!(v["largest_failing_set"], 7);
    assert_eq!(v["heirs"]["min_cards_to_recover"], 5);
    assert_eq!(v["heirs"]["owner_rule"], "single_card_groups");
    assert!(
        v.get("min_people_to_recover").is_none(),
        "no holders, no people figures"
    );
}

#[test]
fn plan_text_states_the_worst_single_loss() {
    let o = run(
        &[
            "plan",
            "--group",
            "2of3",
            "--group",
            "2of5",
            "--group-threshold",
            "2",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Any 1 card may be lost and the wallet still recovers; the worst loss of 2 (2 cards of group 1) makes it unrecoverable."),
        "{out}"
    );
}

#[test]
fn plan_with_holders_and_places() {
    let v = json(&run(
        &[
            "plan",
            "--group",
            "1of1",
            "--group",
            "2of3",
            "--group",
            "2of3",
            "--group-threshold",
            "2",
            "--holder",
            "Owner",
            "--holder",
            "Ann",
            "--holder",
            "Bob",
            "--holder",
            "Cy",
            "--holder",
            "Ann",
            "--holder",
            "Dee",
            "--holder",
            "Eve",
            "--owner",
            "Owner",
            "--place",
            "home=Owner,Bob",
            "--place",
            "bank=Cy,Dee",
            "--json",
        ],
        "",
    ));
    assert_eq!(v["min_people_to_recover"], 3);
    assert_eq!(v["people_search"], "exact");
    assert_eq!(v["heirs"]["owner"], "Owner");
    assert_eq!(v["heirs"]["min_people_to_recover"], 3);
    assert_eq!(v["min_places_to_recover"], 2);
    let places = v["places"].as_array().unwrap();
    assert_eq!(places[0]["name"], "home");
    assert_eq!(places[0]["loss_survived"], true);
    let holders = v["holders"].as_array().unwrap();
    assert_eq!(holders.len(), 6);
    assert_eq!(holders[1]["name"], "Ann");
    assert_eq!(holders[1]["cards"], serde_json::json!(["2.1", "3.1"]));
}

#[test]
fn plan_ranks_the_places_that_matter_most() {
    // The vault keeps 1.1, 2.1 and 2.2 (recovers alone; a fire there is fatal); the cabin 2.3
    // and 3.3; home 3.1; the office 3.2.
    let mut args = vec![
        "plan",
        "--group",
        "1of1",
        "--group",
        "2of3",
        "--group",
        "2of3",
        "--group-threshold",
        "2",
    ];
    for h in ["Owner", "Ann", "Bob", "Cy", "Dee", "Eve", "Fay"] {
        args.extend(["--holder", h]);
    }
    args.extend([
        "--place",
        "home=Dee",
        "--place",
        "office=Eve",
        "--place",
        "cabin=Cy,Fay",
        "--place",
        "vault=Owner,Ann,Bob",
    ]);
    let o = run(&args, "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.starts_with("Places, those that matter most first"))
        .expect(&text);
    assert!(lines[first + 1].starts_with("  vault: 3 cards"), "{text}");
    assert!(
        lines[first + 1]
            .contains("a thief there alone recovers: YES; after a fire there: wallet LOST"),
        "{text}"
    );
    assert_eq!(
        lines[first + 2],
        "  cabin: 2 cards (Cy and Fay); a thief there alone recovers: no; with 1 other place: yes; after a fire there: survives; with 1 other fire: wallet lost."
    );
    assert!(lines[first + 3].starts_with("  home: "), "{text}");
    assert!(lines[first + 4].starts_with("  office: "), "{text}");
    args.push("--json");
    let v = json(&run(&args, ""));
    assert_eq!(
        v["places_by_importance"],
        serde_json::json!(["vault", "cabin", "home", "office"])
    );
    assert_eq!(v["max_places_lost_survived"], 0);
    assert_eq!(v["smallest_fatal_places"], serde_json::json!(["vault"]));
    let vault = &v["places"].as_array().unwrap()[3];
    assert_eq!(vault["name"], "vault");
    assert_eq!(vault["min_places_to_recover_with"], 1);
    assert_eq!(vault["min_places_lost_fatal_with"], 1);
    let home = &v["places"].as_array().unwrap()[0];
    assert_eq!(home["min_places_to_recover_with"], 2);
    assert_eq!(home["min_places_lost_fatal_with"], 2);
    assert_eq!(v["holders_by_importance"].as_array().unwrap().len(), 7);
    assert_eq!(v["holders"][0]["min_people_to_recover_with"], 3);
}

#[test]
fn plan_warns_about_a_person_who_recovers_alone() {
    let o = run(
        &[
            "plan", "--group", "2of3", "--holder", "Ann", "--holder", "Ann", "--holder", "Bob",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Warning: Ann alone holds enough cards"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn plan_picture_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("plan.svg");
    let png = dir.path().join("plan.png");
    for p in [&svg, &png] {
        let o = run(
            &[
                "plan",
                "--group",
                "2of3",
                "--holder",
                "Ann",
                "--picture",
                p.to_str().unwrap(),
            ],
            "",
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("<svg") && text.contains("Ann") && text.contains("2 of 3 needed"));
    assert_eq!(&std::fs::read(&png).unwrap()[1..4], b"PNG");
    // Not overwritten without --force.
    let o = run(
        &[
            "plan",
            "--group",
            "2of3",
            "--picture",
            svg.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["plan", "--group", "2of3", "--picture", "plan.gif"], "");
    assert_input_error(&o, "must end in .svg or .png", &[]);
}

#[test]
fn plan_suggest_lists_plans_that_meet_the_goals() {
    let o = run(
        &[
            "plan",
            "--suggest",
            "--holders",
            "7",
            "--survive-losses",
            "2",
            "--resist",
            "3",
            "--json",
        ],
        "",
    );
    let v = json(&o);
    let plans = v["plans"].as_array().unwrap();
    assert!(!plans.is_empty());
    for p in plans {
        assert!(p["report"]["max_losses_survived"].as_u64().unwrap() >= 2);
        assert!(p["report"]["min_cards_to_recover"].as_u64().unwrap() >= 4);
    }
    let o = run(
        &[
            "plan",
            "--suggest",
            "--holders",
            "5",
            "--survive-losses",
            "3",
            "--resist",
            "3",
        ],
        "",
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stdout(&o).contains("No plan of 5 holders"));
}

#[test]
fn plan_suggest_searches_beyond_three_groups() {
    // 100 holders need at least 7 groups of at most 16 cards.
    let v = json(&run(
        &[
            "plan",
            "--suggest",
            "--holders",
            "100",
            "--survive-losses",
            "20",
            "--resist",
            "30",
            "--json",
        ],
        "",
    ));
    let plans = v["plans"].as_array().unwrap();
    assert!(!plans.is_empty());
    for p in plans {
        assert!(p["groups"].as_array().unwrap().len() >= 7);
        assert_eq!(p["report"]["total_cards"], 100);
        assert!(p["report"]["max_losses_survived"].as_u64().unwrap() >= 20);
        assert!(p["report"]["min_cards_to_recover"].as_u64().unwrap() > 30);
    }
    let o = run(&["plan", "--suggest", "--holders", "257"], "");
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// Splits a fresh secret with two groups; returns the JSON.
fn split_json() -> serde_json::Value {
    json(&run(common::TWO_GROUP_SPLIT, ""))
}

#[test]
fn split_json_has_roll_call_codes_and_a_plan() {
    let v = split_json();
    for g in v["groups"].as_array().unwrap() {
        let shares = g["shares"].as_array().unwrap();
        let codes = g["rollcall"].as_array().unwrap();
        assert_eq!(shares.len(), codes.len());
        for (s, c) in shares.iter().zip(codes) {
            assert_eq!(c.as_str().unwrap().split(' ').count(), 4);
            // The code `rollcall` computes from the share is the one in the JSON.
            let o = run(&["rollcall", "-"], s.as_str().unwrap());
            assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
            let line = stdout(&o)
                .lines()
                .find(|l| !l.starts_with('#'))
                .unwrap()
                .to_string();
            assert!(line.ends_with(c.as_str().unwrap()), "{line} vs {c}");
        }
    }
    assert_eq!(v["plan"]["min_cards_to_recover"], 4);
    assert_eq!(v["plan"]["max_losses_survived"], 0);
}

#[test]
fn split_notes_the_plan_on_stderr() {
    let o = run(&["split", "--group", "2of3", "--generate"], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("note: Plan 2of3: 2 of its 3 cards recover at the least; any 1 may be lost; the largest set that cannot recover has 1."),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rollcall_sheet_reports_each_share() {
    let dir = tempfile::tempdir().unwrap();
    let v = split_json();
    let sheet = write(dir.path(), "split.json", &v.to_string());
    let codes: Vec<String> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["rollcall"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
        })
        .collect();
    // Share 1.1 right, 1.2 answers with 1.3's code, 2.1 by prefix and capitals, 2.2 silent.
    let prefixes: Vec<String> = codes[3]
        .split(' ')
        .map(|w| w[..w.len().min(4)].to_uppercase())
        .collect();
    let answers = format!(
        "# answers\n1.1 {}\n1.2: {}\n{}\n",
        codes[0],
        codes[2],
        prefixes.join(" ")
    );
    let o = run(
        &["rollcall", "--sheet", sheet.to_str().unwrap(), "--json"],
        &answers,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let st: Vec<&str> = r["shares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["status"].as_str().unwrap())
        .collect();
    assert_eq!(
        st,
        [
            "matching",
            "other_share",
            "not_answered",
            "matching",
            "not_answered"
        ]
    );
    assert_eq!(r["shares"][1]["answered_share"], "1.3");
    assert_eq!(r["all_matching"], false);

    // A codes file written by `rollcall` from the shares, with a holder name added.
    let shares: Vec<String> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| {
            g["shares"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
        })
        .collect();
    let share_file = write(dir.path(), "shares.txt", &shares.join("\n"));
    let o = run(&["rollcall", share_file.to_str().unwrap()], "");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut codes_file = stdout(&o);
    codes_file = codes_file.replacen(
        &format!("1.1 {}", codes[0]),
        &format!("1.1 {} Alice Smith", codes[0]),
        1,
    );
    let sheet = write(dir.path(), "codes.txt", &codes_file);
    let all: String = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 {
                format!("alice smith: {c}\n")
            } else {
                format!("{c}\n")
            }
        })
        .collect();
    let o = run(&["rollcall", "--sheet", sheet.to_str().unwrap()], &all);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("share 1.1 (Alice Smith): matching"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("5 of 5 shares answered and matching."));

    // An answer from another set.
    let other = split_json();
    let foreign = other["groups"][0]["rollcall"][0].as_str().unwrap();
    let o = run(
        &["rollcall", "--sheet", sheet.to_str().unwrap(), "--json"],
        &format!("2.2 {foreign}\n"),
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = r["shares"][4]["status"].as_str().unwrap();
    // The set words of two random sets agree 1 time in 1024: then it is `damaged`.
    assert!(s == "other_set" || s == "damaged", "{s}");
}

#[test]
fn the_owner_sheet_has_the_codes_and_the_plan_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cards");
    let o = run(
        &[
            "split",
            "--group",
            "2of3",
            "--generate",
            "--json",
            "--cards",
            out.to_str().unwrap(),
            "--card-format",
            "svg",
            "--holder",
            "Ann",
        ],
        "",
    );
    let v = json(&o);
    let sheet = std::fs::read_to_string(out.join("owner-sheet.svg")).unwrap();
    for code in v["groups"][0]["rollcall"].as_array().unwrap() {
        let code = code.as_str().unwrap();
        assert!(sheet.contains(code), "{code} not on the owner sheet");
        // Never on a card.
        for entry in std::fs::read_dir(&out).unwrap() {
            let path = entry.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("share-")
            {
                assert!(!std::fs::read_to_string(&path).unwrap().contains(code));
            }
        }
    }
    assert!(sheet.contains("Roll call:"));
    assert!(
        sheet.contains("Plan 2of3: 2 of its 3 cards recover at the least"),
        "summary missing"
    );
}

#[test]
fn extend_json_has_roll_call_codes() {
    let v = split_json();
    let shares: Vec<&str> = v["groups"][0]["shares"].as_array().unwrap()[..2]
        .iter()
        .chain(v["groups"][1]["shares"].as_array().unwrap().iter())
        .map(|s| s.as_str().unwrap())
        .collect();
    let o = run(
        &["extend", "-", "--group", "2of4", "--json"],
        &shares.join("\n"),
    );
    let e = json(&o);
    let g = &e["groups"][0];
    assert_eq!(g["rollcall"].as_array().unwrap().len(), 4);
    // The new set has a new identifier, so new codes with another set word (1 in 1024 alike).
    let old_first = v["groups"][0]["rollcall"][0].as_str().unwrap();
    assert_ne!(g["rollcall"][0].as_str().unwrap(), old_first);
}
