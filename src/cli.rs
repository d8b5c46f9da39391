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
    /// Create a new site with a config, two sections and a few pages
    New(NewArgs),
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
