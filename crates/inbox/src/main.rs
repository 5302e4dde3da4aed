//! The `aw-server` command: `serve` runs the corrections inbox, `add-editor` creates (or
//! resets) an editor's login. Every flag also reads an `AW_*` environment variable.

use std::io::{BufRead, Write};
use std::net::SocketAddr;
use std::path::PathBuf;

use aw_server::inbox::auth::hash_password;
use aw_server::store::Store;
use aw_server::{router, AppState, Config};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "aw-server",
    version,
    about = "article-widget's corrections inbox"
)]
struct Cli {
    /// sqlite://FILE (created on first start) or postgres://USER@HOST/DB.
    #[arg(
        long,
        env = "AW_DATABASE_URL",
        default_value = "sqlite://aw-corrections.db",
        global = true
    )]
    database_url: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the intake, the inbox and the published corrections.
    Serve(ServeArgs),
    /// Create an editor account, or set a new password for one. The password is read from
    /// AW_EDITOR_PASSWORD or, without it, from the first line of standard input.
    AddEditor {
        /// Login email.
        #[arg(long)]
        email: String,
        /// Name shown on notes.
        #[arg(long)]
        name: String,
    },
    /// Remove an editor: their sessions end at once and they can no longer log in (their notes
    /// keep their name). `add-editor` with the same email restores the account.
    RemoveEditor {
        /// Login email.
        #[arg(long)]
        email: String,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on (port 0: any free port; the first line printed names it).
    #[arg(long, env = "AW_LISTEN", default_value = "127.0.0.1:8787")]
    listen: SocketAddr,
    /// A publisher origin allowed to post corrections from readers' browsers (repeat, or
    /// comma-separate in AW_ALLOW_ORIGINS).
    #[arg(long = "allow-origin", env = "AW_ALLOW_ORIGINS", value_delimiter = ',')]
    allow_origins: Vec<String>,
    /// Refuse corrections without an email address (data-correction-require-email).
    #[arg(long, env = "AW_REQUIRE_EMAIL")]
    require_email: bool,
    /// Corrections per client address per minute (0: no limit).
    #[arg(long, env = "AW_PER_CLIENT_PER_MINUTE", default_value_t = 10)]
    per_client_per_minute: u32,
    /// Corrections per article per minute (0: no limit).
    #[arg(long, env = "AW_PER_ARTICLE_PER_MINUTE", default_value_t = 60)]
    per_article_per_minute: u32,
    /// Largest correction body, in bytes.
    #[arg(long, env = "AW_MAX_BODY", default_value_t = 64 * 1024)]
    max_body: usize,
    /// A proxy in front of the server, as an address or a range (`10.0.0.0/8`; repeat, or
    /// comma-separate in AW_TRUSTED_PROXIES): requests from it name their client in its
    /// forwarding header (the rightmost hop that is no trusted proxy). docs/inbox.md has the
    /// settings for nginx, Caddy and cloud load balancers.
    #[arg(
        long = "trusted-proxy",
        env = "AW_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    trusted_proxies: Vec<aw_server::proxies::Cidr>,
    /// The header the trusted proxies write.
    #[arg(long, env = "AW_FORWARDED_HEADER", value_enum, default_value_t)]
    forwarded_header: aw_server::proxies::ForwardedHeader,
    /// Replaced by --trusted-proxy: refused with a message saying so.
    #[arg(long, env = "AW_TRUST_FORWARDED_FOR", hide = true)]
    trust_forwarded_for: bool,
    /// The inbox's public origin, as browsers reach it (`https://inbox.example`): editors' and
    /// readers' state-changing requests must come from exactly it, which defeats DNS rebinding.
    /// Set it in production (docs/inbox.md).
    #[arg(long, env = "AW_PUBLIC_ORIGIN", value_parser = aw_server::state::public_origin)]
    public_origin: Option<String>,
    /// Session cookie without `Secure` (plain HTTP on a host other than localhost only).
    #[arg(long, env = "AW_INSECURE_COOKIES")]
    insecure_cookies: bool,
    /// Development mode: loopback origins, static files, scripted test routes. Never deploy.
    /// (Only in a build with the `dev` feature.)
    #[cfg(feature = "dev")]
    #[arg(long)]
    dev: bool,
    /// With --dev: a folder to serve at /.
    #[cfg(feature = "dev")]
    #[arg(long = "static", requires = "dev")]
    static_root: Option<PathBuf>,
    /// With --dev: KEY=VALUE, replacing {{KEY}} in served HTML (repeat).
    #[cfg(feature = "dev")]
    #[arg(long = "var", requires = "dev")]
    vars: Vec<String>,
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    aw_http::init_tracing();
    if let Err(e) = run(cli).await {
        // Errors name no secret: a database URL is redacted (store::redact) before it is in one.
        eprintln!("aw-server: {e}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let store = Store::open(&cli.database_url).await?;
    match cli.command {
        Command::AddEditor { email, name } => {
            let password = match std::env::var("AW_EDITOR_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            if password.chars().count() < 12 {
                return Err("the password needs at least 12 characters".into());
            }
            let email = email.trim().to_lowercase();
            store
                .upsert_editor(&email, name.trim(), &hash_password(&password)?)
                .await?;
            println!("editor {email} can log in (any earlier sessions have ended)");
            Ok(())
        }
        Command::RemoveEditor { email } => {
            let email = email.trim().to_lowercase();
            if store.remove_editor(&email).await? {
                println!("editor {email} removed; their sessions have ended");
                Ok(())
            } else {
                Err(format!("no editor {email}").into())
            }
        }
        Command::Serve(args) => serve(store, args).await,
    }
}

async fn serve(store: Store, args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(feature = "dev")]
    let (dev, static_root, vars) = (
        args.dev,
        match args.static_root {
            Some(dir) => Some(dir.canonicalize()?),
            None => None,
        },
        args.vars
            .iter()
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    );
    #[cfg(not(feature = "dev"))]
    let (dev, static_root, vars) = (false, None::<PathBuf>, Vec::new());
    if args.trust_forwarded_for {
        return Err("--trust-forwarded-for (AW_TRUST_FORWARDED_FOR) is replaced by --trusted-proxy ADDRESS-OR-RANGE: name the proxies whose X-Forwarded-For is believed (docs/inbox.md)".into());
    }
    let config = Config {
        allowed_origins: args.allow_origins,
        rules: aw_core::correction::draft::Rules {
            require_email: args.require_email,
            consent_text: None,
        },
        per_client_per_minute: args.per_client_per_minute,
        per_article_per_minute: args.per_article_per_minute,
        max_body: args.max_body,
        proxies: aw_server::proxies::Proxies {
            trusted: args.trusted_proxies,
            header: args.forwarded_header,
        },
        secure_cookies: !args.insecure_cookies,
        public_origin: args.public_origin,
        password_wait: Config::default().password_wait,
        dev,
        static_root,
        vars,
    };
    let backend = store.backend();
    let limits = aw_http::Limits {
        trusted: config.proxies.trusted.clone(),
        ..aw_http::Limits::default()
    };
    let app = router(AppState::new(store, config));
    aw_http::raise_open_files_limit();
    aw_http::warn_if_panics_abort("aw-server");
    let listener = tokio::net::TcpListener::bind(args.listen).await?;
    let addr = listener.local_addr()?;
    println!("listening on http://{addr}");
    println!("database: {backend:?}; inbox at http://{addr}/inbox");
    std::io::stdout().flush()?;
    aw_http::serve(listener, app, limits).await?;
    Ok(())
}
