// Loads the playground. An external module (not Trunk's inline loader) so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// site works under any sub-path.
import init from './kube-sim-web.js';

await init({ module_or_path: new URL('./kube-sim-web_bg.wasm', import.meta.url) });
