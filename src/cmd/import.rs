//! `bridgebook import SRC`: convert a handbook, check that the result builds (relaxing the
//! link problems the source already had), then move it into place and print the summary.

use std::collections::BTreeMap;

use anyhow::Result;

use super::Outcome;
use crate::cli::ImportArgs;
use crate::diagnostic::{Diagnostics, Severity};
use crate::import::{import, ImportOptions};
use crate::site::{build_site, BuildOptions};

pub(crate) fn run(args: ImportArgs) -> Result<Outcome> {
    let out = args.output_dir.clone().unwrap_or_else(|| {
        let name = args
            .source
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
        format!("{}-bridgebook", name.unwrap_or_else(|| "handbook".into())).into()
    });
    let options = ImportOptions {
        source: args.source,
        out: out.clone(),
        from: args.from,
    };
    let mut imported = import(&options)?;
    let checked = (|| -> Result<Vec<(String, usize)>> {
        imported.write_config(&[])?;
        let found = check(imported.root())?;
        let errors = error_codes(&found);
        imported.report.problems = found
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| {
                let place = d.location.as_ref().map_or_else(String::new, |l| {
                    format!("{}:{}", crate::diagnostic::display_path(&l.path), l.line)
                });
                (place, d.code.to_string(), d.message.clone())
            })
            .collect();
        imported.report.problems.sort_by_key(|(place, code, _)| {
            let (file, line) = place.rsplit_once(':').unwrap_or((place, "0"));
            (
                file.to_string(),
                line.parse::<usize>().unwrap_or(0),
                code.clone(),
            )
        });
        let relaxed: Vec<(String, usize)> = errors
            .iter()
            .filter(|(code, _)| {
                crate::diagnostic::Code::configurable_names().contains(&code.as_str())
            })
            .map(|(c, n)| (c.clone(), *n))
            .collect();
        if relaxed.is_empty() {
            return Ok(errors.into_iter().collect());
        }
        imported.write_config(&relaxed)?;
        Ok(error_codes(&check(imported.root())?).into_iter().collect())
    })();
    let remaining = match checked {
        Ok(remaining) => remaining,
        Err(err) => {
            imported.discard();
            return Err(err);
        }
    };
    let elapsed = imported.elapsed;
    let report = imported.commit(remaining)?;
    println!("{}", report.summary(&out.display().to_string()));
    if std::env::var_os("BRIDGEBOOK_TIMINGS").is_some() {
        eprintln!("import: {} ms converting and writing", elapsed.as_millis());
    }
    Ok(Outcome::Success)
}

fn check(root: &std::path::Path) -> Result<Diagnostics> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output: None,
        base_url: None,
        drafts: false,
        lint: false,
        tooltip_phrases: false,
        local: false,
        changed: None,
    };
    Ok(build_site(&options)?.diagnostics)
}

/// Error counts by problem code.
fn error_codes(diagnostics: &Diagnostics) -> BTreeMap<String, usize> {
    let mut codes = BTreeMap::new();
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        *codes.entry(d.code.to_string()).or_default() += 1;
    }
    codes
}
