//! One module per subcommand: glue between the command line and the pipeline, nothing more.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod new;

use crate::diagnostic::{summary, Diagnostics};

/// What a command tells `main` to exit with: 0 ok, 1 the site has problems (2 is an `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Success,
    Problems,
}

/// Prints every problem, sorted, then the count, on stderr.
pub(crate) fn print_diagnostics(diagnostics: Diagnostics) {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if diagnostics.is_empty() {
        return;
    }
    for d in diagnostics.into_sorted() {
        eprintln!("{}", d.render());
    }
    eprintln!("{}", summary(errors, warnings));
}
