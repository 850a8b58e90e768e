//! Live reload: a notification hub that rebuilds publish to, the event stream each open tab
//! holds, and the small script injected into served HTML (never into `build` output).
//!
//! The stream is server-sent events read with `fetch(…, {method: "POST"})` rather than
//! `EventSource`: browsers send `Origin` on every POST but not on a same-origin GET, and the
//! server refuses stream requests without a matching `Origin`.

use std::io::{self, Write};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The path of the event stream (outside any site path, which never starts with `__`).
pub(crate) const EVENTS_PATH: &str = "/__capbrief/events";

/// How often an idle stream sends a comment, so dead connections are noticed and closed.
const KEEPALIVE: Duration = Duration::from_secs(15);

/// What open tabs should do after a rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReloadKind {
    /// Reload the page.
    Page,
    /// Only stylesheets changed: re-fetch them without a reload.
    Stylesheets,
}

impl ReloadKind {
    fn event_name(self) -> &'static str {
        match self {
            ReloadKind::Page => "reload",
            ReloadKind::Stylesheets => "css",
        }
    }
}

#[derive(Debug)]
struct HubState {
    generation: u64,
    last: ReloadKind,
    closed: bool,
}

/// Publishes rebuilds to every open event stream.
#[derive(Debug)]
pub(crate) struct Hub {
    state: Mutex<HubState>,
    changed: Condvar,
    /// Differs between server runs, so a tab that reconnects to a restarted server reloads.
    run_id: u64,
}

impl Hub {
    pub(crate) fn new() -> Self {
        let run_id = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        Hub {
            state: Mutex::new(HubState { generation: 0, last: ReloadKind::Page, closed: false }),
            changed: Condvar::new(),
            run_id,
        }
    }

    /// Called after a rebuild has been swapped in (or has failed).
    pub(crate) fn notify(&self, kind: ReloadKind) {
        if let Ok(mut s) = self.state.lock() {
            s.generation += 1;
            s.last = kind;
        }
        self.changed.notify_all();
    }

    /// Ends every stream (on shutdown).
    pub(crate) fn close(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.closed = true;
        }
        self.changed.notify_all();
    }

    fn build_id(&self, generation: u64) -> String {
        format!("{:x}-{generation}", self.run_id)
    }

    /// Streams events to one tab until it goes away or the server stops. The response head
    /// has been written by the caller.
    pub(crate) fn stream(&self, out: &mut impl Write) -> io::Result<()> {
        let mut seen = self.state.lock().map_err(|_| io::Error::other("hub poisoned"))?.generation;
        write!(out, "retry: 1000\nevent: hello\ndata: {}\n\n", self.build_id(seen))?;
        out.flush()?;
        loop {
            let guard = self.state.lock().map_err(|_| io::Error::other("hub poisoned"))?;
            let (guard, _) = self
                .changed
                .wait_timeout_while(guard, KEEPALIVE, |s| s.generation == seen && !s.closed)
                .map_err(|_| io::Error::other("hub poisoned"))?;
            if guard.closed {
                return Ok(());
            }
            let (generation, kind) = (guard.generation, guard.last);
            drop(guard);
            if generation == seen {
                out.write_all(b": keepalive\n\n")?;
            } else {
                seen = generation;
                write!(out, "event: {}\ndata: {}\n\n", kind.event_name(), self.build_id(generation))?;
            }
            out.flush()?;
        }
    }
}

/// The script injected into served HTML pages.
pub(crate) fn client_script() -> String {
    format!(
        r#"<script id="capbrief-livereload">(() => {{
  let seen = null;
  const refreshStyles = () => {{
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {{
      const url = new URL(link.href);
      url.searchParams.set("capbrief-reload", Date.now());
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = () => link.remove();
      link.after(fresh);
    }}
  }};
  const handle = (event, data) => {{
    if (event === "hello") {{
      if (seen !== null && seen !== data) location.reload();
      seen = data;
    }} else if (event === "reload") {{
      location.reload();
    }} else if (event === "css") {{
      seen = data;
      refreshStyles();
    }}
  }};
  const listen = async () => {{
    try {{
      const response = await fetch("{EVENTS_PATH}", {{ method: "POST", cache: "no-store" }});
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {{
        const {{ value, done }} = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {{
          let event = "message", data = "";
          for (const line of buffer.slice(0, end).split("\n")) {{
            if (line.startsWith("event: ")) event = line.slice(7);
            else if (line.startsWith("data: ")) data = line.slice(6);
          }}
          buffer = buffer.slice(end + 2);
          handle(event, data);
        }}
      }}
    }} catch (e) {{}}
    setTimeout(listen, 1000);
  }};
  listen();
}})();</script>"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_stream_sees_a_rebuild() {
        let hub = Arc::new(Hub::new());
        let (tx, rx) = std::sync::mpsc::channel::<Vec<u8>>();
        struct Chan(std::sync::mpsc::Sender<Vec<u8>>);
        impl Write for Chan {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.0.send(b.to_vec()).map_err(io::Error::other)?;
                Ok(b.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let h = Arc::clone(&hub);
        let t = std::thread::spawn(move || h.stream(&mut Chan(tx)));
        let read_until = |needle: &str| {
            let mut text = String::new();
            while !text.contains(needle) {
                let chunk = rx.recv_timeout(Duration::from_secs(2)).expect(needle);
                text.push_str(&String::from_utf8(chunk).unwrap());
            }
            text
        };
        let hello = read_until("\n\n");
        assert!(hello.contains("event: hello\ndata: "), "{hello}");
        hub.notify(ReloadKind::Stylesheets);
        let event = read_until("\n\n");
        assert!(event.starts_with("event: css\ndata: "), "{event}");
        hub.close();
        t.join().unwrap().unwrap();
    }
}
