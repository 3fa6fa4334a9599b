//! The lesson pane.

use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// UI language.
    pub lang: Lang,
}

/// Shows the current lesson.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    html! {
        <section class="region lesson" data-testid="lesson" aria-label={i18n::LESSON.get(props.lang)}>
            <h2>{ i18n::LESSON.get(props.lang) }</h2>
            <p>{ i18n::LESSON_PLACEHOLDER.get(props.lang) }</p>
        </section>
    }
}
