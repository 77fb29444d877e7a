// Parla's browser platform layer (Emscripten --js-library): DOM events in, canvas and
// clipboard out. Everything hangs off `Module`, so several instances can share a page.
mergeInto(LibraryManager.library, {
  // A JS string as a malloc'd C string (the C side frees it).
  $parlaCString: function (v) {
    const n = lengthBytesUTF8(v) + 1;
    const p = _malloc(n);
    stringToUTF8(v, p, n);
    return p;
  },
  // Sets up the canvas, the hidden textarea for text/IME input, and every listener.
  // Returns the WebGL2 context handle (0 when WebGL2 is missing).
  parla_js_init__deps: ['$GL'],
  parla_js_init: function () {
    const root = Module.parlaRoot || document.body;
    const canvas = Module.canvas || root.querySelector('canvas');
    const doc = canvas.ownerDocument;
    canvas.tabIndex = 0;
    canvas.style.touchAction = 'none';
    canvas.style.outline = 'none';
    // Text arrives through a real text field so IME, dead keys, autocorrect and paste work.
    const ta = doc.createElement('textarea');
    ta.setAttribute('aria-hidden', 'true');
    ta.setAttribute('autocomplete', 'off');
    ta.setAttribute('autocapitalize', 'off');
    ta.setAttribute('spellcheck', 'false');
    ta.style.cssText = 'position:absolute;left:0;top:0;width:2px;height:2px;opacity:0;border:0;padding:0;' +
      'margin:0;resize:none;overflow:hidden;pointer-events:none;font-size:16px;z-index:-1;';
    (canvas.parentElement || root).appendChild(ta);
    const P = Module.parlaPlatform = { canvas: canvas, textarea: ta, composing: false, pendingCopy: null,
                                       textWanted: false, listeners: [], events: [] };

    const str = (s) => { const n = lengthBytesUTF8(s) + 1; const p = _malloc(n); stringToUTF8(s, p, n); return p; };
    const withStr = (s, f) => { const p = str(s); try { return f(p); } finally { _free(p); } };
    const mods = (e) => (e.ctrlKey ? 1 : 0) | (e.shiftKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0);

    // Size: CSS pixels for layout, device pixels for the backing store (sharp on HiDPI).
    const resize = () => {
      const r = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(r.width * dpr)), h = Math.max(1, Math.round(r.height * dpr));
      if (canvas.width !== w) canvas.width = w;
      if (canvas.height !== h) canvas.height = h;
      _parla_on_resize(r.width, r.height, dpr);
    };
    new ResizeObserver(resize).observe(canvas);
    window.addEventListener('resize', resize);
    resize();

    // Pointer: mouse, touch and pen through one path.
    const source = (e) => e.pointerType === 'touch' ? 1 : e.pointerType === 'pen' ? 2 : 0;
    const pos = (e) => { const r = canvas.getBoundingClientRect(); return [e.clientX - r.left, e.clientY - r.top]; };
    // Touch: a finger that moves scrolls (with inertia after it lifts) instead of pressing;
    // a tap presses where it lifted; a finger held still shows what a mouse would hover
    // (the trash icon of a contact, say). The press is decided when the finger moves or lifts.
    const touch = P.touch = { id: null, x0: 0, y0: 0, x: 0, y: 0, t: 0, scrolling: false, vy: 0, vx: 0, raf: 0 };
    // ImGui scrolls 5 font heights (17 px) per vertical wheel step, 2 per horizontal one: so
    // the content follows the finger one to one.
    const STEP_Y = 85, STEP_X = 34;
    const glide = () => {
      touch.vx *= 0.94;
      touch.vy *= 0.94;
      if (Math.abs(touch.vy) < 0.3 && Math.abs(touch.vx) < 0.3) { touch.raf = 0; return; }
      _parla_on_wheel(touch.vx / STEP_X, touch.vy / STEP_Y);
      touch.raf = requestAnimationFrame(glide);
    };
    canvas.addEventListener('pointermove', (e) => {
      const [x, y] = pos(e);
      if (e.pointerType === 'touch' && e.pointerId === touch.id) {
        const dx = x - touch.x, dy = y - touch.y;
        if (!touch.scrolling && Math.hypot(x - touch.x0, y - touch.y0) > 8) touch.scrolling = true;
        if (touch.scrolling) {
          const now = e.timeStamp;  // when the finger moved, not when we got to it
          touch.track.push([now, x, y]);
          while (touch.track.length > 2 && now - touch.track[0][0] > 120) touch.track.shift();
          _parla_on_wheel(dx / STEP_X, dy / STEP_Y);
        }
        touch.x = x; touch.y = y;
        return;
      }
      _parla_on_pointer(0, x, y, 0, source(e), mods(e));
    });
    canvas.addEventListener('pointerdown', (e) => {
      // No default: focus stays where it is until the frame says where text goes (pointerup).
      e.preventDefault();
      try { canvas.setPointerCapture(e.pointerId); } catch (err) {}
      const [x, y] = pos(e);
      if (e.pointerType === 'touch') {
        if (touch.raf) { cancelAnimationFrame(touch.raf); touch.raf = 0; }
        Object.assign(touch, { id: e.pointerId, x0: x, y0: y, x: x, y: y, t: e.timeStamp, scrolling: false, vx: 0, vy: 0,
                               track: [[e.timeStamp, x, y]] });
        _parla_on_pointer(0, x, y, 0, 1, mods(e));  // where the finger is: hover, no press yet
        return;
      }
      _parla_on_pointer(1, x, y, e.button, source(e), mods(e));
    });
    const up = (e) => {
      const [x, y] = pos(e);
      if (e.pointerType === 'touch' && e.pointerId === touch.id) {
        touch.id = null;
        if (touch.scrolling) {
          // The finger's speed over its last ~0.1 s, in px per 60 Hz frame, carries on and decays.
          const first = touch.track[0], now = e.timeStamp, dt = Math.max(16, now - first[0]);
          touch.vx = (x - first[1]) * 16 / dt;
          touch.vy = (y - first[2]) * 16 / dt;
          if (e.type === 'pointerup' && now - touch.track[touch.track.length - 1][0] < 100 &&
              Math.abs(touch.vy) + Math.abs(touch.vx) > 1) touch.raf = requestAnimationFrame(glide);
          return;
        }
        if (e.type === 'pointercancel' || e.timeStamp - touch.t > 450) return;  // held: it only hovered
        _parla_on_pointer(1, touch.x0, touch.y0, 0, 1, mods(e));
      }
      _parla_on_pointer(2, x, y, e.button, source(e), mods(e));
      // Inside this user gesture: let the app settle, then focus the text field if an input
      // is active (mobile browsers open their keyboard only from a gesture).
      _parla_flush();
      if (!P.textWanted) canvas.focus({ preventScroll: true });
    };
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', up);
    canvas.addEventListener('pointerleave', (e) => { if (e.pointerType === 'mouse') _parla_on_pointer(3, 0, 0, 0, 0, 0); });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const k = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 3 : 1 / 100;
      _parla_on_wheel(-e.deltaX * k, -e.deltaY * k);
    }, { passive: false });
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());

    // Keys: named keys go to ImGui and are kept from the page; printable keys also reach
    // the textarea, whose `input` event carries the text.
    const keydown = (e) => {
      if (e.isComposing || e.keyCode === 229 || e.key === 'Dead') return;
      const shortcut = (e.ctrlKey || e.metaKey) && !e.altKey;
      if (shortcut && e.code === 'KeyV') return;  // the paste event brings the text
      withStr(e.code, (p) => _parla_on_key(p, 1, mods(e)));
      if (shortcut && (e.code === 'KeyC' || e.code === 'KeyX')) {
        P.pendingCopy = null;
        _parla_flush();  // ImGui copies now, the copy event below hands it to the browser
        return;
      }
      const printable = e.key.length === 1 && !shortcut;
      if (!printable) e.preventDefault();
    };
    const keyup = (e) => withStr(e.code, (p) => _parla_on_key(p, 0, mods(e)));
    for (const el of [canvas, ta]) {
      el.addEventListener('keydown', keydown);
      el.addEventListener('keyup', keyup);
    }
    const sendText = () => {
      const v = ta.value;
      if (v) { ta.value = ''; withStr(v, _parla_on_text); }
    };
    ta.addEventListener('input', (e) => { if (!e.isComposing && !P.composing) sendText(); });
    ta.addEventListener('compositionstart', () => { P.composing = true; });
    ta.addEventListener('compositionend', () => { P.composing = false; sendText(); });
    ta.addEventListener('paste', (e) => {
      e.preventDefault();
      const text = (e.clipboardData || window.clipboardData).getData('text/plain') || '';
      withStr(text, _parla_on_paste);
    });
    // An empty textarea has nothing to copy: cancelling beforecopy enables the command,
    // then copy/cut fill the clipboard with what ImGui copied.
    for (const t of ['beforecopy', 'beforecut']) ta.addEventListener(t, (e) => e.preventDefault());
    for (const t of ['copy', 'cut']) {
      ta.addEventListener(t, (e) => {
        if (P.pendingCopy === null) return;
        e.preventDefault();
        e.clipboardData.setData('text/plain', P.pendingCopy);
        P.pendingCopy = null;
      });
    }
    // Focus: the app has focus while the canvas or its textarea has it.
    const inside = (el) => el === canvas || el === ta;
    for (const el of [canvas, ta]) {
      el.addEventListener('focus', () => _parla_on_focus(1));
      el.addEventListener('blur', (e) => { if (!inside(e.relatedTarget)) _parla_on_focus(0); });
    }

    // The test/embedding API of this instance.
    Module.parla = {
      widgets: function () {
        const r = canvas.getBoundingClientRect();
        const list = JSON.parse(UTF8ToString(_parla_widgets_json()));
        for (const w of list) { w.x += r.left; w.y += r.top; }
        return list;
      },
      frameCount: function () { return _parla_frame_count(); },
      // Nothing scheduled to draw, and no list still gliding after a flick.
      idle: function () { return _parla_idle() !== 0 && !(P.touch && P.touch.raf); },
      // The engine: the same app the screens drive (README: "The JavaScript API").
      logIn: function (o) {
        return withStr(o.address || '', (a) => withStr(o.password || '', (p) => withStr(o.websocket || '',
          (u) => UTF8ToString(_parla_api_log_in(a, p, u, o.remember ? 1 : 0)))));
      },
      logOut: function () { _parla_api_log_out(); },
      register: function (o) {
        return withStr(o.domain || '', (d) => withStr(o.websocket || '', (u) => UTF8ToString(_parla_api_register(d, u))));
      },
      submitRegistration: function (values) {
        // (No destructuring here: Emscripten 3.1.6's JS minifier mangles `for (const [k, v] of ...)`.)
        const keys = Object.keys(values);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i];
          withStr(String(k), (a) => withStr(String(values[k]), (b) => _parla_api_registration_value(a, b)));
        }
        _parla_api_submit_registration();
      },
      send: function (to, body) {
        return withStr(to, (t) => withStr(body, (b) => UTF8ToString(_parla_api_send(t, b))));
      },
      contact: function (action, jid, name) {
        return withStr(action, (a) => withStr(jid, (j) => withStr(name || '', (n) => _parla_api_contact(a, j, n) === 1)));
      },
      setPresence: function (show, status) {
        return withStr(show, (s) => withStr(status || '', (t) => _parla_api_set_presence(s, t) === 1));
      },
      openChat: function (peer) { return withStr(peer, (p) => _parla_api_open_chat(p) === 1); },
      chat: function (peer) { return withStr(peer, (p) => JSON.parse(UTF8ToString(_parla_api_chat(p)))); },
      sendRaw: function (xml) { return withStr(xml, (x) => UTF8ToString(_parla_api_send_raw(x))); },
      state: function () { return JSON.parse(UTF8ToString(_parla_api_state())); },
      changePassword: function (password, again) {
        withStr('password', (a) => withStr(password, (p) => withStr(again === undefined ? password : again,
          (g) => _parla_api_account(a, p, g))));
      },
      deleteAccount: function (address) {
        withStr('delete', (a) => withStr(address, (v) => withStr('', (g) => _parla_api_account(a, v, g))));
      },
      joinRoom: function (o) {
        return withStr('join', (a) => withStr(o.room || '', (r) => withStr(o.nick || '', (n) => withStr(o.password || '',
          (p) => UTF8ToString(_parla_api_room(a, r, n, p))))));
      },
      // action: leave, send (text), private (nick, text), invite (contact), browse.
      room: function (action, room, x, y) {
        return withStr(action, (a) => withStr(room || '', (r) => withStr(x || '', (p) => withStr(y || '',
          (q) => UTF8ToString(_parla_api_room(a, r, p, q))))));
      },
      rooms: function () { return JSON.parse(UTF8ToString(_parla_api_rooms())); },
      roomNick: function (room) { return withStr(room, (r) => UTF8ToString(_parla_api_room_nick(r))); },
      publicRooms: function () { return JSON.parse(UTF8ToString(_parla_api_public_rooms())); },
      accountNotice: function () { return JSON.parse(UTF8ToString(_parla_api_account_notice())); },
      on: function (fn) { P.listeners.push(fn); return () => { P.listeners = P.listeners.filter((f) => f !== fn); }; },
      events: P.events,
    };

    const handle = GL.createContext(canvas, { majorVersion: 2, minorVersion: 0, alpha: false, depth: false,
      stencil: false, antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false });
    if (handle) GL.makeContextCurrent(handle);

    // The font is fetched alongside the wasm (index.html starts it early).
    const font = Module.parlaFont || fetch(Module.parlaFontUrl || 'fonts/parla-sans.ttf').then((r) => {
      if (!r.ok) throw new Error('font: HTTP ' + r.status);
      return r.arrayBuffer();
    });
    Promise.resolve(font).then((buf) => {
      const bytes = new Uint8Array(buf);
      const p = _malloc(bytes.length);
      HEAPU8.set(bytes, p);
      _parla_on_font(p, bytes.length);
      _free(p);
    }).catch((err) => {
      console.warn('Parla: the font did not load, using the built-in one:', err);
      _parla_on_font(0, 0);
    });
    return handle;
  },

  // Focuses the hidden textarea while an ImGui text input is active, placed at the caret
  // so IME candidate windows appear in the right place.
  parla_js_set_text_input: function (wanted, x, y, h) {
    const P = Module.parlaPlatform;
    P.textWanted = !!wanted;
    const ta = P.textarea;
    if (wanted) {
      ta.style.left = (P.canvas.offsetLeft + x) + 'px';
      ta.style.top = (P.canvas.offsetTop + y) + 'px';
      ta.style.height = Math.max(2, h) + 'px';
      if (document.activeElement !== ta) ta.focus({ preventScroll: true });
    } else if (document.activeElement === ta) {
      P.canvas.focus({ preventScroll: true });
    }
  },

  parla_js_set_clipboard: function (text) {
    const s = UTF8ToString(text);
    Module.parlaPlatform.pendingCopy = s;
    // Outside a copy event (e.g. a Copy button) the async API is the only way; it needs a
    // secure context and may be refused, which is fine.
    try { if (navigator.clipboard) navigator.clipboard.writeText(s).catch(() => {}); } catch (err) {}
  },

  parla_js_set_cursor: function (cursor) {
    const names = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer',
                   'not-allowed'];
    const c = cursor < 0 ? 'none' : (names[cursor] || 'default');
    const canvas = Module.parlaPlatform.canvas;
    if (canvas.style.cursor !== c) canvas.style.cursor = c;
  },

  // Hands an app event to window.parla listeners and keeps the last 5000 in parla.events.
  parla_js_event: function (json) {
    const P = Module.parlaPlatform;
    const e = JSON.parse(UTF8ToString(json));
    P.events.push(e);
    if (P.events.length > 5000) P.events.splice(0, P.events.length - 5000);
    for (const fn of P.listeners.slice()) {
      try { fn(e); } catch (err) { console.error('Parla: an event listener failed:', err); }
    }
  },

  // The code comes in two parts (scripts/split.mjs); index.html says when the second is in.
  parla_js_code_ready: function () { return Module.parlaCodeReady === false ? 0 : 1; },

  parla_js_first_frame: function () {
    if (Module.onParlaReady) Module.onParlaReady(Module.parla);
  },
});

mergeInto(LibraryManager.library, {
  // GET with a timeout; answers through _parla_on_http(request, status, body, size).
  // status 0: the request failed (network, CORS, timeout).
  parla_js_http_get: function (url, request, timeoutMs) {
    const u = UTF8ToString(url);
    const ctrl = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = setTimeout(() => ctrl && ctrl.abort(), timeoutMs);
    const answer = (status, text) => {
      clearTimeout(timer);
      const bytes = new TextEncoder().encode(text.slice(0, 1 << 20));
      const p = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, p);
      HEAPU8[p + bytes.length] = 0;
      _parla_on_http(request, status, p, bytes.length);
      _free(p);
    };
    fetch(u, { credentials: 'omit', redirect: 'follow', signal: ctrl ? ctrl.signal : undefined })
      .then((r) => r.text().then((t) => answer(r.status, t)))
      .catch(() => answer(0, ''));
  },

  // Decodes a picture (PNG, JPEG, GIF, WebP: checked by the core) into RGBA pixels.
  parla_js_decode_image: function (id, ptr, size, type) {
    const blob = new Blob([HEAPU8.slice(ptr, ptr + size)], { type: UTF8ToString(type) });
    const fail = () => _parla_on_image(id, 0, 0, 0);
    if (typeof createImageBitmap !== 'function') { fail(); return; }
    createImageBitmap(blob).then((bitmap) => {
      const w = bitmap.width, h = bitmap.height;
      if (w <= 0 || h <= 0 || w > 4096 || h > 4096) { fail(); return; }
      const canvas = document.createElement('canvas');
      canvas.width = w;
      canvas.height = h;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(bitmap, 0, 0);
      const pixels = ctx.getImageData(0, 0, w, h).data;
      const p = _malloc(pixels.length);
      HEAPU8.set(pixels, p);
      _parla_on_image(id, w, h, p);
      _free(p);
    }, fail);
  },

  // A link from a message, already checked to be http(s): a new tab, no opener.
  parla_js_open_url: function (url) {
    const u = UTF8ToString(url);
    if (!/^https?:\/\//i.test(u)) return;
    window.open(u, '_blank', 'noopener,noreferrer');
  },

  // Storage: IndexedDB ("parla" database, "kv" store), read whole before the app starts
  // (index.html hands the map over as Module.parlaStore) so reads are synchronous; writes go
  // to the map at once and to IndexedDB in one transaction per turn of the event loop.
  // Without IndexedDB (some private modes): localStorage, as before.
  parla_js_storage_get__deps: ['$parlaCString'],
  parla_js_storage_get: function (key) {
    const k = UTF8ToString(key);
    let v = null;
    const S = Module.parlaStore;
    if (S && S.map.has(k)) v = S.map.get(k);
    else { try { v = window.localStorage.getItem('parla:' + k); } catch (err) {} }
    if (v === null || v === undefined) return 0;
    return parlaCString(v);
  },

  parla_js_storage_set: function (key, value) {
    const k = UTF8ToString(key), v = UTF8ToString(value);
    const S = Module.parlaStore;
    if (!S || !S.db) { try { window.localStorage.setItem('parla:' + k, v); } catch (err) {} return; }
    S.map.set(k, v);
    S.write(k);
  },

  // Forgets every key starting with `prefix` (an account's data when logging out).
  parla_js_storage_erase: function (prefix) {
    const p = UTF8ToString(prefix);
    const S = Module.parlaStore;
    if (S) for (const k of [...S.map.keys()]) if (k.startsWith(p)) { S.map.delete(k); if (S.db) S.write(k); }
    try {
      for (let i = window.localStorage.length - 1; i >= 0; i--) {
        const k = window.localStorage.key(i);
        if (k && k.startsWith('parla:' + p)) window.localStorage.removeItem(k);
      }
    } catch (err) {}
  },
});

mergeInto(LibraryManager.library, {
  // An option from the embedding page (Module.parlaOptions), else from the URL's query.
  // The address bar may only name a loopback WebSocket: a link must not be able to send
  // someone's password to a server of its choosing.
  parla_js_option__deps: ['$parlaCString'],
  parla_js_option: function (name) {
    const n = UTF8ToString(name);
    const opts = Module.parlaOptions || {};
    let v = Object.prototype.hasOwnProperty.call(opts, n) ? String(opts[n]) : null;
    // From the address bar only harmless options: never credentials (they would sit in
    // history and logs), and a WebSocket only on this computer.
    const fromUrl = ['domain', 'websocket', 'debug', 'remember'];
    if (v === null && fromUrl.includes(n)) {
      const q = new URLSearchParams(window.location.search).get(n);
      const loopback = /^ws:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?(\/|$)/;
      if (q !== null && (n !== 'websocket' || loopback.test(q))) v = q;
    }
    if (v === null) return 0;
    return parlaCString(v);
  },

  // The page's address for a phone to open (the QR code): of the query only `domain`
  // stays; never credentials, and a loopback WebSocket means nothing on a phone.
  parla_js_page_url__deps: ['$parlaCString'],
  parla_js_page_url: function () {
    const u = new URL(window.location.href);
    const domain = u.searchParams.get('domain');
    const query = new URLSearchParams();
    if (domain !== null) query.set('domain', domain);
    u.search = query.toString();
    u.hash = '';
    u.username = '';
    u.password = '';
    const v = u.toString();
    return parlaCString(v);
  },
});

mergeInto(LibraryManager.library, {
  // The browser's first language ("it-IT"), for when neither the page nor the person chose.
  parla_js_browser_language__deps: ['$parlaCString'],
  parla_js_browser_language: function () {
    let v = '';
    try { v = (navigator.languages && navigator.languages[0]) || navigator.language || ''; } catch (err) {}
    if (!v) return 0;
    return parlaCString(v);
  },

  // The language the app shows, for screen readers, spell checkers and translators: on the
  // app's root element and on the page's <html>.
  parla_js_set_language: function (code) {
    const lang = UTF8ToString(code);
    const canvas = Module.canvas || (Module.parlaPlatform && Module.parlaPlatform.canvas);
    const root = Module.parlaRoot || (canvas && canvas.parentElement);
    if (root && root.setAttribute) root.setAttribute('lang', lang);
    const doc = (canvas && canvas.ownerDocument) || document;
    doc.documentElement.setAttribute('lang', lang);
  },
});
