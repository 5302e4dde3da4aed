//! `aw-render-server [--listen ADDR]` (or `AW_RENDER_LISTEN`): serves `POST /render`. The first
//! line printed is `listening on http://ADDR`.

use std::io::Write;
use std::net::SocketAddr;

#[tokio::main]
async fn main() {
    let mut listen: SocketAddr = std::env::var("AW_RENDER_LISTEN")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 8790)));
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
            _ => {
                println!("usage: aw-render-server [--listen ADDR:PORT]   (POST /render)");
                return;
            }
        }
    }
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
    let served = axum::serve(listener, aw_render_server::router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await;
    if let Err(e) = served {
        eprintln!("aw-render-server: {e}");
        std::process::exit(1);
    }
}
