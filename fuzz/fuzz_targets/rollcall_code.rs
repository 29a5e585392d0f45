//! Roll-call codes as typed by the owner: `RollCallCode::parse` on arbitrary text never panics,
//! and a code that parses formats back to text that parses to the same code.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seedshard::rollcall::RollCallCode;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(code) = RollCallCode::parse(&text) {
        let again = RollCallCode::parse(&code.to_text()).expect("a formatted code parses");
        assert_eq!(again, code);
    }
});
