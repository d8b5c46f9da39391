//! `bridgebook build`: run the pipeline, print problems or a one-line summary.

use anyhow::Result;

use super::{print_diagnostics, Outcome};
use crate::cli::BuildArgs;
use crate::site::{build_site, BuildOptions};

pub(crate) fn run(args: BuildArgs) -> Result<Outcome> {
    let options = BuildOptions {
        root: args.site.root,
        output: Some(args.output_dir.clone()),
        base_url: args.base_url,
        drafts: args.drafts,
        lint: false,
        tooltip_phrases: false,
        changed: None,
        local: false,
    };
    let report = build_site(&options)?;
    let failed = report.diagnostics.has_errors();
    let errors = report.diagnostics.error_count();
    print_diagnostics(report.diagnostics);
    if failed {
        eprintln!(
            "build failed: {errors} error{} (nothing was written; the previous site is unchanged)",
            if errors == 1 { "" } else { "s" }
        );
        return Ok(Outcome::Problems);
    }
    println!(
        "built {} page{}, {} section{} in {} ms -> {}/",
        report.pages,
        if report.pages == 1 { "" } else { "s" },
        report.sections,
        if report.sections == 1 { "" } else { "s" },
        report.elapsed.as_millis(),
        args.output_dir.display().to_string().trim_end_matches('/')
    );
    Ok(Outcome::Success)
}
