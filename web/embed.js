// Parla on any web page, with one script tag:
//   <script src="https://chat.example.org/parla/embed.js" data-websocket-url="wss://example.org/xmpp-websocket"
//           data-domain="example.org" defer></script>
// or from script: const chat = Parla.init({ mode: 'widget', websocketUrl: '…', domain: '…' }).
// Each instance is an <iframe> of Parla's own page: its code, storage and keyboard stay apart from
// the host page and from other instances. Options are handed over with postMessage (never in the
// URL, where credentials would end up in logs). Modes: 'widget' (a bubble in a corner that opens a
// panel over the page), 'embedded' (fills the element named by `element`), 'page' (the whole window).
(function () {
  'use strict';
  if (window.Parla && window.Parla.init) return;  // loaded twice: keep the first
  var script = document.currentScript;
  var base = new URL('.', (script && script.src) || window.location.href);
  var count = 0;

  // Options Parla's page understands (README: "Embedding"), by their data-* names too.
  var NAMES = ['websocketUrl', 'domain', 'lockedDomain', 'mucService', 'autoJoinRooms', 'address', 'password',
               'registration', 'providersUrl', 'language', 'theme', 'sound', 'debug'];
  var HOST_NAMES = ['mode', 'element', 'startMinimised', 'position', 'title', 'width', 'height'];

  function css(el, rules) { for (var k in rules) el.style.setProperty(k, rules[k]); return el; }
  function make(tag, rules, attrs) {
    var el = css(document.createElement(tag), rules || {});
    for (var a in attrs || {}) el.setAttribute(a, attrs[a]);
    return el;
  }
  function flag(v) { return v === true || v === 'true' || v === '1' || v === 'yes' || v === ''; }

  function init(options) {
    options = options || {};
    var id = ++count;
    var mode = options.mode || 'widget';
    var pageOptions = {};
    NAMES.forEach(function (n) { if (options[n] !== undefined) pageOptions[n] = options[n]; });
    if (Array.isArray(pageOptions.autoJoinRooms)) pageOptions.autoJoinRooms = pageOptions.autoJoinRooms.join(',');
    var url = new URL('index.html', base);
    url.searchParams.set('embed', String(id));
    var frame = make('iframe', { border: '0', width: '100%', height: '100%', display: 'block', background: '#f2f4f7' },
                     { src: url.href, title: options.title || 'Parla chat', allow: 'clipboard-write' });
    var listeners = [];
    var instance = { id: id, mode: mode, frame: frame, unread: 0, open: true };

    var root, panel, bubble, badge;
    if (mode === 'embedded') {
      root = typeof options.element === 'string' ? document.querySelector(options.element) : options.element;
      if (!root) throw new Error('Parla: no element ' + options.element + ' to embed into');
      root.appendChild(frame);
    } else if (mode === 'page') {
      root = make('div', { position: 'fixed', inset: '0', 'z-index': '2147483000' }, { 'data-parla': String(id) });
      root.appendChild(frame);
      document.body.appendChild(root);
    } else {
      // The widget: only the bubble and the open panel take space; the rest of the page keeps its
      // clicks and scrolling.
      var left = options.position === 'bottom-left';
      root = make('div', { position: 'fixed', bottom: '20px', 'z-index': '2147483000', display: 'flex',
                           'flex-direction': 'column', 'align-items': left ? 'flex-start' : 'flex-end', gap: '12px',
                           'pointer-events': 'none' }, { 'data-parla': String(id) });
      css(root, left ? { left: '20px' } : { right: '20px' });
      panel = make('div', { width: options.width || '380px', height: options.height || '600px',
                            'max-width': 'calc(100vw - 40px)', 'max-height': 'calc(100vh - 110px)',
                            'border-radius': '12px', overflow: 'hidden', 'box-shadow': '0 8px 28px rgba(0,0,0,.25)',
                            background: '#fff', 'pointer-events': 'auto', display: 'flex', 'flex-direction': 'column' },
                   { role: 'dialog', 'aria-label': options.title || 'Parla chat' });
      var bar = make('div', { display: 'flex', 'align-items': 'center', 'justify-content': 'space-between',
                              padding: '6px 8px 6px 14px', background: '#2a6bbf', color: '#fff',
                              font: '600 14px/1.2 system-ui, sans-serif' });
      bar.appendChild(document.createTextNode(options.title || 'Chat'));
      var min = make('button', { border: '0', background: 'transparent', color: '#fff', font: '20px/1 system-ui',
                                 width: '40px', height: '32px', cursor: 'pointer' },
                     { type: 'button', 'aria-label': 'Minimise chat', 'data-parla-minimise': '' });
      min.textContent = '\u2013';
      min.addEventListener('click', function () { instance.minimise(); });
      bar.appendChild(min);
      panel.appendChild(bar);
      var holder = make('div', { flex: '1', 'min-height': '0' });
      holder.appendChild(frame);
      panel.appendChild(holder);
      bubble = make('button', { width: '60px', height: '60px', 'border-radius': '30px', border: '0',
                                background: '#2a6bbf', color: '#fff', cursor: 'pointer', position: 'relative',
                                'box-shadow': '0 4px 14px rgba(0,0,0,.3)', 'pointer-events': 'auto',
                                font: '600 13px/1 system-ui, sans-serif' },
                    { type: 'button', 'aria-label': 'Open chat', 'aria-expanded': 'false', 'data-parla-bubble': '' });
      bubble.textContent = 'Chat';
      badge = make('span', { position: 'absolute', top: '-4px', right: '-4px', 'min-width': '22px', height: '22px',
                             'border-radius': '11px', background: '#d33', color: '#fff', font: '700 12px/22px system-ui',
                             padding: '0 5px', 'box-sizing': 'border-box', display: 'none' },
                   { 'data-parla-badge': '', 'aria-live': 'polite' });
      bubble.appendChild(badge);
      bubble.addEventListener('click', function () { instance.toggle(); });
      root.appendChild(panel);
      root.appendChild(bubble);
      document.body.appendChild(root);
    }

    function post(message) {
      if (frame.contentWindow) frame.contentWindow.postMessage(message, base.origin);
    }
    function setOpen(open) {
      instance.open = open;
      if (panel) {
        panel.style.display = open ? 'flex' : 'none';
        bubble.setAttribute('aria-expanded', String(open));
        bubble.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
      }
      if (open) setUnread(0);
      post({ type: 'parla-visible', visible: open });
    }
    function setUnread(n) {
      instance.unread = n;
      if (badge) {
        badge.textContent = n > 99 ? '99+' : String(n);
        badge.style.display = n > 0 ? 'block' : 'none';
      }
    }
    function onMessage(e) {
      // Only this instance's frame, from Parla's origin, is listened to.
      if (e.source !== frame.contentWindow || e.origin !== base.origin || !e.data) return;
      var d = e.data;
      if (d.type === 'parla-hello') post({ type: 'parla-options', options: pageOptions, visible: instance.open });
      else if (d.type === 'parla-activity' && !instance.open) setUnread(instance.unread + 1);
      if (d.type === 'parla-event' || d.type === 'parla-ready')
        listeners.slice().forEach(function (fn) { try { fn(d.event || { type: 'ready' }); } catch (err) { console.error(err); } });
    }
    window.addEventListener('message', onMessage);

    instance.show = function () { setOpen(true); };
    instance.minimise = function () { setOpen(false); };
    instance.toggle = function () { setOpen(!instance.open); };
    instance.on = function (fn) {
      listeners.push(fn);
      return function () { listeners = listeners.filter(function (f) { return f !== fn; }); };
    };
    instance.destroy = function () {
      window.removeEventListener('message', onMessage);
      if (mode === 'embedded') frame.remove(); else root.remove();
      Parla.instances = Parla.instances.filter(function (i) { return i !== instance; });
    };
    // A widget starts as its bubble unless told otherwise.
    setOpen(mode !== 'widget' || !flag(options.startMinimised === undefined ? true : options.startMinimised));
    Parla.instances.push(instance);
    return instance;
  }

  // data-* attributes of the script tag: data-websocket-url, data-domain, data-mode, data-start-minimised…
  function fromDataset(ds) {
    var o = {};
    NAMES.concat(HOST_NAMES).forEach(function (n) { if (ds[n] !== undefined) o[n] = ds[n]; });
    return o;
  }

  var Parla = window.Parla = { init: init, instances: [], base: base.href };
  if (script && script.dataset && (script.dataset.mode || script.dataset.websocketUrl || script.dataset.domain)) {
    var start = function () { init(fromDataset(script.dataset)); };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
    else start();
  }
})();
