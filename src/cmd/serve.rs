//! `bridgebook serve`: glue between the command line and the server (`serve/`).

use anyhow::Result;

use super::Outcome;
use crate::cli::ServeArgs;
use crate::serve::{serve, ServeOptions};

pub(crate) fn run(args: ServeArgs) -> Result<Outcome> {
    serve(ServeOptions {
        root: args.site.root,
        drafts: args.drafts,
        bind: args.bind,
        port: args.port,
        open: args.open,
    })?;
    Ok(Outcome::Success)
}
