//! The share sets the card tests draw: 20 words in two groups (8 shares), 33 words 3 of 5,
//! and 59 words (the longest secret, on tall cards) with a given number of shares.
//!
//! Included with `#[path = "common/card_sets.rs"] mod card_sets;` by the test files that use
//! it.
#![allow(dead_code)]

use rand::rngs::StdRng;
use rand::SeedableRng;
use seedshard::{GroupSpec, MasterSecret, Passphrase, ShareSet, SplitPlan};

/// A fixed master secret of `len` bytes.
pub fn secret(len: usize) -> MasterSecret {
    MasterSecret::new((0..len).map(|i| (i * 37 + 11) as u8).collect()).unwrap()
}

/// (secret, set): 20 words in two groups (2 of 3, 3 of 5), 33 words 3 of 5, 59 words 2 of
/// `tall_cards`.
pub fn sets(tall_cards: u8) -> Vec<(MasterSecret, ShareSet)> {
    let plans = [
        (
            16,
            SplitPlan::new(
                2,
                vec![GroupSpec::new(2, 3).unwrap(), GroupSpec::new(3, 5).unwrap()],
            )
            .unwrap(),
        ),
        (32, SplitPlan::single(3, 5).unwrap()),
        (64, SplitPlan::single(2, tall_cards).unwrap()),
    ];
    plans
        .into_iter()
        .enumerate()
        .map(|(k, (len, plan))| {
            let s = secret(len);
            let set = plan
                .split_with(
                    &s,
                    &Passphrase::empty(),
                    &mut StdRng::seed_from_u64(k as u64),
                )
                .unwrap();
            (s, set)
        })
        .collect()
}
