//! The author's photo, or their initials when there is no photo or it fails to load.

use yew::prelude::*;

use crate::text;
use crate::urls::SafeUrl;

/// Props of [`Avatar`].
#[derive(Properties, PartialEq, Clone)]
pub struct AvatarProps {
    /// Whose avatar (for the initials).
    pub name: AttrValue,
    /// The photo, if any.
    #[prop_or_default]
    pub src: Option<SafeUrl>,
}

/// A round photo with an initials fallback. The image is decorative (`alt=""`): the name is
/// right beside it.
#[component]
pub fn Avatar(props: &AvatarProps) -> Html {
    let failed = use_state(|| false);
    // A new photo URL gets a fresh chance to load.
    {
        let failed = failed.clone();
        use_effect_with(props.src.clone(), move |_| failed.set(false));
    }
    match &props.src {
        Some(src) if !*failed => {
            let onerror = {
                let failed = failed.clone();
                Callback::from(move |_: Event| failed.set(true))
            };
            html! {
                <img class="aw-avatar" src={src.href.clone()} alt="" width="96" height="96"
                    loading="lazy" decoding="async" {onerror} />
            }
        }
        _ => html! {
            <span class="aw-avatar aw-avatar--initials" aria-hidden="true">{ text::initials(&props.name) }</span>
        },
    }
}
