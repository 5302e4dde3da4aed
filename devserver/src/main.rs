//! aw-devserver: the project's local HTTP server for development and tests. Serves a folder of
//! static files with the right MIME types (so `WebAssembly.instantiateStreaming` works), answers
//! CORS preflights, and offers a few scripted failure routes for tests:
//!
//! - `/__status/<code>` answers with that status and a small body;
//! - `/__hang` accepts the connection and never answers.
//!
//! Usage: `aw-devserver [--root DIR] [--port N] [--var KEY=VALUE]…` (port 0 picks a free one).
//! `--var` replaces `{{KEY}}` in served HTML files (the end-to-end pages use it to point at the
//! bundle on another origin, like a CDN). The first line on stdout is
//! `listening on http://127.0.0.1:<port>`, for scripts to read.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;
use std::{env, fs, thread};

fn main() -> io::Result<()> {
    let mut root = PathBuf::from(".");
    let mut port: u16 = 0;
    let mut vars: Vec<(String, String)> = Vec::new();
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
            "--help" | "-h" => {
                println!("usage: aw-devserver [--root DIR] [--port N] [--var KEY=VALUE]...");
                return Ok(());
            }
            other => eprintln!("aw-devserver: ignoring unknown argument {other}"),
        }
    }
    let root = root.canonicalize()?;
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!("listening on http://{}", listener.local_addr()?);
    io::stdout().flush()?;
    let vars = std::sync::Arc::new(vars);
    for stream in listener.incoming().flatten() {
        let root = root.clone();
        let vars = vars.clone();
        thread::spawn(move || {
            if let Err(e) = handle(stream, &root, &vars) {
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
    let mut content_length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                content_length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    // Drain a body we do not use, so the client sees a clean response.
    let mut body = vec![0; content_length.min(1 << 20)];
    reader.read_exact(&mut body)?;
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Ok(Some(Request {
        method: method.to_owned(),
        path,
    }))
}

fn handle(mut stream: TcpStream, root: &Path, vars: &[(String, String)]) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let Some(req) = read_request(&stream)? else {
        return Ok(());
    };
    if req.method == "OPTIONS" {
        return respond(&mut stream, 204, "text/plain", b"");
    }
    if req.path == "/__hang" {
        // Keep the socket open without answering until the client gives up.
        let mut sink = [0u8; 64];
        while stream.read(&mut sink).map(|n| n > 0).unwrap_or(false) {}
        return Ok(());
    }
    if let Some(code) = req.path.strip_prefix("/__status/") {
        let code: u16 = code.parse().unwrap_or(500);
        let body = format!("{{\"status\":{code}}}");
        return respond(&mut stream, code, "application/json", body.as_bytes());
    }
    if req.method != "GET" && req.method != "HEAD" {
        return respond(&mut stream, 405, "text/plain", b"method not allowed");
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
            respond(&mut stream, 200, mime(&file), body)
        }
        None => respond(&mut stream, 404, "text/plain", b"not found"),
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
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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

fn respond(stream: &mut TcpStream, code: u16, content_type: &str, body: &[u8]) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {code} {}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Access-Control-Allow-Origin: *\r\nAccess-Control-Allow-Methods: GET, POST, OPTIONS\r\n\
         Access-Control-Allow-Headers: content-type, accept, idempotency-key\r\n\
         Access-Control-Max-Age: 600\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        reason(code),
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}
