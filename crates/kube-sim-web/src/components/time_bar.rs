//! The time bar: the simulated clock (UTC), pause / 1× / 10×, "skip 60 s", and what the
//! cluster waits on time for (with "skip to next event").

use yew::prelude::*;

use kube_sim_core::waiting::Waiting;

use crate::components::wait_note::WaitNote;
use crate::i18n::{self, Lang};
use crate::state::{Action, Speed};

/// Props of [`TimeBar`].
#[derive(Properties, PartialEq)]
pub struct TimeBarProps {
    /// UI language.
    pub lang: Lang,
    /// The simulated time, Unix seconds.
    pub now: i64,
    /// How fast time runs.
    pub speed: Speed,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
    /// The soonest thing the cluster waits on time for.
    #[prop_or_default]
    pub next: Option<Waiting>,
}

/// Shows and drives simulated time.
#[function_component(TimeBar)]
pub fn time_bar(props: &TimeBarProps) -> Html {
    let lang = props.lang;
    let stamp = kube_sim_core::clock::rfc3339(props.now);
    let shown = stamp.replace('T', " ").replace('Z', " UTC");
    let speed_button = |speed: Speed, label: i18n::Msg, id: &'static str| {
        let d = props.ondispatch.clone();
        html! {
            <button data-testid={id} aria-pressed={(props.speed == speed).to_string()}
                    onclick={Callback::from(move |_| d.emit(Action::SetSpeed(speed)))}>{ label.get(lang) }</button>
        }
    };
    let skip = {
        let d = props.ondispatch.clone();
        Callback::from(move |_| d.emit(Action::Tick(60)))
    };
    html! {
        <div class="time-bar" role="group" aria-label={i18n::TIME.get(lang)}>
            <time datetime={stamp.clone()} data-testid="clock" title={i18n::TIME.get(lang)}>{ shown }</time>
            <div class="speed" role="group" aria-label={i18n::SPEED_LABEL.get(lang)}>
                { speed_button(Speed::Paused, i18n::PAUSE, "speed-pause") }
                { speed_button(Speed::X1, i18n::SPEED_1, "speed-1") }
                { speed_button(Speed::X10, i18n::SPEED_10, "speed-10") }
            </div>
            <button data-testid="skip-60" onclick={skip}>{ i18n::SKIP_60.get(lang) }</button>
            <WaitNote lang={lang} now={props.now} next={props.next.clone()} ondispatch={props.ondispatch.clone()} />
        </div>
    }
}
