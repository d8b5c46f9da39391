//! `bridgebook check`: every problem in the site, in the format a person or a CI reads.

use std::io::IsTerminal as _;

use anyhow::Result;
use serde::Serialize;

use super::Outcome;
use crate::check::external::check_external_links;
use crate::check::limit_to_changes;
use crate::cli::{CheckArgs, Deny, Format};
use crate::diagnostic::{display_path, summary, Code, Diagnostic, Severity};
use crate::load::changes::changed_since;
use crate::load::link_cache::{link_cache_file, read_link_cache};
use crate::output::write_link_cache;
use crate::site::{build_site, BuildOptions};

pub(crate) fn run(args: CheckArgs) -> Result<Outcome> {
    let changes = args
        .changed
        .as_deref()
        .map(|git_ref| changed_since(&args.site.root, git_ref))
        .transpose()?;
    let options = BuildOptions {
        root: args.site.root.clone(),
        output: None,
        base_url: None,
        drafts: args.drafts,
        lint: true,
        tooltip_phrases: args.tooltips,
        local: false,
        changed: changes.as_ref().map(|c| c.files.keys().cloned().collect()),
    };
    let mut report = build_site(&options)?;
    if args.external {
        let cache_file = link_cache_file();
        let mut cache = cache_file
            .as_deref()
            .map(read_link_cache)
            .unwrap_or_default();
        check_external_links(&report.external_links, &mut cache, &mut report.diagnostics)?;
        if let Some(path) = &cache_file {
            write_link_cache(path, &cache);
        }
    }
    if let Some(changes) = &changes {
        report.diagnostics = limit_to_changes(report.diagnostics, changes);
    }
    let (errors, warnings) = (
        report.diagnostics.error_count(),
        report.diagnostics.warning_count(),
    );
    let problems = report.diagnostics.into_sorted();
    match args.format {
        Format::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            for d in &problems {
                println!("{}", d.render_styled(color));
            }
            if let (Some(changes), Some(git_ref)) = (&changes, &args.changed) {
                println!(
                    "warnings limited to {} changed file{} since {git_ref}",
                    changes.files.len(),
                    if changes.files.len() == 1 { "" } else { "s" }
                );
            }
            if errors + warnings == 0 {
                println!(
                    "no problems in {} pages, {} sections",
                    report.pages, report.sections
                );
            } else {
                println!("{}", summary(errors, warnings));
            }
        }
        Format::Github => {
            for d in &problems {
                println!("{}", github_line(d));
            }
        }
        Format::Json => {
            let list: Vec<JsonProblem> = problems.iter().map(JsonProblem::from).collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
    }
    let denied = args.deny.contains(&Deny::Warnings) && warnings > 0;
    Ok(if errors > 0 || denied {
        Outcome::Problems
    } else {
        Outcome::Success
    })
}

/// The schema documented in README.md; fields are never renamed, only added.
#[derive(Serialize)]
struct JsonProblem<'a> {
    path: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    code: Code,
    message: &'a str,
    help: Option<&'a str>,
}

impl<'a> From<&'a Diagnostic> for JsonProblem<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        let location = d.location.as_ref();
        let positive = |n: usize| (n > 0).then_some(n);
        JsonProblem {
            path: location.map(|l| display_path(&l.path)),
            line: location.and_then(|l| positive(l.line)),
            column: location.and_then(|l| positive(l.col)),
            severity: d.severity,
            code: d.code,
            message: &d.message,
            help: d.help.as_deref(),
        }
    }
}

/// `::error file=content/x.md,line=7,col=3,title=broken link::message`: a GitHub Actions
/// workflow command, which GitHub shows as an annotation on the pull request's diff.
fn github_line(d: &Diagnostic) -> String {
    let mut props = Vec::new();
    if let Some(loc) = &d.location {
        props.push(format!(
            "file={}",
            escape_property(&display_path(&loc.path))
        ));
        if loc.line > 0 {
            props.push(format!("line={}", loc.line));
            props.push(format!("col={}", loc.col));
        }
    }
    props.push(format!(
        "title={}",
        escape_property(&d.code.as_str().replace('-', " "))
    ));
    let mut message = format!("{} [{}]", d.message, d.code);
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    // GitHub calls a note a notice.
    let command = match d.severity {
        Severity::Note => "notice",
        other => other.as_str(),
    };
    format!(
        "::{} {}::{}",
        command,
        props.join(","),
        escape_data(&message)
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    #[test]
    fn github_lines_escape_what_would_break_the_command() {
        let d = Diagnostic::error(Code::BrokenLink, "50% of links: broken\nreally")
            .at(Location::new("content/a,b.md", 7, 3, 1))
            .help("fix it");
        assert_eq!(
            github_line(&d),
            "::error file=content/a%2Cb.md,line=7,col=3,title=broken link::50%25 of links: broken%0Areally [broken-link]%0Ahelp: fix it"
        );
    }
}
