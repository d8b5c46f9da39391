//! The command line, as clap sees it. Validation beyond types happens in `cmd/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "bridgebook",
    version,
    about = "Build the handbook that marketing and IT write together",
    propagate_version = true
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Build the site into a folder of static files
    Build(BuildArgs),
    /// Serve the site locally, rebuilding and reloading the browser on every save
    Serve(ServeArgs),
    /// Report every problem in the site, as a pull-request gate; writes nothing
    Check(CheckArgs),
    /// Create a new site with a config, two sections and a few pages
    New(NewArgs),
    /// Make a bridgebook site from a handbook written for Jekyll, Eleventy, Hugo, MkDocs or Docusaurus
    Import(ImportArgs),
}

#[derive(Args)]
pub(crate) struct ImportArgs {
    /// The handbook to import: the folder holding its generator's config
    pub(crate) source: PathBuf,
    /// Where to write the new site (new, empty, or an earlier import); default: SOURCE-bridgebook
    #[arg(short, long)]
    pub(crate) output_dir: Option<PathBuf>,
    /// The generator the handbook was written for (found from its files when not given)
    #[arg(long, value_enum)]
    pub(crate) from: Option<crate::import::Generator>,
}

#[derive(Args)]
pub(crate) struct SiteArgs {
    /// The site folder (holding bridgebook.yaml and content/)
    #[arg(short, long, default_value = ".")]
    pub(crate) root: PathBuf,
}

#[derive(Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// Where to write the site, relative to the current folder
    #[arg(short, long, default_value = "public")]
    pub(crate) output_dir: PathBuf,
    /// The absolute URL the site is published at; makes links absolute and writes sitemap.xml
    #[arg(long)]
    pub(crate) base_url: Option<String>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub(crate) drafts: bool,
}

#[derive(Args)]
pub(crate) struct NewArgs {
    /// The folder to create (it must not exist, or be empty)
    pub(crate) dir: PathBuf,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// How to print problems: for people, for GitHub pull requests, or as JSON
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Fail on these too: `--deny warnings` makes any warning fail the check
    #[arg(long, value_enum)]
    pub(crate) deny: Vec<Deny>,
    /// Also check links to other sites (needs the network; results are cached for a day)
    #[arg(long)]
    pub(crate) external: bool,
    /// Check pages marked `draft: true` as well
    #[arg(long)]
    pub(crate) drafts: bool,
    /// Also list, per glossary term, the phrases its tooltips landed on, with a count
    #[arg(long)]
    pub(crate) tooltips: bool,
    /// Report warnings only on what changed since this git ref (e.g. origin/main); errors
    /// are still reported everywhere
    #[arg(long, value_name = "REF")]
    pub(crate) changed: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// Like rustc: file:line:col, the line, a caret and the fix
    Human,
    /// GitHub Actions workflow commands, shown on the pull request's diff
    Github,
    /// One JSON array of problems
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Deny {
    Warnings,
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) site: SiteArgs,
    /// The port to listen on
    #[arg(short, long, default_value_t = 3000)]
    pub(crate) port: u16,
    /// The address to listen on; only this computer can connect unless you change it
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: String,
    /// Open the site in the default browser
    #[arg(long)]
    pub(crate) open: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub(crate) drafts: bool,
}
