//! Live reload: a notification hub that rebuilds publish to, the event stream each open tab
//! holds, and the small script injected into served HTML (never into `build` output).
//!
//! The stream is server-sent events read with `fetch(…, {method: "POST"})` rather than
//! `EventSource`: browsers send `Origin` on every POST but not on a same-origin GET, and the
//! server refuses stream requests without a matching `Origin`.

use bytes::Bytes;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, watch};

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

/// The last thing the hub said.
#[derive(Debug, Clone, Copy)]
struct Notice {
    generation: u64,
    last: ReloadKind,
    closed: bool,
}

/// Publishes rebuilds to every open event stream.
#[derive(Debug)]
pub(crate) struct Hub {
    notices: watch::Sender<Notice>,
    /// Differs between server runs, so a tab that reconnects to a restarted server reloads.
    run_id: u64,
}

impl Hub {
    pub(crate) fn new() -> Self {
        let run_id = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos() as u64);
        let (notices, _) = watch::channel(Notice { generation: 0, last: ReloadKind::Page, closed: false });
        Hub { notices, run_id }
    }

    /// Called after a rebuild has been swapped in (or has failed).
    pub(crate) fn notify(&self, kind: ReloadKind) {
        self.notices.send_modify(|n| {
            n.generation += 1;
            n.last = kind;
        });
    }

    /// Ends every stream (on shutdown).
    pub(crate) fn close(&self) {
        self.notices.send_modify(|n| n.closed = true);
    }

    fn build_id(&self, generation: u64) -> String {
        format!("{:x}-{generation}", self.run_id)
    }
}

/// One tab's event stream: server-sent events, written by a task that follows the hub.
#[derive(Debug)]
pub(crate) struct Stream {
    events: mpsc::Receiver<Bytes>,
    /// Streams open on this server, this one included until it is dropped.
    open: Arc<AtomicUsize>,
}

impl Stream {
    /// Opens a stream, unless `max` are open already. Must be called on the server's runtime.
    pub(crate) fn open(hub: &Hub, open: Arc<AtomicUsize>, max: usize) -> Option<Stream> {
        if open.fetch_add(1, Ordering::SeqCst) >= max {
            open.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        let (tx, events) = mpsc::channel(8);
        let mut notices = hub.notices.subscribe();
        let (run_id, hello) = (hub.run_id, hub.build_id(notices.borrow_and_update().generation));
        tokio::spawn(async move {
            let id = |generation: u64| format!("{run_id:x}-{generation}");
            let mut next = format!("retry: 1000\nevent: hello\ndata: {hello}\n\n");
            loop {
                // A tab that went away drops the receiver: the send fails and the task ends.
                if tx.send(Bytes::from(next)).await.is_err() {
                    return;
                }
                next = match tokio::time::timeout(KEEPALIVE, notices.changed()).await {
                    Err(_) => ": keepalive\n\n".to_string(),
                    Ok(Err(_)) => return,
                    Ok(Ok(())) => {
                        let n = *notices.borrow_and_update();
                        if n.closed {
                            return;
                        }
                        format!("event: {}\ndata: {}\n\n", n.last.event_name(), id(n.generation))
                    }
                };
            }
        });
        Some(Stream { events, open })
    }

    /// The next piece of the stream; `None` once it has ended.
    pub(crate) fn poll_next(&mut self, cx: &mut Context<'_>) -> Poll<Option<Bytes>> {
        self.events.poll_recv(cx)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
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

    async fn next(stream: &mut Stream) -> Option<Bytes> {
        std::future::poll_fn(|cx| stream.poll_next(cx)).await
    }

    #[test]
    fn a_stream_sees_a_rebuild_and_ends_with_the_server() {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let hub = Hub::new();
            let open = Arc::new(AtomicUsize::new(0));
            let mut stream = Stream::open(&hub, Arc::clone(&open), 1).unwrap();
            assert!(Stream::open(&hub, Arc::clone(&open), 1).is_none(), "one stream at most");
            let hello = next(&mut stream).await.unwrap();
            assert!(String::from_utf8_lossy(&hello).contains("event: hello\ndata: "), "{hello:?}");
            hub.notify(ReloadKind::Stylesheets);
            let event = next(&mut stream).await.unwrap();
            assert!(String::from_utf8_lossy(&event).starts_with("event: css\ndata: "), "{event:?}");
            hub.close();
            assert_eq!(next(&mut stream).await, None);
            drop(stream);
            assert_eq!(open.load(Ordering::SeqCst), 0);
        });
    }
}
