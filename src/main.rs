//! bridgebook: a static site generator for the handbook that marketing and IT write together.
//!
//! `main` parses the command line, runs one command, prints any error with its causes and
//! exits 0 (ok), 1 (the site has problems) or 2 (usage or I/O error).

// A `Diagnostic` is large, but it is only built on the failure path, where its size costs
// nothing; boxing every one would only add noise at each call site.
#![allow(clippy::result_large_err)]

/// mimalloc instead of the system allocator: a build allocates many short-lived strings and
/// JSON values per page on every thread, and malloc/free were a fifth of its instructions
/// (docs/benchmarks.md has what the switch bought).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod check;
mod cli;
mod cmd;
mod diagnostic;
mod generated;
mod html;
mod import;
mod load;
mod model;
mod output;
mod render;
mod search;
mod serve;
mod site;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        cli::Command::Build(args) => cmd::build::run(args),
        cli::Command::Serve(args) => cmd::serve::run(args),
        cli::Command::Check(args) => cmd::check::run(args),
        cli::Command::New(args) => cmd::new::run(args),
        cli::Command::Import(args) => cmd::import::run(args),
    };
    match result {
        Ok(cmd::Outcome::Success) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Problems) => ExitCode::from(1),
        Err(err) => {
            eprintln!("error: {err}");
            for cause in err.chain().skip(1) {
                eprintln!("  Caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}
