//! The graph's power button of one machine: a keyboard-reachable switch drawn in the node's
//! top-right corner (a sibling of the node's own button, never inside it).

use yew::prelude::*;

use crate::i18n::{self, Lang};

/// Props of [`PowerSwitch`].
#[derive(Properties, PartialEq)]
pub struct PowerSwitchProps {
    /// UI language.
    pub lang: Lang,
    /// The machine's name.
    pub host: String,
    /// Whether it is powered on now.
    pub on: bool,
    /// Its node box: x, y, width.
    pub at: (i32, i32, i32),
    /// Asked to switch `host` to the given state (true: on).
    pub onpower: Callback<(String, bool)>,
}

/// One machine's power switch.
#[function_component(PowerSwitch)]
pub fn power_switch(props: &PowerSwitchProps) -> Html {
    let lang = props.lang;
    let (x, y, w) = props.at;
    let toggle = {
        let (host, on, f) = (props.host.clone(), props.on, props.onpower.clone());
        Callback::from(move |()| f.emit((host.clone(), !on)))
    };
    let onclick = toggle.reform(|_: MouseEvent| ());
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            toggle.emit(());
        }
    });
    let action = if props.on { i18n::POWER_OFF } else { i18n::POWER_ON };
    let label = format!("{} {}", action.get(lang), props.host);
    let state = if props.on { "on" } else { "off" };
    let (bx, by) = (x + w - 30, y + 5);
    html! {
        <g class={classes!("power-switch", format!("power-{state}"))} data-testid={format!("power-{}", props.host)}
           data-power={state} role="switch" aria-checked={props.on.to_string()} tabindex="0"
           aria-label={label.clone()} {onclick} {onkeydown}>
            <title>{ label }</title>
            <rect x={bx.to_string()} y={by.to_string()} width="24" height="20" rx="4" />
            // The power symbol, drawn (fonts rarely have U+23FB).
            <path aria-hidden="true" d={format!("M {} {} A 6 6 0 1 0 {} {}", bx + 8, by + 6, bx + 16, by + 6)} />
            <line aria-hidden="true" x1={(bx + 12).to_string()} y1={(by + 3).to_string()} x2={(bx + 12).to_string()} y2={(by + 10).to_string()} />
        </g>
    }
}
