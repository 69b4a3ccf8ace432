//! The built-in modules, one file each, and the registry that builds them by name for `pipeline.modules`.

pub mod fingerprint;
pub mod stats;

use crate::pipeline::Module;

/// Every built-in module in its default order (the default of `pipeline.modules`).
pub const ALL: &[&str] = &["stats", "fingerprint"];

/// A name in `pipeline.modules` that no built-in module answers to.
#[derive(Debug, thiserror::Error)]
#[error("unknown module `{name}`; the built-in modules are: {}", ALL.join(", "))]
pub struct UnknownModule {
    pub name: String,
}

/// Whether `name` is a built-in module.
pub fn is_known(name: &str) -> bool {
    ALL.contains(&name)
}

/// Build the modules named in `names`, in that order.
pub fn build(names: &[String]) -> Result<Vec<Box<dyn Module>>, UnknownModule> {
    names
        .iter()
        .map(|name| -> Result<Box<dyn Module>, UnknownModule> {
            match name.as_str() {
                "stats" => Ok(Box::new(stats::StatsModule::default())),
                "fingerprint" => Ok(Box::new(fingerprint::FingerprintModule::default())),
                other => Err(UnknownModule {
                    name: other.to_owned(),
                }),
            }
        })
        .collect()
}
