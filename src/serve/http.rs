//! The preview server's HTTP side: files from the current build only, nothing else.
//!
//! Every request path is percent-decoded once, split into segments, and refused if a segment
//! is `..`, holds a NUL or a backslash; the file found is then canonicalized and must still be
//! inside the build folder, so symlinks cannot lead out either.

use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::reload::{inject, Reload, EVENTS_PATH};

/// Worker threads answering requests; event streams do not occupy one.
const WORKERS: usize = 8;

/// What the server shares with the rebuild loop.
pub(crate) struct Served {
    /// The folder of the last good build; swapped after each full rebuild.
    pub(crate) dir: RwLock<PathBuf>,
    pub(crate) reload: Reload,
}

/// Binds and starts the workers. A port in use is an error with the fix.
pub(crate) fn start(bind: &str, port: u16, served: Arc<Served>) -> anyhow::Result<u16> {
    let server = Server::http((bind, port)).map_err(|err| {
        let in_use = err
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::AddrInUse);
        if in_use {
            anyhow::anyhow!(
                "port {port} on {bind} is already in use: stop the other server, or pick another port with --port {}",
                port.saturating_add(1)
            )
        } else {
            anyhow::anyhow!("cannot listen on {bind}:{port}: {err}")
        }
    })?;
    let port = server.server_addr().to_ip().map_or(port, |a| a.port());
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let server = server.clone();
        let served = served.clone();
        std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &served);
            }
        });
    }
    Ok(port)
}

fn handle(request: Request, served: &Served) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(Response::empty(405).with_header(header("Allow", "GET, HEAD")));
        return;
    }
    let target = request.url().to_string();
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == EVENTS_PATH {
        served.reload.subscribe(request);
        return;
    }
    let dir = served.dir.read().map(|d| d.clone()).unwrap_or_default();
    let response = match resolve(&dir, path) {
        Resolved::File(file) => file_response(&request, &file, 200),
        Resolved::Redirect(to) => Ok(Response::empty(301)
            .with_header(header("Location", &to))
            .boxed()),
        Resolved::NotFound => not_found(&request, &dir),
    };
    let response = response.unwrap_or_else(|_| not_found_plain());
    let _ = request.respond(response);
}

#[derive(Debug, PartialEq)]
pub(crate) enum Resolved {
    File(PathBuf),
    /// A folder asked for without its trailing `/`: relative links need it.
    Redirect(String),
    NotFound,
}

/// Maps a request path to a file inside `dir`, or refuses.
pub(crate) fn resolve(dir: &Path, path: &str) -> Resolved {
    let Ok(decoded) = percent_encoding::percent_decode_str(path).decode_utf8() else {
        return Resolved::NotFound;
    };
    let mut file = dir.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::NotFound,
            s if s.contains(['\0', '\\']) || s.contains(':') => return Resolved::NotFound,
            s => file.push(s),
        }
    }
    let (Ok(root), Ok(found)) = (dir.canonicalize(), file.canonicalize()) else {
        return Resolved::NotFound;
    };
    if !found.starts_with(&root) {
        return Resolved::NotFound;
    }
    if found.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{path}/"));
        }
        let index = found.join("index.html");
        return match index.canonicalize() {
            Ok(index) if index.starts_with(&root) && index.is_file() => Resolved::File(index),
            _ => Resolved::NotFound,
        };
    }
    if found.is_file() {
        Resolved::File(found)
    } else {
        Resolved::NotFound
    }
}

type Boxed = tiny_http::ResponseBox;

fn file_response(request: &Request, file: &Path, status: u16) -> io::Result<Boxed> {
    let mut bytes = std::fs::read(file)?;
    let content_type = content_type(file);
    if content_type.starts_with("text/html") {
        bytes = inject(&bytes);
    }
    let etag = {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut hasher);
        format!("\"{:016x}\"", hasher.finish())
    };
    let fresh = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == etag);
    let common = |r: Boxed| {
        r.with_header(header("ETag", &etag))
            .with_header(header("Cache-Control", "no-cache"))
    };
    if fresh && status == 200 {
        return Ok(common(Response::empty(304).boxed()));
    }
    Ok(common(Response::from_data(bytes).boxed())
        .with_header(header("Content-Type", content_type))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_status_code(StatusCode(status)))
}

/// The site's own 404 page, with status 404.
fn not_found(request: &Request, dir: &Path) -> io::Result<Boxed> {
    let page = dir.join("404.html");
    if page.is_file() {
        file_response(request, &page, 404)
    } else {
        Ok(not_found_plain())
    }
}

fn not_found_plain() -> Boxed {
    Response::from_string("404: no such page in the current build\n")
        .with_status_code(404)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .boxed()
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn content_type(file: &Path) -> &'static str {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_never_leave_the_build_folder() {
        let outer = tempfile::TempDir::new().unwrap();
        let site = outer.path().join("site");
        std::fs::create_dir_all(site.join("guides")).unwrap();
        std::fs::write(site.join("index.html"), "home").unwrap();
        std::fs::write(site.join("guides/index.html"), "guides").unwrap();
        std::fs::write(outer.path().join("secret.txt"), "secret").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(outer.path().join("secret.txt"), site.join("link.txt")).unwrap();
        let file = |p: &str| Resolved::File(site.join(p).canonicalize().unwrap());
        let cases: &[(&str, Resolved)] = &[
            ("/", file("index.html")),
            ("/guides/", file("guides/index.html")),
            ("/guides", Resolved::Redirect("/guides/".into())),
            ("/../secret.txt", Resolved::NotFound),
            ("/guides/../../secret.txt", Resolved::NotFound),
            ("/%2e%2e/secret.txt", Resolved::NotFound),
            ("/%2e%2e%2fsecret.txt", Resolved::NotFound),
            ("/..%5csecret.txt", Resolved::NotFound),
            ("/%252e%252e/secret.txt", Resolved::NotFound),
            ("//etc/passwd", Resolved::NotFound),
            ("/index.html%00.txt", Resolved::NotFound),
            ("/C:/Windows/win.ini", Resolved::NotFound),
            ("/link.txt", Resolved::NotFound),
            ("/%ff", Resolved::NotFound),
        ];
        for (path, expected) in cases {
            assert_eq!(&resolve(&site, path), expected, "{path}");
        }
    }
}
