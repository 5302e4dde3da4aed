//! `aw-render-server [--listen ADDR] [--max-body BYTES]` (or `AW_RENDER_LISTEN`,
//! `AW_RENDER_MAX_BODY`): serves `POST /render`. The first line printed is
//! `listening on http://ADDR`.

use std::io::Write;
use std::net::SocketAddr;

#[tokio::main]
async fn main() {
    let mut listen: SocketAddr = std::env::var("AW_RENDER_LISTEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8790)));
    let mut limits = aw_render_server::Limits::default();
    if let Some(n) = std::env::var("AW_RENDER_MAX_BODY")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        limits.max_body = n;
    }
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => match args.next().and_then(|v| v.parse().ok()) {
                Some(addr) => listen = addr,
                None => {
                    eprintln!("aw-render-server: --listen needs ADDR:PORT");
                    std::process::exit(2);
                }
            },
            "--max-body" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => limits.max_body = n,
                None => {
                    eprintln!("aw-render-server: --max-body needs a number of bytes");
                    std::process::exit(2);
                }
            },
            _ => {
                println!("usage: aw-render-server [--listen ADDR:PORT] [--max-body BYTES]   (POST /render)");
                return;
            }
        }
    }
    aw_serve::init_tracing();
    aw_serve::raise_open_files_limit();
    aw_serve::warn_if_panics_abort("aw-render-server");
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("aw-render-server: cannot listen on {listen}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().map_or(listen, |a| a);
    println!("listening on http://{addr}");
    let _ = std::io::stdout().flush();
    let served = aw_serve::serve(
        listener,
        aw_render_server::router_with(limits),
        aw_serve::Limits::default(),
    )
    .await;
    if let Err(e) = served {
        eprintln!("aw-render-server: {e}");
        std::process::exit(1);
    }
}
