//! `/inbox`: the editors' triage pages. Every route but the login's sits behind
//! [`auth::require_session`], a layer on the protected router (see [`protected_routes`]): no
//! session, no answer; every change is a POST carrying the session's CSRF token from a page of
//! this origin.
//!
//! - `GET /inbox` lists corrections, newest first, filtered by status, article, received date
//!   and words; `GET /inbox/export.csv` exports the same selection;
//! - `GET /inbox/corrections/{id}` shows one; `POST …/status` moves it (new → in review →
//!   accepted / rejected / duplicate; accepting needs the published text and date);
//!   `POST …/notes` adds an internal note;
//! - `GET|POST /inbox/login`, `POST /inbox/logout`.

pub mod auth;
pub mod session;
pub mod views;

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Form, Router};
use serde::Deserialize;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::AppError;
use crate::limits::Verdict;
use crate::state::AppState;
use crate::store::{Filter, Publication, Status, StoreError};
use auth::{SameOrigin, Session};
use views::StatusForm;

/// Corrections per page.
const PER_PAGE: i64 = 50;
/// Most rows in one CSV export.
const EXPORT_MAX: i64 = 100_000;

/// Every route behind the login, as (method, path, handler): the protected router is built
/// from this table, and the tests walk it (every one refuses without a session, every change
/// without the CSRF token).
pub fn protected_routes() -> Vec<(Method, &'static str, MethodRouter<AppState>)> {
    vec![
        (Method::GET, "/", get(list)),
        (Method::GET, "/export.csv", get(export)),
        (Method::GET, "/corrections/{id}", get(detail)),
        (Method::POST, "/corrections/{id}/status", post(set_status)),
        (Method::POST, "/corrections/{id}/notes", post(add_note)),
        (Method::POST, "/logout", post(logout)),
    ]
}

/// The pages, with their security headers: the protected router (the session layer over every
/// route in it) and the public one (the login and the stylesheet).
pub fn router(state: AppState) -> Router<AppState> {
    let headers = [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
             frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_FRAME_OPTIONS, "DENY"),
        // Not `no-referrer`: under it browsers send `Origin: null` even on the inbox's own form
        // posts. Other sites still learn nothing (a reader's source link gets no referrer).
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    let protected = protected_routes()
        .into_iter()
        .fold(Router::new(), |router, (_, path, handler)| {
            router.route(path, handler)
        })
        .route_layer(axum::middleware::from_fn_with_state(
            state,
            auth::require_session,
        ));
    let public = Router::new()
        .route("/login", get(login_page).post(login))
        .route("/inbox.css", get(css));
    let mut router = protected.merge(public);
    for (name, value) in headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// The list's filters, as the filter form sends them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ListQuery {
    /// A status key.
    pub status: Option<String>,
    /// An `articleId`.
    pub article: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Words.
    pub q: Option<String>,
    /// 1-based page (anything that is not a number from 1 to [`MAX_PAGE`] is the nearest).
    pub page: Option<String>,
}

/// The last page number the list goes to (with 50 a page, 50 million corrections).
pub const MAX_PAGE: i64 = 1_000_000;

fn day_ms(date: &str) -> Option<i64> {
    let d = time::Date::parse(
        date,
        time::macros::format_description!("[year]-[month]-[day]"),
    )
    .ok()?;
    Some(d.midnight().assume_utc().unix_timestamp() * 1000)
}

impl ListQuery {
    /// The store's filter.
    pub fn filter(&self) -> Filter {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        Filter {
            status: self.status.as_deref().and_then(Status::from_key),
            article: text(&self.article),
            from_ms: self.from.as_deref().and_then(day_ms),
            to_ms: self
                .to
                .as_deref()
                .and_then(day_ms)
                .map(|ms| ms + 24 * 60 * 60 * 1000),
            search: text(&self.q),
        }
    }

    /// The page asked for, from 1 to [`MAX_PAGE`].
    pub fn page_no(&self) -> i64 {
        let page = self.page.as_deref().unwrap_or("").trim();
        match page.parse::<i64>() {
            Ok(n) => n.clamp(1, MAX_PAGE),
            // A number too large for an i64 is past the last page.
            Err(_) if !page.is_empty() && page.bytes().all(|b| b.is_ascii_digit()) => MAX_PAGE,
            Err(_) => 1,
        }
    }

    /// The filters as a query string (for links that keep them).
    pub fn query_string(&self, with_page: bool) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("status", &self.status),
            ("article", &self.article),
            ("from", &self.from),
            ("to", &self.to),
            ("q", &self.q),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                out.append_pair(k, v);
            }
        }
        if with_page && self.page.is_some() {
            out.append_pair("page", &self.page_no().to_string());
        }
        out.finish()
    }
}

fn failed(e: StoreError) -> Response {
    AppError::page(e).into_response()
}

async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<ListQuery>,
) -> Response {
    let page_no = q.page_no();
    let listed = state
        .store
        .list(&q.filter(), PER_PAGE, (page_no - 1) * PER_PAGE)
        .await;
    let counts = state.store.counts().await;
    match (listed, counts) {
        (Ok((items, total)), Ok(counts)) => {
            Html(views::list(&session, &q, &counts, &items, total, page_no, PER_PAGE).into_string())
                .into_response()
        }
        (Err(e), _) | (_, Err(e)) => failed(e),
    }
}

async fn detail(State(state): State<AppState>, session: Session, Path(id): Path<i64>) -> Response {
    show(&state, &session, id, &StatusForm::default(), None).await
}

async fn show(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &StatusForm,
    error: Option<&str>,
) -> Response {
    let c = match state.store.get(id).await {
        Ok(Some(c)) => c,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let notes = match state.store.notes(id).await {
        Ok(n) => n,
        Err(e) => return failed(e),
    };
    let record = match state.store.article(&c.sub.article_id).await {
        Ok(r) => r,
        Err(e) => return failed(e),
    };
    let page = Html(views::detail(session, &c, record.as_ref(), &notes, form, error).into_string());
    if error.is_some() {
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    } else {
        page.into_response()
    }
}

fn not_found() -> Response {
    AppError::NotFound.into_response()
}

#[derive(Debug, Default, Deserialize)]
struct StatusInput {
    #[serde(default)]
    status: String,
    #[serde(default)]
    published_text: String,
    #[serde(default)]
    published_on: String,
    #[serde(default)]
    duplicate_of: String,
    #[serde(default)]
    headline: String,
    #[serde(default)]
    article_url: String,
}

async fn set_status(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(input): Form<StatusInput>,
) -> Response {
    let form = StatusForm {
        status: input.status.clone(),
        published_text: input.published_text.trim().to_owned(),
        published_on: input.published_on.trim().to_owned(),
        duplicate_of: input.duplicate_of.trim().to_owned(),
        headline: input.headline.trim().to_owned(),
        article_url: input.article_url.trim().to_owned(),
    };
    let Some(status) = Status::from_key(&input.status) else {
        return show(&state, &session, id, &form, Some("Choose a status.")).await;
    };
    let published = match status {
        Status::Accepted if form.published_text.is_empty() => {
            return show(
                &state,
                &session,
                id,
                &form,
                Some("To accept, write the correction as it will be published."),
            )
            .await;
        }
        Status::Accepted if day_ms(&form.published_on).is_none() => {
            return show(
                &state,
                &session,
                id,
                &form,
                Some("To accept, give the date it is published (YYYY-MM-DD)."),
            )
            .await;
        }
        Status::Accepted if form.headline.is_empty() || form.headline.chars().count() > 1_000 => {
            return show(
                &state,
                &session,
                id,
                &form,
                Some("To accept, confirm the article's headline as published (up to 1,000 characters)."),
            )
            .await;
        }
        Status::Accepted
            if !form.article_url.is_empty()
                && (!aw_core::correction::draft::is_http_url(&form.article_url)
                    || form.article_url.chars().count() > 2_000) =>
        {
            return show(
                &state,
                &session,
                id,
                &form,
                Some("The article's address must be an http(s) URL, or left empty."),
            )
            .await;
        }
        Status::Accepted => Some(Publication {
            text: &form.published_text,
            date: &form.published_on,
            headline: &form.headline,
            url: &form.article_url,
        }),
        _ => None,
    };
    let duplicate_of = match (
        status,
        form.duplicate_of
            .trim_start_matches(['C', 'c', '-'])
            .parse::<i64>(),
    ) {
        (Status::Duplicate, Ok(of)) if of != id => Some(of),
        (Status::Duplicate, _) if !form.duplicate_of.is_empty() => {
            return show(
                &state,
                &session,
                id,
                &form,
                Some("A duplicate names another correction's number."),
            )
            .await;
        }
        _ => None,
    };
    match state
        .store
        .set_status(id, status, published, duplicate_of, session.editor.id)
        .await
    {
        Ok(true) => Redirect::to(&format!("/inbox/corrections/{id}")).into_response(),
        Ok(false) => not_found(),
        Err(e) => failed(e),
    }
}

#[derive(Debug, Default, Deserialize)]
struct NoteInput {
    #[serde(default)]
    body: String,
}

async fn add_note(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Form(input): Form<NoteInput>,
) -> Response {
    let body = input.body.trim();
    if body.is_empty() || body.chars().count() > 10_000 {
        return show(
            &state,
            &session,
            id,
            &StatusForm::default(),
            Some("A note has 1 to 10,000 characters."),
        )
        .await;
    }
    match state.store.get(id).await {
        Ok(Some(_)) => {}
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    }
    match state.store.add_note(id, session.editor.id, body).await {
        Ok(()) => Redirect::to(&format!("/inbox/corrections/{id}#h-notes")).into_response(),
        Err(e) => failed(e),
    }
}

/// A CSV cell a spreadsheet will not run as a formula.
fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

async fn export(
    State(state): State<AppState>,
    _session: Session,
    Query(q): Query<ListQuery>,
) -> Response {
    let items = match state.store.list(&q.filter(), EXPORT_MAX, 0).await {
        Ok((items, _)) => items,
        Err(e) => return failed(e),
    };
    let mut out = csv::Writer::from_writer(Vec::new());
    let head = [
        "id",
        "received",
        "status",
        "articleId",
        "articleUrl",
        "headline",
        "quote",
        "correction",
        "sourceUrl",
        "name",
        "email",
        "locale",
        "publishedOn",
        "publishedText",
        "duplicateOf",
    ];
    let mut rows = vec![head.iter().map(|h| h.to_string()).collect::<Vec<_>>()];
    for c in &items {
        let s = &c.sub;
        rows.push(vec![
            format!("C-{}", c.id),
            views::when(c.received_at),
            c.status.key().into(),
            cell(&s.article_id),
            cell(&s.article_url),
            cell(&s.headline),
            cell(&s.quote),
            cell(&s.correction),
            cell(&s.source_url),
            cell(&s.name),
            cell(&s.email),
            cell(&s.locale),
            c.published_on.clone().unwrap_or_default(),
            cell(c.published_text.as_deref().unwrap_or("")),
            c.duplicate_of.map(|d| format!("C-{d}")).unwrap_or_default(),
        ]);
    }
    for row in rows {
        if let Err(e) = out.write_record(&row) {
            return AppError::Internal(e.to_string()).into_response();
        }
    }
    let body = match out.into_inner() {
        Ok(b) => b,
        Err(e) => return AppError::Internal(e.to_string()).into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"corrections-{}.csv\"",
                    views::today()
                ),
            ),
        ],
        body,
    )
        .into_response()
}

async fn login_page() -> Response {
    Html(views::login(None, "").into_string()).into_response()
}

#[derive(Debug, Default, Deserialize)]
struct LoginInput {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// Longest email looked up (RFC 5321's path limit); a longer one is simply wrong.
const EMAIL_MAX: usize = 254;
/// How long a login waits for a free password check before it is told to come back.
const CHECK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

async fn login(
    State(state): State<AppState>,
    _: SameOrigin,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(input): Form<LoginInput>,
) -> Response {
    let email: String = input.email.trim().to_lowercase();
    let client = state.client(Some(&ConnectInfo::<SocketAddr>(peer)), &headers);
    // Failures count per client and per (account, client): a stranger's failures never lock
    // the editor out of their own address. Reserved before the check, so a burst of attempts
    // gets the free ones and no more.
    let keys = [
        format!("login-client:{client}"),
        format!("login-pair:{client}|{email}"),
    ];
    let too_many = |wait: u64| {
        let mut reply = (
            StatusCode::TOO_MANY_REQUESTS,
            Html(
                views::login(
                    Some(&format!("Too many failed attempts. Try again in {wait} s.")),
                    &email,
                )
                .into_string(),
            ),
        )
            .into_response();
        reply
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        reply
    };
    match state.limits.reserve_login(&keys).await {
        Ok(Verdict::Go) => {}
        Ok(Verdict::Wait(wait)) => return too_many(wait),
        Err(e) => return failed(e),
    }
    let editor = if email.len() <= EMAIL_MAX {
        match state.store.editor_by_email(&email).await {
            Ok(e) => e,
            Err(e) => return failed(e),
        }
    } else {
        None
    };
    let hash = editor
        .as_ref()
        .map_or(auth::decoy_hash(), |e| e.password_hash.as_str())
        .to_owned();
    // Argon2 is deliberately slow and takes 19 MiB: a bounded number at once (one per core),
    // off the async threads; a login that cannot get a turn soon is told to come back.
    let permit =
        match tokio::time::timeout(CHECK_WAIT, state.password_checks.clone().acquire_owned()).await
        {
            Ok(Ok(permit)) => permit,
            _ => return aw_serve::busy(),
        };
    let password = input.password;
    let ok = tokio::task::spawn_blocking(move || {
        let ok = auth::verify_password(&password, &hash);
        drop(permit);
        ok
    })
    .await
    .unwrap_or(false);
    match editor {
        Some(editor) if ok => {
            if let Err(e) = state.limits.forgive(&keys).await {
                return failed(e);
            }
            match auth::start(&state, &editor).await {
                Ok(cookie) => {
                    ([(header::SET_COOKIE, cookie)], Redirect::to("/inbox")).into_response()
                }
                Err(e) => failed(e),
            }
        }
        _ => (
            StatusCode::UNAUTHORIZED,
            Html(views::login(Some("Wrong email or password."), &email).into_string()),
        )
            .into_response(),
    }
}

async fn logout(State(state): State<AppState>, session: Session) -> Response {
    if let Err(e) = state.store.end_session(&session.token_hash).await {
        return failed(e);
    }
    (
        [(
            header::SET_COOKIE,
            auth::cookie(None, state.config.secure_cookies),
        )],
        Redirect::to("/inbox/login"),
    )
        .into_response()
}

async fn css() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("inbox.css"),
    )
        .into_response()
}
