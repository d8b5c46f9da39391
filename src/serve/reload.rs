//! Live reload: a Server-Sent Events stream to every open tab, and the script that listens.
//!
//! A stream does not keep a server worker busy: its connection is handed over to
//! [`Reload`], which writes an event to every open stream after each rebuild. The script is
//! added to pages only by `serve`, never by `build`.

use std::io::Write;
use std::sync::Mutex;

/// The page-side listener: reloads keeping the scroll position, and shows build problems in
/// an overlay over the last good page until a save fixes them.
pub(crate) const CLIENT_SCRIPT: &str = r#"<script>(()=>{
const key="bb-scroll:"+location.pathname, y=sessionStorage.getItem(key);
if(y!==null){sessionStorage.removeItem(key);scrollTo(0,+y);addEventListener("load",()=>scrollTo(0,+y));}
const events=new EventSource("/__bridgebook/events");
events.addEventListener("reload",()=>{sessionStorage.setItem(key,String(scrollY));location.reload();});
events.addEventListener("problem",e=>{
  let box=document.getElementById("bb-problem");
  if(!box){box=document.createElement("div");box.id="bb-problem";box.setAttribute("role","alert");
    box.style.cssText="position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;background:#1b1d21;color:#f4f4f5;border-top:4px solid #e5484d;font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;white-space:pre-wrap";
    document.body.appendChild(box);}
  box.textContent="The last save has a problem; this is the last good build.\n\n"+JSON.parse(e.data);
});
events.addEventListener("fixed",()=>{const box=document.getElementById("bb-problem");if(box)box.remove();});
})();</script>"#;

pub(crate) const EVENTS_PATH: &str = "/__bridgebook/events";

type Stream = Box<dyn Write + Send>;

#[derive(Default)]
pub(crate) struct Reload {
    streams: Mutex<Vec<Stream>>,
    /// The problem text of the last save, while it is unfixed: shown to tabs opened later.
    problem: Mutex<Option<String>>,
}

impl Reload {
    /// Takes over a request's connection as an event stream.
    pub(crate) fn subscribe(&self, request: tiny_http::Request) {
        let mut stream = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
        if stream.write_all(head.as_bytes()).is_err() {
            return;
        }
        let problem = self.problem.lock().map(|p| p.clone()).unwrap_or_default();
        if let Some(text) = problem {
            if stream
                .write_all(event("problem", &text).as_bytes())
                .is_err()
            {
                return;
            }
        }
        if stream.flush().is_ok() {
            if let Ok(mut streams) = self.streams.lock() {
                streams.push(stream);
            }
        }
    }

    /// After a good rebuild: clear any problem and reload every tab.
    pub(crate) fn reload(&self) {
        if let Ok(mut problem) = self.problem.lock() {
            *problem = None;
        }
        self.send(&format!("{}{}", event("fixed", ""), event("reload", "")));
    }

    /// After a broken save: tabs keep the last good page and show the problem.
    pub(crate) fn problem(&self, text: &str) {
        if let Ok(mut problem) = self.problem.lock() {
            *problem = Some(text.to_string());
        }
        self.send(&event("problem", text));
    }

    /// A comment line that keeps idle connections open and drops the closed ones.
    pub(crate) fn keep_alive(&self) {
        self.send(": keep-alive\n\n");
    }

    fn send(&self, text: &str) {
        if let Ok(mut streams) = self.streams.lock() {
            streams.retain_mut(|s| s.write_all(text.as_bytes()).is_ok() && s.flush().is_ok());
        }
    }
}

/// One SSE event; the data is a JSON string, so line breaks in it cannot end the event.
fn event(name: &str, data: &str) -> String {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "\"\"".into());
    format!("event: {name}\ndata: {json}\n\n")
}

/// `html` with the live-reload script added before `</body>` (or at the end).
pub(crate) fn inject(html: &[u8]) -> Vec<u8> {
    let marker = b"</body>";
    let at = html
        .windows(marker.len())
        .rposition(|w| w.eq_ignore_ascii_case(marker))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + CLIENT_SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(CLIENT_SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>")).unwrap();
        assert!(out.starts_with("<html><body><p>x</p><script>"));
        assert!(out.ends_with("</script></body></html>"));
        let bare = String::from_utf8(inject(b"<p>x</p>")).unwrap();
        assert!(bare.starts_with("<p>x</p><script>"));
    }

    #[test]
    fn events_keep_multi_line_data_on_one_line() {
        assert_eq!(
            event("problem", "a.md:1:1: error\n  |"),
            "event: problem\ndata: \"a.md:1:1: error\\n  |\"\n\n"
        );
    }
}
