//! ShareQR and text payloads: the documented vectors (docs/shareqr.md), drawing and
//! reading back (with rqrr and zbarimg), SeedQR classification, and the image checks of the
//! scanner.
//!
//! Without `zbarimg` (Debian `zbar-tools`) its test is reported as ignored (CI=true fails it).
//! The file runs through `common::Harness`: add each test to `main`.

use std::io::Cursor;
use std::process::Command;

use seedshard::qr::{
    classify, encode_payload, scan_image, Decoded, NotAShare, PayloadFormat, QrSymbol, ScanError,
};
use seedshard::{
    GroupSpec, Identifier, IterationExponent, MasterSecret, Passphrase, Share, SplitPlan,
};

mod common;

/// (share words, ShareQR digits): the vectors of docs/shareqr.md, in order.
const VECTORS: [(&str, &str); 12] = [
    (
        "duckling enlarge academic academic agency result length solution fridge kidney coal piece deal husband erode duke ajar critical decision keyboard",
        "02480288000000000017075305210840037204970155067001920448029702490023017301960496",
    ),
    (
        "shadow pistol academic always adequate wildlife fancy gross oasis cylinder mustang wrist rescue view short owner flip making coding armed",
        "08010674000000330008100403310411061701840605101607490980080806350354055501570053",
    ),
    (
        "shadow pistol academic acid actress prayer class unknown daughter sweater depict flip twice unkind craft early superior advocate guest smoking",
        "08010674000000010006068501430957019008820206035409420956016702530878001404160832",
    ),
    (
        "theory painting academic academic armed sweater year military elder discuss acne wildlife boring employer fused large satoshi bundle carbon diagnose anatomy hamster leaves tracks paces beyond phantom capital marvel lips brave detect luck",
        "091106400000000000530882101905820265022500021004009102780380050807810109012202170039042105150927063600780663012005640530009702140542",
    ),
    (
        "humidity disease academic always aluminum jewelry energy woman receiver strategy amuse duckling lying evidence network walnut tactics forget hairy rebound impulse brother survive clothes stadium mailman rival ocean reward venture always armed unwrap",
        "044602260000003300320485028410120735087000370248054703030611099208910362042007320459010108810152085905520763062207590972003300530959",
    ),
    (
        "humidity disease academic agency actress jacket gross physics cylinder solution fake mortgage benefit public busy prepare sharp friar change work slow purchase ruler again tricycle involve viral wireless mixture anatomy desert cargo upgrade",
        "044602260000001700060483041106670184084003270594007607070112069008050371013410130825071307730016093604770983100705870039020901250960",
    ),
    (
        "testify swimming academic academic column loyalty smear include exotic bedroom exotic wrist lobe cover grief golden smart junior estimate learn",
        "09060883000000000158054108280460031500710315101605370164040704000827049103000514",
    ),
    (
        "impulse calcium academic academic alcohol sugar lyrics pajamas column facility finance tension extend space birthday rainbow swimming purple syndrome facility trial warn duration snapshot shadow hormone rhyme public spine counter easy hawk album",
        "045901150000000000260875054806410158032303410904032008430081072408830714088803230935099402500835080104410760070708520162025604270025",
    ),
    (
        "academic aquatic academic academic acne strategy wrist starting activity oasis injury entrance diagnose episode epidemic cards jewelry debut result smoking terminal short birthday divorce similar therapy pancake smell airline ticket yoga center grill depart dynamic response laundry blue segment busy increase sympathy retreat spend garden disaster adapt again sweater nylon mountain punish revenue organize document meaning ugly story fiscal",
        "00000049000000000002087010160862000506170469028902170293029201230485019407530832090508080081023208140912064208290021091710220131040802040252075205100088079901120462088707550848038402240007001608820616059607100757063102330570094608690346",
    ),
    (
        "zero walnut academic academic academic smear raisin empty spine penalty invasion retreat seafood ending says identify patrol negative thorn skin relate snapshot intend formal mouse inherit drug intimate funding regular browser replace mixture exact amuse remove huge airport equation both quarter leaf oasis vitamins elegant program dilemma belong royal demand various craft mother advocate order juice beam award jacket",
        "10230992000000000000082807250279085206570476075507950280078304530650060909130818074008350474036305970468024604750378073801020747058703060037074304440022029400930717051306170986026707020220007507710201096901670595001406290488006700630483",
    ),
    (
        "cleanup penalty academic easy acquire agree bulge jerky evaluate switch that execute dive desire describe famous petition ocean flame display maximum loan width dynamic alcohol hybrid enjoy erode facility screw justice story genuine mother transfer lyrics clinic wrist gray modern envelope forbid season jacket anatomy ordinary strategy view material extra froth pitch moment element helpful hunting fragment snake skunk",
        "01450657000002560003001801070484030108850909031202310210020803300662062203490229056805361003025200260451028702970323079204940869039105950930054801481016040505890290035907960483003906300870098005660321037506750592026804330447036808340819",
    ),
    (
        "cleanup penalty away easy acquire agree bulge jerky evaluate switch that execute dive desire describe famous petition ocean flame display maximum loan width dynamic alcohol hybrid enjoy erode facility screw justice story genuine mother transfer lyrics clinic wrist gray modern envelope forbid season jacket anatomy ordinary strategy view material extra froth pitch moment element helpful hunting birthday work ruler",
        "01450657006402560003001801070484030108850909031202310210020803300662062203490229056805361003025200260451028702970323079204940869039105950930054801481016040505890290035907960483003906300870098005660321037506750592026804330447008110130773",
    ),
];

fn png_of(symbol: &QrSymbol, module_px: usize) -> Vec<u8> {
    let (side, px) = symbol.to_grey_pixels(module_px);
    let img = image::GrayImage::from_raw(side as u32, side as u32, px.to_vec()).unwrap();
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn zbar(png: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("qr.png");
    std::fs::write(&path, png).unwrap();
    let out = Command::new("zbarimg")
        .args(["--raw", "-q", "-Sbinary"])
        .arg(&path)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

fn documented_vectors_encode_and_decode() {
    let mut lengths = std::collections::BTreeSet::new();
    for (k, (words, digits)) in VECTORS.iter().enumerate() {
        let share = Share::parse(words).unwrap();
        lengths.insert(share.word_count());
        assert_eq!(
            &*encode_payload(&share, PayloadFormat::ShareQr),
            *digits,
            "vector {}",
            k + 1
        );
        match classify(digits.as_bytes()) {
            Decoded::Share {
                share: back,
                format,
            } => {
                assert_eq!(back, share, "vector {}", k + 1);
                assert_eq!(format, PayloadFormat::ShareQr);
            }
            other => panic!("vector {}: {}", k + 1, other.describe()),
        }
        let text = encode_payload(&share, PayloadFormat::Text);
        assert_eq!(&*text, &words.to_uppercase());
    }
    assert_eq!(lengths.into_iter().collect::<Vec<_>>(), vec![20, 33, 59]);
}

fn fifty_nine_word_vectors_come_from_the_stated_inputs() {
    let counting = MasterSecret::new((0u8..64).collect()).unwrap();
    let a = SplitPlan::single(1, 1)
        .unwrap()
        .with_identifier(Identifier::new(1).unwrap())
        .split(&counting, &Passphrase::empty())
        .unwrap();
    let b = SplitPlan::single(1, 1)
        .unwrap()
        .with_identifier(Identifier::new(32767).unwrap())
        .with_extendable(false)
        .with_iteration_exponent(IterationExponent::new(0).unwrap())
        .split(
            &MasterSecret::new(vec![0xff; 64]).unwrap(),
            &Passphrase::empty(),
        )
        .unwrap();
    let c = SplitPlan::new(
        1,
        vec![GroupSpec::new(1, 1).unwrap(), GroupSpec::new(1, 1).unwrap()],
    )
    .unwrap()
    .with_identifier(Identifier::new(4660).unwrap())
    .split(&counting, &Passphrase::new("TREZOR".into()).unwrap())
    .unwrap();
    let made: Vec<String> = a
        .shares()
        .chain(b.shares())
        .chain(c.shares())
        .map(|s| s.to_words().to_string())
        .collect();
    let documented: Vec<String> = VECTORS[8..].iter().map(|(w, _)| w.to_string()).collect();
    assert_eq!(made, documented);
}

fn symbol_sizes_at_level_m() {
    for (words, _) in VECTORS {
        let share = Share::parse(words).unwrap();
        let symbol = QrSymbol::for_share(&share, PayloadFormat::ShareQr).unwrap();
        let expected = match share.word_count() {
            20 => 29,
            33 => 33,
            59 => 41,
            n => panic!("unexpected length {n}"),
        };
        assert_eq!(symbol.size(), expected);
    }
}

fn every_vector_drawn_reads_back_with_rqrr() {
    for (words, _) in VECTORS {
        let share = Share::parse(words).unwrap();
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let symbol = QrSymbol::for_share(&share, format).unwrap();
            let report = scan_image(&png_of(&symbol, 6)).unwrap();
            assert_eq!(report.found.len(), 1);
            assert_eq!(report.shares().next(), Some(&share));
        }
    }
}

/// The same drawings read by another decoder, `zbarimg`.
fn every_vector_drawn_reads_back_with_zbar() {
    for (words, digits) in VECTORS {
        let share = Share::parse(words).unwrap();
        for format in [PayloadFormat::ShareQr, PayloadFormat::Text] {
            let symbol = QrSymbol::for_share(&share, format).unwrap();
            let expected = match format {
                PayloadFormat::ShareQr => digits.to_string(),
                _ => words.to_uppercase(),
            };
            assert_eq!(zbar(&png_of(&symbol, 6)), expected);
        }
    }
}

fn qr_png(data: &[u8]) -> Vec<u8> {
    let code = qrcode::QrCode::new(data).unwrap();
    let img = code
        .render::<image::Luma<u8>>()
        .module_dimensions(6, 6)
        .build();
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    out
}

fn seedqr_in_both_forms_is_recognised_from_an_image() {
    // BIP-39 test vector "legal winner thank year wave sausage worth useful legal winner
    // thank yellow": indices 1019 2015 1790 2039 1983 1533 2031 1919 1019 2015 1790 2040.
    let digits = "101920151790203919831533203119191019201517902040";
    let report = scan_image(&qr_png(digits.as_bytes())).unwrap();
    match &report.found[0].decoded {
        Decoded::SeedQr { indices } => assert_eq!(indices[11], 2040),
        other => panic!("{}", other.describe()),
    }
    let entropy = [0x7fu8; 16];
    let report = scan_image(&qr_png(&entropy)).unwrap();
    match &report.found[0].decoded {
        Decoded::CompactSeedQr { entropy: e } => assert_eq!(&e[..], &entropy),
        other => panic!("{}", other.describe()),
    }
}

fn codes_that_are_not_shares_are_described() {
    let report = scan_image(&qr_png(b"https://example.org/hello")).unwrap();
    assert_eq!(report.found.len(), 1);
    assert!(matches!(
        report.found[0].decoded,
        Decoded::NotAShare(NotAShare::WebAddress)
    ));
    assert_eq!(report.shares().count(), 0);
    // A share with one word changed: located, read, and refused by its checksum.
    let mut digits = VECTORS[0].1.to_string();
    digits.replace_range(76..80, "0000");
    let report = scan_image(&qr_png(digits.as_bytes())).unwrap();
    assert!(matches!(
        report.found[0].decoded,
        Decoded::NotAShare(NotAShare::BrokenShareQr(_))
    ));
}

fn an_image_without_qr_gives_an_empty_report() {
    let img = image::GrayImage::from_pixel(400, 300, image::Luma([255]));
    let mut out = Vec::new();
    img.write_to(&mut Cursor::new(&mut out), image::ImageFormat::Png)
        .unwrap();
    let report = scan_image(&out).unwrap();
    assert!(report.found.is_empty());
    assert_eq!(report.unreadable, 0);
}

fn truncated_and_foreign_files_are_refused() {
    let share = Share::parse(VECTORS[0].0).unwrap();
    let png = png_of(
        &QrSymbol::for_share(&share, PayloadFormat::ShareQr).unwrap(),
        6,
    );
    let cut = &png[..png.len() / 2];
    assert!(
        matches!(scan_image(cut), Err(ScanError::Truncated)),
        "{:?}",
        scan_image(cut).err()
    );

    let (side, px) = QrSymbol::for_share(&share, PayloadFormat::ShareQr)
        .unwrap()
        .to_grey_pixels(6);
    let img = image::GrayImage::from_raw(side as u32, side as u32, px.to_vec()).unwrap();
    let mut jpeg = Vec::new();
    img.write_to(&mut Cursor::new(&mut jpeg), image::ImageFormat::Jpeg)
        .unwrap();
    assert_eq!(scan_image(&jpeg).unwrap().shares().count(), 1);
    let cut = &jpeg[..jpeg.len() * 2 / 3];
    assert!(matches!(scan_image(cut), Err(ScanError::Truncated)));

    assert!(matches!(
        scan_image(b"GIF89a not really"),
        Err(ScanError::UnsupportedFormat)
    ));
}

fn a_huge_image_is_refused_from_its_header() {
    // A small PNG whose header claims 8000 x 6000 pixels (48 megapixels): refused before
    // any pixel is decoded.
    let img = image::GrayImage::from_pixel(10, 10, image::Luma([255]));
    let mut png = Vec::new();
    img.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png[16..20].copy_from_slice(&8000u32.to_be_bytes());
    png[20..24].copy_from_slice(&6000u32.to_be_bytes());
    let crc = common::crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    match scan_image(&png) {
        Err(ScanError::TooLarge { width, height }) => assert_eq!((width, height), (8000, 6000)),
        other => panic!("{other:?}"),
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// The properties, for `main` (the `proptest!` functions are private to this module).
    pub(super) const TESTS: [(&str, fn()); 3] = [
        (
            "properties::classify_accepts_only_canonical_shareqr",
            classify_accepts_only_canonical_shareqr,
        ),
        (
            "properties::a_changed_word_is_never_the_same_share",
            a_changed_word_is_never_the_same_share,
        ),
        (
            "properties::damaged_images_never_panic",
            damaged_images_never_panic,
        ),
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any payload is classified without panicking, and a ShareQR is accepted only in its
        /// one canonical spelling.
        fn classify_accepts_only_canonical_shareqr(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            if let Decoded::Share { share, format: PayloadFormat::ShareQr } = classify(&bytes) {
                let canonical = encode_payload(&share, PayloadFormat::ShareQr);
                prop_assert_eq!(canonical.as_bytes(), &bytes[..]);
            }
        }

        /// Digits that are a share with one 4-digit group changed never pass as the same share.
        fn a_changed_word_is_never_the_same_share(k in 0usize..12, pos in 0usize..20, index in 0u16..1024) {
            let (words, digits) = VECTORS[k];
            let share = Share::parse(words).unwrap();
            let mut changed = digits.to_string();
            let replacement = format!("{index:04}");
            prop_assume!(changed[pos * 4..pos * 4 + 4] != replacement[..]);
            changed.replace_range(pos * 4..pos * 4 + 4, &replacement);
            if let Decoded::Share { share: other, .. } = classify(changed.as_bytes()) {
                prop_assert_ne!(other, share);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// A damaged image file gives a report or an error, never a panic.
        fn damaged_images_never_panic(flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
            let share = Share::parse(VECTORS[0].0).unwrap();
            let mut png = png_of(&QrSymbol::for_share(&share, PayloadFormat::ShareQr).unwrap(), 3);
            for (at, byte) in flips {
                let i = at.index(png.len());
                png[i] = byte;
            }
            let keep = cut.index(png.len()) + 1;
            let _ = scan_image(&png[..keep]);
            let _ = scan_image(&png);
        }
    }
}

fn main() {
    let h = common::Harness::new(include_str!("qr.rs"))
        .test(
            "documented_vectors_encode_and_decode",
            documented_vectors_encode_and_decode,
        )
        .test(
            "fifty_nine_word_vectors_come_from_the_stated_inputs",
            fifty_nine_word_vectors_come_from_the_stated_inputs,
        )
        .test("symbol_sizes_at_level_m", symbol_sizes_at_level_m)
        .test(
            "every_vector_drawn_reads_back_with_rqrr",
            every_vector_drawn_reads_back_with_rqrr,
        )
        .needs(
            "every_vector_drawn_reads_back_with_zbar",
            &common::tool_need("zbarimg", "--version", "zbar-tools"),
            every_vector_drawn_reads_back_with_zbar,
        )
        .test(
            "seedqr_in_both_forms_is_recognised_from_an_image",
            seedqr_in_both_forms_is_recognised_from_an_image,
        )
        .test(
            "codes_that_are_not_shares_are_described",
            codes_that_are_not_shares_are_described,
        )
        .test(
            "an_image_without_qr_gives_an_empty_report",
            an_image_without_qr_gives_an_empty_report,
        )
        .test(
            "truncated_and_foreign_files_are_refused",
            truncated_and_foreign_files_are_refused,
        )
        .test(
            "a_huge_image_is_refused_from_its_header",
            a_huge_image_is_refused_from_its_header,
        );
    properties::TESTS
        .into_iter()
        .fold(h, |h, (name, test)| h.test(name, test))
        .run()
}
