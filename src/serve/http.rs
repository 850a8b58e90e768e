//! Just enough HTTP/1.1 for a preview server: reading one request head from a socket and
//! writing one response with `Connection: close`. No bodies are read; nothing here knows the site.

use std::io::{self, Read, Write};

/// The largest request head accepted; browsers send a few hundred bytes.
const MAX_HEAD: usize = 16 * 1024;

/// A parsed request head.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Request {
    /// `GET`, `HEAD`, `POST`…
    pub(super) method: String,
    /// The request target exactly as sent (`/a/b?x=1`).
    pub(super) target: String,
    /// Header names lower-cased, in the order sent.
    pub(super) headers: Vec<(String, String)>,
}

impl Request {
    /// The value of a header sent exactly once; `None` when missing or repeated.
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        let mut found = self.headers.iter().filter(|(n, _)| n == name);
        let first = found.next()?;
        found.next().is_none().then_some(first.1.as_str())
    }
}

/// Why a request head could not be read.
#[derive(Debug)]
pub(super) enum ReadError {
    /// The connection closed or timed out before a full head arrived.
    Io,
    /// The head is not HTTP/1.x or is too large.
    Malformed,
}

/// Reads and parses one request head.
pub(super) fn read_request(stream: &mut impl Read) -> Result<Request, ReadError> {
    let mut buf = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    let end = loop {
        let n = stream.read(&mut chunk).map_err(|_| ReadError::Io)?;
        if n == 0 {
            return Err(ReadError::Io);
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos;
        }
        if buf.len() > MAX_HEAD {
            return Err(ReadError::Malformed);
        }
    };
    parse_head(&buf[..end]).ok_or(ReadError::Malformed)
}

fn parse_head(head: &[u8]) -> Option<Request> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !matches!(version, "HTTP/1.1" | "HTTP/1.0")
        || method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || target.is_empty()
    {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines {
        let (name, value) = line.split_once(':')?;
        if name.is_empty() || name.bytes().any(|b| b.is_ascii_whitespace() || b.is_ascii_control()) {
            return None;
        }
        headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
    }
    Some(Request { method: method.to_string(), target: target.to_string(), headers })
}

/// A response to write.
#[derive(Debug)]
pub(super) struct Response {
    pub(super) status: u16,
    pub(super) headers: Vec<(&'static str, String)>,
    pub(super) body: Vec<u8>,
}

impl Response {
    /// A response with a body and its type.
    pub(super) fn new(status: u16, content_type: &str, body: Vec<u8>) -> Self {
        Response { status, headers: vec![("Content-Type", content_type.to_string())], body }
    }

    /// A short plain-text response, for errors.
    pub(super) fn text(status: u16, message: &str) -> Self {
        Response::new(status, "text/plain; charset=utf-8", format!("{message}\n").into_bytes())
    }

    /// A redirect to `location` (already a valid, encoded path).
    pub(super) fn redirect(status: u16, location: String) -> Self {
        let mut r = Response::text(status, "Moved");
        r.headers.push(("Location", location));
        r
    }

    /// Adds a header.
    pub(super) fn with_header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    /// Writes the response; `head_only` leaves out the body (for `HEAD`).
    pub(super) fn write_to(&self, out: &mut impl Write, head_only: bool) -> io::Result<()> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        // Previews change all the time: nothing may be cached, HTML above all.
        head.push_str("Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n");
        head.push_str("Connection: close\r\n\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

/// The reason phrase for the status codes this server uses.
pub(super) fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_browser_request() {
        let raw = b"GET /a/b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:1111\r\nAccept: */*\r\n\r\n";
        let r = read_request(&mut &raw[..]).unwrap();
        assert_eq!(r.method, "GET");
        assert_eq!(r.target, "/a/b?x=1");
        assert_eq!(r.header("host"), Some("127.0.0.1:1111"));
    }

    #[test]
    fn repeated_headers_count_as_missing() {
        let raw = b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n";
        let r = read_request(&mut &raw[..]).unwrap();
        assert_eq!(r.header("host"), None);
    }

    #[test]
    fn rejects_garbage() {
        for raw in [
            &b"GET /\r\n\r\n"[..],
            b"GET / HTTP/2\r\n\r\n",
            b"get / HTTP/1.1\r\n\r\n",
            b"GET  / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nNoColon\r\n\r\n",
        ] {
            assert!(matches!(read_request(&mut &raw[..]), Err(ReadError::Malformed)), "{raw:?}");
        }
        let huge = [b"GET / HTTP/1.1\r\nX: ".as_slice(), &vec![b'a'; MAX_HEAD + 10]].concat();
        assert!(matches!(read_request(&mut &huge[..]), Err(ReadError::Malformed)));
    }
}
