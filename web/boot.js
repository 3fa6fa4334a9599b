// Loads the playground. An external module (not Trunk's inline loader) so that the page's
// Content-Security-Policy can forbid inline scripts. Paths are relative to this file, so the
// site works under any sub-path.
performance.mark('kube-sim-boot');

// The page shows a loading notice (#boot in index.html) until the app's first render removes
// it. If the app cannot start (no WebAssembly, the download failed, the module is broken), the
// notice says so instead of leaving a blank page. Text only: nothing here is parsed as HTML.
const notice = document.getElementById('boot');
function failed(err, noWasm = false) {
  console.error(err);
  // The app started and then failed: its own panel (src/crash.rs) has taken over.
  if (!notice || !notice.isConnected) return;
  const reason = String(err && err.message ? err.message : err).slice(0, 300);
  notice.className = 'boot boot-failed';
  notice.setAttribute('role', 'alert');
  notice.replaceChildren();
  const line = (lang, text) => {
    const p = document.createElement('p');
    p.lang = lang;
    p.textContent = text;
    notice.append(p);
  };
  line('en', `The playground could not start: ${reason}`);
  line('zh-CN', `练习场无法启动：${reason}`);
  if (noWasm) {
    line('en', 'It needs a browser with WebAssembly (Chrome, Edge, Firefox or Safari from 2021 on).');
    line('zh-CN', '需要支持 WebAssembly 的浏览器（2021 年以后的 Chrome、Edge、Firefox 或 Safari）。');
  } else {
    line('en', 'Check the connection, then reload the page.');
    line('zh-CN', '请检查网络连接，然后重新加载页面。');
  }
  line('en', 'Work saved in this browser is kept.');
  line('zh-CN', '保存在本浏览器中的内容不会丢失。');
  const reload = document.createElement('a');
  reload.href = '';
  reload.className = 'button';
  reload.textContent = 'Reload · 重新加载';
  notice.append(reload);
}

async function load() {
  // The wasm's compilation starts first, off the main thread, from the download the page's
  // preload started (a static import of the glue would wait for the glue to load and run)...
  const url = new URL('./kube-sim-web_bg.wasm', import.meta.url);
  const wasm = WebAssembly.compileStreaming(fetch(url)).catch((e) => {
    // A wrong MIME type: the glue's own loader copes. Anything else (a failed download, a broken
    // module) is the reason the page shows.
    if (e instanceof TypeError && /MIME|Content-Type/i.test(String(e.message))) return url;
    throw e;
  });
  // ...while the main thread opens local storage, which the app reads first thing (the first
  // access to it waits for the browser to load it), and loads the glue.
  try { localStorage.getItem('kube-sim.session'); } catch { /* storage refused: the app copes */ }
  const { default: init } = await import('./kube-sim-web.js');
  await init({ module_or_path: await wasm });
}

if (typeof WebAssembly !== 'object') failed(new Error('this browser has no WebAssembly'), true);
else await load().catch((e) => failed(e));
