//! Sentences of a roll call: what the owner is asked while the holders read their codes out,
//! and the verdict when some card did not answer.

use alloc::format;
use alloc::string::String;

use crate::rollcall::RollCallReport;

/// Asked of the owner before the codes read out are typed, one a line.
pub const ANSWERS_PROMPT: &str = "Type each code as read out (optionally after the share number, e.g. 2.3 word word word word); an empty line ends.";

/// The verdict of a roll call in which some share did not answer or did not match, as (what,
/// hint); `None` when every share answered and matched.
///
/// # Examples
///
/// ```
/// use seedshard::describe::rollcall::not_all_matching;
/// use seedshard::rollcall::{roll_call, sheet::parse_codes_file};
/// let sheet = parse_codes_file("1.1 academic acid acne actress\n")?;
/// let (what, _hint) = not_all_matching(&roll_call(&sheet, &[])).unwrap();
/// assert_eq!(what, "0 of 1 shares answered and matching");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn not_all_matching(report: &RollCallReport) -> Option<(String, &'static str)> {
    (!report.all_matching).then(|| {
        (
            format!(
                "{} of {} shares answered and matching",
                report.matching,
                report.shares.len()
            ),
            "call the holders who did not answer or whose code does not match; a mismatch is explained above",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollcall::roll_call;
    use crate::rollcall::sheet::{parse_answers, parse_codes_file};

    #[test]
    fn the_verdict_counts_the_matching_shares() {
        let code = "academic acid acne actress";
        let sheet = parse_codes_file(&format!("1.1 {code}\n1.2 {code}\n")).unwrap();
        let answers = parse_answers(&format!("1.1 {code}\n"), &sheet).unwrap();
        let report = roll_call(&sheet, &answers);
        assert_eq!(
            not_all_matching(&report),
            Some((
                "1 of 2 shares answered and matching".into(),
                "call the holders who did not answer or whose code does not match; a mismatch is explained above"
            ))
        );
        let mut all = report;
        all.all_matching = true;
        assert_eq!(not_all_matching(&all), None);
    }
}
