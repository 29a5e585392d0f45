//! A two-level plan as a family might use it: the owner keeps one share alone, family members
//! form a 2-of-3 group, friends a 3-of-5 group, and any 2 of these 3 groups restore the wallet.
//!
//! Run with `cargo run --example family_plan`. It prints only the public facts of each share
//! (never words) and shows which combinations recover.

use seedshard::{combine, GroupSpec, MasterSecret, Passphrase, Share, SplitPlan};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let plan = SplitPlan::new(
        2,
        vec![
            GroupSpec::new(1, 1)?, // the owner
            GroupSpec::new(2, 3)?, // family
            GroupSpec::new(3, 5)?, // friends
        ],
    )?;
    let secret = MasterSecret::generate(16)?;
    let passphrase = Passphrase::empty();
    let set = plan.split(&secret, &passphrase)?;
    println!(
        "set {} ({}): {} of {} groups needed",
        set.identifier(),
        set.identifier().short_name(),
        set.group_threshold(),
        set.groups().len()
    );
    for share in set.shares() {
        println!(
            "  group {} member {}: {} words, group needs {}",
            share.group_index() + 1,
            share.member_index() + 1,
            share.word_count(),
            share.member_threshold()
        );
    }

    let g = set.groups();
    // The owner's share and two family members: enough.
    let owner_and_family: Vec<Share> = [&g[0][0], &g[1][0], &g[1][2]]
        .into_iter()
        .cloned()
        .collect();
    assert_eq!(combine(&owner_and_family, &passphrase)?, secret);
    println!("owner + 2 family members: recovered");

    // Two family members and two friends: the friends' group is one short.
    let short: Vec<Share> = [&g[1][0], &g[1][1], &g[2][0], &g[2][1]]
        .into_iter()
        .cloned()
        .collect();
    match combine(&short, &passphrase) {
        Ok(_) => unreachable!("two groups are needed"),
        Err(e) => println!("2 family + 2 friends: {e}"),
    }
    Ok(())
}
