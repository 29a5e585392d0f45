//! The 45 official SLIP-39 test vectors: the valid ones give the exact secret, the invalid
//! ones fail with the expected kind of error.

use seedshard::{combine, CombineError, ParseShareError, Passphrase, Share};
use sha2::{Digest, Sha256};

const VECTORS: &str = include_str!("data/slip39-vectors.json");
const VECTORS_SHA256: &str = "13ebecebdd869dd2bc2cdf69e7ce3a158cf106cac76c39d17682b1c6cdabbdc4";

#[derive(Debug, PartialEq)]
enum Outcome {
    Secret(String),
    Parse(&'static str),
    Combine(&'static str),
}

fn parse_kind(e: &ParseShareError) -> &'static str {
    match e {
        ParseShareError::Checksum => "checksum",
        ParseShareError::Padding => "padding",
        ParseShareError::TooShort { .. } => "too short",
        ParseShareError::InvalidLength { .. } => "invalid length",
        ParseShareError::GroupThresholdExceedsCount { .. } => "group threshold exceeds count",
        other => panic!("unexpected parse error {other:?}"),
    }
}

fn combine_kind(e: &CombineError) -> &'static str {
    match e {
        CombineError::DifferentSet { .. } => "different set",
        CombineError::InconsistentParameters { field, .. } => field,
        CombineError::MemberThresholdMismatch { .. } => "member threshold",
        CombineError::DuplicateMemberIndex { .. } => "duplicate member index",
        CombineError::Digest { .. } => "digest",
        CombineError::NotEnoughShares { .. } => "not enough shares",
        other => panic!("unexpected combine error {other:?}"),
    }
}

fn run(shares: &[String]) -> Outcome {
    let mut parsed = Vec::new();
    for s in shares {
        match Share::parse(s) {
            Ok(share) => parsed.push(share),
            Err(e) => return Outcome::Parse(parse_kind(&e)),
        }
    }
    let passphrase = Passphrase::new("TREZOR".into()).unwrap();
    match combine(&parsed, &passphrase) {
        Ok(secret) => Outcome::Secret(
            secret
                .expose_secret()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect(),
        ),
        Err(e) => Outcome::Combine(combine_kind(&e)),
    }
}

/// The error kind each invalid vector must produce, by vector number.
fn expected_failure(number: usize) -> Outcome {
    use Outcome::*;
    match number {
        2 | 21 => Parse("checksum"),
        3 | 22 => Parse("padding"),
        5 | 24 | 14 | 15 | 16 | 33 | 34 | 35 => Combine("not enough shares"),
        6 | 25 => Combine("different set"),
        7 | 26 => Combine("iteration exponent"),
        8 | 27 => Combine("group threshold"),
        9 | 28 => Combine("group count"),
        10 | 29 => Parse("group threshold exceeds count"),
        11 | 30 => Combine("duplicate member index"),
        12 | 31 => Combine("member threshold"),
        13 | 32 => Combine("digest"),
        39 => Parse("too short"),
        40 => Parse("invalid length"),
        n => panic!("vector {n} is not listed as invalid"),
    }
}

#[test]
fn vectors_file_is_the_pinned_copy() {
    let digest = Sha256::digest(VECTORS.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, VECTORS_SHA256);
}

#[test]
fn all_45_official_vectors() {
    let vectors: Vec<(String, Vec<String>, String, String)> =
        serde_json::from_str(VECTORS).unwrap();
    assert_eq!(vectors.len(), 45);
    let (mut valid, mut invalid) = (0, 0);
    for (i, (description, shares, secret_hex, _xprv)) in vectors.iter().enumerate() {
        let number = i + 1;
        let got = run(shares);
        if secret_hex.is_empty() {
            invalid += 1;
            assert_eq!(
                got,
                expected_failure(number),
                "vector {number}: {description}"
            );
        } else {
            valid += 1;
            assert_eq!(
                got,
                Outcome::Secret(secret_hex.clone()),
                "vector {number}: {description}"
            );
        }
    }
    assert_eq!((valid, invalid), (15, 30));
}

#[test]
fn valid_vectors_reformat_to_the_same_words() {
    let vectors: Vec<(String, Vec<String>, String, String)> =
        serde_json::from_str(VECTORS).unwrap();
    for (description, shares, secret_hex, _) in &vectors {
        if secret_hex.is_empty() {
            continue;
        }
        for s in shares {
            let share = Share::parse(s).unwrap();
            assert_eq!(share.to_words().as_str(), s, "{description}");
        }
    }
}
