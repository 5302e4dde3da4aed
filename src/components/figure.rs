//! An image with caption and credit. Width and height are set when known so the browser reserves
//! the space before the image arrives.

use yew::prelude::*;

use crate::hooks::use_strings;
use crate::model::Image;

/// Props of [`Figure`].
#[derive(Properties, PartialEq, Clone)]
pub struct FigureProps {
    /// The image.
    pub image: Image,
    /// The lead image loads eagerly; body images lazily.
    #[prop_or_default]
    pub lead: bool,
}

/// `<figure>` with `<img>` and `<figcaption>`.
#[component]
pub fn Figure(props: &FigureProps) -> Html {
    let s = use_strings();
    let image = &props.image;
    let class = classes!("aw-figure", props.lead.then_some("aw-figure--lead"));
    let has_caption = image.caption.is_some() || image.credit.is_some();
    html! {
        <figure {class}>
            <img
                src={image.src.href.clone()}
                alt={image.alt.clone()}
                width={image.width.map(|w| w.to_string())}
                height={image.height.map(|h| h.to_string())}
                loading={(!props.lead).then_some("lazy")}
                decoding="async"
            />
            if has_caption {
                <figcaption>
                    if let Some(caption) = &image.caption { <span class="aw-caption">{ caption }</span> }
                    if let Some(credit) = &image.credit {
                        <span class="aw-credit">{ format!("{} {credit}", s.photo_credit) }</span>
                    }
                </figcaption>
            }
        </figure>
    }
}
