//! Property tests: split then combine over random plans, secrets and qualifying subsets;
//! fewer shares than needed fail; every share formats and parses back to itself.

use proptest::prelude::*;
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use seedshard::{
    combine, CombineError, GroupSpec, IterationExponent, MasterSecret, Passphrase, Share, SplitPlan,
};

/// A random valid plan: 1..=16 groups of 1..=16 members; threshold 1 only for lone members.
fn plan_strategy() -> impl Strategy<Value = (u8, Vec<(u8, u8)>)> {
    let group = (1u8..=16).prop_flat_map(|n| {
        let t = if n == 1 {
            (1u8..=1).boxed()
        } else {
            (2u8..=n).boxed()
        };
        (t, Just(n))
    });
    prop::collection::vec(group, 1..=16)
        .prop_flat_map(|groups| (1u8..=groups.len() as u8, Just(groups)))
}

fn secret_strategy() -> impl Strategy<Value = Vec<u8>> {
    (8usize..=32).prop_flat_map(|half| prop::collection::vec(any::<u8>(), half * 2))
}

fn passphrase_strategy() -> impl Strategy<Value = String> {
    prop::string::string_regex("[ -~]{0,12}").unwrap()
}

/// Exponents 0..=2, mostly 0 to keep the suite quick.
fn exponent_strategy() -> impl Strategy<Value = u8> {
    prop_oneof![6 => Just(0u8), 2 => Just(1u8), 1 => Just(2u8)]
}

struct Case {
    secret: MasterSecret,
    passphrase: Passphrase,
    groups: Vec<Vec<Share>>,
    group_threshold: u8,
}

fn make_case(
    group_threshold: u8,
    groups: &[(u8, u8)],
    secret: Vec<u8>,
    passphrase: String,
    e: u8,
    extendable: bool,
    seed: u64,
) -> Case {
    let specs = groups
        .iter()
        .map(|&(t, n)| GroupSpec::new(t, n).unwrap())
        .collect();
    let plan = SplitPlan::new(group_threshold, specs)
        .unwrap()
        .with_iteration_exponent(IterationExponent::new(e).unwrap())
        .with_extendable(extendable);
    let secret = MasterSecret::new(secret).unwrap();
    let passphrase = Passphrase::new(passphrase).unwrap();
    let mut rng = StdRng::seed_from_u64(seed);
    let set = plan.split_with(&secret, &passphrase, &mut rng).unwrap();
    assert_eq!(set.groups().len(), groups.len());
    Case {
        secret,
        passphrase,
        groups: set.groups().to_vec(),
        group_threshold,
    }
}

/// Picks exactly the threshold of groups, and in each exactly its threshold of members.
fn minimal_subset(case: &Case, rng: &mut StdRng) -> Vec<Share> {
    let mut group_order: Vec<usize> = (0..case.groups.len()).collect();
    group_order.shuffle(rng);
    let mut picked = Vec::new();
    for &g in &group_order[..usize::from(case.group_threshold)] {
        let members = &case.groups[g];
        let t = usize::from(members[0].member_threshold());
        let mut order: Vec<usize> = (0..members.len()).collect();
        order.shuffle(rng);
        picked.extend(order[..t].iter().map(|&m| members[m].clone()));
    }
    picked.shuffle(rng);
    picked
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn split_then_combine_any_qualifying_subset(
        (group_threshold, groups) in plan_strategy(),
        secret in secret_strategy(),
        passphrase in passphrase_strategy(),
        e in exponent_strategy(),
        extendable in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let case = make_case(group_threshold, &groups, secret, passphrase, e, extendable, seed);
        let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed);

        // Exactly the thresholds.
        let minimal = minimal_subset(&case, &mut rng);
        prop_assert_eq!(&combine(&minimal, &case.passphrase).unwrap(), &case.secret);

        // Every share, in random order: extra shares and groups are cross-checked, not refused.
        let mut all: Vec<Share> = case.groups.iter().flatten().cloned().collect();
        all.shuffle(&mut rng);
        prop_assert_eq!(&combine(&all, &case.passphrase).unwrap(), &case.secret);

        // One share fewer than the minimal subset never recovers.
        let mut short = minimal.clone();
        let drop = (seed as usize) % short.len();
        short.remove(drop);
        let is_not_enough = matches!(
            combine(&short, &case.passphrase),
            Err(CombineError::NotEnoughShares { .. }) | Err(CombineError::NoShares)
        );
        prop_assert!(is_not_enough);
    }

    #[test]
    fn every_share_formats_and_parses_back(
        (group_threshold, groups) in plan_strategy(),
        secret in secret_strategy(),
        extendable in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let case = make_case(group_threshold, &groups, secret, String::new(), 0, extendable, seed);
        for share in case.groups.iter().flatten() {
            let words = share.to_words();
            let back = Share::parse(&words).unwrap();
            prop_assert_eq!(&back, share);
            // Any case, extra white space and 4-letter prefixes read the same share.
            let loose: String = words
                .split(' ')
                .enumerate()
                .map(|(i, w)| if i % 2 == 0 { w[..4].to_uppercase() } else { w.to_string() })
                .collect::<Vec<_>>()
                .join("  \t");
            prop_assert_eq!(&Share::parse(&loose).unwrap(), share);
        }
    }
}
