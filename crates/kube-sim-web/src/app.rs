//! The root component: owns the one reducer and lays out the regions.

use yew::prelude::*;

use crate::components::{editor::Editor, graph::Graph, lesson_panel::LessonPanel, terminal::Terminal};
use crate::i18n::{self, Lang};
use crate::state::{Action, Playground};

/// The playground.
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| Playground::new(Lang::from_browser()));
    let lang = state.lang;
    let dispatch = {
        let state = state.clone();
        Callback::from(move |a: Action| state.dispatch(a))
    };
    let toggle_lang = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::SetLang(lang.toggled())))
    };
    html! {
        <div class="app" lang={lang.code()}>
            <header class="topbar">
                <h1>{ i18n::APP_TITLE.get(lang) }</h1>
                <button data-testid="lang-toggle" class="lang-toggle"
                        aria-label={i18n::SWITCH_LANG_LABEL.get(lang)} onclick={toggle_lang}>
                    { i18n::SWITCH_LANG.get(lang) }
                </button>
            </header>
            <main class="regions">
                <LessonPanel lang={lang} />
                <Editor lang={lang} text={state.editor_text.clone()} ondispatch={dispatch.clone()} />
                <Graph lang={lang} />
                <Terminal lang={lang} prompt={state.cluster.prompt()} scrollback={state.scrollback.clone()}
                          history={state.history.clone()} ondispatch={dispatch} />
            </main>
        </div>
    }
}
