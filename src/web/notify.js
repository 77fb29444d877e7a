// Browser manners (Emscripten --js-library): the unread count in the page title; desktop
// notifications for messages that arrive while the tab is hidden, asked for when the person
// first sends a message (not on load); an optional short sound (option "sound").
mergeInto(LibraryManager.library, {
  parla_js_notify_init: function () {
    const P = Module.parlaPlatform;
    if (!P || P.notify) return;
    const opts = Module.parlaOptions || {};
    const N = P.notify = { baseTitle: document.title, asked: false, audio: null,
                           sound: opts.sound === true || opts.sound === 'on' || opts.sound === '1' || opts.sound === 'true' };
    const supported = () => typeof window.Notification === 'function';
    const ask = () => {
      if (N.asked || !supported() || Notification.permission !== 'default') return;
      N.asked = true;
      try { const p = Notification.requestPermission(); if (p && p.catch) p.catch(() => {}); } catch (err) {}
    };
    const beep = () => {
      try {
        const A = window.AudioContext || window.webkitAudioContext;
        if (!A) return;
        N.audio = N.audio || new A();
        const ctx = N.audio, osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.frequency.value = 880;
        gain.gain.setValueAtTime(0.08, ctx.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.25);
        osc.connect(gain).connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + 0.25);
      } catch (err) {}
    };
    // Back online, or back to the tab: do not wait for the next reconnect attempt.
    window.addEventListener('online', () => _parla_on_wake());
    document.addEventListener('visibilitychange', () => {
      _parla_on_visible(document.hidden ? 0 : 1);
      if (!document.hidden) _parla_on_wake(); else persist();
    });
    // Leaving, or hidden (a phone may discard the tab): what is kept goes to storage now.
    const persist = () => {
      _parla_persist_now();
      if (Module.parlaStore && Module.parlaStore.flush) Module.parlaStore.flush();
    };
    window.addEventListener('pagehide', persist);
    _parla_on_visible(document.hidden ? 0 : 1);
    const ownNick = (room) => {
      return Module.parla ? Module.parla.roomNick(room) : '';
    };
    P.listeners.push((e) => {
      if (e.type === 'message-sent' || e.type === 'room-message' && e.originId && e.nick === ownNick(e.room)) ask();
      let title = '', body = e.body || '', tag = '';
      if (e.type === 'message' && body) { title = e.from.split('/')[0]; tag = title; }
      else if (e.type === 'room-private-message') { title = e.nick + ' (' + e.room.split('@')[0] + ')'; tag = e.room + '/' + e.nick; }
      else if (e.type === 'room-message' && !e.delayed && body) {
        const nick = ownNick(e.room);
        // A busy group would flood: only messages naming us.
        if (!nick || e.nick === nick || body.toLowerCase().indexOf(nick.toLowerCase()) < 0) return;
        title = e.nick + ' in ' + e.room.split('@')[0];
        tag = e.room;
      }
      if (!title || !document.hidden) return;
      if (supported() && Notification.permission === 'granted') {
        try {
          // Text only: a notification shows no markup, and clicking it brings the tab back.
          const n = new Notification(title, { body: body.slice(0, 200), tag: 'parla:' + tag, silent: true });
          n.onclick = () => { window.focus(); n.close(); };
        } catch (err) {}
      }
      if (N.sound) beep();
    });
  },

  // The system's colour scheme, and its changes as they happen.
  parla_js_prefers_dark: function () {
    if (!window.matchMedia) return 0;
    const q = window.matchMedia('(prefers-color-scheme: dark)');
    if (!Module.parlaThemeWatch && q.addEventListener) {
      Module.parlaThemeWatch = true;
      q.addEventListener('change', (e) => _parla_on_theme(e.matches ? 1 : 0));
    }
    return q.matches ? 1 : 0;
  },

  // The unread count in the page's title: "(3) Parla".
  parla_js_set_unread: function (count) {
    const N = Module.parlaPlatform && Module.parlaPlatform.notify;
    if (!N) return;
    document.title = count > 0 ? '(' + count + ') ' + N.baseTitle : N.baseTitle;
  },
});
