//! Video, audio or a social post from another site, as a facade: the provider, the title and a
//! link to it on its own site. Nothing is requested from the third party until the reader asks:
//! where scripts run, "Show it here" loads its frame in place (sandboxed, no referrer beyond the
//! origin). Without scripts the link opens it; and where the page's security policy refuses the
//! frame (`frame-src`), the press opens it on its site instead, and the facade says so.

use yew::prelude::*;

use crate::components::link;
use crate::hooks::use_strings;
use crate::model::Embed;

/// Props of [`EmbedFacade`].
#[derive(Properties, PartialEq, Clone)]
pub struct EmbedFacadeProps {
    /// The embed.
    pub embed: Embed,
}

/// Where the facade is.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    /// As the server rendered it: no script yet, so no button.
    Static,
    /// Scripts run: the button shows.
    Live,
    /// The reader asked: the frame is in place.
    Frame,
    /// The page's policy refused the frame: opened on its site instead.
    Refused,
}

/// `<figure class="aw-embed">`: the facade, or the frame once asked for.
#[component]
pub fn EmbedFacade(props: &EmbedFacadeProps) -> Html {
    let s = use_strings();
    let embed = &props.embed;
    // The button shows only once scripts run (after mount or hydration): without them it would
    // do nothing, and the link does the job. (Hidden, not absent, in the server's HTML: the
    // hydrated tree keeps the server's nodes and text.)
    let stage = use_state(|| Stage::Static);
    {
        let stage = stage.clone();
        use_effect_with((), move |()| stage.set(Stage::Live));
    }
    // While the frame is in place: a refusal by the page's Content-Security-Policy (reported as
    // a `securitypolicyviolation` event naming the frame's address) turns it into the link,
    // opened for the reader (their press is a moment ago: the browser lets it open).
    {
        let stage = stage.clone();
        let frame = embed.frame.as_ref().map(|f| f.href.clone());
        let page = embed.url.href.clone();
        use_effect_with(*stage == Stage::Frame, move |on| {
            let listener = (*on)
                .then(|| web_sys::window().zip(frame))
                .flatten()
                .and_then(|(window, frame)| {
                    let document = window.document()?;
                    Some(crate::services::timer::Listener::new(
                        &document,
                        "securitypolicyviolation",
                        move |event| {
                            let blocked = js_sys::Reflect::get(&event, &"blockedURI".into())
                                .ok()
                                .and_then(|v| v.as_string())
                                .unwrap_or_default();
                            // (The frame's whole address, or its origin.)
                            if !blocked.is_empty() && frame.starts_with(&blocked) {
                                let _ = window.open_with_url_and_target_and_features(
                                    &page, "_blank", "noopener",
                                );
                                stage.set(Stage::Refused);
                            }
                        },
                    ))
                });
            move || drop(listener)
        });
    }
    let provider = embed.provider.name();
    let say = |template: &str| template.replace("{provider}", provider);
    let style = match (embed.width, embed.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => Some(format!("aspect-ratio: {w} / {h}")),
        _ => None,
    };
    if let (Stage::Frame, Some(frame)) = (*stage, &embed.frame) {
        return html! {
            <figure class="aw-embed aw-embed--loaded">
                <iframe
                    class="aw-embed__frame"
                    src={frame.href.clone()}
                    title={embed.title.clone().unwrap_or_else(|| say(s.embed_from))}
                    {style}
                    loading="lazy"
                    referrerpolicy="strict-origin-when-cross-origin"
                    sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"
                    allow="autoplay; encrypted-media; fullscreen; picture-in-picture"
                ></iframe>
                <figcaption>{ link(&embed.url, "aw-embed__open", html! { say(s.embed_open) }) }</figcaption>
            </figure>
        };
    }
    let load = {
        let stage = stage.clone();
        Callback::from(move |_: MouseEvent| stage.set(Stage::Frame))
    };
    let hidden = *stage == Stage::Static || *stage == Stage::Refused;
    let notice = if *stage == Stage::Refused {
        s.embed_refused
    } else {
        s.embed_notice
    };
    html! {
        <figure class="aw-embed" {style}>
            <p class="aw-embed__from">{ say(s.embed_from) }</p>
            if let Some(title) = &embed.title { <p class="aw-embed__title">{ title }</p> }
            <p class="aw-embed__actions">
                if embed.frame.is_some() {
                    <button type="button" class="aw-embed__load" onclick={load} {hidden}>{ s.embed_load }</button>
                }
                { link(&embed.url, "aw-embed__open", html! { say(s.embed_open) }) }
            </p>
            if embed.frame.is_some() {
                <p class="aw-embed__notice" hidden={*stage == Stage::Static} role={(*stage == Stage::Refused).then_some("status")}>{ say(notice) }</p>
            }
        </figure>
    }
}
