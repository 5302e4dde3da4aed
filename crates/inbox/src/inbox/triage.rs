//! One correction (`GET /inbox/corrections/{id}`) and what editors do to it: move it through
//! triage (`POST …/status`; accepting publishes it) and add internal notes (`POST …/notes`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use super::auth::Session;
use super::failed;
use super::list::day_ms;
use super::views::{self, StatusForm};
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Kind, Publication, Status};

pub(super) async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
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
pub(super) struct StatusInput {
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
    #[serde(default)]
    kind: String,
}

pub(super) async fn set_status(
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
        kind: input.kind.trim().to_owned(),
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
            kind: Kind::from_key(&form.kind).unwrap_or_default(),
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
pub(super) struct NoteInput {
    #[serde(default)]
    body: String,
}

pub(super) async fn add_note(
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
