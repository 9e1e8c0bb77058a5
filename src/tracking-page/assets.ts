/**
 * The tracking page's inline style and script: no CDN, no extra requests. Colours keep a contrast of
 * at least 4.5:1 on their backgrounds (WCAG AA).
 */
export const PAGE_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f6f7f9}
header,footer{padding:.75rem 1rem;background:#0b3d6e;color:#fff}
header p,footer p{max-width:42rem;margin:0 auto}
footer{background:transparent;color:#4a4a4a;font-size:.875rem}
.brand{margin:0;font-weight:600}
main{max-width:44rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0}
h1 .number{font-family:ui-monospace,Menlo,Consolas,monospace;overflow-wrap:anywhere}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
.carrier,.live-state{margin:.25rem 0;color:#4a4a4a}
.status{font-size:1.25rem;margin:1rem 0 .5rem}
.steps{display:flex;gap:.25rem;list-style:none;margin:0;padding:0}
.steps li{flex:1;padding:.5rem;border-top:.375rem solid #c4c9d0;color:#4a4a4a;font-size:.875rem}
.steps li.done{border-color:#0b5cad;color:#1a1a1a}
.steps li.current{border-color:#0b5cad;color:#0b3d6e;font-weight:700}
.notice{margin:.75rem 0;padding:.5rem .75rem;border-left:.25rem solid #a33b00;background:#fff4ec;color:#6b2600}
.expected{margin:1rem 0}
.events{list-style:none;margin:0;padding:0;border-left:2px solid #c4c9d0}
.events li{position:relative;margin:0 0 1rem;padding-left:1rem}
.events li::before{content:"";position:absolute;left:-.4rem;top:.45rem;width:.7rem;height:.7rem;border-radius:50%;background:#0b5cad}
.events p{margin:0}
.when{color:#4a4a4a;font-size:.875rem}
.zone{font-size:.75rem;text-transform:uppercase;letter-spacing:.03em}
.what{font-weight:600}
.where,.carton{display:block;color:#4a4a4a;font-size:.875rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:30rem){.steps{flex-direction:column}.steps li{border-top:0;border-left:.375rem solid #c4c9d0}}
`;

/**
 * Live updates over server-sent events: each update carries the re-rendered tracking section (already
 * escaped by the server) and a sentence for screen readers. EventSource reconnects by itself and sends
 * the last version it saw, so nothing is missed in between.
 */
export const PAGE_SCRIPT = `
(() => {
  const section = document.getElementById("tracking");
  const body = document.getElementById("tracking-body");
  const announce = document.getElementById("announce");
  const state = document.getElementById("live-state");
  if (!section || !window.EventSource) return;
  const source = new EventSource(section.dataset.live);
  source.addEventListener("open", () => { state.textContent = "Live: this page updates by itself."; });
  source.addEventListener("error", () => { state.textContent = "Reconnecting for live updates…"; });
  source.addEventListener("update", (message) => {
    const update = JSON.parse(message.data);
    body.innerHTML = update.html;
    announce.textContent = update.announcement;
  });
  source.addEventListener("end", () => {
    source.close();
    state.textContent = "Live updates stopped; reload the page for the latest status.";
  });
})();
`;
