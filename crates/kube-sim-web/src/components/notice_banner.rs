//! The banner: restore/link/import messages, undo notes, the share link, the Secrets warning.

use yew::prelude::*;

use crate::i18n::{self, Lang};
use crate::state::{Action, Notice};

/// Props of [`NoticeBanner`].
#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    /// UI language.
    pub lang: Lang,
    /// The message, if any.
    pub notice: Option<Notice>,
    /// The session probably holds Secrets.
    pub secrets: bool,
    /// Where "dismiss" goes.
    pub ondispatch: Callback<Action>,
}

/// Shows the current notice.
#[function_component(NoticeBanner)]
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let lang = props.lang;
    let with = |m: i18n::Msg, detail: &str| format!("{} {detail}", m.get(lang));
    let (text, error, link) = match &props.notice {
        None => (None, false, None),
        Some(Notice::SaveCorrupt) => (Some(i18n::SAVE_CORRUPT.get(lang).to_string()), true, None),
        Some(Notice::Restored) => (Some(i18n::RESTORED.get(lang).to_string()), false, None),
        Some(Notice::LinkLoaded) => (Some(i18n::LINK_LOADED.get(lang).to_string()), false, None),
        Some(Notice::LinkFailed(e)) => (Some(with(i18n::LINK_FAILED, e)), true, None),
        Some(Notice::Imported) => (Some(i18n::IMPORTED.get(lang).to_string()), false, None),
        Some(Notice::ImportFailed(e)) => (Some(with(i18n::IMPORT_FAILED, e)), true, None),
        Some(Notice::NothingToUndo) => (Some(i18n::NOTHING_TO_UNDO.get(lang).to_string()), false, None),
        Some(Notice::Undone(line)) => (Some(with(i18n::UNDONE, line)), false, None),
        Some(Notice::RecordFull) => (Some(i18n::RECORD_FULL.get(lang).to_string()), true, None),
        Some(Notice::PasteKept { lines, file }) => {
            let (n, max) = (i18n::grouped(*lines), i18n::grouped(crate::state::MAX_PASTE_LINES));
            (Some(i18n::fill(i18n::PASTE_KEPT.get(lang), &[("n", n.as_str()), ("max", max.as_str()), ("file", file.as_str())])), true, None)
        }
        Some(Notice::ReplayCut { replayed, total, file }) => {
            let (n, t) = (i18n::grouped(*replayed), i18n::grouped(*total));
            let secs = i18n::grouped(kube_sim_core::session::MAX_REPLAY_SECONDS.unsigned_abs() as usize);
            let steps = i18n::grouped(kube_sim_core::session::MAX_REPLAY_STEPS as usize);
            let args = [("n", n.as_str()), ("total", t.as_str()), ("secs", secs.as_str()), ("steps", steps.as_str()), ("file", file.as_str())];
            (Some(i18n::fill(i18n::REPLAY_CUT.get(lang), &args)), true, None)
        }
        Some(Notice::BadFileName) => (Some(i18n::BAD_FILE_NAME.get(lang).to_string()), true, None),
        Some(Notice::Share(link)) => (Some(i18n::SHARE_COPIED.get(lang).to_string()), false, Some(link.clone())),
    };
    let dismiss = {
        let d = props.ondispatch.clone();
        Callback::from(move |_| d.emit(Action::SetNotice(None)))
    };
    html! {
        <div class="notices" role="status" aria-live="polite" data-testid="notice">
            if let Some(text) = text {
                <div class={classes!("notice", error.then_some("notice-error"))}>
                    <span>{ text }</span>
                    if let Some(link) = link {
                        <input class="share-link" data-testid="share-link" readonly=true value={link}
                               aria-label={i18n::SHARE.get(lang)} />
                    }
                    <button class="dismiss" onclick={dismiss}>{ i18n::DISMISS.get(lang) }</button>
                </div>
            }
            if props.secrets {
                <div class="notice notice-warn" data-testid="secrets-warning">{ i18n::SECRETS_WARNING.get(lang) }</div>
            }
        </div>
    }
}
