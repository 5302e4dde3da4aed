//! `aw-render-server [--listen ADDR] [--max-body BYTES] [--trusted-proxy ADDRESS-OR-RANGE]` (or
//! `AW_RENDER_LISTEN`, `AW_RENDER_MAX_BODY`, `AW_TRUSTED_PROXIES`; `--help` says it all): serves `POST /render`. The first line printed is
//! `listening on http://ADDR`.

use std::io::Write;
use std::net::SocketAddr;

use clap::Parser;

/// The render route: `POST /render` turns an article into the prerendered embed.
#[derive(Parser)]
#[command(
    name = "aw-render-server",
    about,
    after_help = "docs/prerendering.md (The render route)"
)]
struct Cli {
    /// Address and port to listen on (0: any free port; the first line printed names it).
    #[arg(long, env = "AW_RENDER_LISTEN", default_value = "127.0.0.1:8790")]
    listen: SocketAddr,
    /// Largest request body, in bytes.
    #[arg(long, env = "AW_RENDER_MAX_BODY", default_value_t = aw_render_server::Limits::default().max_body)]
    max_body: usize,
    /// A proxy in front of the route, as an address or a range (`10.0.0.0/8`; repeat, or
    /// comma-separate in AW_TRUSTED_PROXIES): it carries many clients' connections, so the cap
    /// of 256 open connections from one client does not apply to it.
    #[arg(
        long = "trusted-proxy",
        env = "AW_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<aw_http::Cidr>,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let listen = cli.listen;
    let limits = aw_render_server::Limits {
        max_body: cli.max_body,
        ..aw_render_server::Limits::default()
    };
    aw_http::init_tracing();
    aw_http::raise_open_files_limit();
    aw_http::warn_if_panics_abort("aw-render-server");
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
    let served = aw_http::serve(
        listener,
        aw_render_server::router_with(limits),
        aw_http::Limits {
            trusted: cli.trusted_proxies,
            ..aw_http::Limits::default()
        },
    )
    .await;
    if let Err(e) = served {
        eprintln!("aw-render-server: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::Parser;

    #[test]
    fn trusted_proxies_are_addresses_or_ranges() {
        let cli = Cli::try_parse_from([
            "aw-render-server",
            "--trusted-proxy",
            "10.0.0.0/8,192.0.2.1",
            "--trusted-proxy",
            "2001:db8::/32",
        ])
        .unwrap();
        assert_eq!(cli.trusted_proxies.len(), 3);
        assert!(cli.trusted_proxies[0].contains("10.1.2.3".parse().unwrap()));
        assert!(!cli.trusted_proxies[1].contains("192.0.2.2".parse().unwrap()));
        assert!(Cli::try_parse_from(["aw-render-server", "--trusted-proxy", "a proxy"]).is_err());
    }
}
