//! "Show goal": the current step's target state in words (generated from the goal predicate
//! by `kube_sim_lessons::describe`), with the objects it names outlined in the graph.

use kube_sim_lessons::describe::describe;
use kube_sim_lessons::Goal;
use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::Action;

/// Props of [`GoalView`].
#[derive(Properties, PartialEq)]
pub struct GoalViewProps {
    /// UI language.
    pub lang: Lang,
    /// The current step's goal; `None` once every step is done.
    pub goal: Option<Goal>,
    /// Whether the goal is shown.
    pub shown: bool,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
}

/// The button and, when shown, the description.
#[function_component(GoalView)]
pub fn goal_view(props: &GoalViewProps) -> Html {
    let lang = props.lang;
    let toggle = {
        let d = props.ondispatch.clone();
        let next = !props.shown;
        Callback::from(move |_: MouseEvent| d.emit(Action::ShowGoal(next)))
    };
    let label = if props.shown { i18n::HIDE_GOAL } else { i18n::SHOW_GOAL };
    let body = match &props.goal {
        None => html! { <p>{ i18n::GOAL_DONE.get(lang) }</p> },
        Some(goal) => {
            let lines = describe(goal, lang.lesson());
            html! {
                <>
                    <ul class="goal-lines">
                        { for lines.iter().map(|l| html! {
                            <li class={format!("goal-depth-{}", l.depth.min(4))} data-testid="goal-line">{ &l.text }</li>
                        }) }
                    </ul>
                    <p class="goal-note">{ i18n::GOAL_OUTLINED.get(lang) }</p>
                </>
            }
        }
    };
    html! {
        <div class="goal-view">
            <button data-testid="show-goal" aria-expanded={props.shown.to_string()}
                    onclick={toggle}>{ label.get(lang) }</button>
            if props.shown {
                <div id="goal-description" class="goal-description" data-testid="goal-description" role="note"
                     aria-label={i18n::GOAL_TITLE.get(lang)}>
                    <strong>{ i18n::GOAL_TITLE.get(lang) }</strong>
                    { body }
                </div>
            }
        </div>
    }
}
