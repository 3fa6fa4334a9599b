//! The root component: owns the one reducer, lays out the regions, and holds the browser
//! effects (autosave, history, language and theme storage, the time bar's timer).

use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use crate::components::{
    editor::Editor, graph::Graph, lesson_panel::LessonPanel, notice_banner::NoticeBanner, terminal::Terminal,
    time_bar::TimeBar, toolbar::Toolbar,
};
use crate::autosave;
use crate::crash;
use crate::i18n;
use crate::persist;
use crate::state::{Action, Notice, Speed};
use crate::warm;

/// Props of [`App`].
#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Set only for the warm-up's hidden copy (see `warm`): it starts from a copy of the lab
    /// instead of the page's storage and address, types the warm-up's lines and touches
    /// nothing outside itself (no storage, no autosave, no document attributes).
    #[prop_or_default]
    pub warm: Option<warm::Run>,
}

/// The playground.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let run = props.warm.clone();
        use_reducer(move || run.map_or_else(persist::initial_state, |r| r.initial_state()))
    };
    // The page's playground (not the warm-up's copy).
    let live = props.warm.is_none();
    let lang = state.lang;
    let derived = state.cluster.derived();
    let dispatch = {
        let d = state.dispatcher();
        Callback::from(move |a: Action| d.dispatch(a))
    };

    // Compile the code a first command runs before the learner types it (see `warm`), once the
    // first frame is painted; the warm-up's copy types its lines.
    {
        let lab = state.cluster.clone();
        let run = props.warm.clone();
        let d = state.dispatcher();
        use_effect_with((), move |_| match run {
            None => {
                warm::mark("kube-sim-rendered");
                warm::after_first_paint(move || warm::warm_up(&lab.get(), lang));
            }
            Some(run) => warm::type_lines(&run, d),
        });
    }

    // The next line's simulated second, made on a copy once this change is painted (see
    // `Lab::prepare_ahead`); not for the warm-up's copy, which types at once. On the handle
    // and its change count: a lesson's start replaces the handle.
    use_effect_with((state.cluster.clone(), state.cluster.changes()), move |(lab, _)| {
        if live {
            let lab = lab.clone();
            warm::after_first_paint(move || lab.prepare_ahead());
        }
    });

    // Autosave: the session record and the history, once the page is idle or hidden (see
    // `autosave`); the panic hook writes the latest state too.
    {
        let state = state.clone();
        use_effect_with((state.revision, Rc::clone(&state.history)), move |_| {
            if !live {
                return;
            }
            autosave::changed(Rc::new(move || (state.session_record().to_json(), state.history.join("\n"))));
        });
    }
    use_effect_with((lang, state.theme), move |(lang, theme)| {
        if !live {
            return;
        }
        crash::remember(*lang);
        persist::save(persist::LANG_KEY, lang.code());
        persist::save(persist::THEME_KEY, theme.code());
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    {
        let d = state.dispatcher();
        use_effect_with(state.speed, move |speed| {
            let step = match speed {
                Speed::Paused => 0,
                Speed::X1 => 1,
                Speed::X10 => 10,
            };
            let timer = (step > 0).then(|| Interval::new(1_000, move || d.dispatch(Action::Tick(step))));
            move || drop(timer)
        });
    }

    let onshare = {
        let state = state.clone();
        let d = dispatch.clone();
        Callback::from(move |_: ()| {
            let link = format!("{}#s={}", persist::base_url(), state.session_record().encode());
            persist::copy(&link);
            d.emit(Action::SetNotice(Some(Notice::Share(link))));
        })
    };
    let onexport = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let name = match &state.record.lesson {
                Some(id) => format!("kube-sim-{id}.json"),
                None => "kube-sim-sandbox.json".to_string(),
            };
            persist::download(&name, &state.session_record().to_json());
        })
    };

    let onexport_cluster = {
        let state = state.clone();
        Callback::from(move |_: ()| {
            let (name, text) = crate::export_cluster::bundle(&state);
            persist::download_as(&name, &text, "text/x-shellscript");
        })
    };
    // The graph's callbacks are memoised (on the dispatcher, on the lab's handle), so that the
    // graph is not redrawn for actions that change nothing it shows (editor keystrokes).
    let onpower = use_callback(state.dispatcher(), |(host, on): (String, bool), d| d.dispatch(Action::SetPower(host, on)));

    // Details for a clicked object, computed on a copy so looking never changes the lab.
    let ondescribe = use_callback(state.cluster.clone(), |(kind, ns, name): (String, String, String), lab| {
        let mut lab = lab.get().clone();
        let ns = if ns.is_empty() { String::new() } else { format!(" -n {ns}") };
        lab.type_line(&format!("kubectl describe {} {name}{ns}", kind.to_ascii_lowercase())).output
    });
    let ondetails = use_callback(state.cluster.clone(), |(kind, ns, name): (String, String, String), lab| {
        crate::components::object_details::details_of(&lab.get(), &kind, &ns, &name)
    });
    let highlight: Vec<String> = match (&state.progress, state.goal_shown) {
        (Some(p), true) => p.current().map_or_else(Vec::new, |s| {
            kube_sim_lessons::describe::targets(&s.goal).iter().map(|t| t.testid()).collect()
        }),
        _ => Vec::new(),
    };
    let theme_class = format!("theme-{}", state.theme.code());
    html! {
        <div class={classes!("app", theme_class)} lang={lang.code()}>
            <header class="topbar">
                <h1>{ i18n::APP_TITLE.get(lang) }</h1>
                <TimeBar lang={lang} now={state.cluster.get().now()} speed={state.speed} ondispatch={dispatch.clone()}
                         next={derived.next.clone()} />
                <Toolbar lang={lang} theme={state.theme} can_undo={!state.undo.is_empty()}
                         in_lesson={state.progress.is_some()} ondispatch={dispatch.clone()}
                         {onshare} {onexport} {onexport_cluster} />
            </header>
            <NoticeBanner lang={lang} notice={state.notice.clone()} secrets={state.secrets_warning}
                          ondispatch={dispatch.clone()} />
            <main class="regions">
                <LessonPanel lang={lang} progress={state.progress.clone()} hints_shown={state.hints_shown}
                             announcement={state.announcement.clone()} ondispatch={dispatch.clone()}
                             goal_shown={state.goal_shown} />
                <Editor lang={lang} tabs={state.tabs.clone()} active={state.active} ondispatch={dispatch.clone()} />
                <Graph lang={lang} view={Rc::clone(&derived.view)} ondescribe={ondescribe} ondetails={Some(ondetails)}
                       session={derived.session.clone()} {highlight} now={state.cluster.get().now()} {onpower} />
                <Terminal lang={lang} prompt={state.cluster.get().prompt()} scrollback={state.scrollback.clone()}
                          dropped_note={state.scrollback_note()}
                          history={state.history.clone()} input_request={state.input_request.clone()}
                          ondispatch={dispatch} />
            </main>
        </div>
    }
}
