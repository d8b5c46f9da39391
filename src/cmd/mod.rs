//! One module per subcommand: glue between the command line and the pipeline, nothing more.

pub(crate) mod build;
pub(crate) mod check;
pub(crate) mod import;
pub(crate) mod new;
pub(crate) mod serve;

use crate::diagnostic::Diagnostics;

/// What a command tells `main` to exit with: 0 ok, 1 the site has problems (2 is an `Err`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Success,
    Problems,
}

/// Prints every problem, sorted, then the count, on stderr.
pub(crate) fn print_diagnostics(diagnostics: Diagnostics) {
    if !diagnostics.is_empty() {
        eprintln!("{}", diagnostics.report());
    }
}
