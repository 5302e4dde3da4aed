//! The view: one function component a file. Components only lay out data they are given; the
//! article has been cleaned and its URLs filtered by the parser before it gets here.

mod app;
mod article_view;
mod author_card;
mod avatar;
mod body;
mod byline;
mod embed_facade;
mod error_box;
mod figure;
mod form_field;
mod markup;
pub mod native_form;
mod related_teaser;
mod selection_button;
mod skeleton;
mod topic_tags;
mod trust_box;

pub use app::{App, AppProps};
pub use article_view::{ArticleView, ArticleViewProps};
pub use author_card::{AuthorCard, AuthorCardProps};
pub use avatar::{Avatar, AvatarProps};
pub use body::{Body, BodyProps};
pub use byline::{Byline, BylineProps};
pub use embed_facade::{EmbedFacade, EmbedFacadeProps};
pub use error_box::{ErrorBox, ErrorBoxProps};
pub use figure::{Figure, FigureProps};
pub use markup::{date_time, heading, link};
pub use native_form::{NativeForm, NativeFormProps};
pub use related_teaser::{RelatedTeaser, RelatedTeaserProps};
pub use selection_button::{QuoteArea, SelectionButton, SelectionButtonProps};
pub use skeleton::Skeleton;
pub use topic_tags::{TopicTags, TopicTagsProps};
pub use trust_box::{TrustBox, TrustBoxProps};
