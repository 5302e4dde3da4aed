//! aw-devserver: the project's local HTTP server for development and tests. Serves a folder of
//! static files with the right MIME types (so `WebAssembly.instantiateStreaming` works), answers
//! CORS preflights, and offers a few scripted failure routes for tests:
//!
//! - `/__status/<code>` answers with that status and a small body;
//! - `/__hang` accepts the connection and never answers;
//! - `POST /corrections` is the development corrections endpoint (see `corrections.rs`), and
//!   `POST /__script/<plan>/corrections` its scripted twin for tests.
//!
//! Usage: `aw-devserver [--root DIR] [--port N] [--var KEY=VALUE]… [--corrections FILE]`
//! (port 0 picks a free one; accepted corrections are appended to FILE, by default
//! `target/dev-corrections.jsonl`, named on start-up).
//! `--var` replaces `{{KEY}}` in served HTML files (the end-to-end pages use it to point at the
//! bundle on another origin, like a CDN). The first line on stdout is
//! `listening on http://127.0.0.1:<port>`, for scripts to read.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use std::{env, fs, thread};

mod corrections;

use corrections::{Endpoint, Reply};

fn main() -> io::Result<()> {
    let mut root = PathBuf::from(".");
    let mut port: u16 = 0;
    let mut vars: Vec<(String, String)> = Vec::new();
    let mut corrections_file = PathBuf::from("target/dev-corrections.jsonl");
    let mut args = env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from).unwrap_or(root),
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            "--var" => {
                if let Some((k, v)) = args.next().as_deref().and_then(|kv| kv.split_once('=')) {
                    vars.push((format!("{{{{{k}}}}}"), v.to_owned()));
                }
            }
            "--corrections" => {
                corrections_file = args.next().map(PathBuf::from).unwrap_or(corrections_file)
            }
            "--help" | "-h" => {
                println!("usage: aw-devserver [--root DIR] [--port N] [--var KEY=VALUE]... [--corrections FILE]");
                return Ok(());
            }
            other => eprintln!("aw-devserver: ignoring unknown argument {other}"),
        }
    }
    let root = root.canonicalize()?;
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let origin = format!("http://{}", listener.local_addr()?);
    println!("listening on {origin}");
    println!(
        "corrections posted to {origin}/corrections are appended to {}",
        corrections_file.display()
    );
    io::stdout().flush()?;
    if let Some(dir) = corrections_file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
    {
        fs::create_dir_all(dir)?;
    }
    let vars = Arc::new(vars);
    let endpoint = Arc::new(Endpoint::new(corrections_file));
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        let vars = vars.clone();
        let endpoint = endpoint.clone();
        thread::spawn(move || {
            if let Err(e) = handle(stream, &root, &vars, &endpoint) {
                if e.kind() != io::ErrorKind::BrokenPipe
                    && e.kind() != io::ErrorKind::ConnectionReset
                {
                    eprintln!("aw-devserver: {e}");
                }
            }
        });
    }
    Ok(())
}

struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn read_request(stream: &TcpStream) -> io::Result<Option<Request>> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let content_length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; content_length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Ok(Some(Request {
        method: method.to_owned(),
        path,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }))
}

fn handle(
    stream: TcpStream,
    root: &Path,
    vars: &[(String, String)],
    endpoint: &Mutex<Endpoint>,
) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let Some(req) = read_request(&stream)? else {
        return Ok(());
    };
    // Reflect the caller's origin so credentialed requests (opt-in) pass CORS too.
    let cors = req.header("Origin").unwrap_or("*").to_owned();
    let mut stream = Responder { stream, cors };
    if req.method == "OPTIONS" {
        return stream.send(204, "text/plain", b"", &[]);
    }
    if req.path == "/__hang" {
        return stream.hang();
    }
    if req.path == "/__requests" {
        let log = endpoint
            .lock()
            .map(|e| e.requests())
            .unwrap_or_else(|_| "[]".into());
        return stream.send(200, "application/json", log.as_bytes(), &[]);
    }
    // `/__script/<plan>/corrections`, or `/__script/<plan>/<label>/corrections` to keep one
    // test's requests apart from another's.
    let script = req
        .path
        .strip_prefix("/__script/")
        .and_then(|rest| rest.strip_suffix("/corrections"))
        .map(|rest| rest.split('/').next().unwrap_or(rest));
    if req.method == "POST" && (req.path == "/corrections" || script.is_some()) {
        let reply = endpoint.lock().map(|mut e| {
            e.post(
                &req.path,
                script,
                (
                    req.header("Content-Type").unwrap_or(""),
                    req.header("Accept").unwrap_or(""),
                    req.header("Idempotency-Key"),
                ),
                &req.body,
            )
        });
        return match reply {
            Ok(Reply::Json(status, body, headers)) => {
                stream.send(status, "application/json", body.as_bytes(), &headers)
            }
            Ok(Reply::Hang) => stream.hang(),
            Err(_) => stream.send(500, "text/plain", b"endpoint state poisoned", &[]),
        };
    }
    if let Some(code) = req.path.strip_prefix("/__status/") {
        let code: u16 = code.parse().unwrap_or(500);
        let body = format!("{{\"status\":{code}}}");
        return stream.send(code, "application/json", body.as_bytes(), &[]);
    }
    if req.method != "GET" && req.method != "HEAD" {
        return stream.send(405, "text/plain", b"method not allowed", &[]);
    }
    match resolve(root, &req.path) {
        Some(file) => {
            let mut body = fs::read(&file)?;
            if mime(&file).starts_with("text/html") && !vars.is_empty() {
                let mut text = String::from_utf8_lossy(&body).into_owned();
                for (key, value) in vars {
                    text = text.replace(key.as_str(), value);
                }
                body = text.into_bytes();
            }
            let body = if req.method == "HEAD" {
                &[][..]
            } else {
                &body[..]
            };
            stream.send(200, mime(&file), body, &[])
        }
        None => stream.send(404, "text/plain", b"not found", &[]),
    }
}

/// Maps a URL path into `root`, refusing `..` and following `/` to `index.html`.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path);
    let mut path = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    path.is_file().then_some(path)
}

fn percent_decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

fn mime(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        _ => "application/octet-stream",
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

struct Responder {
    stream: TcpStream,
    cors: String,
}

impl Responder {
    fn send(
        &mut self,
        code: u16,
        content_type: &str,
        body: &[u8],
        extra: &[(&str, String)],
    ) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Access-Control-Allow-Origin: {}\r\nAccess-Control-Allow-Credentials: true\r\n\
             Access-Control-Allow-Methods: GET, POST, OPTIONS\r\n\
             Access-Control-Allow-Headers: content-type, accept, idempotency-key\r\n\
             Access-Control-Expose-Headers: retry-after\r\nVary: Origin\r\n\
             Access-Control-Max-Age: 600\r\nCache-Control: no-store\r\nConnection: close\r\n",
            reason(code),
            body.len(),
            self.cors,
        );
        for (name, value) in extra {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        self.stream.write_all(head.as_bytes())?;
        self.stream.write_all(body)?;
        self.stream.flush()
    }

    /// Keeps the socket open without answering until the client gives up.
    fn hang(&mut self) -> io::Result<()> {
        let mut sink = [0u8; 64];
        while self.stream.read(&mut sink).map(|n| n > 0).unwrap_or(false) {}
        Ok(())
    }
}
