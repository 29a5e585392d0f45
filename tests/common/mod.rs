//! What the test files share: whether they run in CI.

/// True in CI: `CI` set to any non-empty value other than `0` or `false` (GitHub Actions and
/// most CI systems set `CI=true`; some set `1` or their name). In CI a missing tool or
/// reference implementation fails the test instead of skipping it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "0" && v != "false")
}
