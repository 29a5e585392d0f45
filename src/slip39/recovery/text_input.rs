//! Share text into the accumulator: damaged words worked out from the checksum and from the
//! other shares of the set, under one rule for every source of text.

use super::*;

/// Why share text could not be added. Never contains words of the share, except as
/// [`Candidate`]s to show the person.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TextError {
    /// The text is not a share (no words, a wrong length...), with the first problem.
    Parse(ParseShareError),
    /// The checksum cannot determine the damaged words.
    Unrepairable(Repair),
    /// Several corrections fit and the other shares do not decide between them: show them
    /// all and ask the person to compare with the card.
    Ambiguous(Vec<Candidate>),
    /// The checksum cannot settle the damage, and these words (1-based) contradict what
    /// every share of the set has in common: they are wrong, or the share is of another set.
    DiffersFromSet {
        /// The differing words.
        positions: Vec<usize>,
        /// What the checksum alone says.
        repair: Repair,
    },
    /// The share has another number of words than the other shares of the set: a word is
    /// missing or extra.
    LengthDiffers {
        /// Words given.
        words: usize,
        /// Words of the set's shares.
        set_words: usize,
    },
    /// The text is not a share at all (a sentence, a note, a phrase of another kind): most of
    /// its words are not SLIP-39 words, more than the checksum could ever work out. Only
    /// counts and positions, never the words.
    NotAShare {
        /// Words given.
        words: usize,
        /// How many of them are not SLIP-39 words.
        not_slip39: usize,
        /// The 1-based position of the first.
        first: usize,
    },
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Parse(e) => e.fmt(f),
            Self::Unrepairable(r) => r.fmt(f),
            Self::Ambiguous(c) => write!(
                f,
                "{} different corrections fit the checksum; compare each with the card",
                c.len()
            ),
            Self::DiffersFromSet { positions, repair } => {
                repair.fmt(f)?;
                let list: Vec<String> = positions.iter().map(|p| alloc::format!("{p}")).collect();
                write!(
                    f,
                    "; word{} {} differ{} from the other shares of the set, which all agree there",
                    if list.len() == 1 { "" } else { "s" },
                    list.join(", "),
                    if list.len() == 1 { "s" } else { "" }
                )
            }
            Self::LengthDiffers { words, set_words } => {
                let what = if words < set_words {
                    "a word is missing"
                } else {
                    "a word is extra"
                };
                write!(
                    f,
                    "the share has {words} words but the other shares of the set have {set_words}: {what}"
                )
            }
            Self::NotAShare {
                words,
                not_slip39,
                first,
            } => write!(
                f,
                "this line is not a SLIP-39 share: {not_slip39} of its {words} words are not SLIP-39 words (the first is word {first})"
            ),
        }
    }
}

impl core::error::Error for TextError {}

/// [`TextError::NotAShare`] when `words` cannot be a share with a few words misread: more
/// than half of them are not SLIP-39 words, and either there are more of those than the
/// checksum can work out ([`repair::MAX_ERASURES`]) or the line has no share's length. A
/// share with a few typos, or with `?` for words that cannot be read, is not caught here.
fn not_a_share(words: &ShareWords) -> Option<TextError> {
    let unknown = words.unknown();
    let &first = unknown.first()?;
    let len = words.len();
    let share_length = (crate::secret::MIN_SECRET_LEN..=crate::secret::MAX_SECRET_LEN)
        .step_by(2)
        .any(|n| share_length_words(n) == len);
    (2 * unknown.len() > len && (unknown.len() > repair::MAX_ERASURES || !share_length)).then(
        || TextError::NotAShare {
            words: len,
            not_slip39: unknown.len(),
            first,
        },
    )
}

impl Recovery {
    /// Parses share text, works out damaged words, and adds the share.
    ///
    /// A word may be `?` when it cannot be read, and a word not in the list counts as
    /// unreadable. Up to 3 unreadable words are solved from the checksum; one wrong word is
    /// located; the first two words, which every share of a set has in common, are taken
    /// from the shares already added when that settles what the checksum alone cannot. The
    /// returned [`RepairNote`] lists every word filled in or changed: show each to the
    /// person to compare with the card.
    ///
    /// # Errors
    ///
    /// [`TextError`] when the text is not a share or its damage cannot be settled; nothing
    /// is added then.
    pub fn add_text(&mut self, text: &str, source: impl Into<String>) -> Result<Added, TextError> {
        let settled = self.settle_text(text)?;
        Ok(self.add_settled(settled, source))
    }

    /// Works out share text as [`Recovery::add_text`] does, without adding it: for asking
    /// the person to confirm the repaired words first. Add it with [`Recovery::add_settled`].
    ///
    /// # Errors
    ///
    /// As [`Recovery::add_text`].
    pub fn settle_text(&self, text: &str) -> Result<Settled, TextError> {
        let words = ShareWords::parse(text, true).map_err(TextError::Parse)?;
        if let Some(e) = not_a_share(&words) {
            return Err(e);
        }
        let (share, note) = self.settle(words)?;
        Ok(Settled { share, note })
    }

    /// Adds a share worked out by [`Recovery::settle_text`].
    pub fn add_settled(&mut self, settled: Settled, source: impl Into<String>) -> Added {
        self.push(settled.share, source.into(), settled.note)
    }

    /// Records that the person compared the words worked out in entry `entry` (0-based)
    /// with the card and confirmed them: they no longer hold back [`Recovery::recover`].
    /// Only for a person at a terminal who saw each word.
    pub fn confirm_repairs(&mut self, entry: usize) {
        if let Some(e) = self.entries.get_mut(entry) {
            e.confirmed = true;
        }
    }

    /// Adds several shares' text at once, the same way whatever their order: first every
    /// share whose words are all readable and pass the checksum, then the damaged ones, so
    /// that what the other shares settle (the set's first words, its parameters) is known
    /// when the damage is worked out. Returns one result per item, in the order given.
    ///
    /// This is the one rule for shares read from files: `?` or a word not in the list is
    /// unreadable and worked out, a wrong word is located, the set's common words come from
    /// the other shares, and among several readings only one that belongs to the set is
    /// taken. What is worked out is then used only when something confirms it (see
    /// [`Recovery::recover`]).
    pub fn add_texts<'t, S: Into<String>>(
        &mut self,
        items: impl IntoIterator<Item = (&'t str, S)>,
    ) -> Vec<Result<Added, TextError>> {
        let items: Vec<(&str, String)> = items.into_iter().map(|(t, s)| (t, s.into())).collect();
        let mut out: Vec<Option<Result<Added, TextError>>> = alloc::vec![None; items.len()];
        for (k, (text, source)) in items.iter().enumerate() {
            let whole = ShareWords::parse(text, true)
                .ok()
                .filter(|w| w.unreadable().is_empty())
                .and_then(|w| Share::from_indices(w.indices()).ok());
            if let Some(share) = whole {
                out[k] = Some(Ok(self.push(share, source.clone(), None)));
            }
        }
        for (k, (text, source)) in items.iter().enumerate() {
            if out[k].is_none() {
                out[k] = Some(self.add_text(text, source.clone()));
            }
        }
        out.into_iter()
            .map(|r| r.expect("every item is added in one of the two passes"))
            .collect()
    }

    /// The first two words of the set being recovered.
    fn set_prefix(&self) -> Option<[u16; 2]> {
        // Words 1 and 2 hold only the identifier, extendable flag and iteration exponent
        // (SLIP-0039, "Format"): the same in every share of the set.
        let &first = self.main_entries().first()?;
        let idx = self.entries[first].share.to_indices();
        Some([idx[0], idx[1]])
    }

    fn settle(&self, words: ShareWords) -> Result<(Share, Option<RepairNote>), TextError> {
        let unknown_words = words.unknown().to_vec();
        let note = |fixes: Vec<Fix>, from: Vec<usize>, chosen: bool| {
            let n = RepairNote {
                fixes,
                from_other_shares: from,
                unknown_words: unknown_words.clone(),
                chosen_by_other_shares: chosen,
                missing_word: None,
                extra_word: None,
            };
            (!n.fixes.is_empty() || !n.from_other_shares.is_empty()).then_some(n)
        };
        let prefix = self.set_prefix();
        let matches_prefix = |s: &Share, p: [u16; 2]| {
            let idx = s.to_indices();
            idx[0] == p[0] && idx[1] == p[1]
        };
        let first = match repair::repair(&words) {
            Repair::Intact(share) => return Ok((share, None)),
            Repair::Repaired(c) => return Ok((c.share, note(c.fixes, Vec::new(), false))),
            Repair::Ambiguous(cands) => {
                if let Some(p) = prefix {
                    // Readings that belong to the set being recovered (all its common
                    // parameters and its length), else those that at least begin as its
                    // shares do.
                    let key = self.main_key();
                    let mut fit: Vec<Candidate> = cands
                        .iter()
                        .filter(|c| Some(SetKey::of(&c.share)) == key)
                        .cloned()
                        .collect();
                    if fit.is_empty() {
                        fit = cands
                            .iter()
                            .filter(|c| matches_prefix(&c.share, p))
                            .cloned()
                            .collect();
                    }
                    if fit.len() == 1 {
                        let c = fit.pop().expect("one candidate");
                        return Ok((c.share, note(c.fixes, Vec::new(), true)));
                    }
                }
                return Err(TextError::Ambiguous(cands));
            }
            Repair::Invalid(
                e @ (ParseShareError::TooShort { .. }
                | ParseShareError::InvalidLength { .. }
                | ParseShareError::TooLong { .. }),
            ) => {
                // A word left out or added: try each position, keeping shares of the set
                // being recovered when there is one.
                let mut cands = repair::missing_word(&words);
                cands.extend(repair::extra_word(&words));
                if let Some(p) = prefix {
                    if cands.iter().any(|c| matches_prefix(&c.share, p)) {
                        cands.retain(|c| matches_prefix(&c.share, p));
                    }
                }
                if cands.len() == 1 {
                    let c = cands.pop().expect("one candidate");
                    let mut n = note(c.fixes, Vec::new(), false).unwrap_or(RepairNote {
                        fixes: Vec::new(),
                        from_other_shares: Vec::new(),
                        unknown_words: unknown_words.clone(),
                        chosen_by_other_shares: false,
                        missing_word: None,
                        extra_word: None,
                    });
                    n.missing_word = c.inserted;
                    n.extra_word = c.removed;
                    return Ok((c.share, Some(n)));
                }
                if cands.len() > 1 {
                    return Err(TextError::Ambiguous(cands));
                }
                if let Some(key) = self.main_key() {
                    let set_words = share_length_words(key.value_len);
                    if set_words != words.len() {
                        return Err(TextError::LengthDiffers {
                            words: words.len(),
                            set_words,
                        });
                    }
                }
                return Err(TextError::Parse(e));
            }
            other => other,
        };
        let differs = self.differs_from_set(&words);
        // The checksum alone did not settle it: use the set's first two words. Unreadable
        // ones are filled from the set; readable ones that differ are suspects.
        let set_words = self.main_key().map(|k| share_length_words(k.value_len));
        let unsettled = |first: Repair| {
            if let Some(set_words) = set_words.filter(|&n| n != words.len()) {
                TextError::LengthDiffers {
                    words: words.len(),
                    set_words,
                }
            } else if differs.is_empty() {
                TextError::Unrepairable(first)
            } else {
                TextError::DiffersFromSet {
                    positions: differs.clone(),
                    repair: first,
                }
            }
        };
        let Some(p) = prefix else {
            return Err(unsettled(first));
        };
        let mut filled = words.clone();
        let mut from = Vec::new();
        let mut suspects = Vec::new();
        for (k, &w) in p.iter().enumerate() {
            match words.get(k + 1) {
                None => {
                    filled.fill(k + 1, w);
                    from.push(k + 1);
                }
                Some(v) if v != w => suspects.push(k + 1),
                Some(_) => {}
            }
        }
        if from.is_empty() && suspects.is_empty() {
            return Err(unsettled(first));
        }
        if !suspects.is_empty() {
            // Mark the differing first words unreadable, then fill them from the set.
            let mut idx = filled.indices().to_vec();
            let mut unreadable = filled.unreadable().to_vec();
            for &s in &suspects {
                idx[s - 1] = p[s - 1];
            }
            unreadable.retain(|u| !suspects.contains(u));
            filled = ShareWords::from_indices(&idx, &unreadable);
        }
        match repair::repair(&filled) {
            Repair::Intact(share) => {
                let fixes = suspects
                    .iter()
                    .map(|&position| Fix {
                        position,
                        was_unreadable: false,
                    })
                    .collect();
                Ok((share, note(fixes, from, false)))
            }
            Repair::Repaired(c) if matches_prefix(&c.share, p) => {
                let mut fixes = c.fixes;
                fixes.extend(suspects.iter().map(|&position| Fix {
                    position,
                    was_unreadable: false,
                }));
                fixes.sort_by_key(|f| f.position);
                Ok((c.share, note(fixes, from, false)))
            }
            Repair::Ambiguous(cands) => Err(TextError::Ambiguous(cands)),
            _ => Err(unsettled(first)),
        }
    }

    /// 1-based positions of readable words that contradict what every share of the set
    /// being recovered has in common: words 1 and 2 (identifier, extendable flag, iteration
    /// exponent), the group threshold and count bits of words 3 and 4. Empty when the set is
    /// unknown or the share has another length.
    pub fn differs_from_set(&self, words: &ShareWords) -> Vec<usize> {
        let Some(key) = self.main_key() else {
            return Vec::new();
        };
        if share_length_words(key.value_len) != words.len() {
            return Vec::new();
        }
        let Some(&first) = self.main_entries().first() else {
            return Vec::new();
        };
        let set = self.entries[first].share.to_indices();
        // Word 3: group index (4 bits), group threshold - 1 (4), top 2 bits of count - 1.
        // Word 4: low 2 bits of count - 1, member index (4), member threshold - 1 (4).
        let masks: [u16; 4] = [0x3FF, 0x3FF, 0x03F, 0x300];
        (1..=4)
            .filter(|&p| {
                words
                    .get(p)
                    .is_some_and(|w| (w ^ set[p - 1]) & masks[p - 1] != 0)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SLIP-39 test vector 1 (20 words).
    const SHARE: &str = "duckling enlarge academic academic agency result length solution fridge \
                         kidney coal piece deal husband erode duke ajar critical decision keyboard";

    #[test]
    fn a_line_of_other_words_is_not_a_share() {
        let r = Recovery::new();
        let e = r
            .settle_text("Keep these cards somewhere safe and tell Anna where they are")
            .unwrap_err();
        assert_eq!(
            e,
            TextError::NotAShare {
                words: 11,
                not_slip39: 10,
                first: 1
            }
        );
        assert!(!e.to_string().contains("Anna"), "{e}");
        // A share's length with most words replaced: not a share either.
        let mut words: Vec<&str> = SHARE.split(' ').collect();
        for w in words.iter_mut().skip(5).take(11) {
            *w = "xyzzy";
        }
        assert!(matches!(
            r.settle_text(&words.join(" ")),
            Err(TextError::NotAShare {
                words: 20,
                not_slip39: 11,
                first: 6
            })
        ));
    }

    #[test]
    fn a_share_with_a_few_typos_or_marks_is_still_worked_on() {
        let r = Recovery::new();
        // Three mistyped words: the checksum works them out.
        let mut words: Vec<&str> = SHARE.split(' ').collect();
        words[3] = "acadxmic";
        words[9] = "kidnxy";
        words[14] = "erxde";
        let settled = r.settle_text(&words.join(" ")).unwrap();
        assert_eq!(settled.share, Share::parse(SHARE).unwrap());
        // Every word unreadable but marked `?`: too damaged, but not "not a share".
        let marks = ["?"; 20].join(" ");
        assert!(!matches!(
            r.settle_text(&marks),
            Err(TextError::NotAShare { .. })
        ));
        // Half the words of a 12-word line unknown: not called "not a share" by this rule.
        let half = "legal winner thank year wave sausage worth useful legal winner thank yellow";
        assert!(!matches!(
            r.settle_text(half),
            Err(TextError::NotAShare { .. })
        ));
    }
}
