//! "Suggest a correction" next to a text selection in the article: select the words that are
//! wrong, press the button, and the form opens with them as the passage. Listens to the
//! document's `selectionchange` and reads the selection inside the widget's shadow root
//! (`ShadowRoot.getSelection()` where the browser has it, the document's otherwise) — or, when
//! the widget sits beside the publisher's own article (`data-parts` without `article`), inside the
//! page's element that `data-article-body` names.

use yew::prelude::*;

use crate::hooks::use_strings;

/// Where the reader's selection counts.
#[derive(Clone, Debug, PartialEq)]
pub enum QuoteArea {
    /// The widget's own article content.
    Widget(NodeRef),
    /// The publisher's article element in the page, by CSS selector (looked up at each
    /// selection: the page may render its article after the widget).
    Page(String),
}

/// Props of [`SelectionButton`].
#[derive(Properties, PartialEq, Clone)]
pub struct SelectionButtonProps {
    /// The element whose text counts.
    pub area: QuoteArea,
    /// The button's positioning box (`position: relative`) in the widget.
    pub frame: NodeRef,
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
        let (area, frame, picked) = (props.area.clone(), props.frame.clone(), picked.clone());
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                if let QuoteArea::Page(selector) = &area {
                    if !matches!(doc.query_selector(selector), Ok(Some(_))) {
                        web_sys::console::warn_1(
                            &format!("article-widget: data-article-body=\"{selector}\" matches no element (yet); select-to-quote waits for it").into(),
                        );
                    }
                }
                crate::services::timer::Listener::new(&doc, "selectionchange", move |_| {
                    let next = read_selection(&area, &frame);
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
fn read_selection(area: &QuoteArea, frame: &NodeRef) -> Option<Picked> {
    use wasm_bindgen::JsCast;

    let frame_el = frame.cast::<web_sys::Element>()?;
    let inside = matches!(area, QuoteArea::Widget(_));
    let area = match area {
        QuoteArea::Widget(node) => node.cast::<web_sys::Element>()?,
        QuoteArea::Page(selector) => frame_el
            .owner_document()?
            .query_selector(selector)
            .ok()
            .flatten()?,
    };
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
    let frame = frame_el.get_bounding_client_rect();
    // The nearest `dir` (the article's own, or the widget's).
    let rtl = area
        .closest("[dir]")
        .ok()
        .flatten()
        .and_then(|el| el.get_attribute("dir"))
        .is_some_and(|d| d == "rtl");
    // Below the selection's last line, aligned with its start, kept inside the widget's box —
    // or, for the page's article (above the widget, or beside it), inside the viewport.
    let start = if rtl {
        frame.right() - rect.right()
    } else {
        rect.left() - frame.left()
    };
    let (low, high) = if inside {
        (0.0, frame.width() - 200.0)
    } else {
        let viewport = frame_el
            .owner_document()
            .and_then(|d| d.document_element())
            .map_or(frame.width(), |e| f64::from(e.client_width()));
        let before = if rtl {
            viewport - frame.right()
        } else {
            frame.left()
        };
        (-before, viewport - before - 200.0)
    };
    Some(Picked {
        text,
        top: (rect.bottom() - frame.top() + 6.0) as i32,
        // max/min, not `clamp`: clamp's check of its bounds formats floats when it fails, and
        // that formatting is 9 KB of the bundle.
        left: start.min(high).max(low) as i32,
    })
}
