//! `recover_ems` (the combining step of `combine`, before the passphrase) over arbitrary lists
//! of shares: real shares of a few fixed sets, real shares with a word changed, and shares of
//! arbitrary words, all with valid checksums so that they reach the combining logic. Never
//! panics; a result always matches the first share's set; shares taken unchanged from one set
//! that combine always give that set's secret back.
#![no_main]

use std::convert::Infallible;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use seedshard::slip39::rs1024;
use seedshard::{
    recover_ems, GroupSpec, Identifier, IterationExponent, MasterSecret, Passphrase, Share,
    SplitPlan,
};

/// The most shares one input builds (the CLI reads at most a few hundred).
const MAX_SHARES: usize = 48;

/// A deterministic generator, so that the pool is the same in every run.
struct SplitMix(u64);

impl SplitMix {
    fn step(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

impl rand_core::TryRng for SplitMix {
    type Error = Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Infallible> {
        Ok(self.step() as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Infallible> {
        Ok(self.step())
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Infallible> {
        dst.iter_mut().for_each(|b| *b = self.step() as u8);
        Ok(())
    }
}

impl rand_core::TryCryptoRng for SplitMix {}

struct Pool {
    /// (set number, share)
    shares: Vec<(usize, Share)>,
    secrets: Vec<MasterSecret>,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut rng = SplitMix(0x5eed_5eed);
        // (group threshold, groups, secret length, extendable, identifier)
        let plans: [(u8, &[(u8, u8)], usize, bool, u16); 4] = [
            (1, &[(2, 3)], 16, true, 1),
            (2, &[(2, 3), (3, 5), (1, 1)], 16, true, 2),
            (2, &[(2, 2), (1, 1), (3, 4)], 32, false, 3),
            (1, &[(1, 1)], 64, true, 4),
        ];
        let mut shares = Vec::new();
        let mut secrets = Vec::new();
        for (n, (gt, groups, len, extendable, id)) in plans.into_iter().enumerate() {
            let mut bytes = vec![0u8; len];
            rand_core::TryRng::try_fill_bytes(&mut rng, &mut bytes).unwrap();
            let secret = MasterSecret::from_slice(&bytes).unwrap();
            let groups = groups
                .iter()
                .map(|&(t, c)| GroupSpec::new(t, c).unwrap())
                .collect();
            let set = SplitPlan::new(gt, groups)
                .unwrap()
                .with_extendable(extendable)
                .with_iteration_exponent(IterationExponent::new(0).unwrap())
                .with_identifier(Identifier::new(id).unwrap())
                .split_with(&secret, &Passphrase::empty(), &mut rng)
                .unwrap();
            shares.extend(set.shares().map(|s| (n, s.clone())));
            secrets.push(secret);
        }
        Pool { shares, secrets }
    })
}

/// Replaces the last three words with the RS1024 checksum of the others, under the
/// customization the share's own extendable flag (bit 4 of word 2) selects.
fn fix_checksum(indices: &mut [u16]) {
    let n = indices.len();
    let extendable = indices[1] >> 4 & 1 == 1;
    let checksum = rs1024::create_checksum(&indices[..n - 3], extendable);
    indices[n - 3..].copy_from_slice(&checksum);
}

fuzz_target!(|data: &[u8]| {
    let pool = pool();
    let mut shares = Vec::new();
    // The set each share was taken from unchanged, if it was.
    let mut origins = Vec::new();
    let mut bytes = data.iter().copied();
    let mut next = move || bytes.next();
    while let Some(op) = next() {
        if shares.len() >= MAX_SHARES {
            break;
        }
        let k = usize::from(next().unwrap_or(0)) % pool.shares.len();
        match op % 4 {
            0 | 1 => {
                shares.push(pool.shares[k].1.clone());
                origins.push(Some(pool.shares[k].0));
            }
            2 => {
                let mut indices = pool.shares[k].1.to_indices().to_vec();
                let n = indices.len();
                let at = usize::from(next().unwrap_or(0)) % (n - 3);
                let word = u16::from_le_bytes([next().unwrap_or(0), next().unwrap_or(0)]) & 0x3ff;
                indices[at] = word;
                fix_checksum(&mut indices);
                if let Ok(share) = Share::from_indices(&indices) {
                    shares.push(share);
                    origins.push(None);
                }
            }
            _ => {
                let n = 20 + k % 40;
                let mut indices: Vec<u16> = (0..n)
                    .map(|_| u16::from_le_bytes([next().unwrap_or(0), next().unwrap_or(0)]) & 0x3ff)
                    .collect();
                fix_checksum(&mut indices);
                if let Ok(share) = Share::from_indices(&indices) {
                    shares.push(share);
                    origins.push(None);
                }
            }
        }
    }

    match recover_ems(&shares) {
        Ok(ems) => {
            let first = &shares[0];
            assert_eq!(ems.identifier(), first.identifier());
            assert_eq!(ems.extendable(), first.extendable());
            assert_eq!(ems.iteration_exponent(), first.iteration_exponent());
            assert_eq!(ems.len(), first.value_len());
            // Unchanged shares of one set give that set's secret, whatever else was given.
            if let Some(Some(set)) = origins.first() {
                if origins.iter().all(|o| *o == Some(*set)) {
                    let secret = ems.decrypt(&Passphrase::empty());
                    assert!(
                        secret == pool.secrets[*set],
                        "a real set combined to another secret"
                    );
                }
            }
        }
        Err(e) => {
            // Errors name positions; rendering them must not fail.
            assert!(!e.to_string().is_empty());
        }
    }
});
