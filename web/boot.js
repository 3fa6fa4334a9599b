// Loads the playground. An external module (not Trunk's inline loader) so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// site works under any sub-path.
import init from './kube-sim-web.js';

performance.mark('kube-sim-boot');

// The download and compilation of the wasm start here and go on off the main thread...
const ready = init({ module_or_path: new URL('./kube-sim-web_bg.wasm', import.meta.url) });
// ...while the main thread opens local storage, which the app reads first thing (the first
// access to it waits for the browser to load it).
try { localStorage.getItem('kube-sim.session'); } catch { /* storage refused: the app copes */ }
await ready;
