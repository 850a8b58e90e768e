//! The HTTP side of `serve`, on hyper's HTTP/1 server and a tokio runtime of its own thread:
//! request parsing, header validation, the deadline for a whole request head and streamed
//! bodies come from hyper; this module checks `Host` and `Origin` and answers from the
//! current in-memory site (with `Range`) or with the reload event stream.

use super::livereload::{self, EVENTS_PATH};
use super::site::{self, Resolved};
use super::Shared;
use bytes::Bytes;
use http_body::{Body as HttpBody, Frame, SizeHint};
use hyper::header::{self, HeaderMap, HeaderName, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use std::convert::Infallible;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

/// Connections served at once; more get a short 503.
const MAX_CONNECTIONS: usize = 1024;
/// Open reload streams at once (one per tab).
const MAX_STREAMS: usize = 512;
/// How long a client may take to send its whole request head, from the moment the server
/// starts reading it: a byte now and then does not keep a connection.
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// The largest request head accepted; browsers send a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;
/// The size of each piece a body is written in: a large file is streamed from the build's
/// memory, never copied whole per request.
const CHUNK: usize = 64 * 1024;
/// How long a response may wait for its client to take the next piece before the connection
/// is closed, so downloads nobody reads cannot hold every connection slot (as nginx's
/// `send_timeout`). A media player that paused asks again with `Range`.
const BODY_STALL: Duration = Duration::from_secs(30);

/// Which `Host` header values the server answers to. Refusing other names stops DNS rebinding:
/// a page on `evil.example` that re-points its name at 127.0.0.1 still sends `Host: evil.example`.
#[derive(Debug, Clone)]
pub(crate) struct HostPolicy {
    port: u16,
    bound: IpAddr,
}

impl HostPolicy {
    pub(crate) fn new(addr: SocketAddr) -> Self {
        HostPolicy { port: addr.port(), bound: addr.ip() }
    }

    /// Whether `host` (a `Host` header value) names this server. Loopback names always do; when
    /// bound elsewhere, so does the bound address, and with an unspecified bind (0.0.0.0) any IP
    /// literal. Domain names other than `localhost` never do.
    pub(crate) fn allows(&self, host: &str) -> bool {
        let host = host.to_ascii_lowercase();
        let (name, port) = match host.rsplit_once(':') {
            Some((n, p)) if !host.ends_with(']') => (n, p.parse::<u16>().ok()),
            _ => (host.as_str(), Some(80)),
        };
        if port != Some(self.port) {
            return false;
        }
        if name == "localhost" {
            return true;
        }
        let literal = name.strip_prefix('[').and_then(|n| n.strip_suffix(']')).unwrap_or(name);
        let Ok(ip) = literal.parse::<IpAddr>() else {
            return false;
        };
        if name.starts_with('[') != ip.is_ipv6() {
            return false;
        }
        ip.is_loopback() || ip == self.bound || (self.bound.is_unspecified() && !ip.is_unspecified())
    }
}

/// Serves connections from `listener` until the process ends, on a runtime of this thread.
pub(crate) fn run(listener: std::net::TcpListener, shared: Arc<Shared>) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
    listener.set_nonblocking(true)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        let streams = Arc::new(AtomicUsize::new(0));
        loop {
            let Ok((stream, _)) = listener.accept().await else { continue };
            let _ = stream.set_nodelay(true);
            let permit = Arc::clone(&connections).try_acquire_owned().ok();
            let (shared, streams) = (Arc::clone(&shared), Arc::clone(&streams));
            tokio::spawn(async move {
                let busy = permit.is_none();
                let progress = Arc::new(Progress::new());
                let watched = Arc::clone(&progress);
                let service = hyper::service::service_fn(move |req| {
                    let (shared, streams, progress) =
                        (Arc::clone(&shared), Arc::clone(&streams), Arc::clone(&watched));
                    async move {
                        let response = if busy {
                            text(StatusCode::SERVICE_UNAVAILABLE, "Too many connections")
                        } else {
                            respond(&req, &shared, &streams)
                        };
                        Ok::<_, Infallible>(response.map(|body| body.watched(progress)))
                    }
                });
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(hyper_util::rt::TokioTimer::new())
                    .header_read_timeout(HEAD_DEADLINE)
                    .max_buf_size(MAX_HEAD.max(8192))
                    .max_headers(100)
                    // One request per connection, as previews need: a connection never idles.
                    .keep_alive(false)
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                let mut connection = std::pin::pin!(connection);
                let mut tick = tokio::time::interval(Duration::from_secs(1));
                // Until the connection ends, or its response stalls: then dropping the
                // connection closes it.
                std::future::poll_fn(|cx| {
                    if connection.as_mut().poll(cx).is_ready() {
                        return Poll::Ready(());
                    }
                    while tick.poll_tick(cx).is_ready() {
                        if progress.stalled(BODY_STALL) {
                            return Poll::Ready(());
                        }
                    }
                    Poll::Pending
                })
                .await;
                drop(permit);
            });
        }
    })
}

/// When a connection's response last handed hyper a piece of its body: hyper asks for the next
/// piece only once the client has taken the earlier ones, so no ask for a while means the
/// client stopped reading.
pub(crate) struct Progress {
    started: Instant,
    /// Milliseconds after `started` of the last piece, plus one; 0 before any body exists.
    last: AtomicU64,
}

impl Progress {
    fn new() -> Self {
        Progress { started: Instant::now(), last: AtomicU64::new(0) }
    }

    fn touch(&self) {
        let ms = u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX - 1);
        self.last.store(ms + 1, Ordering::Relaxed);
    }

    /// Whether a body exists and has waited longer than `limit` for its client (also for the
    /// last pieces hyper holds after taking them all).
    fn stalled(&self, limit: Duration) -> bool {
        match self.last.load(Ordering::Relaxed) {
            0 => false,
            last => self.started.elapsed().saturating_sub(Duration::from_millis(last - 1)) > limit,
        }
    }
}

/// A response body: bytes of the site streamed in pieces, or a reload event stream.
pub(crate) enum Body {
    /// What is left to send.
    Bytes(Bytes),
    /// Events of the reload hub, until the tab goes away or the server stops.
    Events(livereload::Stream),
    /// Bytes whose client is held to [`BODY_STALL`].
    Watched(Bytes, Arc<Progress>),
}

impl Body {
    /// This body, its progress recorded in `progress`. A reload stream waits for events,
    /// not for its client, and is left as it is.
    fn watched(self, progress: Arc<Progress>) -> Body {
        match self {
            Body::Bytes(rest) => {
                progress.touch();
                Body::Watched(rest, progress)
            }
            events => events,
        }
    }
}

impl HttpBody for Body {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match &mut *self {
            Body::Bytes(rest) if rest.is_empty() => Poll::Ready(None),
            Body::Bytes(rest) => {
                let piece = rest.split_to(rest.len().min(CHUNK));
                Poll::Ready(Some(Ok(Frame::data(piece))))
            }
            Body::Watched(rest, progress) => {
                progress.touch();
                if rest.is_empty() {
                    return Poll::Ready(None);
                }
                let piece = rest.split_to(rest.len().min(CHUNK));
                Poll::Ready(Some(Ok(Frame::data(piece))))
            }
            Body::Events(stream) => stream.poll_next(cx).map(|piece| piece.map(|b| Ok(Frame::data(b)))),
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(self, Body::Bytes(rest) | Body::Watched(rest, _) if rest.is_empty())
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Body::Bytes(rest) | Body::Watched(rest, _) => SizeHint::with_exact(rest.len() as u64),
            Body::Events(_) => SizeHint::default(),
        }
    }
}

/// A response with the headers every answer of this server carries.
fn response(status: StatusCode, content_type: &'static str, body: Body) -> Response<Body> {
    let mut r = Response::new(body);
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // Previews change all the time: nothing may be cached, HTML above all.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    r
}

fn text(status: StatusCode, message: &str) -> Response<Body> {
    response(status, "text/plain; charset=utf-8", Body::Bytes(Bytes::from(format!("{message}\n"))))
}

/// The value of a header sent exactly once; `None` when missing, repeated or not text.
fn single<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    let mut all = headers.get_all(name).iter();
    let first = all.next()?;
    all.next().is_none().then(|| first.to_str().ok()).flatten()
}

fn respond(
    req: &Request<hyper::body::Incoming>,
    shared: &Shared,
    streams: &Arc<AtomicUsize>,
) -> Response<Body> {
    // X-Forwarded-Host and friends are never read: only the Host the client itself sent counts.
    let Some(host) = single(req.headers(), &header::HOST) else {
        return text(StatusCode::BAD_REQUEST, "Missing Host header");
    };
    if !shared.hosts.allows(host) {
        return text(
            StatusCode::FORBIDDEN,
            "Forbidden: this preview server only answers to its own address (Host header refused)",
        );
    }
    // Only origin-form targets (`/path?query`): not `*`, not an absolute URL.
    let uri = req.uri();
    if uri.scheme().is_some() || uri.authority().is_some() || !uri.path().starts_with('/') {
        return text(StatusCode::BAD_REQUEST, "Bad request target");
    }
    if uri.path() == EVENTS_PATH {
        if req.method() != Method::POST {
            let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
            r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("POST"));
            return r;
        }
        // Only pages served from this very origin may listen; a foreign page (or a request with
        // no Origin at all) may not.
        let expected = format!("http://{}", host.to_ascii_lowercase());
        let same_origin =
            single(req.headers(), &header::ORIGIN).is_some_and(|o| o.to_ascii_lowercase() == expected);
        if !same_origin {
            return text(StatusCode::FORBIDDEN, "Forbidden: reload events need a same-origin Origin");
        }
        return match livereload::Stream::open(&shared.hub, Arc::clone(streams), MAX_STREAMS) {
            Some(stream) => response(StatusCode::OK, "text/event-stream", Body::Events(stream)),
            None => text(StatusCode::SERVICE_UNAVAILABLE, "Too many open reload streams"),
        };
    }
    if req.method() != Method::GET && req.method() != Method::HEAD {
        let mut r = text(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let target = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
    serve_file(target, req.headers(), shared)
}

fn serve_file(target: &str, headers: &HeaderMap, shared: &Shared) -> Response<Body> {
    let site = match shared.site.read() {
        Ok(s) => Arc::clone(&s),
        Err(_) => return text(StatusCode::INTERNAL_SERVER_ERROR, "Internal error"),
    };
    let failure = shared.failure.read().ok().and_then(|f| f.clone());
    if site.is_empty() {
        if let Some(failure) = &failure {
            let page = site::inject(failure.to_page().as_bytes(), &livereload::client_script());
            return response(
                StatusCode::INTERNAL_SERVER_ERROR,
                "text/html; charset=utf-8",
                Body::Bytes(page.into()),
            );
        }
    }
    let (status, path) = match site.resolve(target) {
        Resolved::File(path) => (StatusCode::OK, path),
        // 302, not 301: a browser keeps a permanent redirect, and the preview changes.
        Resolved::Redirect(location) => {
            // The location is made of the validated request path; a value that is not a
            // valid header (a control character) is refused rather than sent.
            return match HeaderValue::from_str(&location) {
                Ok(value) => {
                    let mut r = text(StatusCode::FOUND, "Moved");
                    r.headers_mut().insert(header::LOCATION, value);
                    r
                }
                Err(_) => text(StatusCode::BAD_REQUEST, "Bad request path"),
            };
        }
        Resolved::Invalid => return text(StatusCode::BAD_REQUEST, "Bad request path"),
        Resolved::Missing => (StatusCode::NOT_FOUND, "404.html".to_string()),
    };
    let Some(bytes) = site.get(&path) else {
        return text(StatusCode::NOT_FOUND, "Not found");
    };
    let content_type = site::content_type(&path);
    let bytes = if content_type.starts_with("text/html") {
        let mut extra = failure.as_ref().map(|f| f.to_html()).unwrap_or_default();
        extra.push_str(&livereload::client_script());
        Bytes::from(site::inject(&bytes, &extra))
    } else {
        bytes
    };
    with_range(status, content_type, bytes, headers)
}

/// Answers a single `Range: bytes=…` of a 200 response with 206 and that part, an
/// unsatisfiable one with 416; several ranges, or none, get the whole body.
fn with_range(
    status: StatusCode,
    content_type: &'static str,
    bytes: Bytes,
    headers: &HeaderMap,
) -> Response<Body> {
    let total = bytes.len();
    let range = (status == StatusCode::OK).then(|| single(headers, &header::RANGE)).flatten();
    let wanted = range.map(|r| parse_range(r, total));
    let mut r = match wanted {
        Some(RangeRequest::Part(start, end)) => {
            let mut r =
                response(StatusCode::PARTIAL_CONTENT, content_type, Body::Bytes(bytes.slice(start..=end)));
            if let Ok(v) = HeaderValue::from_str(&format!("bytes {start}-{end}/{total}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            r
        }
        Some(RangeRequest::Unsatisfiable) => {
            let mut r = text(StatusCode::RANGE_NOT_SATISFIABLE, "Range not satisfiable");
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{total}")) {
                r.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return r;
        }
        Some(RangeRequest::Whole) | None => response(status, content_type, Body::Bytes(bytes)),
    };
    r.headers_mut().insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    r
}

/// What a `Range` header asks of a body of `total` bytes.
#[derive(Debug, PartialEq, Eq)]
enum RangeRequest {
    /// Bytes `start..=end`.
    Part(usize, usize),
    /// A range that starts past the end.
    Unsatisfiable,
    /// Not one byte range this server answers (several ranges, another unit, bad syntax):
    /// the whole body, as RFC 9110 allows.
    Whole,
}

fn parse_range(value: &str, total: usize) -> RangeRequest {
    let Some(spec) = value.trim().strip_prefix("bytes=") else { return RangeRequest::Whole };
    if spec.contains(',') {
        return RangeRequest::Whole;
    }
    let Some((first, last)) = spec.trim().split_once('-') else { return RangeRequest::Whole };
    let number = |s: &str| -> Option<usize> {
        let s = s.trim();
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
    };
    match (first.trim().is_empty(), number(first), number(last)) {
        // `bytes=-N`: the last N bytes.
        (true, _, Some(n)) if n > 0 && total > 0 => RangeRequest::Part(total - n.min(total), total - 1),
        (true, _, Some(_)) => RangeRequest::Unsatisfiable,
        (false, Some(start), _) if start >= total => RangeRequest::Unsatisfiable,
        (false, Some(start), None) if last.trim().is_empty() => RangeRequest::Part(start, total - 1),
        (false, Some(start), Some(end)) if end >= start => RangeRequest::Part(start, end.min(total - 1)),
        _ => RangeRequest::Whole,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_bind_accepts_only_loopback_names() {
        let p = HostPolicy::new("127.0.0.1:4000".parse().unwrap());
        for ok in ["127.0.0.1:4000", "localhost:4000", "LOCALHOST:4000", "[::1]:4000"] {
            assert!(p.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:4000",
            "127.0.0.1:4001",
            "127.0.0.1",
            "192.168.1.2:4000",
            "localhost.evil.example:4000",
            "[127.0.0.1]:4000",
            "::1:4000",
            "",
            "0.0.0.0:4000",
        ] {
            assert!(!p.allows(bad), "{bad}");
        }
    }

    #[test]
    fn network_bind_accepts_ip_literals_but_no_other_names() {
        let p = HostPolicy::new("0.0.0.0:80".parse().unwrap());
        assert!(p.allows("192.168.1.2"));
        assert!(p.allows("192.168.1.2:80"));
        assert!(!p.allows("evil.example"));
        let p = HostPolicy::new("192.168.1.2:8080".parse().unwrap());
        assert!(p.allows("192.168.1.2:8080"));
        assert!(!p.allows("10.0.0.1:8080"));
    }

    #[test]
    fn ranges() {
        use RangeRequest::*;
        assert_eq!(parse_range("bytes=0-9", 100), Part(0, 9));
        assert_eq!(parse_range("bytes=90-", 100), Part(90, 99));
        assert_eq!(parse_range("bytes=-10", 100), Part(90, 99));
        assert_eq!(parse_range("bytes=-1000", 100), Part(0, 99));
        assert_eq!(parse_range("bytes=50-1000", 100), Part(50, 99));
        assert_eq!(parse_range("bytes=100-", 100), Unsatisfiable);
        assert_eq!(parse_range("bytes=-0", 100), Unsatisfiable);
        assert_eq!(parse_range("bytes=0-0", 0), Unsatisfiable);
        for whole in ["bytes=0-1,5-6", "items=0-1", "bytes=9-1", "bytes=a-b", "bytes=-", "0-1", "bytes=+1-2"]
        {
            assert_eq!(parse_range(whole, 100), Whole, "{whole}");
        }
    }
}
