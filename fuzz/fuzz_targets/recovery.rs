//! The recovery accumulator (`Recovery::add_text`, `analyze`, `recover`, `reissue`) over
//! share text as people type it: real shares of two fixed sets, with up to 3 words replaced
//! by `?`, a wrong word, an unreadable word and a wrong word together, shares altered with a
//! valid checksum (swapped cards), and arbitrary text. Never panics; text made from a real
//! share by damage the checksum can settle (3 erasures, or 1 wrong word with at most 1
//! erasure) is either refused or gives back exactly that share; when only real and repaired
//! shares were given, every share found to fit is a real share of its set.
#![no_main]

use std::convert::Infallible;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use seedshard::slip39::recovery::SetOutcome;
use seedshard::slip39::{rs1024, wordlist};
use seedshard::{
    GroupSpec, Identifier, IterationExponent, MasterSecret, Passphrase, Recovery, Share,
    ShareStatus, SplitPlan,
};

/// The most operations one input performs.
const MAX_OPS: usize = 40;

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

fn pool() -> &'static Vec<Share> {
    static POOL: OnceLock<Vec<Share>> = OnceLock::new();
    POOL.get_or_init(|| {
        let mut rng = SplitMix(0x0ecc_0e12);
        // Identifiers with different first words, so that the sets never share a prefix.
        let plans: [(u8, &[(u8, u8)], usize, bool, u16); 2] = [
            (2, &[(2, 3), (3, 5), (1, 1)], 16, true, 100),
            (1, &[(2, 3)], 32, false, 5000),
        ];
        let mut shares = Vec::new();
        for (gt, groups, len, extendable, id) in plans {
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
            shares.extend(set.shares().cloned());
        }
        shares
    })
}

fuzz_target!(|data: &[u8]| {
    let pool = pool();
    let mut rec = Recovery::new();
    let mut only_real = true;
    let mut pos = 0usize;
    let mut next = || {
        pos += 1;
        data.get(pos - 1).copied().unwrap_or(0)
    };
    for _ in 0..MAX_OPS.min(data.len().div_ceil(4)) {
        let op = next();
        let original = &pool[usize::from(next()) % pool.len()];
        let idx = original.to_indices();
        let n = idx.len();
        let mut words: Vec<String> = idx.iter().map(|&w| wordlist::word(w).to_string()).collect();
        // Whether the checksum must settle this text to `original` if it accepts it.
        let mut settles = true;
        match op % 8 {
            0 => {}
            k @ 1..=3 => {
                for _ in 0..k {
                    words[usize::from(next()) % n] = "?".into();
                }
            }
            4 | 5 => {
                let at = usize::from(next()) % n;
                let w = (idx[at] + 1 + u16::from(next()) * 4) % 1024;
                words[at] = wordlist::word(w).to_string();
                if op % 8 == 5 {
                    words[(at + 1 + usize::from(next())) % n] = "?".into();
                }
            }
            6 => {
                // A swapped card: another value, with a valid checksum.
                let mut v = idx.to_vec();
                let at = 4 + usize::from(next()) % (n - 7);
                v[at] ^= 1 + u16::from(next());
                v[at] &= 1023;
                let c = rs1024::create_checksum(&v[..n - 3], original.extendable());
                v[n - 3..].copy_from_slice(&c);
                words = v.iter().map(|&w| wordlist::word(w).to_string()).collect();
                settles = false;
                only_real = false;
            }
            _ => {
                let len = usize::from(next()) % 64;
                let raw: Vec<u8> = (0..len).map(|_| next()).collect();
                words = vec![String::from_utf8_lossy(&raw).into_owned()];
                settles = false;
                only_real = false;
            }
        }
        let text = words.join(" ");
        if let Ok(added) = rec.add_text(&text, "fuzz") {
            if settles {
                assert_eq!(
                    rec.entries()[added.entry].share(),
                    original,
                    "a repair gave another share"
                );
            }
        }
    }
    let analysis = rec.analyze();
    assert_eq!(analysis.status.len(), rec.entries().len());
    if only_real {
        for (e, s) in rec.entries().iter().zip(&analysis.status) {
            if *s == ShareStatus::Fits {
                assert!(pool.contains(e.share()), "a share that is not real fits");
            }
        }
    }
    let recovered = rec.recover();
    // Worked-out words that nothing confirms hold the secret back.
    assert_eq!(
        recovered.is_ok(),
        analysis.recovers() && analysis.unconfirmed.is_empty()
    );
    if only_real && recovered.is_ok() {
        assert_ne!(analysis.outcome, SetOutcome::GroupsDisagree);
    }
    if let Some(p) = analysis.progress {
        for g in &p.groups {
            // Reissuing never panics, whatever the group holds.
            let _ = rec.reissue(g.group_index, 15);
        }
    }
});
