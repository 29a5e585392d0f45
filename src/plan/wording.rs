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

/// "YES", or "no; with 2 others: yes" from the fewest units, this one included, that recover.
fn theft_words(alone: bool, with: Option<u16>, one: &str, many: &str) -> String {
    match (alone, with) {
        (true, _) => "YES".to_string(),
        (false, Some(n)) if n > 1 => format!(
            "no; with {} {}: yes",
            n - 1,
            if n == 2 { one } else { many }
        ),
        (false, _) => "no".to_string(),
    }
}

/// "wallet LOST", or "survives; with 1 other gone: wallet lost" from the fewest units, this
/// one included, whose loss is fatal.
fn loss_words(
    survived: bool,
    groups_lost: &[u8],
    with: Option<u16>,
    one: &str,
    many: &str,
) -> String {
    if !survived {
        return "wallet LOST".to_string();
    }
    let mut words = if groups_lost.is_empty() {
        "survives".to_string()
    } else {
        format!(
            "survives, but {} can never be completed",
            describe_groups(groups_lost)
        )
    };
    if let Some(n) = with.filter(|&n| n > 1) {
        words.push_str(&format!(
            "; with {} {}: wallet lost",
            n - 1,
            if n == 2 { one } else { many }
        ));
    }
    words
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
            if !p.holders.is_empty() {
                out.push(
                    "People, those who matter most first (who could recover with the fewest others, then whose loss with the fewest others is fatal):"
                        .to_string(),
                );
            }
            for name in &p.holders_by_importance {
                let Some(h) = p.holders.iter().find(|h| &h.name == name) else {
                    continue;
                };
                out.push(format!(
                    "  {}{}: card{} {}; alone recovers: {}; if gone: {}.",
                    h.name,
                    if h.owner { " (owner)" } else { "" },
                    if h.cards.len() == 1 { "" } else { "s" },
                    h.cards.join(", "),
                    theft_words(
                        h.recovers_alone,
                        h.min_people_to_recover_with,
                        "other",
                        "others"
                    ),
                    loss_words(
                        h.loss_survived,
                        &h.groups_lost,
                        h.min_people_lost_fatal_with,
                        "other gone",
                        "others gone"
                    ),
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
            if let Some(n) = p.max_places_lost_survived {
                out.push(format!(
                    "Any {n} place{} may burn and the wallet still recovers; losing {} ({}) is fatal.",
                    if n == 1 { "" } else { "s" },
                    n + 1,
                    join_and(&p.smallest_fatal_places)
                ));
            }
            if !p.places.is_empty() {
                out.push(
                    "Places, those that matter most first (a thief there needs the fewest other places, then a fire there the fewest other fires):"
                        .to_string(),
                );
            }
            for name in &p.places_by_importance {
                let Some(f) = p.places.iter().find(|f| &f.name == name) else {
                    continue;
                };
                out.push(format!(
                    "  {}: {} card{} ({}); a thief there alone recovers: {}; after a fire there: {}.",
                    f.name,
                    f.cards,
                    if f.cards == 1 { "" } else { "s" },
                    join_and(&f.holders),
                    theft_words(
                        f.recovers_alone,
                        f.min_places_to_recover_with,
                        "other place",
                        "other places"
                    ),
                    loss_words(
                        f.loss_survived,
                        &f.groups_lost,
                        f.min_places_lost_fatal_with,
                        "other fire",
                        "other fires"
                    ),
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
        if let Some(p) = &self.people {
            if let Some(n) = p.min_people_to_recover {
                out.push(format!(
                    "People: {n} together recover at the least ({}); those who matter most first: {}.",
                    join_and(&p.smallest_recovering_people),
                    p.holders_by_importance.join(", ")
                ));
            }
        }
        if let Some(p) = &self.places {
            if let Some(n) = p.min_places_to_recover {
                out.push(format!(
                    "Places: a thief must visit {n} at the least ({}); those that matter most first: {}.",
                    join_and(&p.smallest_recovering_places),
                    p.places_by_importance.join(", ")
                ));
            }
        }
        for w in &self.warnings {
            out.push(format!("Warning: {w}"));
        }
        out
    }
}
