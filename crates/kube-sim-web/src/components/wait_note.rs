//! The time bar's "waiting on time" note: the soonest timer the core reports
//! ([`kube_sim_core::waiting::Waiting`]) in words, and "skip to next event", which lets
//! simulated time pass until it.

use kube_sim_core::waiting::{WaitKind, Waiting};
use yew::prelude::*;

use crate::i18n::{self, Lang, Msg};
use crate::state::Action;

/// Props of [`WaitNote`].
#[derive(Properties, PartialEq)]
pub struct WaitNoteProps {
    /// UI language.
    pub lang: Lang,
    /// The simulated time, Unix seconds.
    pub now: i64,
    /// The soonest armed timer.
    pub next: Option<Waiting>,
    /// Where actions go.
    pub ondispatch: Callback<Action>,
}

fn kind_label(what: WaitKind) -> Msg {
    match what {
        WaitKind::NodeNotReady => i18n::WAIT_NODE_NOT_READY,
        WaitKind::Eviction => i18n::WAIT_EVICTION,
        WaitKind::CrashLoopBackOff => i18n::WAIT_CRASH_LOOP,
        WaitKind::ImagePullBackOff => i18n::WAIT_IMAGE_BACK_OFF,
        WaitKind::ImagePull => i18n::WAIT_IMAGE_PULL,
        WaitKind::MountRetry => i18n::WAIT_MOUNT_RETRY,
        WaitKind::ProjectedResync => i18n::WAIT_PROJECTED,
        WaitKind::GracePeriod => i18n::WAIT_GRACE,
        WaitKind::ClaimResync => i18n::WAIT_CLAIM_RESYNC,
        WaitKind::RecyclerDeadline => i18n::WAIT_RECYCLER,
    }
}

/// `4 m 12 s`, `1 h 0 m 5 s`, `12 s`; in Chinese `4 分 12 秒`.
pub fn duration_words(secs: i64, lang: Lang) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    let (hu, mu, su) = (i18n::HOURS.get(lang), i18n::MINUTES.get(lang), i18n::SECONDS.get(lang));
    if h > 0 {
        format!("{h} {hu} {m} {mu} {s} {su}")
    } else if m > 0 {
        format!("{m} {mu} {s} {su}")
    } else {
        format!("{s} {su}")
    }
}

/// The note's text: `eviction of default/web in 4 m 12 s`, `4 分 12 秒后驱逐 default/web`.
pub fn note_text(w: &Waiting, now: i64, lang: Lang) -> String {
    let what = kind_label(w.what).get(lang);
    let dur = duration_words(w.at - now, lang);
    match lang {
        Lang::En => format!("{what} {} {} {dur}", w.subject, i18n::WAIT_IN.get(lang)),
        Lang::Zh => format!("{dur}{}{what} {}", i18n::WAIT_IN.get(lang), w.subject),
    }
}

/// The note and the skip button.
#[function_component(WaitNote)]
pub fn wait_note(props: &WaitNoteProps) -> Html {
    let lang = props.lang;
    let secs = props.next.as_ref().map(|w| w.at - props.now).filter(|s| *s > 0);
    let skip = {
        let d = props.ondispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = secs {
                d.emit(Action::Tick(s));
            }
        })
    };
    let text = match &props.next {
        Some(w) => format!("{} {}", i18n::WAIT_NEXT.get(lang), note_text(w, props.now, lang)),
        None => i18n::WAIT_NONE.get(lang).to_string(),
    };
    html! {
        <>
            <button data-testid="skip-next" title={i18n::SKIP_NEXT_LABEL.get(lang)} disabled={secs.is_none()}
                    onclick={skip}>{ i18n::SKIP_NEXT.get(lang) }</button>
            <span class="wait-note" data-testid="wait-note" data-at={props.next.as_ref().map(|w| w.at.to_string())}>{ text }</span>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_in_both_languages() {
        let w = Waiting { what: WaitKind::Eviction, subject: "default/mysql-0".into(), at: 1_000 + 252 };
        assert_eq!(note_text(&w, 1_000, Lang::En), "eviction of default/mysql-0 in 4 m 12 s");
        assert_eq!(note_text(&w, 1_000, Lang::Zh), "4 分 12 秒后驱逐 default/mysql-0");
        assert_eq!(duration_words(3_605, Lang::En), "1 h 0 m 5 s");
        assert_eq!(duration_words(9, Lang::Zh), "9 秒");
    }
}
