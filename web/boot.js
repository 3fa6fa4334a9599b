// Loads the playground. An external module (not Trunk's inline loader) so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// site works under any sub-path.
performance.mark('kube-sim-boot');

// The wasm's compilation starts first, off the main thread, from the download the page's
// preload started (a static import of the glue would wait for the glue to load and run)...
const url = new URL('./kube-sim-web_bg.wasm', import.meta.url);
const wasm = WebAssembly.compileStreaming(fetch(url)).catch(() => url); // wrong MIME type: the glue copes
// ...while the main thread opens local storage, which the app reads first thing (the first
// access to it waits for the browser to load it), and loads the glue.
try { localStorage.getItem('kube-sim.session'); } catch { /* storage refused: the app copes */ }
const { default: init } = await import('./kube-sim-web.js');
await init({ module_or_path: await wasm });
