//! The lesson picker: every lesson of the catalog in the current language, challenges marked,
//! and the sandbox one click away.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::Action;

/// Props of [`LessonPicker`].
#[derive(Properties, PartialEq)]
pub struct LessonPickerProps {
    /// UI language.
    pub lang: Lang,
    /// The lesson being followed; `None` in the sandbox.
    pub current: Option<AttrValue>,
    /// Where the choice goes.
    pub ondispatch: Callback<Action>,
}

/// Chooses a lesson or the sandbox.
#[function_component(LessonPicker)]
pub fn lesson_picker(props: &LessonPickerProps) -> Html {
    let lang = props.lang;
    let onchange = {
        let d = props.ondispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let id = select.value();
            d.emit(Action::StartLesson((!id.is_empty()).then_some(id)));
        })
    };
    let sandbox = {
        let d = props.ondispatch.clone();
        Callback::from(move |_| d.emit(Action::StartLesson(None)))
    };
    let current = props.current.as_deref().unwrap_or("");
    html! {
        <div class="lesson-picker">
            <label for="lesson-select" class="visually-hidden">{ i18n::LESSON_PICKER.get(lang) }</label>
            <select id="lesson-select" data-testid="lesson-select" {onchange}>
                <option value="" selected={current.is_empty()}>{ i18n::SANDBOX_OPTION.get(lang) }</option>
                { for kube_sim_lessons::INDEX.iter().map(|l| {
                    let marker = if l.challenge { format!(" ★ {}", i18n::CHALLENGE.get(lang)) } else { String::new() };
                    html! {
                        <option value={l.id} selected={l.id == current}>
                            { format!("{}{marker}", l.title(lang.lesson())) }
                        </option>
                    }
                }) }
            </select>
            <button data-testid="sandbox" onclick={sandbox}>{ i18n::SANDBOX.get(lang) }</button>
        </div>
    }
}
