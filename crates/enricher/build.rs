//! Build script: records the commit the binary is built from, for `enricher --version`.
//!
//! The commit comes from `ENRICHER_GIT_COMMIT` when set (builds without `.git`,
//! such as the Dockerfile's), else from `git rev-parse --short HEAD`, else it
//! is "unknown". Nothing here fails the build. Cargo reruns this script only
//! when that variable, `.git/HEAD` or the branch it points to changes, so an
//! ordinary build does not recompile the crate.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The variable a build without a git checkout passes the commit in.
const COMMIT_ENV: &str = "ENRICHER_GIT_COMMIT";

fn main() {
    println!("cargo:rerun-if-env-changed={COMMIT_ENV}");
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let commit = from_env()
        .or_else(|| from_git(&manifest_dir))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=ENRICHER_COMMIT={commit}");
}

/// `ENRICHER_GIT_COMMIT`, when it looks like a commit (hex digits, at most 40).
fn from_env() -> Option<String> {
    let value = std::env::var(COMMIT_ENV).ok()?;
    plausible(value.trim())
}

/// The short hash of HEAD, watching the files that change when HEAD moves.
fn from_git(dir: &Path) -> Option<String> {
    let commit = git(dir, &["rev-parse", "--short=9", "HEAD"]).and_then(|out| plausible(&out))?;
    // HEAD itself (a checkout), the branch it names (a commit) and packed-refs
    // (where a branch lives after `git gc`). Only paths that exist: Cargo
    // treats a missing one as changed and would rerun this script every build.
    let mut watched = vec![git(dir, &["rev-parse", "--git-path", "HEAD"])];
    if let Some(branch) = git(dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(git(dir, &["rev-parse", "--git-path", &branch]));
    }
    watched.push(git(dir, &["rev-parse", "--git-path", "packed-refs"]));
    for path in watched.into_iter().flatten() {
        let path = dir.join(path);
        if path.exists() {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    Some(commit)
}

/// One git command's trimmed output, or `None` if git is missing or fails.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// `value` if it is a plausible commit hash (4 to 40 hex digits).
fn plausible(value: &str) -> Option<String> {
    let ok = (4..=40).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_hexdigit());
    ok.then(|| value.to_ascii_lowercase())
}
