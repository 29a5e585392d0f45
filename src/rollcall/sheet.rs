//! The owner's side of a roll call as text: the sheet of expected codes (a codes file as
//! `seedshard rollcall` writes it, or the code lists of a split report) and the answers as
//! they are written down.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::{Answer, Expected, ParseCodeError, RollCallCode, CODE_WORDS};

#[cfg(feature = "serde")]
mod document;
#[cfg(feature = "serde")]
#[cfg_attr(docsrs, doc(cfg(feature = "serde")))]
pub use document::SheetDocument;

/// What to do about a sheet that cannot be read.
pub const SHEET_HINT: &str = "give the JSON of `split --json`, `extend --json` or `cards --json`, \
                              or the codes `seedshard rollcall` printed (G.M word word word word \
                              [NAME] a line)";

/// What to do about an answer that cannot be read.
pub const ANSWER_HINT: &str = "write each answer as the 4 words of the code, optionally after \
                               the share number or the holder's name (2.3 word word word word)";

/// Why a sheet of expected codes cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SheetError {
    /// A report without a list of groups.
    NoGroups,
    /// A group without its list of codes (1-based group).
    GroupWithoutCodes {
        /// 1-based group.
        group: usize,
    },
    /// A code of a report's group that is not a roll-call code.
    NotACode {
        /// 1-based group.
        group: usize,
        /// 1-based code within the group.
        code: usize,
    },
    /// A numbered group (`cards --json`) whose `group` is not a number from 1 to 16
    /// (1-based position of the group in the list).
    BadGroupNumber {
        /// 1-based position in the list.
        group: usize,
    },
    /// A member number that is not a number from 1 to 16.
    BadMemberNumber {
        /// 1-based position of the group in the list.
        group: usize,
        /// 1-based code within the group.
        code: usize,
    },
    /// A group whose `members` and `rollcall` lists differ in length.
    MembersMismatch {
        /// 1-based position of the group in the list.
        group: usize,
        /// Entries of `members`.
        members: usize,
        /// Entries of `rollcall`.
        codes: usize,
    },
    /// A line of a codes file that is not `G.M` and four words.
    BadLine {
        /// 1-based line.
        line: usize,
    },
    /// A line of a codes file whose code does not parse.
    Code {
        /// 1-based line.
        line: usize,
        /// Why.
        error: ParseCodeError,
    },
    /// No code at all.
    Empty,
}

impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoGroups => f.write_str("no \"groups\" list"),
            Self::GroupWithoutCodes { group } => {
                write!(f, "group {group} has no \"rollcall\" list")
            }
            Self::NotACode { group, code } => {
                write!(f, "group {group} code {code} is not a roll-call code")
            }
            Self::BadGroupNumber { group } => write!(
                f,
                "group {group} of the list has no \"group\" number from 1 to 16"
            ),
            Self::BadMemberNumber { group, code } => write!(
                f,
                "group {group} code {code} has no member number from 1 to 16"
            ),
            Self::MembersMismatch {
                group,
                members,
                codes,
            } => write!(
                f,
                "group {group} lists {members} member number{} for {codes} code{}",
                if *members == 1 { "" } else { "s" },
                if *codes == 1 { "" } else { "s" }
            ),
            Self::BadLine { line } => write!(
                f,
                "line {line} is not G.M followed by the 4 words of a code"
            ),
            Self::Code { line, error } => write!(f, "line {line}: {error}"),
            Self::Empty => f.write_str("no expected codes"),
        }
    }
}

impl core::error::Error for SheetError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            Self::Code { error, .. } => Some(error),
            _ => None,
        }
    }
}

fn non_empty(out: Vec<Expected>) -> Result<Vec<Expected>, SheetError> {
    if out.is_empty() {
        Err(SheetError::Empty)
    } else {
        Ok(out)
    }
}

/// The expected codes of a codes file: `G.M word word word word [NAME]` a line, `#` comments
/// and blank lines ignored.
///
/// # Errors
///
/// [`SheetError`] naming the first line that is not a code, or [`SheetError::Empty`].
///
/// # Examples
///
/// ```
/// use seedshard::rollcall::sheet::parse_codes_file;
/// let sheet = parse_codes_file("# set 1234\n1.2 academic acid acne actress Ann\n")?;
/// assert_eq!((sheet[0].group, sheet[0].member), (0, 1));
/// assert_eq!(sheet[0].holder.as_deref(), Some("Ann"));
/// # Ok::<(), seedshard::rollcall::sheet::SheetError>(())
/// ```
pub fn parse_codes_file(text: &str) -> Result<Vec<Expected>, SheetError> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let tokens: Vec<&str> = content.split_whitespace().collect();
        let share = tokens.first().and_then(|t| share_number(t));
        let (Some((group, member)), true) = (share, tokens.len() > CODE_WORDS) else {
            return Err(SheetError::BadLine { line: i + 1 });
        };
        let code = RollCallCode::parse(&tokens[1..=CODE_WORDS].join(" "))
            .map_err(|error| SheetError::Code { line: i + 1, error })?;
        let holder = (tokens.len() > CODE_WORDS + 1).then(|| tokens[CODE_WORDS + 1..].join(" "));
        out.push(Expected {
            group,
            member,
            holder,
            code,
        });
    }
    non_empty(out)
}

/// One group of a JSON report as a sheet: the fields [`expected_from_groups`] reads, as a
/// front end finds them in the document (`None`: the field is missing or of another type).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReportGroup<'a> {
    /// `rollcall`: the group's codes (an entry `None` when it is not a string).
    pub codes: Option<Vec<Option<&'a str>>>,
    /// Whether the group has a `group` field (`cards --json`, `reissue --json`); split and
    /// extend reports number groups by their position.
    pub numbered: bool,
    /// `group`: the 1-based group number, when it is a number.
    pub number: Option<u64>,
    /// `members`: the codes' 1-based member numbers (an entry `None` when it is not a
    /// number); in split and extend reports a code's position is its member number.
    pub members: Option<Vec<Option<u64>>>,
    /// `holders`: the name printed on each card (an entry `None` for no name).
    pub holders: Option<Vec<Option<&'a str>>>,
}

/// A 0-based group or member index from a 1-based number (1 to 16).
fn index(number: Option<u64>) -> Option<u8> {
    number
        .filter(|n| (1..=16).contains(n))
        .and_then(|n| u8::try_from(n - 1).ok())
}

/// The expected codes of a report's groups (`None` for a report without a `groups` list):
/// the JSON of `split --json` and `extend --json` (every share, numbered by position), or
/// of `cards --json` and `reissue --json` (some shares, with their numbers and holders).
///
/// # Errors
///
/// [`SheetError`] naming the first group or code at fault, or [`SheetError::Empty`].
pub fn expected_from_groups(
    groups: Option<&[ReportGroup<'_>]>,
) -> Result<Vec<Expected>, SheetError> {
    let groups = groups.ok_or(SheetError::NoGroups)?;
    let mut out = Vec::new();
    for (gi, g) in groups.iter().enumerate() {
        let position = gi + 1;
        let codes = g
            .codes
            .as_ref()
            .ok_or(SheetError::GroupWithoutCodes { group: position })?;
        let group = if g.numbered {
            index(g.number).ok_or(SheetError::BadGroupNumber { group: position })?
        } else {
            u8::try_from(gi).map_err(|_| SheetError::BadGroupNumber { group: position })?
        };
        if let Some(members) = &g.members {
            if members.len() != codes.len() {
                return Err(SheetError::MembersMismatch {
                    group: position,
                    members: members.len(),
                    codes: codes.len(),
                });
            }
        }
        for (mi, c) in codes.iter().enumerate() {
            let not_a_code = SheetError::NotACode {
                group: position,
                code: mi + 1,
            };
            let code = c
                .and_then(|c| RollCallCode::parse(c).ok())
                .ok_or(not_a_code)?;
            let member = match &g.members {
                Some(members) => index(members[mi]),
                None => u8::try_from(mi).ok().filter(|m| *m < 16),
            }
            .ok_or(SheetError::BadMemberNumber {
                group: position,
                code: mi + 1,
            })?;
            let holder = g
                .holders
                .as_ref()
                .and_then(|h| h.get(mi).copied().flatten())
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(String::from);
            out.push(Expected {
                group,
                member,
                holder,
                code,
            });
        }
    }
    non_empty(out)
}

/// The codes file of `shares` as `seedshard rollcall` writes it (and [`parse_codes_file`]
/// reads it): a comment line naming each set, then `G.M word word word word` a share.
pub fn codes_file_lines(shares: &[crate::Share]) -> Vec<String> {
    let mut lines = Vec::with_capacity(shares.len() + 1);
    let mut last_set = None;
    for s in shares {
        if last_set != Some(s.identifier()) {
            lines.push(alloc::format!(
                "# roll-call codes of set {} (read yours to the owner; it does not reveal the card)",
                s.identifier().short_name()
            ));
            last_set = Some(s.identifier());
        }
        lines.push(alloc::format!(
            "{}.{} {}",
            s.group_index() + 1,
            s.member_index() + 1,
            RollCallCode::of(s)
        ));
    }
    lines
}

/// "2.3" (or "2.3:") as 0-based (group, member).
pub fn share_number(text: &str) -> Option<(u8, u8)> {
    let (g, m) = text.trim_end_matches(':').split_once('.')?;
    let g: u8 = g.parse().ok()?;
    let m: u8 = m.parse().ok()?;
    ((1..=16).contains(&g) && (1..=16).contains(&m)).then_some((g - 1, m - 1))
}

/// Why an answer cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnswerError<'a> {
    /// Fewer than the four words of a code.
    TooShort,
    /// The code does not parse.
    Code(ParseCodeError),
    /// What comes before the code is neither a share number nor a holder on the sheet.
    UnknownLabel {
        /// The label as written.
        label: &'a str,
    },
}

impl fmt::Display for AnswerError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooShort => write!(f, "a roll-call code has {CODE_WORDS} words"),
            Self::Code(e) => fmt::Display::fmt(e, f),
            Self::UnknownLabel { label } => write!(
                f,
                "{label} is neither a share number (2.3) nor a holder named on the sheet"
            ),
        }
    }
}

impl core::error::Error for AnswerError<'_> {}

/// Reads one answer: `[G.M|NAME][:] word word word word`, the name one of the holders on
/// the sheet (`expected`), in any case.
///
/// # Errors
///
/// [`AnswerError`]: too few words, a code that does not parse, or an unknown label.
pub fn parse_answer<'a>(line: &'a str, expected: &[Expected]) -> Result<Answer, AnswerError<'a>> {
    let tokens: Vec<&str> = line.split_whitespace().collect();
    if tokens.len() < CODE_WORDS {
        return Err(AnswerError::TooShort);
    }
    let split = tokens.len() - CODE_WORDS;
    let code = RollCallCode::parse(&tokens[split..].join(" ")).map_err(AnswerError::Code)?;
    if split == 0 {
        return Ok(Answer { share: None, code });
    }
    // The label as written: from its first word to the end of its last.
    let start = tokens[0].as_ptr() as usize - line.as_ptr() as usize;
    let last = tokens[split - 1];
    let end = last.as_ptr() as usize - line.as_ptr() as usize + last.len();
    let label = line[start..end].trim_end_matches(':').trim();
    let words: String = tokens[..split].join(" ");
    let words = words.trim_end_matches(':').trim();
    let share = share_number(label).or_else(|| {
        expected
            .iter()
            .find(|e| {
                e.holder
                    .as_deref()
                    .is_some_and(|h| h.eq_ignore_ascii_case(words))
            })
            .map(|e| (e.group, e.member))
    });
    match share {
        Some(share) => Ok(Answer {
            share: Some(share),
            code,
        }),
        None => Err(AnswerError::UnknownLabel { label }),
    }
}

/// An answer of a text that cannot be read: its 1-based line, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError<'a> {
    /// 1-based line of the text.
    pub line: usize,
    /// Why the answer on that line cannot be read.
    pub error: AnswerError<'a>,
}

impl fmt::Display for AnswersError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.error)
    }
}

impl core::error::Error for AnswersError<'_> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.error {
            AnswerError::Code(e) => Some(e),
            _ => None,
        }
    }
}

/// Reads the answers written in `text`, one a line as [`parse_answer`] reads them; what
/// follows a `#` on a line is a comment, and lines left blank are skipped.
///
/// # Errors
///
/// [`AnswersError`] with the line of the first answer that cannot be read.
///
/// # Examples
///
/// ```
/// use seedshard::rollcall::sheet::{parse_answers, parse_codes_file};
/// let sheet = parse_codes_file("1.1 academic acid acne actress Ann\n")?;
/// let answers = parse_answers("# Sunday\n\nAnn: academic acid acne actress # by phone\n", &sheet)?;
/// assert_eq!(answers[0].share, Some((0, 0)));
/// let e = parse_answers("\n2.1 academic acid\n", &sheet).unwrap_err();
/// assert_eq!(e.to_string(), "line 2: a roll-call code has 4 words");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn parse_answers<'a>(
    text: &'a str,
    expected: &[Expected],
) -> Result<Vec<Answer>, AnswersError<'a>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("");
        if content.trim().is_empty() {
            continue;
        }
        out.push(
            parse_answer(content, expected).map_err(|error| AnswersError { line: i + 1, error })?,
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "academic acid acne actress";

    #[test]
    fn codes_files_are_read_line_by_line() {
        let sheet = parse_codes_file(&alloc::format!(
            "# codes\n\n1.1 {CODE}\n2.3: {CODE} Ann Lee # note\n"
        ))
        .unwrap();
        assert_eq!(sheet.len(), 2);
        assert_eq!((sheet[1].group, sheet[1].member), (1, 2));
        assert_eq!(sheet[1].holder.as_deref(), Some("Ann Lee"));
        assert_eq!(
            parse_codes_file("1.1 academic acid\n"),
            Err(SheetError::BadLine { line: 1 })
        );
        assert!(matches!(
            parse_codes_file("\n1.1 academic acid acne zzzz\n"),
            Err(SheetError::Code { line: 2, .. })
        ));
        assert_eq!(parse_codes_file("# nothing\n"), Err(SheetError::Empty));
        assert_eq!(
            parse_codes_file(&alloc::format!("17.1 {CODE}\n")),
            Err(SheetError::BadLine { line: 1 })
        );
    }

    fn by_position(codes: Option<Vec<Option<&str>>>) -> ReportGroup<'_> {
        ReportGroup {
            codes,
            ..ReportGroup::default()
        }
    }

    #[test]
    fn report_groups_give_codes_in_share_order() {
        let groups = [
            by_position(Some(alloc::vec![Some(CODE), Some(CODE)])),
            by_position(Some(alloc::vec![Some(CODE)])),
        ];
        let sheet = expected_from_groups(Some(&groups)).unwrap();
        assert_eq!(sheet.len(), 3);
        assert_eq!((sheet[2].group, sheet[2].member), (1, 0));
        assert_eq!(expected_from_groups(None), Err(SheetError::NoGroups));
        assert_eq!(
            expected_from_groups(Some(&[
                by_position(Some(alloc::vec![Some(CODE)])),
                by_position(None)
            ])),
            Err(SheetError::GroupWithoutCodes { group: 2 })
        );
        assert_eq!(
            expected_from_groups(Some(&[by_position(Some(alloc::vec![Some(CODE), None]))])),
            Err(SheetError::NotACode { group: 1, code: 2 })
        );
        assert_eq!(
            expected_from_groups(Some(&[by_position(Some(alloc::vec![]))])),
            Err(SheetError::Empty)
        );
        assert_eq!(SheetError::NoGroups.to_string(), "no \"groups\" list");
    }

    #[test]
    fn numbered_groups_give_their_numbers_and_holders() {
        let numbered = |number, members: Vec<Option<u64>>, holders| ReportGroup {
            codes: Some(alloc::vec![Some(CODE); members.len()]),
            numbered: true,
            number,
            members: Some(members),
            holders,
        };
        let sheet = expected_from_groups(Some(&[numbered(
            Some(3),
            alloc::vec![Some(5), Some(2)],
            Some(alloc::vec![Some(" Ann Lee "), None]),
        )]))
        .unwrap();
        assert_eq!(
            sheet
                .iter()
                .map(|e| (e.group, e.member, e.holder.as_deref()))
                .collect::<Vec<_>>(),
            [(2, 4, Some("Ann Lee")), (2, 1, None)]
        );
        for bad in [None, Some(0), Some(17)] {
            assert_eq!(
                expected_from_groups(Some(&[numbered(bad, alloc::vec![Some(1)], None)])),
                Err(SheetError::BadGroupNumber { group: 1 })
            );
        }
        assert_eq!(
            expected_from_groups(Some(&[numbered(Some(1), alloc::vec![Some(1), None], None)])),
            Err(SheetError::BadMemberNumber { group: 1, code: 2 })
        );
        let mut short = numbered(Some(1), alloc::vec![Some(1), Some(2)], None);
        short.codes = Some(alloc::vec![Some(CODE)]);
        let err = expected_from_groups(Some(&[short])).unwrap_err();
        assert_eq!(
            err,
            SheetError::MembersMismatch {
                group: 1,
                members: 2,
                codes: 1
            }
        );
        assert_eq!(err.to_string(), "group 1 lists 2 member numbers for 1 code");
    }

    #[test]
    fn codes_files_read_back_what_is_written() {
        let shares = [crate::Share::parse(
            "duckling enlarge academic academic agency result length solution fridge kidney \
             coal piece deal husband erode duke ajar critical decision keyboard",
        )
        .unwrap()];
        let lines = codes_file_lines(&shares);
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("# roll-call codes of set "));
        let sheet = parse_codes_file(&lines.join("\n")).unwrap();
        assert_eq!(sheet[0].code, RollCallCode::of(&shares[0]));
        assert_eq!((sheet[0].group, sheet[0].member), (0, 0));
    }

    #[test]
    fn answers_name_their_share_by_number_or_holder() {
        let sheet = parse_codes_file(&alloc::format!("1.1 {CODE}\n1.2 {CODE} Ann Lee\n")).unwrap();
        let a = parse_answer(CODE, &sheet).unwrap();
        assert_eq!(a.share, None);
        let a = parse_answer(&alloc::format!("2.3: {CODE}"), &sheet).unwrap();
        assert_eq!(a.share, Some((1, 2)));
        let a = parse_answer(&alloc::format!("ann  lee: {CODE}"), &sheet).unwrap();
        assert_eq!(a.share, Some((0, 1)));
        let line = alloc::format!("Zed: {CODE}");
        let e = parse_answer(&line, &sheet).unwrap_err();
        assert_eq!(e, AnswerError::UnknownLabel { label: "Zed" });
        assert_eq!(
            e.to_string(),
            "Zed is neither a share number (2.3) nor a holder named on the sheet"
        );
        assert_eq!(
            parse_answer("academic acid", &sheet),
            Err(AnswerError::TooShort)
        );
        assert!(matches!(
            parse_answer("1.1 academic acid acne zzzz", &sheet),
            Err(AnswerError::Code(_))
        ));
    }

    #[test]
    fn answers_of_a_text_skip_comments_and_name_the_bad_line() {
        let sheet = parse_codes_file(&alloc::format!("1.1 {CODE}\n1.2 {CODE} Ann Lee\n")).unwrap();
        let text = alloc::format!(
            "# roll call, Sunday\n\n   \n{CODE}\n2.3: {CODE} # by phone\nAnn Lee {CODE}\n#\n"
        );
        let answers = parse_answers(&text, &sheet).unwrap();
        assert_eq!(
            answers.iter().map(|a| a.share).collect::<Vec<_>>(),
            [None, Some((1, 2)), Some((0, 1))]
        );
        assert_eq!(parse_answers("# none\n\n", &sheet), Ok(Vec::new()));
        let text = alloc::format!("{CODE}\n# note\nZed: {CODE}\n");
        let e = parse_answers(&text, &sheet).unwrap_err();
        assert_eq!(
            e,
            AnswersError {
                line: 3,
                error: AnswerError::UnknownLabel { label: "Zed" }
            }
        );
        assert_eq!(
            e.to_string(),
            "line 3: Zed is neither a share number (2.3) nor a holder named on the sheet"
        );
        // A code after a comment mark is no answer; a bad code names its line.
        let e = parse_answers("1.1 academic acid acne zzzz\n", &sheet).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(matches!(e.error, AnswerError::Code(_)));
        assert!(core::error::Error::source(&e).is_some());
        assert_eq!(
            parse_answers("1.1 academic acid # acne actress\n", &sheet)
                .unwrap_err()
                .error,
            AnswerError::TooShort
        );
    }
}
