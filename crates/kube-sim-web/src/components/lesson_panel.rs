//! The lesson pane: picker, intro, steps (done / current / upcoming) with click-to-type
//! commands and "open file" buttons, hints one by one, the solution, the outro.

use std::rc::Rc;

use kube_sim_lessons::Progress;
use yew::prelude::*;

use crate::components::goal_view::GoalView;
use crate::components::lesson_picker::LessonPicker;
use crate::i18n::{self, Lang};
use crate::markdown;
use crate::state::{Action, Announcement};

/// Props of [`LessonPanel`].
#[derive(Properties, PartialEq)]
pub struct LessonPanelProps {
    /// UI language.
    pub lang: Lang,
    /// The lesson and the learner's progress; `None` in the sandbox.
    pub progress: Option<Rc<Progress>>,
    /// How many hints are revealed.
    pub hints_shown: usize,
    /// The last step confirmation.
    pub announcement: Option<Announcement>,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
    /// "Show goal" is open.
    #[prop_or_default]
    pub goal_shown: bool,
}

/// Shows the current lesson.
#[function_component(LessonPanel)]
pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = props.lang;
    let ll = lang.lesson();
    let d = props.ondispatch.clone();
    let act = move |a: Action| {
        let d = d.clone();
        Callback::from(move |_: MouseEvent| d.emit(a.clone()))
    };
    let announcement = props.announcement.as_ref().and_then(|a| {
        let lesson = props.progress.as_ref()?.lesson();
        let mut text: Vec<String> = a
            .steps
            .iter()
            .filter_map(|&i| {
                let step = lesson.steps.get(i)?;
                Some(format!("{} {}. {}", i18n::STEP_REACHED.get(lang), i + 1, first_line(step.text.get(ll))))
            })
            .collect();
        if a.complete {
            text.push(i18n::LESSON_COMPLETE.get(lang).to_string());
        }
        Some(text.join(" "))
    });
    let body = match &props.progress {
        None => html! { <p>{ i18n::SANDBOX_INTRO.get(lang) }</p> },
        Some(progress) => {
            let lesson = progress.lesson();
            let current = progress.current_step();
            let steps = lesson.steps.iter().enumerate().map(|(i, step)| {
                let (class, status) = if i < current {
                    ("step done", i18n::STEP_DONE)
                } else if i == current {
                    ("step current", i18n::STEP_CURRENT)
                } else {
                    ("step upcoming", i18n::STEP_UPCOMING)
                };
                html! {
                    <li class={class} aria-current={(i == current).then_some("step")} data-testid={format!("step-{i}")}>
                        <span class="visually-hidden">{ format!("{}: ", status.get(lang)) }</span>
                        <div class="step-text">{ markdown::render(step.text.get(ll)) }</div>
                        { for step.commands.iter().map(|c| html! {
                            <button class="cmd" data-testid="lesson-command" title={i18n::TYPE_COMMAND.get(lang)}
                                    onclick={act(Action::SetInput(c.clone()))}><code>{ c }</code></button>
                        }) }
                        if let Some(file) = &step.open {
                            <button class="open-file" data-testid="open-file" onclick={act(Action::OpenFile(file.clone()))}>
                                { format!("{} {file}", i18n::OPEN_FILE.get(lang)) }</button>
                        }
                    </li>
                }
            });
            let hints_left = lesson.hints.len().saturating_sub(props.hints_shown);
            html! {
                <>
                    <h3 class="lesson-title">{ lesson.title.get(ll) }
                        if lesson.challenge { <span class="badge">{ i18n::CHALLENGE.get(lang) }</span> }
                    </h3>
                    <div class="intro">{ markdown::render(lesson.intro.get(ll)) }</div>
                    <GoalView lang={lang} goal={progress.current().map(|s| s.goal.clone())} shown={props.goal_shown}
                              ondispatch={props.ondispatch.clone()} />
                    <h4>{ i18n::STEPS.get(lang) }</h4>
                    <ol class="steps">{ for steps }</ol>
                    if progress.is_complete() {
                        <div class="outro" data-testid="outro">{ markdown::render(lesson.outro.get(ll)) }</div>
                    }
                    if !lesson.hints.is_empty() {
                        <h4>{ i18n::HINTS.get(lang) }</h4>
                        <ol class="hints" data-testid="hints">
                            { for lesson.hints.iter().take(props.hints_shown).map(|h| html! { <li>{ markdown::render(h.get(ll)) }</li> }) }
                        </ol>
                        <button data-testid="show-hint" disabled={hints_left == 0} onclick={act(Action::ShowHint)}>
                            { if hints_left == 0 { i18n::NO_MORE_HINTS.get(lang).to_string() }
                              else { format!("{} ({hints_left})", i18n::SHOW_HINT.get(lang)) } }
                        </button>
                    }
                    if !lesson.solution.is_empty() {
                        <button data-testid="show-solution" title={i18n::SOLUTION_NOTE.get(lang)}
                                onclick={act(Action::ShowSolution)}>{ i18n::SHOW_SOLUTION.get(lang) }</button>
                    }
                    <button data-testid="reset-lesson" onclick={act(Action::Reset)}>{ i18n::RESET_LESSON.get(lang) }</button>
                </>
            }
        }
    };
    let current_id = props.progress.as_ref().map(|p| AttrValue::from(p.lesson().id.clone()));
    html! {
        <section class="region lesson" data-testid="lesson" aria-label={i18n::LESSON.get(lang)}>
            <h2>{ i18n::LESSON.get(lang) }</h2>
            <LessonPicker lang={lang} current={current_id} ondispatch={props.ondispatch.clone()} />
            <div class="step-confirmation" role="status" aria-live="polite" data-testid="step-confirmation">
                { announcement.unwrap_or_default() }
            </div>
            <div class="lesson-body">{ body }</div>
        </section>
    }
}

/// The first line of a step text, for the short confirmation.
fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim()
}
