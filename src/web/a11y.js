// Accessibility (Emscripten --js-library, beside platform.js): what the canvas draws, mirrored
// into hidden DOM elements with roles and accessible names (screen readers, and Playwright's
// getByRole, find the controls), and a polite live region announcing new messages. The mirror
// takes no pointer events: the canvas keeps the mouse; an assistive technology's "click" on a
// mirrored control is passed to the canvas as a tap at that control.
mergeInto(LibraryManager.library, {
  parla_js_a11y_init: function () {
    const P = Module.parlaPlatform;
    if (!P || P.a11y) return;
    const canvas = P.canvas, doc = canvas.ownerDocument;
    const host = canvas.parentElement || doc.body;
    const mirror = doc.createElement('div');
    mirror.setAttribute('data-parla-mirror', '');
    mirror.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible;pointer-events:none;';
    const live = doc.createElement('div');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('role', 'log');
    live.setAttribute('data-parla-live', '');
    live.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;';
    host.appendChild(mirror);
    host.appendChild(live);
    const A = P.a11y = { mirror: mirror, live: live, nodes: new Map(), pending: 0 };

    // One element per control, by ImGui id: created once, moved and renamed as frames go.
    const TAGS = { button: 'button', tab: 'button', combo: 'button', option: 'button', occupant: 'button', room: 'button',
                   link: 'a', input: 'input', checkbox: 'input' };
    const ROLES = { tab: 'tab', combo: 'combobox', option: 'option', occupant: 'button', room: 'button' };
    const TEXT = { 'message-in': 1, 'message-out': 1, mention: 1, notice: 1, error: 1, 'room-notice': 1, 'private-notice': 1,
                   score: 1, request: 1, invitation: 1, subject: 1 };
    const tap = (node) => {
      const w = node.parlaWidget;
      if (!w) return;
      const x = w.x + w.w / 2, y = w.y + w.h / 2;
      _parla_on_pointer(0, x, y, 0, 1, 0);
      _parla_on_pointer(1, x, y, 0, 1, 0);
      _parla_on_pointer(2, x, y, 0, 1, 0);
      _parla_flush();
    };
    const make = (w) => {
      const tag = TAGS[w.role] || 'p';
      const el = doc.createElement(tag);
      if (ROLES[w.role]) el.setAttribute('role', ROLES[w.role]);
      if (tag === 'input') el.type = w.role === 'checkbox' ? 'checkbox' : 'text';
      if (tag === 'a') el.href = '#';
      el.tabIndex = -1;  // the keyboard stays with the canvas (ImGui's own focus order)
      el.style.cssText = 'position:absolute;margin:0;padding:0;border:0;opacity:0;pointer-events:none;overflow:hidden;' +
                         'font-size:1px;background:none;';
      el.addEventListener('click', (e) => { e.preventDefault(); tap(el); });
      el.addEventListener('focus', () => tap(el));  // a screen reader moving into an input
      return el;
    };
    A.sync = () => {
      A.pending = 0;
      let list;
      try { list = JSON.parse(UTF8ToString(_parla_widgets_json())); } catch (err) { return; }
      const seen = new Set();
      for (const w of list) {
        if (!w.visible || !w.label || w.role === 'window' || (!TAGS[w.role] && !TEXT[w.role])) continue;
        const key = w.role + ':' + w.id;
        seen.add(key);
        let el = A.nodes.get(key);
        if (!el) { el = make(w); A.nodes.set(key, el); mirror.appendChild(el); }
        el.parlaWidget = w;
        const s = el.style;
        s.left = w.x + 'px'; s.top = w.y + 'px'; s.width = w.w + 'px'; s.height = w.h + 'px';
        if (TAGS[w.role]) {
          if (el.getAttribute('aria-label') !== w.label) el.setAttribute('aria-label', w.label);
        } else if (el.textContent !== w.label) {
          el.textContent = w.label;  // text only: never markup
        }
        if (w.role === 'tab') el.setAttribute('aria-selected', String(!!w.checked));
        if (w.role === 'checkbox') el.checked = !!w.checked;
        if (w.role === 'input' && typeof w.text === 'string' && el.value !== w.text) el.value = w.text;
        if (w.disabled) el.setAttribute('aria-disabled', 'true'); else el.removeAttribute('aria-disabled');
      }
      // (No destructuring: Emscripten 3.1.6's JS optimizer rejects `for (const [k, v] of …)`.)
      const stale = [];
      A.nodes.forEach((el, key) => { if (!seen.has(key)) stale.push(key); });
      for (const key of stale) { A.nodes.get(key).remove(); A.nodes.delete(key); }
    };

    // New messages from others, said politely (text only; the last few kept).
    const say = (text) => {
      const p = doc.createElement('p');
      p.textContent = text;
      live.appendChild(p);
      while (live.childNodes.length > 5) live.removeChild(live.firstChild);
    };
    P.listeners.push((e) => {
      if (e.type === 'message' && e.body) say('Message from ' + e.from.split('/')[0] + ': ' + e.body);
      else if (e.type === 'room-private-message') say('Private message from ' + e.nick + ': ' + e.body);
      else if (e.type === 'room-message' && !e.delayed && e.body) {
        const own = Module.parla && Module.parla.roomNick(e.room) === e.nick;
        if (!own) say(e.nick + ' in ' + e.room.split('@')[0] + ': ' + e.body);
      }
    });
  },

  // After a frame: refresh the mirror soon (coalesced, so a burst of frames costs one pass).
  parla_js_a11y_frame: function () {
    const A = Module.parlaPlatform && Module.parlaPlatform.a11y;
    if (A && !A.pending) A.pending = setTimeout(A.sync, 50);
  },
});

mergeInto(LibraryManager.library, {
  // 1 on touch-first devices (phones, tablets): controls get finger-sized (>= 40 CSS px).
  parla_js_coarse_pointer: function () {
    return window.matchMedia && window.matchMedia('(pointer: coarse)').matches ? 1 : 0;
  },
});
