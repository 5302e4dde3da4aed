//! The inbox's HTML. maud escapes every interpolated value, so what readers wrote (markup, SQL,
//! anything) is shown as text by construction. No script and no inline style: the pages run
//! under `default-src 'none'; style-src 'self'`.

use aw_core::correction::draft::is_http_url;
use maud::{html, Markup, PreEscaped, DOCTYPE};

use super::session::Session;
use super::ListQuery;
use crate::store::{ArticleRecord, Correction, Kind, Note, Status};

/// Unix ms as `2026-12-01 18:40 UTC`.
pub fn when(ms: i64) -> String {
    let t = time::OffsetDateTime::from_unix_timestamp_nanos(ms as i128 * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    t.format(time::macros::format_description!(
        "[year]-[month]-[day] [hour]:[minute] UTC"
    ))
    .unwrap_or_default()
}

/// Today, `YYYY-MM-DD` (UTC).
pub fn today() -> String {
    time::OffsetDateTime::now_utc()
        .date()
        .format(time::macros::format_description!("[year]-[month]-[day]"))
        .unwrap_or_default()
}

fn page(title: &str, session: Option<&Session>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                title { (title) " · Corrections inbox" }
                link rel="stylesheet" href="/inbox/inbox.css";
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.bar {
                    a.brand href="/inbox" { "Corrections inbox" }
                    @if let Some(s) = session {
                        form.logout method="post" action="/inbox/logout" {
                            span { (s.editor.name) }
                            input type="hidden" name="csrf" value=(s.csrf);
                            button type="submit" { "Log out" }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}

/// The login page (`error`: why the last attempt failed).
pub fn login(error: Option<&str>, email: &str) -> Markup {
    page(
        "Log in",
        None,
        html! {
            h1 { "Log in" }
            @if let Some(e) = error {
                p.error role="alert" { (e) }
            }
            form.stack method="post" action="/inbox/login" {
                label for="email" { "Email" }
                input #email type="email" name="email" autocomplete="username" required value=(email);
                label for="password" { "Password" }
                input #password type="password" name="password" autocomplete="current-password" required;
                button type="submit" { "Log in" }
            }
        },
    )
}

fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    format!("{}…", cut.trim_end())
}

fn status_badge(status: Status) -> Markup {
    html! { span class={ "badge badge--" (status.key()) } { (status.label()) } }
}

/// The list with its filters.
pub fn list(
    session: &Session,
    q: &ListQuery,
    counts: &[(Status, i64)],
    items: &[Correction],
    total: i64,
    page_no: i64,
    per_page: i64,
) -> Markup {
    let pages = (total + per_page - 1) / per_page;
    let selected = q.status.as_deref().unwrap_or("");
    page(
        "Inbox",
        Some(session),
        html! {
            h1 { "Corrections" }
            nav aria-label="By status" {
                ul.tabs {
                    li { a href="/inbox" aria-current=[selected.is_empty().then_some("page")] { "All" } }
                    @for (status, n) in counts {
                        li {
                            a href={ "/inbox?status=" (status.key()) }
                              aria-current=[(selected == status.key()).then_some("page")] {
                                (status.label()) " " span.count { "(" (n) ")" }
                            }
                        }
                    }
                }
            }
            form.filters method="get" action="/inbox" role="search" aria-label="Filter corrections" {
                div {
                    label for="f-status" { "Status" }
                    select #f-status name="status" {
                        option value="" { "Any" }
                        @for status in Status::ALL {
                            option value=(status.key()) selected[selected == status.key()] { (status.label()) }
                        }
                    }
                }
                div {
                    label for="f-article" { "Article ID" }
                    input #f-article name="article" value=(q.article.as_deref().unwrap_or(""));
                }
                div {
                    label for="f-from" { "Received from" }
                    input #f-from type="date" name="from" value=(q.from.as_deref().unwrap_or(""));
                }
                div {
                    label for="f-to" { "to" }
                    input #f-to type="date" name="to" value=(q.to.as_deref().unwrap_or(""));
                }
                div.grow {
                    label for="f-q" { "Search" }
                    input #f-q type="search" name="q" value=(q.q.as_deref().unwrap_or(""));
                }
                div.actions {
                    button type="submit" { "Filter" }
                    a href={ "/inbox/export.csv?" (q.query_string(false)) } { "Export CSV" }
                }
            }
            p.summary role="status" { (total) " " (if total == 1 { "correction" } else { "corrections" }) }
            @if items.is_empty() {
                p { "Nothing here." }
            } @else {
                ol.cards {
                    @for c in items {
                        li.card {
                            h2 {
                                a href={ "/inbox/corrections/" (c.id) } {
                                    "C-" (c.id) ": " (excerpt(if c.sub.headline.is_empty() { &c.sub.article_id } else { &c.sub.headline }, 90))
                                }
                            }
                            p.meta { (status_badge(c.status)) " · received " (when(c.received_at)) }
                            p.excerpt { (excerpt(&c.sub.correction, 220)) }
                        }
                    }
                }
            }
            @if pages > 1 {
                nav.pager aria-label="Pages" {
                    @if page_no > 1 {
                        a rel="prev" href={ "/inbox?" (q.query_string(false)) "&page=" (page_no - 1) } { "Newer" }
                    }
                    span { "Page " (page_no) " of " (pages) }
                    @if page_no < pages {
                        a rel="next" href={ "/inbox?" (q.query_string(false)) "&page=" (page_no + 1) } { "Older" }
                    }
                }
            }
        },
    )
}

/// What an editor typed into the status form, kept when it is sent back with an error.
#[derive(Clone, Debug, Default)]
pub struct StatusForm {
    /// The chosen status.
    pub status: String,
    /// The published correction's text.
    pub published_text: String,
    /// Its date.
    pub published_on: String,
    /// The original, for a duplicate.
    pub duplicate_of: String,
    /// The article's headline, as the editor confirms it for the public record.
    pub headline: String,
    /// The article's URL, as the editor confirms it.
    pub article_url: String,
    /// What kind of notice it is published as.
    pub kind: String,
}

/// One correction, its status form and notes.
pub fn detail(
    session: &Session,
    c: &Correction,
    record: Option<&ArticleRecord>,
    notes: &[Note],
    form: &StatusForm,
    error: Option<&str>,
) -> Markup {
    let s = &c.sub;
    let status_key = if form.status.is_empty() {
        c.status.key()
    } else {
        form.status.as_str()
    };
    let published_text = if form.published_text.is_empty() {
        c.published_text.clone().unwrap_or_default()
    } else {
        form.published_text.clone()
    };
    let kind_key = if form.kind.is_empty() {
        c.kind.key()
    } else {
        form.kind.as_str()
    };
    let published_on = if form.published_on.is_empty() {
        c.published_on.clone().unwrap_or_else(today)
    } else {
        form.published_on.clone()
    };
    // The public record's headline and URL: the form's, else what an editor confirmed before,
    // else (to be checked) what the reader's page sent.
    let pick = |typed: &str, confirmed: Option<&str>, sent: &str| -> String {
        if !typed.is_empty() {
            typed.to_owned()
        } else {
            confirmed.unwrap_or(sent).to_owned()
        }
    };
    let headline = pick(
        &form.headline,
        record.map(|r| r.headline.as_str()),
        &s.headline,
    );
    let article_url = pick(
        &form.article_url,
        record.map(|r| r.url.as_str()),
        &s.article_url,
    );
    page(
        &format!("C-{}", c.id),
        Some(session),
        html! {
            p { a href="/inbox" { "← All corrections" } }
            h1 { "Correction C-" (c.id) }
            p.meta { (status_badge(c.status)) " · received " (when(c.received_at)) }
            @if let Some(e) = error {
                p.error role="alert" #status-error { (e) }
            }
            section aria-labelledby="h-article" {
                h2 #h-article { "Article" }
                p {
                    @if is_http_url(&s.article_url) {
                        a href=(s.article_url) rel="noopener noreferrer" { (if s.headline.is_empty() { &s.article_url } else { &s.headline }) }
                    } @else {
                        (s.headline)
                    }
                }
                dl {
                    dt { "Article ID" } dd { a href={ "/inbox?article=" (percent(&s.article_id)) } { (s.article_id) } }
                    @if !s.page_url.is_empty() && s.page_url != s.article_url {
                        dt { "Page" } dd { (s.page_url) }
                    }
                }
            }
            section aria-labelledby="h-reader" {
                h2 #h-reader { "What the reader says" }
                @if !s.quote.is_empty() {
                    h3 { "Quoted passage" }
                    blockquote { (s.quote) }
                }
                h3 { "Correction" }
                p.pre { (s.correction) }
                @if !s.source_url.is_empty() {
                    h3 { "Source" }
                    p {
                        @if is_http_url(&s.source_url) {
                            a href=(s.source_url) rel="noopener noreferrer nofollow ugc" { (s.source_url) }
                        } @else { (s.source_url) }
                    }
                }
                dl {
                    dt { "Reader" } dd { @if s.name.is_empty() { "(no name)" } @else { (s.name) } }
                    dt { "Email" } dd { @if s.email.is_empty() { "(none)" } @else { a href={ "mailto:" (s.email) } { (s.email) } } }
                    @if !s.locale.is_empty() { dt { "Language" } dd { (s.locale) } }
                    @if !s.submitted_at.is_empty() { dt { "Sent at (reader's clock)" } dd { (s.submitted_at) } }
                }
            }
            section aria-labelledby="h-status" {
                h2 #h-status { "Triage" }
                form.stack method="post" action={ "/inbox/corrections/" (c.id) "/status" } {
                    input type="hidden" name="csrf" value=(session.csrf);
                    fieldset {
                        legend { "Status" }
                        @for status in Status::ALL {
                            label.radio {
                                input type="radio" name="status" value=(status.key()) checked[status_key == status.key()];
                                " " (status.label())
                            }
                        }
                    }
                    fieldset {
                        legend { "Published correction (required to accept)" }
                        label for="published_text" { "Correction as published" }
                        textarea #published_text name="published_text" rows="4" aria-describedby=[error.map(|_| "status-error")] { (published_text) }
                        label for="kind" { "Published as" }
                        select #kind name="kind" {
                            @for kind in Kind::ALL {
                                option value=(kind.key()) selected[kind_key == kind.key()] { (kind.label()) }
                            }
                        }
                        label for="published_on" { "Date published" }
                        input #published_on type="date" name="published_on" value=(published_on);
                        p.hint #record-hint {
                            @if record.is_some() {
                                "The article's headline and address as the public record has them; a change here is published with this correction."
                            } @else {
                                "Filled in from the reader's page, which anyone can spoof: check them. They are published with the correction."
                            }
                        }
                        label for="headline" { "Article headline (public)" }
                        input #headline name="headline" value=(headline) aria-describedby="record-hint";
                        label for="article_url" { "Article address (public, http or https)" }
                        input #article_url name="article_url" type="url" value=(article_url) aria-describedby="record-hint";
                    }
                    label for="duplicate_of" { "Duplicate of (number, for a duplicate)" }
                    input #duplicate_of name="duplicate_of" inputmode="numeric" value=(form.duplicate_of);
                    button type="submit" { "Save status" }
                }
            }
            section aria-labelledby="h-notes" {
                h2 #h-notes { "Internal notes" }
                @if notes.is_empty() {
                    p { "No notes yet." }
                } @else {
                    ol.notes {
                        @for n in notes {
                            li { p.meta { (n.editor) " · " (when(n.created_at)) } p.pre { (n.body) } }
                        }
                    }
                }
                form.stack method="post" action={ "/inbox/corrections/" (c.id) "/notes" } {
                    input type="hidden" name="csrf" value=(session.csrf);
                    label for="note" { "Add a note (editors only)" }
                    textarea #note name="body" rows="3" required {}
                    button type="submit" { "Add note" }
                }
            }
        },
    )
}

/// A plain message page (not found, refused, too many attempts).
pub fn message(title: &str, text: &str) -> Markup {
    page(
        title,
        None,
        html! { h1 { (title) } p { (text) } p { a href="/inbox" { "Back to the inbox" } } },
    )
}

fn percent(s: &str) -> PreEscaped<String> {
    // Safe to leave unescaped: percent-encoding leaves only unreserved URL characters.
    PreEscaped(
        percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string(),
    )
}
