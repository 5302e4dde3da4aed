//! The correction form's bundle entry (see `article_widget::form_bundle`): the core widget's
//! loader imports it when a reader opens the form.

fn main() {
    #[cfg(feature = "form")]
    article_widget::form_bundle::start();
}
