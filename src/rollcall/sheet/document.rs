//! A JSON report read as a sheet of expected codes (feature `serde`).
//!
//! The library has no JSON parser of its own: a front end deserialises the report's text into
//! [`SheetDocument`] with the parser it has (`serde_json` in the CLI), and
//! [`SheetDocument::expected`] gives the codes. A field that is missing or of another type is
//! kept as such rather than failing the whole document, so that the error names the group or
//! code at fault ([`SheetError`]) as it would for any other reading of the report.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use super::{expected_from_groups, ReportGroup, SheetError};
use crate::rollcall::Expected;

/// The sheet of a `split --json`, `extend --json`, `cards --json` or `reissue --json` report:
/// its `groups`, each with the fields [`expected_from_groups`] reads (`rollcall`, `group`,
/// `members`, `holders`); every other field is ignored.
///
/// # Examples
///
/// ```
/// use seedshard::rollcall::sheet::SheetDocument;
/// let doc: SheetDocument = serde_json::from_str(
///     r#"{"schema": 1, "groups": [{"rollcall": ["academic acid acne actress"]}]}"#,
/// )?;
/// let sheet = doc.expected()?;
/// assert_eq!((sheet[0].group, sheet[0].member), (0, 0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetDocument {
    /// `groups`, when it is a list.
    groups: Option<Vec<DocumentGroup>>,
}

impl SheetDocument {
    /// The expected codes of the report, in the order of its groups and codes.
    ///
    /// # Errors
    ///
    /// [`SheetError`] naming the first group or code at fault (no `groups` list, a group
    /// without codes, a code or number that is not one), or [`SheetError::Empty`].
    pub fn expected(&self) -> Result<Vec<Expected>, SheetError> {
        let groups: Option<Vec<ReportGroup<'_>>> = self
            .groups
            .as_ref()
            .map(|groups| groups.iter().map(DocumentGroup::as_report_group).collect());
        expected_from_groups(groups.as_deref())
    }
}

/// One group of a report, each field as found: `None` when missing or of another type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct DocumentGroup {
    rollcall: Option<Vec<Option<String>>>,
    /// `Some` when the group has a `group` field, with its value when it is a number.
    group: Option<Option<u64>>,
    members: Option<Vec<Option<u64>>>,
    holders: Option<Vec<Option<String>>>,
}

impl DocumentGroup {
    fn as_report_group(&self) -> ReportGroup<'_> {
        fn strings(v: &Option<Vec<Option<String>>>) -> Option<Vec<Option<&str>>> {
            v.as_ref().map(|v| v.iter().map(Option::as_deref).collect())
        }
        ReportGroup {
            codes: strings(&self.rollcall),
            numbered: self.group.is_some(),
            number: self.group.flatten(),
            members: self.members.clone(),
            holders: strings(&self.holders),
        }
    }
}

/// A value of type `T`, or any other value (kept as nothing).
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Lenient<T> {
    Value(T),
    Other(IgnoredAny),
}

impl<T> Lenient<T> {
    fn ok(self) -> Option<T> {
        match self {
            Self::Value(v) => Some(v),
            Self::Other(_) => None,
        }
    }
}

/// A list whose entries are each of type `T` or not (`None`); `None` when not a list.
fn list<T>(value: Lenient<Vec<Lenient<T>>>) -> Option<Vec<Option<T>>> {
    value.ok().map(|v| v.into_iter().map(Lenient::ok).collect())
}

impl<'de> Deserialize<'de> for DocumentGroup {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GroupVisitor;
        impl<'de> Visitor<'de> for GroupVisitor {
            type Value = DocumentGroup;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a group of a report")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DocumentGroup, A::Error> {
                // A key given twice counts with its last value, as in a JSON object read
                // whole.
                let mut g = DocumentGroup::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "rollcall" => g.rollcall = list(map.next_value()?),
                        "group" => g.group = Some(map.next_value::<Lenient<u64>>()?.ok()),
                        "members" => g.members = list(map.next_value()?),
                        "holders" => g.holders = list(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(g)
            }
        }
        deserializer.deserialize_map(GroupVisitor)
    }
}

impl<'de> Deserialize<'de> for SheetDocument {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DocumentVisitor;
        impl<'de> Visitor<'de> for DocumentVisitor {
            type Value = SheetDocument;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a split, extend, cards or reissue report")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SheetDocument, A::Error> {
                let mut doc = SheetDocument::default();
                while let Some(key) = map.next_key::<String>()? {
                    if key == "groups" {
                        // A group that is not an object reads as one without any field.
                        doc.groups = list::<DocumentGroup>(map.next_value()?)
                            .map(|v| v.into_iter().map(Option::unwrap_or_default).collect());
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(doc)
            }
        }
        deserializer.deserialize_map(DocumentVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CODE: &str = "academic acid acne actress";

    fn read(json: &str) -> Result<Vec<Expected>, SheetError> {
        serde_json::from_str::<SheetDocument>(json)
            .unwrap()
            .expected()
    }

    #[test]
    fn split_reports_number_codes_by_position() {
        let sheet = read(&alloc::format!(
            r#"{{"schema": 1, "identifier": 7, "groups": [
                {{"threshold": 1, "rollcall": ["{CODE}"]}},
                {{"rollcall": ["{CODE}", "{CODE}"], "holders": [null, " Ann "]}}
            ]}}"#
        ))
        .unwrap();
        assert_eq!(
            sheet
                .iter()
                .map(|e| (e.group, e.member, e.holder.as_deref()))
                .collect::<Vec<_>>(),
            [(0, 0, None), (1, 0, None), (1, 1, Some("Ann"))]
        );
    }

    #[test]
    fn cards_reports_give_group_and_member_numbers() {
        let sheet = read(&alloc::format!(
            r#"{{"groups": [{{"group": 2, "members": [3], "rollcall": ["{CODE}"], "holders": ["Bo"]}}]}}"#
        ))
        .unwrap();
        assert_eq!(
            (sheet[0].group, sheet[0].member, sheet[0].holder.as_deref()),
            (1, 2, Some("Bo"))
        );
    }

    #[test]
    fn fields_of_another_type_are_named_in_the_error() {
        assert_eq!(read("{}"), Err(SheetError::NoGroups));
        assert_eq!(read(r#"{"groups": {"a": 1}}"#), Err(SheetError::NoGroups));
        assert_eq!(read(r#"{"groups": []}"#), Err(SheetError::Empty));
        // A group that is not an object, or whose codes are not a list.
        assert_eq!(
            read(r#"{"groups": [[1, 2]]}"#),
            Err(SheetError::GroupWithoutCodes { group: 1 })
        );
        assert_eq!(
            read(&alloc::format!(
                r#"{{"groups": [{{"rollcall": ["{CODE}"]}}, {{"rollcall": "{CODE}"}}]}}"#
            )),
            Err(SheetError::GroupWithoutCodes { group: 2 })
        );
        assert_eq!(
            read(&alloc::format!(
                r#"{{"groups": [{{"rollcall": ["{CODE}", 5]}}]}}"#
            )),
            Err(SheetError::NotACode { group: 1, code: 2 })
        );
        // A `group` field of any other type, even null, marks a numbered group without a
        // number.
        for number in ["null", "\"2\"", "2.0", "-1", "0", "17"] {
            assert_eq!(
                read(&alloc::format!(
                    r#"{{"groups": [{{"group": {number}, "rollcall": ["{CODE}"]}}]}}"#
                )),
                Err(SheetError::BadGroupNumber { group: 1 }),
                "{number}"
            );
        }
        assert_eq!(
            read(&alloc::format!(
                r#"{{"groups": [{{"group": 1, "members": [1, "2"], "rollcall": ["{CODE}", "{CODE}"]}}]}}"#
            )),
            Err(SheetError::BadMemberNumber { group: 1, code: 2 })
        );
    }

    #[test]
    fn a_key_given_twice_counts_with_its_last_value() {
        let sheet = read(&alloc::format!(
            r#"{{"groups": 3, "groups": [{{"rollcall": 1, "rollcall": ["{CODE}"]}}]}}"#
        ))
        .unwrap();
        assert_eq!(sheet.len(), 1);
    }

    #[test]
    fn text_that_is_not_json_fails_to_deserialise() {
        assert!(serde_json::from_str::<SheetDocument>("{\"groups\": [").is_err());
    }
}
