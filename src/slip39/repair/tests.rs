//! Tests of working out damaged words.

use super::*;
use crate::slip39::share::{Identifier, IterationExponent};

fn share(len: usize, ext: bool, seed: u8) -> Share {
    let value: Vec<u8> = (0..len as u8)
        .map(|b| b.wrapping_mul(seed) ^ 0x5A)
        .collect();
    Share::new(
        Identifier::new(1234 + u16::from(seed)).unwrap(),
        ext,
        IterationExponent::new(2).unwrap(),
        1,
        2,
        3,
        4,
        3,
        value,
    )
}

#[test]
fn columns_match_polymod_linearity() {
    let len = 20;
    let cols = columns(len);
    let zero = rs1024::polymod(b"", core::iter::repeat_n(0u16, len));
    for p in [0, 5, 19] {
        for (b, &col) in cols[p].iter().enumerate() {
            let mut v = alloc::vec![0u16; len];
            v[p] = 1 << b;
            assert_eq!(rs1024::polymod(b"", v) ^ zero, col);
        }
    }
}

#[test]
fn every_triple_of_erasures_in_a_20_word_share_is_solved() {
    for ext in [false, true] {
        let s = share(16, ext, 3);
        let idx = s.to_indices();
        for a in 0..20 {
            for b in a + 1..20 {
                for c in [(b + 7) % 20, 19, 0] {
                    if c == a || c == b {
                        continue;
                    }
                    let w = ShareWords::from_indices(&idx, &[a + 1, b + 1, c + 1]);
                    match repair(&w) {
                        Repair::Repaired(cand) => assert_eq!(cand.share, s),
                        // Word 2 holds the extendable flag, which picks the checksum's
                        // customization: both flags may fit, and other shares decide.
                        Repair::Ambiguous(cands) if [a, b, c].contains(&1) => {
                            assert_eq!(cands.len(), 2);
                            assert!(cands.iter().any(|cand| cand.share == s));
                        }
                        other => panic!("{a} {b} {c}: {other:?}"),
                    }
                }
            }
        }
    }
}

#[test]
fn one_wrong_word_is_located_alone_and_beside_one_erasure() {
    let s = share(32, true, 5);
    let idx = s.to_indices();
    for p in 0..idx.len() {
        let mut bad = idx.to_vec();
        bad[p] ^= 0x155;
        match repair(&ShareWords::from_indices(&bad, &[])) {
            Repair::Repaired(c) => {
                assert_eq!(c.share, s);
                assert_eq!(c.replaced().collect::<Vec<_>>(), [p + 1]);
            }
            other => panic!("position {p}: {other:?}"),
        }
        let e = (p + 11) % idx.len();
        match repair(&ShareWords::from_indices(&bad, &[e + 1])) {
            Repair::Repaired(c) => assert_eq!(c.share, s, "{p} {e}"),
            other => panic!("position {p} erasure {e}: {other:?}"),
        }
    }
}

#[test]
fn two_wrong_words_never_fit_as_one() {
    let s = share(16, false, 9);
    let idx = s.to_indices();
    for p in 0..20 {
        let mut bad = idx.to_vec();
        bad[p] ^= 1;
        bad[(p + 3) % 20] ^= 2;
        assert_eq!(repair(&ShareWords::from_indices(&bad, &[])), Repair::NoFit);
    }
}

#[test]
fn a_missing_or_extra_word_is_found() {
    let s = share(16, true, 7);
    let idx = s.to_indices();
    for p in [0, 1, 6, 19] {
        let mut short = idx.to_vec();
        short.remove(p);
        let c = missing_word(&ShareWords::from_indices(&short, &[]));
        assert_eq!(c.len(), 1, "{p}");
        assert_eq!(
            (c[0].share.clone(), c[0].inserted),
            (s.clone(), Some(p + 1))
        );
        let mut long = idx.to_vec();
        long.insert(p, 77);
        let c = extra_word(&ShareWords::from_indices(&long, &[]));
        assert!(c.iter().all(|c| c.share == s));
        assert!(c.iter().any(|c| c.removed == Some(p + 1)), "{p}");
    }
}

#[test]
fn two_unreadable_words_and_a_wrong_one_are_refused_not_guessed() {
    let s = share(16, false, 4);
    let mut idx = s.to_indices().to_vec();
    idx[10] ^= 3;
    assert_eq!(
        repair(&ShareWords::from_indices(&idx, &[3, 15])),
        Repair::NoFit
    );
    // Marked unreadable too, the wrong word is worked out with the others.
    match repair(&ShareWords::from_indices(&idx, &[3, 11, 15])) {
        Repair::Repaired(c) => assert_eq!(c.share, s),
        other => panic!("{other:?}"),
    }
}

#[test]
fn four_unreadable_words_are_refused() {
    let s = share(16, false, 1);
    let w = ShareWords::from_indices(&s.to_indices(), &[1, 2, 3, 4]);
    assert_eq!(repair(&w), Repair::TooManyUnreadable { unreadable: 4 });
}

#[test]
fn parse_marks_question_marks_and_unknown_words() {
    let s = share(16, false, 1);
    let words = s.to_words();
    let mut v: Vec<&str> = words.split(' ').collect();
    v[3] = "?";
    v[9] = "qqqqq";
    let text = v.join(" ");
    assert!(ShareWords::parse(&text, false).is_err());
    let w = ShareWords::parse(&text, true).unwrap();
    assert_eq!(w.unreadable(), &[4, 10]);
    assert_eq!(w.unknown(), &[10]);
    assert!(!alloc::format!("{w:?}").contains(v[0]));
    match repair(&w) {
        Repair::Repaired(c) => assert_eq!(c.share, s),
        other => panic!("{other:?}"),
    }
}
