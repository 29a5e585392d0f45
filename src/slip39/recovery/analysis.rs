//! Checking every share against the others (linear in the shares, see the module docs of
//! [`super`]) and recovering the encrypted master secret.

use super::*;

impl Recovery {
    /// How far the set being recovered is from complete, or `None` before any share.
    pub fn progress(&self) -> Option<Progress> {
        let key = self.main_key()?;
        let groups = GroupProgress::of_groups(
            (0..key.params.group_count).map(|g| (g, self.group_entries(key, g).map(|e| &e.share))),
        );
        let complete_groups = groups.iter().filter(|g| g.missing() == 0).count() as u8;
        Some(Progress {
            identifier: key.params.identifier,
            group_threshold: key.params.group_threshold,
            group_count: key.params.group_count,
            groups,
            complete_groups,
        })
    }

    /// Distinct (non-duplicate) entries of the set `key` in group `g`.
    pub(super) fn group_entries(&self, key: SetKey, g: u8) -> impl Iterator<Item = &Entry> {
        let distinct = self
            .set_index
            .get(&key)
            .map_or(&[][..], |&k| &self.sets[k].distinct[..]);
        distinct
            .iter()
            .map(|&i| &self.entries[i])
            .filter(move |e| e.share.group_index() == g)
    }

    /// Checks every share: whether it belongs to the set, duplicates another, and fits the
    /// polynomial of the others of its group (and its group that of the other groups); and
    /// whether the set recovers. Never touches the passphrase or the decrypted secret.
    pub fn analyze(&self) -> Analysis {
        self.analyze_inner().0
    }

    fn analyze_inner(&self) -> (Analysis, Option<GroupLevel>) {
        let mut status: Vec<ShareStatus> = self
            .entries
            .iter()
            .map(|e| match e.duplicate_of {
                Some(of) => ShareStatus::Duplicate { of },
                None => ShareStatus::Waiting,
            })
            .collect();
        let Some(key) = self.main_key() else {
            return (
                Analysis {
                    status,
                    progress: None,
                    other_sets: Vec::new(),
                    outcome: SetOutcome::NoShares,
                    digest_checked: false,
                    unconfirmed: Vec::new(),
                },
                None,
            );
        };
        let mut other_sets: Vec<OtherSet> = Vec::new();
        // Each set's place in `other_sets`, once it has one.
        let mut place: Vec<Option<usize>> = alloc::vec![None; self.sets.len()];
        for (i, e) in self.entries.iter().enumerate() {
            if e.duplicate_of.is_some() {
                continue;
            }
            let k = SetKey::of(&e.share);
            let set = self.set_index[&k];
            if Some(set) == self.main {
                continue;
            }
            status[i] = ShareStatus::OtherSet;
            match place[set] {
                Some(o) => other_sets[o].entries.push(i),
                None => {
                    place[set] = Some(other_sets.len());
                    other_sets.push(OtherSet {
                        key: k,
                        name: k.params.identifier.short_name(),
                        same_identifier: k.params.identifier == key.params.identifier,
                        entries: alloc::vec![i],
                    });
                }
            }
        }
        let main_entries = self.main_entries();

        // Member level, group by group.
        let mut group_secrets: Vec<(u8, Zeroizing<Vec<u8>>)> = Vec::new();
        let mut group_members: Vec<(u8, Vec<usize>)> = Vec::new();
        let mut unresolved_groups: Vec<u8> = Vec::new();
        for g in 0..key.params.group_count {
            let ids: Vec<usize> = main_entries
                .iter()
                .copied()
                .filter(|&i| self.entries[i].share.group_index() == g)
                .collect();
            if ids.is_empty() {
                continue;
            }
            // Shares of a group that state different member thresholds: one side is
            // wrong. Only a side whose shares pass the digest (threshold 2 or more) can be
            // trusted over the other; otherwise the group is unresolved.
            let mut thresholds: Vec<u8> = Vec::new();
            for &i in &ids {
                let t = self.entries[i].share.member_threshold();
                if !thresholds.contains(&t) {
                    thresholds.push(t);
                }
            }
            let class = |t: u8| -> Vec<usize> {
                ids.iter()
                    .copied()
                    .filter(|&i| self.entries[i].share.member_threshold() == t)
                    .collect()
            };
            let points_of = |members: &[usize]| -> Vec<Point<'_>> {
                members
                    .iter()
                    .map(|&i| Point {
                        id: i,
                        x: self.entries[i].share.member_index(),
                        y: self.entries[i].share.expose_value(),
                    })
                    .collect()
            };
            let mut chosen: Option<(Vec<usize>, Fitted)> = None;
            if thresholds.len() == 1 {
                let members = class(thresholds[0]);
                let f = fit(thresholds[0], &points_of(&members));
                chosen = Some((members, f));
            } else {
                for &t in thresholds.iter().filter(|&&t| t >= 2) {
                    let members = class(t);
                    let f = fit(t, &points_of(&members));
                    if matches!(f, Fitted::Resolved { .. }) {
                        chosen = Some((members, f));
                        break;
                    }
                }
                if chosen.is_none() {
                    unresolved_groups.push(g);
                    for &i in &ids {
                        status[i] = ShareStatus::Unresolved;
                    }
                    continue;
                }
            }
            let (members, fitted) = chosen.expect("set above");
            for &i in ids.iter().filter(|i| !members.contains(i)) {
                status[i] = ShareStatus::Disagrees;
            }
            let points = points_of(&members);
            match fitted {
                Fitted::TooFew => {}
                Fitted::Unresolved => {
                    unresolved_groups.push(g);
                    for &i in &members {
                        status[i] = ShareStatus::Unresolved;
                    }
                }
                Fitted::Resolved { fits, secret } => {
                    let mut good = Vec::new();
                    for (p, ok) in points.iter().zip(fits) {
                        status[p.id] = if ok {
                            good.push(p.id);
                            ShareStatus::Fits
                        } else {
                            ShareStatus::Disagrees
                        };
                    }
                    group_secrets.push((g, secret));
                    group_members.push((g, good));
                }
            }
        }

        // Group level.
        let gt = key.params.group_threshold;
        let points: Vec<Point<'_>> = group_secrets
            .iter()
            .map(|(g, s)| Point {
                id: usize::from(*g),
                x: *g,
                y: s,
            })
            .collect();
        let mut used_groups = Vec::new();
        let outcome = match fit(gt, &points) {
            Fitted::TooFew => SetOutcome::Incomplete,
            Fitted::Unresolved => {
                for (_, members) in &group_members {
                    for &i in members {
                        status[i] = ShareStatus::Unresolved;
                    }
                }
                SetOutcome::GroupsDisagree
            }
            Fitted::Resolved { fits, .. } => {
                let mut odd = Vec::new();
                for (p, ok) in points.iter().zip(fits) {
                    let members = &group_members
                        .iter()
                        .find(|(g, _)| *g == p.x)
                        .expect("every point is a group")
                        .1;
                    if ok {
                        used_groups.push((p.x, members.clone()));
                    } else {
                        odd.push(p.x);
                        for &i in members {
                            status[i] = ShareStatus::GroupDisagrees;
                        }
                    }
                }
                let problems = status.iter().any(|s| {
                    matches!(
                        s,
                        ShareStatus::Disagrees
                            | ShareStatus::GroupDisagrees
                            | ShareStatus::Unresolved
                    )
                });
                if unresolved_groups.is_empty() && odd.is_empty() && !problems {
                    SetOutcome::Recovers
                } else {
                    SetOutcome::RecoversDespiteProblems
                }
            }
        };
        // SLIP-39 digests exist only where a threshold is 2 or more: one level up (groups)
        // covers everything. With a group threshold of 1 every group used holds the same
        // secret (they were found equal), so one group with a member threshold of 2 or more
        // confirms them all; groups of threshold 1 (single cards) have no digest.
        let digest_checked = !used_groups.is_empty()
            && (gt >= 2
                || used_groups.iter().any(|(_, members)| {
                    members
                        .first()
                        .is_some_and(|&i| self.entries[i].share.member_threshold() >= 2)
                }));
        let unconfirmed = if digest_checked {
            Vec::new()
        } else {
            self.unconfirmed(&used_groups)
        };
        let analysis = Analysis {
            status,
            digest_checked,
            unconfirmed,
            progress: self.progress(),
            other_sets,
            outcome,
        };
        let level = (!used_groups.is_empty()).then_some(GroupLevel {
            groups: used_groups,
        });
        (analysis, level)
    }

    /// Worked-out words in the shares used that nothing confirms, when the set has no
    /// digest where they are used (group threshold 1, single-card groups). The groups used
    /// then all hold the same value, so any one share among them read whole (or confirmed
    /// by the person, or repeated by a share read whole) confirms the others.
    fn unconfirmed(&self, used_groups: &[(u8, Vec<usize>)]) -> Vec<Unconfirmed> {
        let used: Vec<usize> = used_groups
            .iter()
            .flat_map(|(_, m)| m.iter().copied())
            .collect();
        let needs = |i: usize| {
            self.entries[i].needs_confirmation()
                && !self
                    .entries
                    .iter()
                    .any(|d| d.duplicate_of == Some(i) && !d.needs_confirmation())
        };
        if used.iter().any(|&i| !needs(i)) {
            return Vec::new();
        }
        used.iter()
            .map(|&i| {
                Unconfirmed::of(
                    i,
                    self.entries[i]
                        .note
                        .as_ref()
                        .expect("needs confirmation, so it has a note"),
                )
            })
            .collect()
    }

    /// Recovers the encrypted master secret from the shares that fit, leaving out those
    /// that do not (they are named by [`Recovery::analyze`]). Decrypt it with the passphrase
    /// ([`EncryptedMasterSecret::decrypt`]).
    ///
    /// Words worked out from the checksum are used only when something confirms them: the
    /// SLIP-39 digest (where a threshold is 2 or more), another share read whole that holds
    /// the same value, or the person ([`Recovery::confirm_repairs`]). Otherwise this is
    /// [`RecoveryError::Unconfirmed`]; a caller that can confirm the result another way
    /// (the wallet's fingerprint or an address) uses [`Recovery::recover_unconfirmed`].
    ///
    /// # Errors
    ///
    /// [`RecoveryError`] saying what is missing, which group does not fit, or which words
    /// nothing confirms.
    pub fn recover(&self) -> Result<EncryptedMasterSecret, RecoveryError> {
        let (ems, unconfirmed) = self.recover_unconfirmed()?;
        if unconfirmed.is_empty() {
            Ok(ems)
        } else {
            Err(RecoveryError::Unconfirmed(unconfirmed))
        }
    }

    /// As [`Recovery::recover`], but returns the secret together with the worked-out words
    /// nothing has confirmed yet. When that list is not empty the secret may be another
    /// wallet's: use it only after checking it against something independent (the
    /// wallet's fingerprint or an address the owner recorded), and never to make new shares.
    ///
    /// # Errors
    ///
    /// As [`Recovery::recover`], except [`RecoveryError::Unconfirmed`].
    pub fn recover_unconfirmed(
        &self,
    ) -> Result<(EncryptedMasterSecret, Vec<Unconfirmed>), RecoveryError> {
        let (analysis, level) = self.analyze_inner();
        match analysis.outcome {
            SetOutcome::NoShares => return Err(RecoveryError::NoShares),
            SetOutcome::Incomplete => {
                let progress = analysis.progress.expect("shares were given");
                // A group with enough shares that do not fit together is not complete.
                let unresolved: Vec<u8> = progress
                    .groups
                    .iter()
                    .filter(|g| g.missing() == 0)
                    .map(|g| g.group_index)
                    .filter(|&g| {
                        analysis.status.iter().zip(&self.entries).any(|(s, e)| {
                            *s == ShareStatus::Unresolved && e.share.group_index() == g
                        })
                    })
                    .collect();
                if let Some(&g) = unresolved.first() {
                    return Err(RecoveryError::GroupUnresolved { group_index: g });
                }
                return Err(RecoveryError::NotEnoughShares(progress));
            }
            SetOutcome::GroupsDisagree => return Err(RecoveryError::GroupsUnresolved),
            SetOutcome::Recovers | SetOutcome::RecoversDespiteProblems => {}
        }
        let level = level.expect("resolved sets have groups");
        let shares: Vec<Share> = level
            .groups
            .iter()
            .flat_map(|(_, members)| members.iter().map(|&i| self.entries[i].share.clone()))
            .collect();
        let ems = recover_ems(&shares).map_err(|_| RecoveryError::GroupsUnresolved)?;
        Ok((ems, analysis.unconfirmed))
    }
}

/// The groups used for the secret, each with its fitting entries.
struct GroupLevel {
    groups: Vec<(u8, Vec<usize>)>,
}

/// A point for the consistency check: `id` names it to the caller.
struct Point<'a> {
    id: usize,
    x: u8,
    y: &'a [u8],
}

enum Fitted {
    /// Fewer distinct x than the threshold.
    TooFew,
    /// Enough points, but no base of `t` of them passed the digest.
    Unresolved,
    /// A verified secret, and for each point whether it lies on the polynomial.
    Resolved {
        fits: Vec<bool>,
        secret: Zeroizing<Vec<u8>>,
    },
}

/// Finds which `points` lie on one polynomial of degree `t - 1` whose secret passes the
/// digest, in time linear in the number of points (see the module docs).
fn fit(t: u8, points: &[Point<'_>]) -> Fitted {
    let t_us = usize::from(t);
    // The first point for each x, then the rest (same x, other value).
    let mut primary: Vec<usize> = Vec::new();
    let mut secondary: Vec<usize> = Vec::new();
    for (k, p) in points.iter().enumerate() {
        if primary.iter().any(|&q| points[q].x == p.x) {
            secondary.push(k);
        } else {
            primary.push(k);
        }
    }
    if primary.len() < t_us {
        return Fitted::TooFew;
    }
    if t == 1 {
        // No digest: the value is the secret itself. The majority value wins; on a tie
        // nothing can be said.
        let mut classes: Vec<(usize, usize)> = Vec::new(); // (representative, count)
        for (k, p) in points.iter().enumerate() {
            use subtle::ConstantTimeEq;
            match classes
                .iter_mut()
                .find(|(r, _)| bool::from(points[*r].y.ct_eq(p.y)))
            {
                Some((_, c)) => *c += 1,
                None => classes.push((k, 1)),
            }
        }
        let best = classes.iter().map(|c| c.1).max().unwrap_or(0);
        if classes.iter().filter(|c| c.1 == best).count() > 1 {
            return Fitted::Unresolved;
        }
        let rep = classes.iter().find(|c| c.1 == best).expect("max exists").0;
        let fits = points
            .iter()
            .map(|p| {
                use subtle::ConstantTimeEq;
                bool::from(points[rep].y.ct_eq(p.y))
            })
            .collect();
        return Fitted::Resolved {
            fits,
            secret: Zeroizing::new(points[rep].y.to_vec()),
        };
    }
    let raw = |idx: &[usize]| -> Vec<RawShare<'_>> {
        idx.iter()
            .map(|&k| RawShare {
                x: points[k].x,
                y: points[k].y,
            })
            .collect()
    };
    let mut base: Vec<usize> = primary[..t_us].to_vec();
    let mut secret = shamir::recover_secret(t, &raw(&base)).ok();
    if secret.is_none() {
        // The odd point is in the base: swap each base point for a further one (two at
        // most, in case the first is odd too) until the digest holds.
        let extras: Vec<usize> = primary[t_us..].iter().chain(&secondary).copied().collect();
        'search: for &e in extras.iter().take(2) {
            for i in 0..t_us {
                let mut trial = base.clone();
                trial[i] = e;
                let mut xs: Vec<u8> = trial.iter().map(|&k| points[k].x).collect();
                xs.sort_unstable();
                xs.dedup();
                if xs.len() < t_us {
                    continue;
                }
                if let Ok(s) = shamir::recover_secret(t, &raw(&trial)) {
                    base = trial;
                    secret = Some(s);
                    break 'search;
                }
            }
        }
    }
    let Some(secret) = secret else {
        return Fitted::Unresolved;
    };
    let base_raw = raw(&base);
    let fits = points
        .iter()
        .enumerate()
        .map(|(k, p)| {
            if base.contains(&k) {
                true
            } else {
                use subtle::ConstantTimeEq;
                bool::from(shamir::interpolate(&base_raw, p.x).ct_eq(p.y))
            }
        })
        .collect();
    Fitted::Resolved { fits, secret }
}
