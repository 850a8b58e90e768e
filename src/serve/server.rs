//! The HTTP side of `serve`: accepts connections (one thread each, bounded), checks `Host` and
//! `Origin`, and answers from the current in-memory site or with the reload event stream.

use super::http::{self, Request, Response};
use super::livereload::{self, EVENTS_PATH};
use super::site::{self, Resolved};
use super::Shared;
use std::io::Write;
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Connections handled at once; more wait in a short refusal (503) rather than pile up threads.
const MAX_CONNECTIONS: usize = 1024;
/// Open reload streams at once (one per tab).
const MAX_STREAMS: usize = 512;
/// How long a client may take to send its request head.
const READ_TIMEOUT: Duration = Duration::from_secs(10);
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);

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

/// Accepts connections until the process ends.
pub(crate) fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    let active = Arc::new(AtomicUsize::new(0));
    let streams = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        let Ok(mut stream) = conn else { continue };
        if active.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            active.fetch_sub(1, Ordering::SeqCst);
            let _ = Response::text(503, "Too many connections").write_to(&mut stream, false);
            continue;
        }
        let (shared, active, streams) = (Arc::clone(&shared), Arc::clone(&active), Arc::clone(&streams));
        let spawned =
            std::thread::Builder::new().name("serve-conn".into()).stack_size(256 * 1024).spawn(move || {
                handle(stream, &shared, &streams);
                active.fetch_sub(1, Ordering::SeqCst);
            });
        if spawned.is_err() {
            // The closure (and its counter decrement) never ran.
            eprintln!("warning: cannot start a thread for a connection; dropping it");
        }
    }
}

fn handle(mut stream: TcpStream, shared: &Shared, streams: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let request = match http::read_request(&mut stream) {
        Ok(r) => r,
        Err(http::ReadError::Io) => return,
        Err(http::ReadError::Malformed) => {
            let _ = Response::text(400, "Bad request").write_to(&mut stream, false);
            return;
        }
    };
    let head_only = request.method == "HEAD";
    match route(&request, shared) {
        Route::Respond(response) => {
            let _ = response.write_to(&mut stream, head_only);
        }
        Route::Events => {
            if streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
                let _ = Response::text(503, "Too many open reload streams").write_to(&mut stream, false);
            } else {
                let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
                let head = format!(
                    "HTTP/1.1 200 {}\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
                     X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
                    http::reason(200)
                );
                if stream.write_all(head.as_bytes()).is_ok() {
                    let _ = shared.hub.stream(&mut stream);
                }
            }
            streams.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

enum Route {
    Respond(Response),
    Events,
}

fn route(request: &Request, shared: &Shared) -> Route {
    // X-Forwarded-Host and friends are never read: only the Host the client itself sent counts.
    let Some(host) = request.header("host") else {
        return Route::Respond(Response::text(400, "Missing Host header"));
    };
    if !shared.hosts.allows(host) {
        return Route::Respond(Response::text(
            403,
            "Forbidden: this preview server only answers to its own address (Host header refused)",
        ));
    }
    let path = request.target.split('?').next().unwrap_or_default();
    if path == EVENTS_PATH {
        if request.method != "POST" {
            return Route::Respond(Response::text(405, "Method not allowed").with_header("Allow", "POST"));
        }
        // Only pages served from this very origin may listen; a foreign page (or a request with
        // no Origin at all) may not.
        let expected = format!("http://{}", host.to_ascii_lowercase());
        return match request.header("origin") {
            Some(origin) if origin.to_ascii_lowercase() == expected => Route::Events,
            _ => Route::Respond(Response::text(403, "Forbidden: reload events need a same-origin Origin")),
        };
    }
    if request.method != "GET" && request.method != "HEAD" {
        return Route::Respond(Response::text(405, "Method not allowed").with_header("Allow", "GET, HEAD"));
    }
    Route::Respond(serve_file(&request.target, shared))
}

fn serve_file(target: &str, shared: &Shared) -> Response {
    let site = match shared.site.read() {
        Ok(s) => Arc::clone(&s),
        Err(_) => return Response::text(500, "Internal error"),
    };
    let failure = shared.failure.read().ok().and_then(|f| f.clone());
    let html_extras = || {
        let mut extra = failure.as_ref().map(|f| f.to_html()).unwrap_or_default();
        extra.push_str(&livereload::client_script());
        extra
    };
    if site.is_empty() {
        if let Some(failure) = &failure {
            let page = site::inject(failure.to_page().as_bytes(), &livereload::client_script());
            return Response::new(500, site::content_type("x.html"), page);
        }
    }
    let (status, path) = match site.resolve(target) {
        Resolved::File(path) => (200, path),
        // 302, not 301: a browser keeps a permanent redirect, and the preview changes.
        Resolved::Redirect(location) => return Response::redirect(302, location),
        Resolved::Invalid => return Response::text(400, "Bad request path"),
        Resolved::Missing => (404, "404.html".to_string()),
    };
    let Some(body) = site.read(&path) else {
        return Response::text(404, "Not found");
    };
    let content_type = site::content_type(&path);
    let body = if content_type.starts_with("text/html") { site::inject(&body, &html_extras()) } else { body };
    Response::new(status, content_type, body)
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
}
