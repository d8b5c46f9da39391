//! `bridgebook serve`: build, serve, watch, have the driver redo what a save changed, reload
//! the tab.
//!
//! The site is built into a private folder outside the site (a new one per full rebuild, so a
//! reader never sees a half-built site); the server always serves the last good build. What a
//! saved file changes is decided here ([`ChangeKind`]); the work is the driver's
//! ([`Site::edit_page`]): serve never parses or renders by itself, it writes what the driver
//! hands back and reloads the tab.

mod change;
mod http;
mod reload;
mod watch;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};

use crate::load::content::CONTENT_DIR;
use crate::output::{LiveSite, SiteWriter};
use crate::site::{build_site_keeping, BuildOptions, EditOutcome, Reach, Site};
use change::{ChangeKind, Scope};
use http::Served;
use watch::{Batch, SiteWatcher};

/// Search entries of edited pages are rewritten once the folder has been quiet this long, so
/// re-indexing never delays the next save's reload.
const SEARCH_AFTER_IDLE: Duration = Duration::from_millis(700);

/// More pages than this in one batch (a branch switch) are rebuilt as a whole.
const MOST_PAGES_ONE_BY_ONE: usize = 20;

/// What `bridgebook serve` was asked for.
pub(crate) struct ServeOptions {
    pub(crate) root: PathBuf,
    pub(crate) drafts: bool,
    pub(crate) bind: String,
    pub(crate) port: u16,
    /// Open the site in the default browser once it is served.
    pub(crate) open: bool,
}

/// Serves the site until Ctrl-C. `Err` only when serving cannot start.
pub(crate) fn serve(args: ServeOptions) -> Result<()> {
    let root = args
        .root
        .canonicalize()
        .with_context(|| format!("cannot open the site folder {}", args.root.display()))?;
    let work = WorkDir::create()?;
    // Before anything is printed: a Ctrl-C from then on always cleans up.
    let work_path = work.path.clone();
    ctrlc::set_handler(move || {
        // Only ever our own private folder, made by WorkDir::create.
        let _ = std::fs::remove_dir_all(&work_path);
        println!("\nstopped");
        std::process::exit(0);
    })
    .context("cannot listen for Ctrl-C")?;
    let served = Arc::new(Served {
        dir: RwLock::new(work.path.join("empty")),
        reload: reload::Reload::default(),
    });
    let mut builder = Builder {
        root: root.clone(),
        drafts: args.drafts,
        work: work.path.clone(),
        generation: 0,
        site: None,
    };
    builder.full_build(&served, "first build");
    // Watching starts before the URL is printed, so any save made after it is seen.
    let watcher = SiteWatcher::start(&root)?;
    let port = http::start(&args.bind, args.port, served.clone())?;
    let url = format!("http://{}:{port}/", display_host(&args.bind));
    println!("serving {} at {url} (Ctrl-C to stop)", root.display());
    if args.open {
        open_in_browser(&url);
    }
    let keep_alive = served.clone();
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(15));
        keep_alive.reload.keep_alive();
    });
    loop {
        let idle_after = builder.search_behind().then_some(SEARCH_AFTER_IDLE);
        match watcher.next_batch(idle_after) {
            Batch::Stopped => break,
            Batch::Idle => builder.update_search(&served),
            Batch::Changed(batch) => builder.apply(&batch, &served),
        }
    }
    Ok(())
}

struct Builder {
    root: PathBuf,
    drafts: bool,
    work: PathBuf,
    generation: u32,
    /// The last good build, kept for incremental updates.
    site: Option<Site>,
}

impl Builder {
    fn apply(&mut self, batch: &BTreeSet<PathBuf>, served: &Served) {
        let started = Instant::now();
        let mut pages = Vec::new();
        let mut scope = Scope::Nothing;
        for rel in batch {
            let content_rel = content_path(rel);
            let full = self.root.join(rel);
            let known = self.site.as_ref().is_some_and(|site| {
                content_rel
                    .as_ref()
                    .is_some_and(|page| site.has_page(page) || site.has_snippet(page))
                    || site.has_asset(&full)
            });
            let kind = ChangeKind::of_path(rel, full.exists(), known);
            if kind == ChangeKind::PageEdit {
                pages.extend(content_rel);
                scope = scope.max(Scope::Page);
            } else {
                scope = scope.max(kind.scope());
            }
        }
        if pages.len() > MOST_PAGES_ONE_BY_ONE || self.site.is_none() {
            scope = scope.max(Scope::Everything);
        }
        match scope {
            Scope::Nothing => {}
            Scope::Everything => self.full_build(served, "site changed"),
            Scope::Page | Scope::Neighbourhood => self.update_pages(&pages, served, started),
        }
    }

    fn update_pages(&mut self, pages: &[String], served: &Served, started: Instant) {
        let out = current_dir(served);
        let Some(site) = self.site.as_mut() else {
            return self.full_build(served, "no earlier build");
        };
        let mut rendered = 0;
        for page in pages {
            match site.edit_page(page, reach) {
                EditOutcome::Write(files) => {
                    if let Err(err) = write_files(&out, &files) {
                        report_problem(served, format!("error: {err:#}"));
                        return self.full_build(served, "the edit could not be written");
                    }
                    rendered += files.len();
                }
                EditOutcome::NeedsFullBuild => {
                    return self.full_build(served, "page moved or its URL changed")
                }
                EditOutcome::Problems(problems) => {
                    return report_problem(served, problems.report())
                }
            }
        }
        served.reload.reload();
        println!(
            "rendered {rendered} page{} in {} ms: {}",
            if rendered == 1 { "" } else { "s" },
            started.elapsed().as_millis(),
            pages.join(", ")
        );
    }

    fn search_behind(&self) -> bool {
        self.site.as_ref().is_some_and(Site::search_behind)
    }

    /// Rewrites the search index with the edited pages' entries. Called once the folder is
    /// quiet, after the reload, so a reader sees the page at once and search a moment later.
    fn update_search(&mut self, served: &Served) {
        let out = current_dir(served);
        let files = self.site.as_mut().and_then(Site::updated_search_files);
        if let Err(err) = files.map_or(Ok(()), |files| write_files(&out, &files)) {
            report_problem(
                served,
                format!("error: cannot update the search index: {err:#}"),
            );
        }
    }

    fn full_build(&mut self, served: &Served, why: &str) {
        let started = Instant::now();
        self.generation += 1;
        let out = self.work.join(format!("build-{}", self.generation));
        let options = BuildOptions {
            root: self.root.clone(),
            output: Some(out.clone()),
            base_url: None,
            drafts: self.drafts,
            lint: false,
            tooltip_phrases: false,
            changed: None,
            local: true,
        };
        match build_site_keeping(&options) {
            Ok((report, Some(site))) => {
                let previous = std::mem::replace(
                    &mut *served.dir.write().unwrap_or_else(|e| e.into_inner()),
                    out,
                );
                if previous.starts_with(&self.work) && previous != self.work {
                    // Only ever a build folder of ours, no longer served.
                    let _ = std::fs::remove_dir_all(previous);
                }
                self.site = Some(site);
                served.reload.reload();
                println!(
                    "built {} pages, {} sections in {} ms ({why})",
                    report.pages,
                    report.sections,
                    started.elapsed().as_millis()
                );
            }
            Ok((report, None)) => report_problem(served, report.diagnostics.report()),
            Err(err) => report_problem(served, format!("error: {err:#}")),
        }
    }
}

/// How far an edited page's change reaches, from its old and new front matter; `None` when
/// the whole site must be built again.
fn reach(
    old: &crate::model::front_matter::FrontMatter,
    new: &crate::model::front_matter::FrontMatter,
) -> Option<Reach> {
    match ChangeKind::of_page_edit(old, new).scope() {
        Scope::Nothing | Scope::Page => Some(Reach::Page),
        Scope::Neighbourhood => Some(Reach::Neighbourhood),
        Scope::Everything => None,
    }
}

/// Writes files the driver handed back into the served folder, each replaced atomically.
fn write_files(out: &Path, files: &[(String, String)]) -> std::io::Result<()> {
    use rayon::prelude::*;
    let live = LiveSite::new(out)?;
    files
        .par_iter()
        .try_for_each(|(rel, text)| live.write(rel, text.as_bytes()))
}

fn report_problem(served: &Served, text: String) {
    eprintln!("{text}\n(still serving the last good build)");
    served.reload.problem(&text);
}

fn current_dir(served: &Served) -> PathBuf {
    served
        .dir
        .read()
        .map(|d| d.clone())
        .unwrap_or_else(|e| e.into_inner().clone())
}

/// `content/a/b.md` -> `a/b.md`.
fn content_path(rel: &Path) -> Option<String> {
    let inner = rel.strip_prefix(CONTENT_DIR).ok()?;
    Some(inner.to_str()?.replace('\\', "/"))
}

fn display_host(bind: &str) -> &str {
    if bind == "0.0.0.0" || bind == "::" {
        "localhost"
    } else {
        bind
    }
}

fn open_in_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; open {url} yourself");
    }
}

/// The private folder builds go to while serving; removed when the server stops.
struct WorkDir {
    path: PathBuf,
}

impl WorkDir {
    fn create() -> Result<WorkDir> {
        let path = std::env::temp_dir().join(format!("bridgebook-serve-{}", std::process::id()));
        std::fs::create_dir_all(path.join("empty"))
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(WorkDir { path })
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}
