//! The instance's configuration, provided once by the root component as a context (never a
//! global: several widgets on one page each have their own).

use std::rc::Rc;

use yew::prelude::*;

use crate::config::WidgetConfig;
use crate::i18n::{strings_for, Strings};

/// What the root provides.
pub type ConfigContext = Rc<WidgetConfig>;

/// This instance's configuration (the default one outside a provider, e.g. in isolated tests).
#[hook]
pub fn use_config() -> Rc<WidgetConfig> {
    use_context::<ConfigContext>().unwrap_or_default()
}

/// The UI strings for this instance's locale.
#[hook]
pub fn use_strings() -> &'static Strings {
    strings_for(&use_config().locale)
}
