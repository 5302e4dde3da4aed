//! "Suggest a correction" next to a text selection in the article: select the words that are
//! wrong, press the button, and the form opens with them as the passage. Listens to the
//! document's `selectionchange` and reads the selection inside the widget's shadow root
//! (`ShadowRoot.getSelection()` where the browser has it, the document's otherwise).

use yew::prelude::*;

use crate::hooks::use_strings;

/// Props of [`SelectionButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct SelectionButtonProps {
    /// The element whose text counts (the article content), also the button's positioning box.
    pub area: NodeRef,
    /// Called with the selected text (opens the form with it as the passage).
    pub on_suggest: Callback<Option<String>>,
}

/// A selection inside the area: its text and where to put the button (px, in the area's box).
#[derive(Clone, Debug, PartialEq)]
struct Picked {
    text: String,
    top: i32,
    left: i32,
}

/// The floating button.
#[component]
pub fn SelectionButton(props: &SelectionButtonProps) -> Html {
    let s = use_strings();
    let picked = use_state(|| None::<Picked>);
    let button = use_node_ref();
    // Placed through CSSOM, not a `style` attribute: a page whose Content-Security-Policy has no
    // 'unsafe-inline' for styles blocks style attributes, but not CSSOM.
    {
        let button = button.clone();
        use_effect_with((*picked).clone(), move |picked| {
            if let (Some(p), Some(el)) = (picked, button.cast::<web_sys::HtmlElement>()) {
                let style = el.style();
                let _ = style.set_property("top", &format!("{}px", p.top));
                let _ = style.set_property("inset-inline-start", &format!("{}px", p.left));
            }
        });
    }
    {
        let (area, picked) = (props.area.clone(), picked.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                crate::services::timer::Listener::new(&doc, "selectionchange", move |_| {
                    let next = read_selection(&area);
                    if *picked != next {
                        picked.set(next);
                    }
                })
            });
            move || {
                drop(listener);
            }
        })
    }
    let Some(p) = (*picked).clone() else {
        return Html::default();
    };
    let onclick = {
        let (on_suggest, picked) = (props.on_suggest.clone(), picked.clone());
        let text = p.text.clone();
        Callback::from(move |_: MouseEvent| {
            on_suggest.emit(Some(text.clone()));
            picked.set(None);
        })
    };
    // Pressing the button must not collapse the selection before the click lands.
    let keep_selection = Callback::from(|e: MouseEvent| e.prevent_default());
    html! {
        <button type="button" class="aw-suggest" part="button" ref={button}
            onmousedown={keep_selection} {onclick}>
            { s.suggest }
        </button>
    }
}

/// The selection, if it is non-empty and inside `area`.
fn read_selection(area: &NodeRef) -> Option<Picked> {
    use wasm_bindgen::JsCast;

    let area = area.cast::<web_sys::Element>()?;
    // Inside a shadow root Chromium keeps the real selection on the root; elsewhere the
    // document's selection reaches into open shadow roots.
    let root = area.get_root_node();
    let selection = js_sys::Reflect::get(&root, &"getSelection".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&root).ok())
        .and_then(|s| s.dyn_into::<web_sys::Selection>().ok())
        .or_else(|| web_sys::window()?.get_selection().ok().flatten())?;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let node = range.common_ancestor_container().ok()?;
    if !area.contains(Some(&node)) {
        return None;
    }
    let text = String::from(selection.to_string()).trim().to_owned();
    if text.is_empty() {
        return None;
    }
    let rect = range.get_bounding_client_rect();
    let frame = area.get_bounding_client_rect();
    // The nearest `dir` (the article's own, or the widget's).
    let rtl = area
        .closest("[dir]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("dir"))
        .is_some_and(|d| d == "rtl");
    // Below the selection's last line, aligned with its start, kept inside the area.
    let width = frame.width();
    let start = if rtl {
        frame.right() - rect.right()
    } else {
        rect.left() - frame.left()
    };
    Some(Picked {
        text,
        top: (rect.bottom() - frame.top() + 6.0) as i32,
        left: start.clamp(0.0, (width - 200.0).max(0.0)) as i32,
    })
}
