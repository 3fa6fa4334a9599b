//! The autosave, off the typing path: a change only marks the session as unsaved; it is
//! written to local storage once the page has been idle for [`IDLE_MS`], and at once when the
//! page is hidden or left (`visibilitychange`, `pagehide`: a reload or a closed tab keeps
//! everything), or when the panic hook runs. Serialising the whole session record on every
//! typed line cost the learner time on every Enter.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::persist;

/// Idle time before an unsaved change is written.
pub const IDLE_MS: u32 = 400;

/// What to write: the session record's JSON and the history, computed when written.
pub type Snapshot = Rc<dyn Fn() -> (String, String)>;

#[derive(Default)]
struct Pending {
    /// The latest state's snapshot maker.
    latest: Option<Snapshot>,
    /// A change is not written yet.
    dirty: bool,
    /// The idle timer (dropping it cancels it).
    timer: Option<Timeout>,
    /// The page listeners are installed.
    listening: bool,
}

thread_local! {
    static PENDING: RefCell<Pending> = RefCell::new(Pending::default());
}

/// Notes a change: `snapshot` makes what to write; it is written after [`IDLE_MS`] without
/// another change, or on [`flush`].
pub fn changed(snapshot: Snapshot) {
    let listen = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.latest = Some(snapshot);
        p.dirty = true;
        p.timer = Some(Timeout::new(IDLE_MS, on_idle));
        !std::mem::replace(&mut p.listening, true)
    });
    if listen {
        listen_for_leaving();
    }
}

/// The idle timer fired: its own closure is running, so it is let go of, not dropped.
fn on_idle() {
    if let Some(t) = PENDING.with(|p| p.borrow_mut().timer.take()) {
        t.forget();
    }
    flush();
}

/// Writes the unsaved change now, if there is one.
pub fn flush() {
    let snapshot = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.timer = None;
        if std::mem::take(&mut p.dirty) { p.latest.clone() } else { None }
    });
    if let Some(make) = snapshot {
        write(&make);
    }
}

/// Writes the latest state whether or not it changed (the panic hook: storage may have been
/// cleared or overwritten since). Returns false when nothing was ever noted.
pub fn write_latest() -> bool {
    let latest = PENDING.with(|p| {
        let mut p = p.borrow_mut();
        p.dirty = false;
        p.timer = None;
        p.latest.clone()
    });
    latest.map(|make| write(&make)).is_some()
}

fn write(make: &Snapshot) {
    let (session, history) = make();
    persist::save(persist::SESSION_KEY, &session);
    persist::save(persist::HISTORY_KEY, &history);
}

/// `pagehide` (reload, navigation, closing) and `visibilitychange` (tab switched, window
/// minimised, and on mobile often the last event a page gets) write at once.
fn listen_for_leaving() {
    let Some(window) = web_sys::window() else { return };
    let on_leave = Closure::<dyn Fn()>::new(flush);
    let _ = window.add_event_listener_with_callback("pagehide", on_leave.as_ref().unchecked_ref());
    let _ = gloo::utils::document().add_event_listener_with_callback("visibilitychange", on_leave.as_ref().unchecked_ref());
    // Installed once for the page's life.
    on_leave.forget();
}
