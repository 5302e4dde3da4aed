//! Video, audio or a social post from another site, as a facade: the provider, the title and a
//! link to it on its own site. Nothing is requested from the third party until the reader asks:
//! where scripts run, "Show it here" loads its frame in place (sandboxed, no referrer beyond the
//! origin); without them, or where the page's security policy refuses the frame, the link
//! opens it.

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

/// `<figure class="aw-embed">`: the facade, or the frame once asked for.
#[component]
pub fn EmbedFacade(props: &EmbedFacadeProps) -> Html {
    let s = use_strings();
    let embed = &props.embed;
    // The button shows only once scripts run (after mount or hydration): without them it would
    // do nothing, and the link does the job. (Hidden, not absent, in the server's HTML: the
    // hydrated tree keeps the server's nodes and text.)
    let live = use_state(|| false);
    let loaded = use_state(|| false);
    {
        let live = live.clone();
        use_effect_with((), move |()| live.set(true));
    }
    let provider = embed.provider.name();
    let say = |template: &str| template.replace("{provider}", provider);
    let ratio = match (embed.width, embed.height) {
        (Some(w), Some(h)) if w > 0 && h > 0 => format!("aspect-ratio: {w} / {h}"),
        _ => String::new(),
    };
    let style = (!ratio.is_empty()).then_some(ratio);
    if let (true, Some(frame)) = (*loaded, &embed.frame) {
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
        let loaded = loaded.clone();
        Callback::from(move |_: MouseEvent| loaded.set(true))
    };
    html! {
        <figure class="aw-embed" {style}>
            <p class="aw-embed__from">{ say(s.embed_from) }</p>
            if let Some(title) = &embed.title { <p class="aw-embed__title">{ title }</p> }
            <p class="aw-embed__actions">
                if embed.frame.is_some() {
                    <button type="button" class="aw-embed__load" onclick={load} hidden={!*live}>{ s.embed_load }</button>
                }
                { link(&embed.url, "aw-embed__open", html! { say(s.embed_open) }) }
            </p>
            if embed.frame.is_some() { <p class="aw-embed__notice" hidden={!*live}>{ say(s.embed_notice) }</p> }
        </figure>
    }
}
