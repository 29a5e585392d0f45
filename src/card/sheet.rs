//! The owner sheet: the whole plan, holders, bridging mode, wallet facts and recovery steps.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use zeroize::Zeroizing;

use super::layout::{text_width, Face, Page, MM_PER_PT};
use super::{pdf, png, svg, CardSet};
use crate::bip39::Bip39Mode;
use crate::wallet::WalletFacts;

/// The owner's one-page summary of a set: the plan, holders, bridging mode, wallet facts
/// and recovery steps. It holds no share words.
#[derive(Debug)]
pub struct OwnerSheet<'a> {
    cards: &'a CardSet,
    wallet: Option<WalletFacts>,
    plan_summary: Vec<String>,
    passphrase_set: Option<bool>,
    show_zpub: bool,
    tool_note: Option<String>,
    page_sha256: Option<String>,
}

impl CardSet {
    /// The owner sheet for this set.
    pub fn owner_sheet(&self) -> OwnerSheet<'_> {
        OwnerSheet {
            cards: self,
            wallet: None,
            plan_summary: Vec::new(),
            passphrase_set: None,
            show_zpub: false,
            tool_note: None,
            page_sha256: None,
        }
    }
}

impl OwnerSheet<'_> {
    /// Says whether a SLIP-39 passphrase was set when the shares were made (never the
    /// passphrase itself). Without this the sheet says it is not recorded.
    pub fn with_passphrase_set(mut self, set: bool) -> Self {
        self.passphrase_set = Some(set);
        self
    }

    /// Prints the account's extended public key (zpub) too. Off by default: whoever reads
    /// the zpub sees every address, the balance and the history of the wallet; the
    /// fingerprint and first address are enough to check a recovery.
    pub fn with_zpub_shown(mut self, show: bool) -> Self {
        self.show_zpub = show;
        self
    }

    /// Says where the offline page and seedshard are kept (the owner's words, e.g. "USB
    /// stick in the desk drawer, a copy with the notary"). Without it the sheet leaves a
    /// line to write it on.
    pub fn with_tool_note(mut self, note: impl Into<String>) -> Self {
        self.tool_note = Some(note.into());
        self
    }

    /// Prints the SHA-256 (hex) of the offline page `seedshard.html`, so the heir can check
    /// the copy they find is the one the owner kept (`seedshard page` prints it).
    pub fn with_page_sha256(mut self, hex: impl Into<String>) -> Self {
        self.page_sha256 = Some(hex.into());
        self
    }

    /// Adds the wallet facts (fingerprint, first address, zpub) to check a recovery against.
    pub fn with_wallet(mut self, wallet: WalletFacts) -> Self {
        self.wallet = Some(wallet);
        self
    }

    /// Adds a few lines on what the plan survives (`PlanReport::summary`).
    pub fn with_plan_summary(mut self, lines: Vec<String>) -> Self {
        self.plan_summary = lines;
        self
    }

    fn page(&self) -> Page {
        let set = self.cards;
        let (pw, ph) = set.options.paper.size_mm();
        let mut p = Page::new(pw, ph);
        let m = 18.0;
        let tw = pw - 2.0 * m;
        let first = &set.shares[0];
        let mut y = m + 6.0;
        p.text(m, y, 18.0, Face::SansBold, "seedshard owner sheet");
        y += 7.0;
        let sub = format!(
            "Set {} (identifier {}){}",
            set.set_name(),
            first.identifier().get(),
            set.options
                .date
                .as_ref()
                .map(|d| format!(", made {d}"))
                .unwrap_or_default()
        );
        p.text(m, y, 11.0, Face::Sans, &sub);
        y += 5.0;
        y = p.paragraph(
            m,
            y,
            tw,
            9.0,
            4.0,
            Face::Sans,
            "Keep this sheet private and apart from the cards. It holds no share words, but it \
             tells who holds the cards and which wallet they open.",
        );

        let heading = |p: &mut Page, y: &mut f32, text: &str| {
            *y += 4.0;
            p.text(m, *y, 12.0, Face::SansBold, text);
            p.line(m, *y + 1.5, m + tw, *y + 1.5, 0.5, 150);
            *y += 6.5;
        };

        heading(&mut p, &mut y, "The plan");
        let gc = first.group_count();
        let gt = first.group_threshold();
        let summary = if gc == 1 {
            let t = first.member_threshold();
            match set.group_sizes[0] {
                1 => "One share: it alone restores the wallet.".to_string(),
                n if set.options.partial => {
                    format!("One group: any {t} of its shares restore the wallet ({n} cards drawn here).")
                }
                n => format!("One group of {n} shares: any {t} of them restore the wallet."),
            }
        } else if gt == gc {
            format!("{gc} groups: all {gc} are needed, each with enough of its own shares.")
        } else {
            format!("{gc} groups: any {gt} of the {gc} groups restore the wallet, each with enough of its own shares.")
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, &summary);
        for g in 0..gc {
            let in_group: Vec<usize> = (0..set.shares.len())
                .filter(|&i| set.shares[i].group_index() == g)
                .collect();
            y += 1.0;
            if in_group.is_empty() {
                p.text(
                    m,
                    y,
                    10.0,
                    Face::SansBold,
                    &format!("Group {}: no cards in this batch", g + 1),
                );
                y += 4.6;
                continue;
            }
            let t = set.shares[in_group[0]].member_threshold();
            // The cards drawn may be only some of the group's (a reissued card, say): the
            // shares do not record how many members a group has.
            let n = in_group.len();
            let cards = if n == 1 { "card" } else { "cards" };
            let needed = if n >= usize::from(t) && !set.options.partial {
                if n == 1 {
                    "its one share needed".to_string()
                } else {
                    format!("{t} of its {n} shares needed")
                }
            } else {
                format!("{t} of its shares needed ({n} {cards} drawn here)")
            };
            let head = if gc == 1 {
                format!("The cards ({n}): {}", needed.replacen("its", "the", 1))
            } else {
                format!("Group {}: {needed}", g + 1)
            };
            p.text(m, y, 10.0, Face::SansBold, &head);
            y += 4.6;
            for &i in &in_group {
                let s = &set.shares[i];
                // The card as the card itself names it: its label's first sentence and the
                // holder's name, both printed on it.
                let label = set.card_name(i);
                let who = match &set.holders[i] {
                    Some(h) => format!("Holder: {h}"),
                    None => "(no holder named on the card)".to_string(),
                };
                let lw = p.text(m + 6.0, y, 9.5, Face::Sans, &label);
                let hx = m + 6.0 + lw.max(44.0) + 2.0;
                let hw = p.text(hx, y, 9.5, Face::Sans, &who);
                // The roll-call code (never on the card itself): see docs/rollcall.md. On a
                // line of its own when the holder's name leaves no room.
                let code_x = m + 116.0;
                if hx + hw + 2.0 > code_x {
                    y += 4.2;
                }
                p.text(
                    code_x,
                    y,
                    7.0,
                    Face::Mono,
                    &crate::rollcall::RollCallCode::of(s).to_string(),
                );
                y += 4.2;
                if y > ph - 80.0 {
                    break;
                }
            }
        }
        y += 1.0;
        y = p.paragraph(
            m,
            y,
            tw,
            9.0,
            4.0,
            Face::Sans,
            "Roll call: a holder runs `seedshard rollcall` on their card and reads you the 4-word \
             code; it must match the code printed after their card above (see docs/rollcall.md).",
        );
        for line in &self.plan_summary {
            y = p.paragraph(m, y, tw, 9.0, 4.0, Face::Sans, line);
        }
        let details = format!(
            "Each share has {} words. Extendable backup: {}. Iteration exponent: {}. QR payload: {}.",
            first.word_count(),
            if first.extendable() { "yes" } else { "no" },
            first.iteration_exponent(),
            set.options.payload,
        );
        y = p.paragraph(m, y, tw, 9.0, 4.0, Face::Sans, &details);

        heading(&mut p, &mut y, "Secret and wallet");
        let bridge = match set.options.bridge {
            Some(Bip39Mode::Entropy) => {
                "Bridging mode: entropy. The shares hold the BIP-39 entropy; seedshard recovery \
                 gives back the same BIP-39 words."
            }
            Some(Bip39Mode::Seed) => {
                "Bridging mode: seed. The shares hold the 64-byte BIP-39 seed: a SLIP-39 wallet \
                 that accepts 59-word shares restores the same wallet, but the BIP-39 words \
                 themselves cannot be recovered from the shares."
            }
            None => "The shares hold a SLIP-39 master secret used directly (as a Trezor does).",
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, bridge);
        if set.options.bridge == Some(Bip39Mode::Entropy) {
            y += 1.0;
            y = p.paragraph(
                m,
                y,
                tw,
                10.0,
                4.4,
                Face::SansBold,
                "Warning: typing these shares into a Trezor or another SLIP-39 wallet opens a \
                 different, empty wallet. Recover with seedshard and restore the BIP-39 words.",
            );
        }
        y += 1.0;
        let pass = match self.passphrase_set {
            Some(true) => "SLIP-39 passphrase: yes, one was set. It is not written here; the \
                           heir needs it too."
                .to_string(),
            Some(false) => "SLIP-39 passphrase: none was set. Leave it empty when asked.".into(),
            None => "SLIP-39 passphrase: not recorded (this sheet was drawn from the shares \
                     alone). Write here whether one was set: yes / no."
                .into(),
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, &pass) + 0.6;
        if let Some(w) = &self.wallet {
            for (label, value) in [
                ("Fingerprint", &w.fingerprint().to_string()),
                ("First address", &w.receive_address(0)),
            ] {
                p.text(m, y, 10.0, Face::SansBold, label);
                p.text(m + 30.0, y, 10.0, Face::Mono, value);
                y += 4.8;
            }
            if self.show_zpub {
                p.text(m, y, 10.0, Face::SansBold, "zpub");
                let per_line = ((tw - 30.0) / (0.6 * 8.5 * MM_PER_PT)) as usize;
                let zpub = w.account_zpub();
                let chars: Vec<char> = zpub.chars().collect();
                for chunk in chars.chunks(per_line.max(1)) {
                    let line: String = chunk.iter().collect();
                    p.text(m + 30.0, y, 8.5, Face::Mono, &line);
                    y += 4.0;
                }
                y = p.paragraph(
                    m,
                    y,
                    tw,
                    9.0,
                    4.0,
                    Face::Sans,
                    "Whoever reads this zpub sees every address, the balance and the whole \
                     history of the wallet (it cannot spend).",
                );
            }
            y = p.paragraph(
                m,
                y,
                tw,
                9.0,
                4.0,
                Face::Sans,
                "These are public and cannot spend; they prove a recovery found this wallet.",
            ) + 0.8;
        } else {
            y = p.paragraph(
                m,
                y,
                tw,
                9.0,
                4.0,
                Face::Sans,
                "This sheet was drawn from the shares alone, so it cannot list the wallet's \
                 fingerprint and first address. Write them here from the wallet software \
                 (they are public and cannot spend): fingerprint ____________ first address \
                 ________________________________________.",
            );
        }

        heading(&mut p, &mut y, "How to recover");
        let to = match set.options.bridge {
            Some(Bip39Mode::Entropy) => " --to bip39",
            Some(Bip39Mode::Seed) => " --to xprv",
            None => "",
        };
        let scan_step = format!(
            "On an offline computer with seedshard, type the words (seedshard combine{to}), one \
             share a line; the first 4 letters of each word are enough. Or scan the cards with \
             a scanner or camera that is not online (seedshard combine{to} --scan card1.png \
             card2.png ...), then delete the images."
        );
        let check_step = if self.wallet.is_some() {
            "Check that the fingerprint and first address shown match this sheet before \
             restoring the wallet, then restore it into wallet software."
                .to_string()
        } else {
            "Check that the fingerprint and first address shown match the ones written on this \
             sheet (or the wallet's own records) before restoring the wallet, then restore it \
             into wallet software; with no record to compare, restore it and check its \
             balance and history before relying on it."
                .to_string()
        };
        let pass_step = match self.passphrase_set {
            Some(true) => "Enter the SLIP-39 passphrase when asked (one was set). A wrong \
                           passphrase silently opens a different wallet."
                .to_string(),
            Some(false) => {
                "When asked for a SLIP-39 passphrase, just press Enter: none was set.".to_string()
            }
            None => "If a SLIP-39 passphrase was set (see above), enter it when asked. A wrong \
                     passphrase silently opens a different wallet."
                .to_string(),
        };
        let tool_step = format!(
            "Get seedshard (this sheet was made with version {}) onto a computer and \
             disconnect it from the network (Wi-Fi off, cable out) before touching any card.",
            env!("CARGO_PKG_VERSION")
        );
        let steps = [
            "Gather enough cards (see the plan above). Never photograph them with a phone: \
             phones copy photos to the cloud, which would put the shares in one place.",
            tool_step.as_str(),
            scan_step.as_str(),
            pass_step.as_str(),
            check_step.as_str(),
            "Never type the words or the recovered seed into a website.",
        ];
        for (k, step) in steps.iter().enumerate() {
            p.text(m, y, 10.0, Face::SansBold, &format!("{}.", k + 1));
            y = p.paragraph(m + 6.0, y, tw - 6.0, 10.0, 4.4, Face::Sans, step);
            y += 0.8;
        }

        heading(&mut p, &mut y, "Where the tool is");
        let kept = match &self.tool_note {
            Some(note) => format!("The offline page and seedshard are kept: {note}"),
            None => "The offline page and seedshard are kept (write it here): \
                     ______________________________________________"
                .to_string(),
        };
        y = p.paragraph(m, y, tw, 10.0, 4.4, Face::Sans, &kept);
        let page = match &self.page_sha256 {
            Some(hash) => format!(
                "The offline page seedshard.html (open it in a browser on the offline \
                 computer) has SHA-256 {hash}; check a copy with `sha256sum seedshard.html` \
                 before use. Keep a copy of the page beside the cards."
            ),
            None => "The offline page seedshard.html (`seedshard page` writes it and prints \
                     its SHA-256) opens in a browser on the offline computer. Keep a copy of \
                     the page beside the cards."
                .to_string(),
        };
        p.paragraph(m, y, tw, 9.0, 4.0, Face::Sans, &page);
        let footer = "seedshard owner sheet - no share words on this page";
        let fw = text_width(Face::Sans, 7.0, footer);
        p.grey_text((pw - fw) / 2.0, ph - 8.0, 7.0, Face::Sans, 110, footer);
        p
    }

    /// The owner sheet as a one-page PDF on the configured paper.
    pub fn to_pdf(&self) -> Zeroizing<Vec<u8>> {
        let size = self.cards.options.paper.size_pt();
        pdf::write(&[(self.page(), size)], "seedshard owner sheet")
    }

    /// The owner sheet as SVG.
    pub fn to_svg(&self) -> Zeroizing<String> {
        svg::write(&self.page(), "seedshard owner sheet")
    }

    /// The owner sheet as PNG at the configured resolution.
    pub fn to_png(&self) -> Zeroizing<Vec<u8>> {
        let dpi = self.cards.options.png_dpi;
        png::encode(&png::rasterise(&self.page(), dpi), dpi)
    }
}
