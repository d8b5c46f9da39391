//! `bridgebook serve`, started as a real process on a free port on 127.0.0.1: edits show up,
//! broken saves keep the last good build, nothing outside the build is ever served.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::browser::run_scenario;
use crate::common::{bridgebook, fixture, site, write};

/// A running server; killed when dropped, so every test stops its server.
pub struct Server {
    child: Child,
    pub base: String,
    port: u16,
    /// Everything the server printed on stdout so far.
    pub log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Server {
    pub fn start(root: &Path) -> Server {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("bridgebook"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let base = loop {
            let line = lines.next().expect("serve prints its URL").expect("utf-8");
            if let Some(at) = line.find("http://") {
                break line[at..].split_whitespace().next().unwrap().to_string();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        let port = base
            .rsplit(':')
            .next()
            .unwrap()
            .trim_end_matches('/')
            .parse()
            .unwrap();
        Server {
            child,
            base,
            port,
            log,
        }
    }

    /// Status and body of a raw GET, the path sent exactly as given.
    pub fn get(&self, path: &str) -> (u16, String) {
        let (status, _, body) = self.request("GET", path, &[]);
        (status, body)
    }

    pub fn request(&self, method: &str, path: &str, headers: &[&str]) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        let extra: String = headers.iter().map(|h| format!("{h}\r\n")).collect();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{extra}\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).expect("response");
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, head.to_string(), body.to_string())
    }

    /// Polls `path` until `check` holds, for up to ten seconds.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if check(status, &body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "timed out waiting for {what}; last: {status} {body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Opens the live-reload stream and returns a reader of its events.
    pub fn events(&self) -> BufReader<TcpStream> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET /__bridgebook/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        next_event(&mut reader); // the `retry:` preamble
        reader
    }
}

impl Drop for Server {
    /// Asks the server to stop as a terminal would (SIGTERM), so it removes its private build
    /// folder; kills it only if it has not stopped within five seconds.
    fn drop(&mut self) {
        let _ = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The next event's name and data (empty name for preamble and comments).
pub fn next_event(reader: &mut BufReader<TcpStream>) -> (String, String) {
    let (mut name, mut data) = (String::new(), String::new());
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return (name, data);
        }
        let line = line.trim_end();
        if line.is_empty() {
            if !name.is_empty() || !data.is_empty() {
                return (name, data);
            }
            continue;
        }
        if let Some(v) = line.strip_prefix("event: ") {
            name = v.to_string();
        } else if let Some(v) = line.strip_prefix("data: ") {
            data = serde_json::from_str(v).unwrap_or_default();
        } else if line.starts_with("retry:") {
            return (String::new(), String::new());
        }
    }
}

fn next_named(reader: &mut BufReader<TcpStream>, wanted: &str) -> String {
    loop {
        let (name, data) = next_event(reader);
        if name == wanted {
            return data;
        }
        assert!(
            !name.is_empty() || !data.is_empty() || name == wanted,
            "stream ended before `{wanted}`"
        );
    }
}

#[test]
fn edits_are_served_and_broken_saves_keep_the_last_good_build() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    let (status, home) = server.get("/guides/second/");
    assert_eq!(status, 200);
    assert!(
        home.contains("/__bridgebook/events"),
        "serve adds the live-reload script"
    );

    let page = site.path().join("content/guides/second.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events();
    std::fs::write(
        &page,
        format!("{original}\nA new line about kingfishers.\n"),
    )
    .unwrap();
    next_named(&mut events, "reload");
    server.wait_for("/guides/second/", "the edit", |_, body| {
        body.contains("kingfishers")
    });

    // A broken save: the old page stays served and the stream carries the same error as build.
    std::fs::write(&page, original.replacen("title:", "title: [unclosed", 1)).unwrap();
    let problem = next_named(&mut events, "problem");
    assert!(
        problem.contains("content/guides/second.md:3:12: error:"),
        "{problem}"
    );
    assert!(
        problem.contains("[yaml-syntax]") && problem.contains("= help:"),
        "{problem}"
    );
    let (status, body) = server.get("/guides/second/");
    assert_eq!(status, 200);
    assert!(
        body.contains("kingfishers"),
        "the last good build is still served"
    );

    // A tab opened now sees the problem too.
    let mut late = server.events();
    assert_eq!(next_named(&mut late, "problem"), problem);

    std::fs::write(&page, format!("{original}\nFixed, with herons.\n")).unwrap();
    next_named(&mut events, "fixed");
    server.wait_for("/guides/second/", "the fix", |_, body| {
        body.contains("herons")
    });
}

#[test]
fn new_deleted_and_renamed_pages_are_picked_up() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    write(
        site.path(),
        "content/guides/third.md",
        "---\ntitle: The third guide\n---\nThird.\n",
    );
    server.wait_for("/guides/third/", "the new page", |status, _| status == 200);
    server.wait_for("/guides/", "the listing", |_, body| {
        body.contains("The third guide")
    });

    std::fs::rename(
        site.path().join("content/guides/third.md"),
        site.path().join("content/guides/fourth.md"),
    )
    .unwrap();
    server.wait_for("/guides/fourth/", "the renamed page", |status, _| {
        status == 200
    });
    let (status, body) = server.get("/guides/third/");
    assert_eq!(status, 404, "the old URL is gone");
    assert!(body.contains("Page not found"), "the site's own 404 page");

    std::fs::remove_file(site.path().join("content/guides/fourth.md")).unwrap();
    server.wait_for("/guides/fourth/", "the deletion", |status, _| status == 404);
    let listing = server.wait_for("/guides/", "the listing", |_, body| {
        !body.contains("The third guide")
    });
    assert!(listing.contains("The first guide"));
}

#[test]
fn title_edits_reach_the_listings_and_editor_save_patterns_work() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    let page = site.path().join("content/guides/first.md");
    let text = std::fs::read_to_string(&page).unwrap();
    // vim-style: write a scratch file, move the old file away, create the new one.
    let backup = site.path().join("content/guides/first.md~");
    write(site.path(), "content/guides/4913", "");
    std::fs::remove_file(site.path().join("content/guides/4913")).unwrap();
    std::fs::rename(&page, &backup).unwrap();
    std::fs::write(
        &page,
        text.replace("title: The first guide", "title: The renamed guide"),
    )
    .unwrap();
    std::fs::remove_file(&backup).unwrap();
    server.wait_for("/guides/", "the new title in the listing", |_, b| {
        b.contains("The renamed guide")
    });
    server.wait_for("/guides/second/", "the new title in the sidebar", |_, b| {
        b.contains("The renamed guide")
    });
}

#[test]
fn nothing_outside_the_build_is_served() {
    let site = fixture("basic");
    std::fs::write(site.path().join("secret.txt"), "TOP SECRET").unwrap();
    let server = Server::start(site.path());
    for path in [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..%5csecret.txt",
        "/%252e%252e%252fsecret.txt",
        "/guides/..%2f..%2f..%2fetc/passwd",
        "//etc/passwd",
        "/etc/passwd",
        "/index.html%00.txt",
        "/bridgebook.yaml",
        "/content/_index.md",
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("TOP SECRET") && !body.contains("root:x:0"),
            "{path} leaked a file"
        );
    }
}

#[test]
fn http_behaves_like_a_web_server() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    let (status, head, _) = server.request("GET", "/bridgebook.js", &[]);
    assert_eq!(status, 200);
    assert!(
        head.to_lowercase()
            .contains("content-type: text/javascript"),
        "{head}"
    );
    let etag = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("ETag: ")
                .or_else(|| l.strip_prefix("etag: "))
        })
        .expect("an ETag")
        .to_string();
    let (status, _, body) = server.request(
        "GET",
        "/bridgebook.js",
        &[&format!("If-None-Match: {etag}")],
    );
    assert_eq!((status, body.as_str()), (304, ""));
    let (status, head, body) = server.request("HEAD", "/guides/first/", &[]);
    assert_eq!(status, 200);
    assert!(head.to_lowercase().contains("content-type: text/html"));
    assert!(body.is_empty(), "HEAD has no body");
    let (status, head, _) = server.request("GET", "/guides", &[]);
    assert_eq!(status, 301);
    assert!(head.contains("Location: /guides/"), "{head}");
    assert_eq!(server.request("POST", "/", &[]).0, 405);
}

#[test]
fn many_requests_at_once_are_all_answered_while_streams_are_open() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    // More open reload streams than there are workers: they must not hold workers.
    let _streams: Vec<_> = (0..12).map(|_| server.events()).collect();
    let paths = [
        "/",
        "/guides/first/",
        "/guides/second/",
        "/bridgebook.js",
        "/tools/launch-kit/timeline.svg",
    ];
    let expected: Vec<(u16, String)> = paths.iter().map(|p| server.get(p)).collect();
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..200)
            .map(|i| {
                let (server, expected) = (&server, &expected);
                scope.spawn(move || {
                    let which = i % paths.len();
                    assert_eq!(
                        &server.get(paths[which]),
                        &expected[which],
                        "{}",
                        paths[which]
                    );
                })
            })
            .collect();
        for handle in handles {
            handle.join().expect("every request answered correctly");
        }
    });
    assert!(started.elapsed() < Duration::from_secs(60));
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let site = fixture("basic");
    bridgebook()
        .args(["serve", "--port", &port, "--root"])
        .arg(site.path())
        .timeout(Duration::from_secs(30))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(format!(
            "port {port} on 127.0.0.1 is already in use"
        )))
        .stderr(predicates::str::contains("--port"));
}

#[test]
fn build_output_never_carries_the_live_reload_script() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    for file in crate::common::files_under(&site.path().join("public")) {
        if file.ends_with(".html") {
            let html = std::fs::read_to_string(site.path().join("public").join(&file)).unwrap();
            assert!(!html.contains("__bridgebook"), "{file}");
        }
    }
}

#[test]
fn an_open_tab_shows_the_edit_without_a_manual_reload() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    let page = site.path().join("content/guides/second.md");
    let Some(result) = run_scenario(
        "live-reload.mjs",
        &[
            &format!("{}guides/second/", server.base),
            page.to_str().unwrap(),
        ],
    ) else {
        return;
    };
    assert_eq!(
        result["textAfterEdit"], true,
        "the open tab shows the new text"
    );
    assert_eq!(
        result["overlayShown"], true,
        "a broken save shows the problem over the page"
    );
    assert_eq!(
        result["overlayCleared"], true,
        "the next good save clears it"
    );
    assert!(
        result["scrollAfter"].as_f64().unwrap() > 100.0,
        "the reader stays where they were: {result}"
    );
}

#[test]
fn a_burst_of_saves_is_one_rebuild() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    // What `git checkout` of another branch does: many files at once. They are written outside
    // the watched folder first and renamed in, so the burst takes microseconds even on a busy
    // machine; writing each one in place let a slow test thread split it in two.
    let outside = tempfile::TempDir::new_in(site.path().parent().unwrap()).unwrap();
    for i in 0..40 {
        write(
            outside.path(),
            &format!("burst-{i}.md"),
            &format!("---\ntitle: Burst {i}\n---\nPage {i}.\n"),
        );
    }
    for i in 0..40 {
        std::fs::rename(
            outside.path().join(format!("burst-{i}.md")),
            site.path().join(format!("content/guides/burst-{i}.md")),
        )
        .unwrap();
    }
    server.wait_for("/guides/", "every new page", |_, body| {
        (0..40).all(|i| body.contains(&format!("Burst {i}<")))
    });
    std::thread::sleep(Duration::from_millis(300));
    let rebuilds = server
        .log
        .lock()
        .unwrap()
        .iter()
        .filter(|l| l.starts_with("built ") && l.ends_with("(site changed)"))
        .count();
    assert_eq!(
        rebuilds,
        1,
        "one rebuild for the whole burst: {:?}",
        server.log.lock().unwrap()
    );
}

#[test]
fn ctrl_c_or_a_termination_signal_stops_cleanly_and_removes_the_private_build() {
    // SIGINT is Ctrl-C in a terminal; SIGTERM is what `kill`, process managers and scripts send.
    for signal in ["-INT", "-TERM"] {
        let site = fixture("basic");
        let mut server = Server::start(site.path());
        let pid = server.child.id();
        let work = std::env::temp_dir().join(format!("bridgebook-serve-{pid}"));
        assert!(work.exists(), "builds go to {}", work.display());
        let status = std::process::Command::new("kill")
            .args([signal, &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = server.child.wait().unwrap();
        assert!(exit.success(), "{signal}: {exit:?}");
        assert!(
            !work.exists(),
            "{signal}: the private build folder is removed"
        );
        assert!(
            site.path().join("content/_index.md").exists(),
            "the site is untouched"
        );
    }
}

#[test]
fn a_body_edit_updates_the_search_index() {
    let site = fixture("basic");
    let server = Server::start(site.path());
    let work = std::env::temp_dir().join(format!("bridgebook-serve-{}", server.child.id()));
    let index_has = |word: &str| {
        walkdir::WalkDir::new(&work)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().components().any(|c| c.as_os_str() == "search"))
            .filter(|e| e.file_type().is_file())
            .any(|e| std::fs::read_to_string(e.path()).is_ok_and(|t| t.contains(word)))
    };
    assert!(!index_has("xylophonist"));
    let page = site.path().join("content/guides/second.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{text}\nOur xylophonist plays on Fridays.\n"),
    )
    .unwrap();
    let started = Instant::now();
    while !index_has("xylophonist") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the search index never learned the new word"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_title_edit_rewrites_only_the_listing_page_that_shows_the_page() {
    use std::os::unix::fs::MetadataExt;
    let site = fixture("basic");
    // One page per listing page: the tag `basics` lists "The first guide", then "The second".
    let config = std::fs::read_to_string(site.path().join("bridgebook.yaml")).unwrap();
    write(
        site.path(),
        "bridgebook.yaml",
        &format!("{config}list_page_size: 1\n"),
    );
    let server = Server::start(site.path());
    let build = std::env::temp_dir()
        .join(format!("bridgebook-serve-{}", server.child.id()))
        .join("build-1");
    let inode = |rel: &str| std::fs::metadata(build.join(rel)).unwrap().ino();
    let first_listing = inode("tags/basics/index.html");
    let second_listing = inode("tags/basics/page/2/index.html");
    let page = site.path().join("content/guides/second.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replace(
            "title: The second guide",
            "title: The second guide, revised",
        ),
    )
    .unwrap();
    server.wait_for(
        "/tags/basics/page/2/",
        "the new title on its listing page",
        |_, b| b.contains("The second guide, revised"),
    );
    assert_ne!(inode("tags/basics/page/2/index.html"), second_listing);
    assert_eq!(
        inode("tags/basics/index.html"),
        first_listing,
        "the listing page that does not show the edited page is not rewritten"
    );
}

// See: issue 17. A save whose problems the config makes warnings is served like any other.
#[test]
fn a_save_with_a_lowered_problem_is_served() {
    let site = fixture("basic");
    let config_path = site.path().join("bridgebook.yaml");
    let config = std::fs::read_to_string(&config_path).unwrap();
    write(
        site.path(),
        "bridgebook.yaml",
        &format!("{config}checks:\n  broken-link: warning\n"),
    );
    let server = Server::start(site.path());
    let page = site.path().join("content/guides/second.md");
    let original = std::fs::read_to_string(&page).unwrap();
    let mut events = server.events();
    std::fs::write(
        &page,
        format!(
            "{original}\n### Straight to three\n\nSee [the old page](removed.md) about otters.\n"
        ),
    )
    .unwrap();
    next_named(&mut events, "reload");
    server.wait_for("/guides/second/", "the edit", |_, body| {
        body.contains("otters")
    });
}

// See: issue 18. `build` and `serve` check links through one implementation in the driver: an
// edit that removes a heading another page links to is reported by `serve` exactly as `build`
// reports the same files, at the linking page's line, and the last good page stays served.
#[test]
fn an_edit_that_breaks_an_anchor_elsewhere_is_reported_as_build_reports_it() {
    let linking = "---\ntitle: Asking for help\naudience: [everyone]\n---\nFirst read [how to set up](setup.md#install-the-tools).\n";
    let linked = "---\ntitle: Setting up\naudience: [everyone]\n---\n## Install the tools\n\nRun the installer.\n";
    let site = site(&[("content/help.md", linking), ("content/setup.md", linked)]);
    let server = Server::start(site.path());
    let mut events = server.events();
    write(
        site.path(),
        "content/setup.md",
        &linked.replace("## Install the tools", "## Tools to install"),
    );
    let problem = next_named(&mut events, "problem");
    assert!(
        problem.contains("content/help.md:5:") && problem.contains("[broken-anchor]"),
        "{problem}"
    );
    let (_, page) = server.get("/setup/");
    assert!(
        page.contains("Install the tools"),
        "the last good build is still served"
    );

    let out = tempfile::TempDir::new().unwrap();
    let build = bridgebook()
        .arg("build")
        .arg("--root")
        .arg(site.path())
        .arg("--output-dir")
        .arg(out.path().join("public"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&build.get_output().stderr).to_string();
    assert!(
        stderr.starts_with(&format!("{problem}\n")),
        "build reported:\n{stderr}\nserve reported:\n{problem}"
    );
}
