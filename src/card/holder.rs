//! The holder card: its label, its words for an heir, and its drawing (words, QR code).

use alloc::string::String;
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::layout::{self, Face, Page, MM_PER_PT};
use super::CardSet;
use crate::bip39::Bip39Mode;
use crate::qr::{encode_payload, QrSymbol, QUIET_ZONE_MODULES};
use crate::Share;

/// The label of a holder card in plain words, e.g. "Group 2 of 3, share 4. This group needs
/// 3 of its 5 shares; 2 of the 3 groups are needed." `group_size` is the number of shares in
/// the share's group.
pub fn holder_label(share: &Share, group_size: u8) -> String {
    crate::describe::backup::ShareLabel::new(share, usize::from(group_size)).card()
}

/// Short instructions for an heir, printed on every holder card: what the card is and
/// what it is worth alone, then how to handle it and recover (see [`heir_instructions_with`]
/// for the "if found" line). `opens_alone` is true for a card that restores the wallet by
/// itself (member threshold 1 in a set whose group threshold is 1, such as a 1-of-1 card):
/// it must not say that alone it reveals nothing.
pub fn heir_instructions(bridge: Option<Bip39Mode>, opens_alone: bool) -> String {
    heir_instructions_with(bridge, opens_alone, None)
}

/// As [`heir_instructions`], with the owner's "if found" note (whom to give the card to or
/// where the instructions are) when given.
pub fn heir_instructions_with(
    bridge: Option<Bip39Mode>,
    opens_alone: bool,
    note: Option<&str>,
) -> String {
    let (about, handling) = card_text(bridge, opens_alone, note);
    format!("{about} {handling}").replace('\n', " ")
}

/// The card's own words, in two blocks: what it is worth and whom to give it to (printed
/// in bold), then what not to do and how to recover.
pub(super) fn card_text(
    bridge: Option<Bip39Mode>,
    opens_alone: bool,
    note: Option<&str>,
) -> (String, String) {
    let worth = if opens_alone {
        "It alone restores the wallet (with the SLIP-39 passphrase, if one was set): keep it \
         as safe as the wallet itself."
    } else {
        "Alone it is worth nothing and reveals nothing; enough shares together restore the \
         wallet. Do not throw it away."
    };
    let found = match note {
        Some(note) => format!("If found, give it to: {}.", note.trim_end_matches('.')),
        None => "If found, keep it safe and give it back to its owner.".to_string(),
    };
    let about = format!("{worth}\n{found}");
    let gather = if opens_alone {
        "To recover, use seedshard on an offline computer"
    } else {
        "To recover, gather enough cards and use seedshard on an offline computer"
    };
    let how = match bridge {
        Some(Bip39Mode::Entropy) => {
            "(seedshard combine --to bip39) for the wallet's BIP-39 words. Not with a Trezor: \
             it would open a different, empty wallet."
        }
        Some(Bip39Mode::Seed) => {
            "(seedshard combine), or a SLIP-39 wallet that accepts 59-word shares."
        }
        None => "(seedshard combine), or a SLIP-39 wallet such as Trezor.",
    };
    let handling = format!(
        "Never type these words into a website, scan the QR code with a phone app or take a \
         photo of this card. {gather} {how} The first 4 letters of each word are enough. \
         Made with seedshard {} (SLIP-39).",
        env!("CARGO_PKG_VERSION")
    );
    (about, handling)
}

impl CardSet {
    /// How card `i` names itself: the first sentence of its label ("Group 2 of 3, share 4 of
    /// 5" or "Share 4 of 5").
    pub(super) fn card_name(&self, i: usize) -> String {
        let share = &self.shares[i];
        let label = holder_label(share, self.group_sizes[usize::from(share.group_index())]);
        label.split('.').next().unwrap_or_default().to_string()
    }

    pub(super) fn card(&self, i: usize) -> Page {
        let share = &self.shares[i];
        let (w, h) = self.card_size();
        let mut p = Page::new(w, h);
        let margin = 4.0;
        let words = share.to_words();
        let n = share.word_count();
        let payload = encode_payload(share, self.options.payload);
        let symbol = QrSymbol::from_payload(&payload, self.options.payload, self.options.qr_level)
            .expect("every share fits a QR symbol at every level");
        let tall = self.tall();
        let opens_alone = share.member_threshold() == 1 && share.group_threshold() == 1;
        let (about, handling) = card_text(
            self.options.bridge,
            opens_alone,
            self.options.card_note.as_deref(),
        );

        // QR: top right on small cards, bottom left on tall ones, as large as the text allows.
        let qr_box = if tall { 42.0 } else { 32.0 };
        let modules = (symbol.size() + 2 * QUIET_ZONE_MODULES) as f32;
        let module = qr_box / modules;
        let (qx, qy) = if tall {
            (margin - 1.0, h - margin - qr_box + 1.0)
        } else {
            (w - margin - qr_box + 1.0, margin - 1.0)
        };
        p.items.push(layout::Item::Qr {
            x: qx + QUIET_ZONE_MODULES as f32 * module,
            y: qy + QUIET_ZONE_MODULES as f32 * module,
            module,
            symbol,
        });

        // Header: what the card is, the set, the label, holder and date.
        let header_w = if tall { w - 2.0 * margin } else { qx - margin };
        let title = if opens_alone {
            "Bitcoin wallet backup"
        } else {
            "Piece of a Bitcoin wallet backup"
        };
        let mut y = margin + 3.2;
        y = p.paragraph(margin, y, header_w, 9.5, 3.8, Face::SansBold, title) - 0.6;
        let label = holder_label(share, self.group_sizes[usize::from(share.group_index())]);
        let label = format!("Set {}. {label}", self.set_name());
        y = p.paragraph(margin, y, header_w, 7.0, 2.9, Face::Sans, &label);
        let mut meta = Vec::new();
        if let Some(hname) = &self.holders[i] {
            meta.push(format!("Holder: {hname}"));
        }
        if let Some(d) = &self.options.date {
            meta.push(format!("Date: {d}"));
        }
        if !meta.is_empty() {
            y = p.paragraph(margin, y, header_w, 7.0, 2.9, Face::Sans, &meta.join("; "));
        }

        // What the card is worth and whom to give it to, in bold: on small cards the worth
        // goes under the QR and the "if found" line above the footer; on tall cards both go
        // under the grid.
        let (worth, found) = about.split_once('\n').expect("two parts");
        let lines =
            |face: Face, text: &str, width: f32| layout::wrap(face, 7.0, text, width).len() as f32;
        // What not to do and how to recover: full width at the foot of small cards, beside
        // the QR on tall ones.
        let (foot_x, foot_w) = if tall {
            (qx + qr_box + 1.5, w - margin - (qx + qr_box + 1.5))
        } else {
            (margin, w - 2.0 * margin)
        };
        let grid_bottom = if tall {
            let full = w - 2.0 * margin;
            let n_lines = lines(Face::SansBold, worth, full) + lines(Face::SansBold, found, full);
            let top = qy - n_lines * 2.9 - 1.0;
            let end = p.paragraph(margin, top + 2.9, full, 7.0, 2.9, Face::SansBold, worth);
            p.paragraph(margin, end, full, 7.0, 2.9, Face::SansBold, found);
            p.paragraph(foot_x, qy + 3.0, foot_w, 7.0, 2.9, Face::Sans, &handling);
            top
        } else {
            let n_lines =
                lines(Face::SansBold, found, foot_w) + lines(Face::Sans, &handling, foot_w);
            let top = h - margin - n_lines * 2.9 + 0.4;
            let end = p.paragraph(foot_x, top, foot_w, 7.0, 2.9, Face::SansBold, found);
            p.paragraph(foot_x, end, foot_w, 7.0, 2.9, Face::Sans, &handling);
            let under_w = w - margin - qx - 1.0;
            p.paragraph(
                qx + 1.0,
                qy + qr_box + 3.0,
                under_w,
                7.0,
                2.9,
                Face::SansBold,
                worth,
            );
            top - 2.8
        };

        // The words, numbered, column by column, with a thin rule under every other row
        // (solid lines print cleanly where grey bands would dither).
        // Small cards: 2 or 3 columns, whichever sets the words larger.
        let grid_top = y + 0.4;
        let grid_w = header_w;
        let fit = |cols: usize| {
            let rows = n.div_ceil(cols);
            let col_w = grid_w / cols as f32;
            let leading = ((grid_bottom - grid_top) / rows as f32).min(4.6);
            let by_height = leading / MM_PER_PT / 1.12;
            let by_width = (col_w - 1.5) / (11.0 * 0.6 * MM_PER_PT);
            (by_height.min(by_width).min(11.0), rows, col_w, leading)
        };
        let (size, rows, col_w, leading) = if tall {
            fit(4)
        } else {
            let (two, three) = (fit(2), fit(3));
            if two.0 >= three.0 {
                two
            } else {
                three
            }
        };
        let char_w = 0.6 * size * MM_PER_PT;
        for (k, word) in words.split(' ').enumerate() {
            let col = k / rows;
            let row = k % rows;
            let x = margin + col as f32 * col_w;
            let base = grid_top + (row as f32 + 1.0) * leading - 0.25 * leading;
            if row % 2 == 1 && row + 1 < rows {
                let rule = base + 0.25 * leading;
                p.line(x, rule, x + col_w - 1.5, rule, 0.3, 0);
            }
            p.text(x, base, size, Face::Mono, &format!("{:>2}", k + 1));
            let split = word.len().min(4);
            let head = Zeroizing::new(word[..split].to_ascii_uppercase());
            p.secret_text(x + 3.0 * char_w, base, size, Face::MonoBold, &head);
            if split < word.len() {
                p.secret_text(
                    x + (3 + split) as f32 * char_w,
                    base,
                    size,
                    Face::Mono,
                    &word[split..],
                );
            }
        }
        p
    }
}
