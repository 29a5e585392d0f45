//! The plan report in sentences: the lines `seedshard plan` prints and the short summary.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use super::analysis::{GroupCount, PlanReport};

/// "1 card of group 1 and 2 cards of group 3".
pub fn describe_counts(counts: &[GroupCount]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|g| {
            format!(
                "{} card{} of group {}",
                g.cards,
                if g.cards == 1 { "" } else { "s" },
                g.group
            )
        })
        .collect();
    join_and(&parts)
}

/// "group 2" or "groups 1 and 3".
pub fn describe_groups(groups: &[u8]) -> String {
    let parts: Vec<String> = groups.iter().map(|g| g.to_string()).collect();
    format!(
        "group{} {}",
        if groups.len() == 1 { "" } else { "s" },
        join_and(&parts)
    )
}

/// "a", "a and b", "a, b and c".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl PlanReport {
    /// The report for people: one sentence a line.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Plan: {} ({} cards in all).",
            self.plan, self.total_cards
        )];
        out.push(format!(
            "Fewest cards that recover: {} ({}).",
            self.min_cards_to_recover,
            describe_counts(&self.smallest_recovering_set)
        ));
        out.push(format!(
            "Any {} card{} may be lost and the wallet still recovers; the worst loss of {} ({}) makes it unrecoverable.",
            self.max_losses_survived,
            if self.max_losses_survived == 1 { "" } else { "s" },
            self.max_losses_survived + 1,
            describe_counts(&self.smallest_fatal_loss)
        ));
        out.push(format!(
            "Most cards that still cannot recover: {} ({}).",
            self.largest_failing_set,
            describe_counts(&self.largest_failing_cards)
        ));
        if let Some(h) = &self.heirs {
            let whose = match (&h.owner, h.owner_rule) {
                (Some(name), _) => format!("{name}'s cards"),
                (None, _) => "the single-card groups (taken as the owner's)".to_string(),
            };
            match h.min_cards_to_recover {
                Some(n) => out.push(format!(
                    "Heirs' path without {whose}: {n} cards ({}){}.",
                    describe_counts(&h.smallest_recovering_set),
                    match h.min_people_to_recover {
                        Some(p) => format!(
                            ", {p} people ({})",
                            join_and(&h.smallest_recovering_people)
                        ),
                        None => String::new(),
                    }
                )),
                None => out.push(format!(
                    "Heirs' path without {whose}: none, the wallet cannot be recovered without them."
                )),
            }
        }
        if let Some(p) = &self.people {
            match p.min_people_to_recover {
                Some(n) => out.push(format!(
                    "Fewest people who together recover: {n} ({}).",
                    join_and(&p.smallest_recovering_people)
                )),
                None => out.push(
                    "Fewest people who together recover: too many holders to search exhaustively; the card figures above still hold."
                        .to_string(),
                ),
            }
            if let Some(n) = p.max_people_lost_survived {
                out.push(format!(
                    "Any {n} people may be gone with their cards; losing {} ({}) is fatal.",
                    n + 1,
                    join_and(&p.smallest_fatal_people)
                ));
            }
            for h in &p.holders {
                out.push(format!(
                    "  {}{}: card{} {}; alone recovers: {}; if gone: {}.",
                    h.name,
                    if h.owner { " (owner)" } else { "" },
                    if h.cards.len() == 1 { "" } else { "s" },
                    h.cards.join(", "),
                    if h.recovers_alone { "YES" } else { "no" },
                    if !h.loss_survived {
                        "wallet LOST".to_string()
                    } else if h.groups_lost.is_empty() {
                        "survives".to_string()
                    } else {
                        format!(
                            "survives, but {} can never be completed",
                            describe_groups(&h.groups_lost)
                        )
                    }
                ));
            }
        }
        if let Some(p) = &self.places {
            match p.min_places_to_recover {
                Some(n) => out.push(format!(
                    "Fewest places a thief must visit: {n} ({}).",
                    join_and(&p.smallest_recovering_places)
                )),
                None => out.push(
                    "Fewest places a thief must visit: too many to search exhaustively."
                        .to_string(),
                ),
            }
            for f in &p.places {
                out.push(format!(
                    "  {}: {} card{} ({}); a thief there alone recovers: {}; after a fire there: {}.",
                    f.name,
                    f.cards,
                    if f.cards == 1 { "" } else { "s" },
                    join_and(&f.holders),
                    if f.recovers_alone { "YES" } else { "no" },
                    if f.loss_survived { "survives" } else { "wallet LOST" }
                ));
            }
        }
        for w in &self.warnings {
            out.push(format!("Warning: {w}"));
        }
        out
    }

    /// A few lines for the output of `split` and the owner sheet.
    pub fn summary(&self) -> Vec<String> {
        let mut out = vec![format!(
            "Plan {}: {} of its {} cards recover at the least; any {} may be lost; the largest set that cannot recover has {}.",
            self.plan,
            self.min_cards_to_recover,
            self.total_cards,
            self.max_losses_survived,
            self.largest_failing_set
        )];
        if let Some(h) = &self.heirs {
            if let Some(n) = h.min_cards_to_recover {
                out.push(format!("Without the owner's cards, {n} cards recover."));
            }
        }
        for w in &self.warnings {
            out.push(format!("Warning: {w}"));
        }
        out
    }
}
