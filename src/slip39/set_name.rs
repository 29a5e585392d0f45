//! Set names: two plain words derived from a share set's public identifier, so that holders
//! and heirs can tell sets apart ("MAUVE CORAL") without reading numbers.

use alloc::string::String;

use super::share::Identifier;

/// The 256 words set names are made of. None is a SLIP-39 word, so a set name cannot be
/// mistaken for part of a share. The first 128 give the first word.
pub const SET_NAME_WORDS: [&str; 256] = [
    "amber", "azure", "beige", "bronze", "brown", "cedar", "cherry", "cobalt", "copper", "coral",
    "cream", "crimson", "cyan", "ebony", "ginger", "sienna", "granite", "green", "grey", "hazel",
    "honey", "indigo", "jade", "khaki", "lemon", "lime", "linen", "magenta", "mahogany", "maple",
    "maroon", "mauve", "mint", "moss", "navy", "ochre", "olive", "onyx", "orchid", "peach",
    "pearl", "pine", "plum", "rose", "ruby", "rust", "saffron", "sage", "salmon", "sand",
    "scarlet", "sepia", "slate", "snow", "steel", "tan", "tawny", "teal", "topaz", "umber",
    "violet", "wheat", "white", "amethyst", "opal", "garnet", "sapphire", "quartz", "marble",
    "cotton", "silk", "wool", "tulip", "lotus", "poppy", "fern", "ivy", "aspen", "birch", "elm",
    "oak", "willow", "cypress", "juniper", "laurel", "acorn", "pebble", "boulder", "meadow",
    "prairie", "tundra", "glacier", "lagoon", "delta", "fjord", "harbor", "jungle", "marsh",
    "reef", "summit", "valley", "badger", "bison", "bobcat", "camel", "cheetah", "cobra", "condor",
    "cougar", "coyote", "crane", "dingo", "dolphin", "donkey", "eagle", "falcon", "ferret",
    "finch", "gazelle", "gecko", "gibbon", "goose", "gopher", "heron", "hippo", "hornet", "ibis",
    "iguana", "impala", "jackal", "jaguar", "kestrel", "kiwi", "koala", "lemur", "leopard",
    "llama", "lobster", "lynx", "magpie", "mallard", "manatee", "marmot", "meerkat", "mink",
    "moose", "narwhal", "newt", "ocelot", "octopus", "osprey", "otter", "owl", "panda", "panther",
    "parrot", "pelican", "penguin", "pigeon", "puffin", "puma", "quail", "rabbit", "raccoon",
    "raven", "seal", "shark", "sparrow", "squid", "stork", "swan", "tapir", "tiger", "toucan",
    "trout", "turkey", "turtle", "viper", "walrus", "weasel", "whale", "wombat", "yak", "zebra",
    "anchor", "anvil", "arrow", "banner", "barrel", "basket", "beacon", "bell", "bottle", "button",
    "candle", "canoe", "castle", "chalk", "chimney", "compass", "crown", "cup", "drum", "engine",
    "fiddle", "flute", "funnel", "gate", "harp", "helmet", "hinge", "kettle", "kite", "ladder",
    "lantern", "locket", "mirror", "mitten", "needle", "oar", "paddle", "pillow", "pitcher",
    "quill", "rocket", "saddle", "sail", "shovel", "spoon", "statue", "teapot", "thimble", "tower",
    "trumpet", "tunnel", "violin", "wagon", "whistle", "windmill", "yacht", "zipper", "apricot",
    "banana", "berry", "cocoa", "coconut", "date", "fig", "grape", "guava", "mango", "melon",
    "nectar", "nutmeg", "papaya", "pepper",
];

/// The set name of an identifier: word `id >> 8` (0..=127) then word `id & 0xff` of
/// [`SET_NAME_WORDS`], in upper case, e.g. `AMBER FALCON`. Each of the 32,768 identifiers has
/// its own name; the identifier itself is public (it is written in every share's first words).
pub fn set_name(identifier: Identifier) -> String {
    let id = usize::from(identifier.get());
    let mut name = String::with_capacity(20);
    name.push_str(SET_NAME_WORDS[(id >> 8) & 0x7f]);
    name.push(' ');
    name.push_str(SET_NAME_WORDS[id & 0xff]);
    name.make_ascii_uppercase();
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::slip39::wordlist;

    #[test]
    fn set_name_words_are_distinct_and_never_read_as_share_words() {
        for (i, w) in SET_NAME_WORDS.iter().enumerate() {
            // Neither a SLIP-39 word nor a beginning of one that `index_of` would accept.
            assert_eq!(wordlist::index_of(w), None, "{w}");
            assert!(!SET_NAME_WORDS[..i].contains(w), "{w} twice");
        }
    }

    #[test]
    fn every_identifier_has_its_own_name() {
        let mut names = alloc::collections::BTreeSet::new();
        for id in 0..(1u16 << 15) {
            assert!(names.insert(set_name(Identifier::new(id).unwrap())));
        }
        assert_eq!(set_name(Identifier::new(0).unwrap()), "AMBER AMBER");
        assert_eq!(set_name(Identifier::new(0x0102).unwrap()), "AZURE BEIGE");
    }
}
