/*! BlazorContact widget: one script tag for any blog.
 *  <script src="https://HOST/contact-widget.js" data-server="wss://HOST/contact" async></script>
 *  Optional: data-lang="zh" or "en" (default: the page's language).
 *  Protocol: docs/protocol.md. Delivery: every message waits in localStorage until the server
 *  acknowledges it, and is resent with the same client_message_id after any reconnect. */
(function () {
  'use strict';
  // currentScript is null when a tag manager injects the script as a module; the src finds it then.
  var script = document.currentScript || document.querySelector('script[src*="contact-widget.js"]');
  if (!script || window.BlazorContactWidget) return;

  // ---- settings ------------------------------------------------------------------------------
  var server = script.getAttribute('data-server') ||
    new URL('/contact', script.src).href.replace(/^http/, 'ws');
  var lang = (script.getAttribute('data-lang') || document.documentElement.lang || navigator.language || '').toLowerCase();
  var zh = lang.indexOf('zh') === 0;
  var PING_EVERY = 25000, PONG_WITHIN = 20000, PROBE_WITHIN = 8000, OPEN_WITHIN = 10000, BACKOFF_CAP = 30000;
  var T = zh ? {
    title: '联系作者', open: '联系作者', close: '关闭', send: '发送', message: '消息',
    placeholder: '输入消息…', name: '称呼（可选）', email: '邮箱（可选）',
    intro: '有问题可以直接在这里问。助手会先根据博客文章回答，博主本人也会看到每一条消息。',
    badEmail: '请填写有效的邮箱，例如 name@example.com',
    assistant: '助手', owner: '博主', announcement: '公告', earlier: '更早的消息',
    sending: '发送中…', received: '已送达', failed: '未发送：',
    idle: '', connecting: '正在连接…', online: '在线', offline: '连接中断，正在重连；消息会在恢复后发出',
    refused: '无法连接聊天服务器（本网站可能未被允许连接）', unread: '条未读'
  } : {
    title: 'Contact the author', open: 'Contact the author', close: 'Close', send: 'Send', message: 'Message',
    placeholder: 'Type a message…', name: 'Name (optional)', email: 'Email (optional)',
    intro: 'Ask anything here. An assistant answers from the blog\'s posts first, and the author sees every message.',
    badEmail: 'Please enter a valid email, e.g. name@example.com',
    assistant: 'Assistant', owner: 'Author', announcement: 'Announcement', earlier: 'Earlier messages',
    sending: 'Sending…', received: 'Received', failed: 'Not sent: ',
    idle: '', connecting: 'Connecting…', online: 'Connected', offline: 'Connection lost; reconnecting. Messages will be sent when it is back.',
    refused: 'Cannot connect to the chat server (this site may not be allowed to).', unread: 'unread'
  };

  // ---- storage: localStorage namespaced by server, or memory when the browser refuses it --------
  var NS = 'blazorcontact:' + server + ':';
  var store = (function () {
    try { localStorage.setItem(NS + 'probe', '1'); localStorage.removeItem(NS + 'probe'); return localStorage; } catch (e) {
      var m = {};
      return {
        getItem: function (k) { return k in m ? m[k] : null; }, setItem: function (k, v) { m[k] = String(v); },
        removeItem: function (k) { delete m[k]; }, key: function (i) { return Object.keys(m)[i]; }, get length() { return Object.keys(m).length; }
      };
    }
  })();
  function load(k) { try { return JSON.parse(store.getItem(NS + k)); } catch (e) { return null; } }
  function save(k, v) { try { store.setItem(NS + k, JSON.stringify(v)); } catch (e) { /* full: the message stays in memory */ } }
  function drop(k) { try { store.removeItem(NS + k); } catch (e) { /* ignore */ } }

  // The conversation this browser belongs to: {t: session_token, c: conversation_id, last: largest message_id seen}.
  var conv = load('conv');
  // The outbox: one key per unacknowledged message, so tabs sharing it never overwrite each other's.
  var memOut = {};
  function outbox() {
    var list = [], k, i, o;
    for (i = 0; i < store.length; i++) {
      k = store.key(i);
      if (k && k.indexOf(NS + 'out:') === 0 && (o = load(k.slice(NS.length)))) list.push(o);
    }
    for (k in memOut) if (!list.some(function (x) { return x.cid === k; })) list.push(memOut[k]);
    return list.sort(function (a, b) { return a.n - b.n; });
  }
  var lastN = 0;
  function enqueue(o) {
    o.n = lastN = Math.max(Date.now(), lastN + 1);
    o.cid = 'w-' + Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(12)), function (b) { return (b + 256).toString(16).slice(1); }).join('');
    o.ts = new Date().toISOString();
    memOut[o.cid] = o;
    save('out:' + o.cid, o);
    return o;
  }
  function settle(cid) { delete memOut[cid]; drop('out:' + cid); }
  function seen(id) {
    if (id && conv && id > (conv.last || 0)) { conv.last = id; save('conv', conv); }
  }

  // ---- transcript model: items keyed by message_id (or client_message_id before the ack) -------
  var items = [], byId = {}, byCid = {}, drafts = {}, notes = 0, unread = 0, moreWanted = false;
  function maxId() { return conv && conv.last || 0; }
  // sk orders the transcript: stored messages by message_id, unsent ones after them in typing order.
  // Returns the new item, or null when the message was already there (a duplicate by id is ignored).
  function upsert(m, updateOnly) {
    var it = (m.id && byId[m.id]) || (m.cid && byCid[m.cid]);
    if (it) {
      if (m.id && !it.id) { it.id = m.id; byId[m.id] = it; it.sk = m.id; place(it); }
      if (m.state && it.state !== 'received') it.state = m.state;
      if (m.text && !it.text) it.text = m.text;
      paint(it);
      return null;
    }
    if (updateOnly) return null;
    m.sk = m.sk || m.id || 1e15 + (m.n || 0);
    items.push(m);
    if (m.id) byId[m.id] = m;
    if (m.cid) byCid[m.cid] = m;
    place(m);
    return m;
  }
  function reset() {
    items.filter(function (it) { return it.el; }).forEach(function (it) { it.el.remove(); });
    items = []; byId = {}; byCid = {}; drafts = {};
    if (ui) ui.more.hidden = true;
  }

  // ---- connection ------------------------------------------------------------------------------
  var ws = null, phase = 'idle', fresh = null, wanted = false, attempt = 0, refusals = 0;
  var retry = 0, pinger = 0, pongDue = 0, resendLater = 0, inflight = [], state = 'idle';
  var host, root, ui, fab, badge;

  function want() {
    wanted = true;
    if (!ws && !retry) connect();
  }

  function connect() {
    var s, opened = false, guard;
    try { s = new WebSocket(server); } catch (e) {
      // A ws:// server on an https:// page (mixed content) or a malformed address: retrying cannot help.
      setState('refused');
      return;
    }
    ws = s;
    if (state !== 'offline' && state !== 'refused') setState('connecting');
    guard = setTimeout(function () { if (!opened) s.close(); }, OPEN_WITHIN);
    s.onopen = function () { opened = true; clearTimeout(guard); };
    s.onmessage = function (e) { if (ws === s) receive(e.data); };
    s.onclose = function () { clearTimeout(guard); if (ws === s) dropped(opened); };
  }

  function dropped(wasOpen) {
    if (ws) { ws.onclose = ws.onmessage = null; try { ws.close(); } catch (e) { /* already closed */ } }
    ws = null; phase = 'idle'; inflight = [];
    clearInterval(pinger); clearTimeout(pongDue); clearTimeout(resendLater); pongDue = resendLater = 0;
    if (state !== 'refused') setState('offline');
    if (!wasOpen) {
      // The browser hides why an upgrade failed. If plain HTTP reaches the server, the server is up and
      // refused us (origin not allowed, or a proxy that drops the upgrade), which the visitor should know.
      fetch(server.replace(/^ws/, 'http'), { mode: 'no-cors', cache: 'no-store' })
        .then(function () { if (++refusals >= 2 && !ws) setState('refused'); }, function () { refusals = 0; });
    }
    schedule();
  }

  // Exponential backoff with jitter, capped, so a restarted server is not hit by every visitor at once.
  function schedule() {
    if (retry || ws || !wanted) return;
    var d = Math.min(BACKOFF_CAP, 1000 * Math.pow(2, attempt++));
    retry = setTimeout(function () { retry = 0; connect(); }, d / 2 + Math.random() * d / 2);
  }

  // Back online or back in view: reconnect now instead of waiting out the backoff, or check the socket.
  function wake() {
    if (!wanted) return;
    if (!ws) { clearTimeout(retry); retry = 0; connect(); } else if (phase === 'ready') ping(PROBE_WITHIN);
  }
  addEventListener('online', wake);
  // The browser knows the network is gone before any ping could tell: treat the socket as dead now
  // (a frozen socket would swallow replies) and reconnect on 'online'.
  addEventListener('offline', function () { if (ws) dropped(true); });
  document.addEventListener('visibilitychange', function () { if (document.visibilityState === 'visible') wake(); });

  function ping(within) {
    if (!frame({ type: 'ping' })) return;
    // A missed pong means a dead connection, whatever the socket's readyState says.
    if (!pongDue) pongDue = setTimeout(function () { pongDue = 0; dropped(true); }, within);
  }

  function frame(m, k, cid) {
    if (!ws || ws.readyState !== 1) return false;
    ws.send(JSON.stringify(m));
    if (k) inflight.push({ k: k, cid: cid });
    return true;
  }
  function answered(k, cid) {
    for (var i = 0; i < inflight.length; i++) {
      if (inflight[i].k === k && (!cid || inflight[i].cid === cid)) return inflight.splice(i, 1)[0];
    }
    return null;
  }

  function receive(data) {
    var m, e;
    try { m = JSON.parse(data); } catch (x) { return; }
    switch (m.type) {
      case 'connection_established':
        fresh = { t: m.session_token, c: m.conversation_id, last: 0 };
        conv = load('conv') || conv; // another tab may have moved the conversation on
        if (conv && conv.t) {
          phase = 'resuming';
          frame({ type: 'resume', session_token: conv.t, last_message_id: conv.last || 0 }, 'resume');
        } else ready();
        break;
      case 'resumed':
        answered('resume');
        conv.c = m.conversation_id;
        save('conv', conv);
        ready();
        break;
      case 'history':
        answered('history');
        (m.messages || []).forEach(function (h) {
          seen(h.message_id);
          upsert({ id: h.message_id, cid: h.client_message_id, who: h.sender, text: h.message, state: 'received' });
        });
        moreWanted = m.has_more;
        if (ui) ui.more.hidden = !m.has_more;
        break;
      case 'chat_message_received':
        answered('chat', m.client_message_id);
        if (m.client_message_id) settle(m.client_message_id);
        seen(m.message_id);
        upsert({ id: m.message_id, cid: m.client_message_id, state: 'received' }, true);
        break;
      case 'contact_request_received':
        if ((e = answered('req'))) settle(e.cid);
        break;
      case 'chat_message_delta':
        // A reply being written ("stream": true): one growing bubble per answered message.
        e = drafts[m.reply_to] || (drafts[m.reply_to] = upsert({ who: 'assistant', text: '', draft: 1, sk: m.reply_to + 0.5 }));
        e.text += m.delta;
        paint(e);
        break;
      case 'chat_message':
        seen(m.message_id);
        // The stored reply replaces its preview in the same bubble (its text is the one that counts).
        if ((e = drafts[m.reply_to]) && !byId[m.message_id]) {
          delete drafts[m.reply_to];
          e.id = m.message_id; byId[e.id] = e; e.sk = e.id; e.who = m.sender; e.text = m.message;
          paint(e); e.draft = 0; place(e); notify();
        } else if (upsert({ id: m.message_id, who: m.sender, text: m.message })) notify();
        break;
      case 'announcement':
        upsert({ who: 'announcement', text: m.message, sk: maxId() + 0.5 + (++notes) / 1e6 });
        notify();
        break;
      case 'pong':
        clearTimeout(pongDue); pongDue = 0;
        break;
      case 'error':
        failed(m);
        break;
    }
  }

  function ready() {
    phase = 'ready'; attempt = 0; refusals = 0;
    setState('online');
    // Remember the conversation before the first message leaves, so a resend after a reload goes
    // to the conversation that may already hold it.
    if (!conv && outbox().length) { conv = fresh; save('conv', conv); }
    if (conv) frame({ type: 'history', limit: 50 }, 'history');
    flush();
    clearInterval(pinger);
    pinger = setInterval(function () { ping(PONG_WITHIN); }, PING_EVERY);
  }

  function flush() {
    if (phase === 'ready') outbox().forEach(transmit);
  }
  function transmit(o) {
    if (phase !== 'ready') return;
    if (o.kind === 'req') {
      frame({
        type: 'contact_request', message: o.text, timestamp: o.ts, userAgent: navigator.userAgent.slice(0, 1024),
        name: o.name || undefined, email: o.email || undefined, page: location.href.slice(0, 2048)
      }, 'req', o.cid);
    } else frame({ type: 'chat_message', message: o.text, timestamp: o.ts, client_message_id: o.cid, stream: true }, 'chat', o.cid);
  }

  // The server answers every frame in order, so an error belongs to the oldest unanswered frame.
  function failed(m) {
    var e = inflight.shift(), it;
    if (!e) return;
    if (e.k === 'resume') {
      if (m.code === 'invalid_field') {
        // The conversation expired or the database is new: carry on in the one the server just opened.
        conv = null; drop('conv'); reset();
        outbox().forEach(show);
        ready();
      } else dropped(true);
    } else if (e.k === 'chat' || e.k === 'req') {
      if (m.code === 'rate_limited' || m.code === 'unavailable' || m.code === 'internal') {
        // Nothing was stored: send the unacknowledged messages again, same ids, a little later.
        if (!resendLater) resendLater = setTimeout(function () { resendLater = 0; flush(); }, 3000);
      } else {
        settle(e.cid);
        if ((it = byCid[e.cid])) { it.state = 'failed'; it.why = m.message; paint(it); }
      }
    }
  }

  // ---- sending ---------------------------------------------------------------------------------
  // Name or email on the first message also sends a contact_request, so the owner can write back.
  function send(text, name, email) {
    var r = (name || email) && enqueue({ kind: 'req', text: text, name: name, email: email });
    var o = enqueue({ kind: 'chat', text: text });
    show(o);
    if (phase === 'ready') {
      if (!conv) { conv = fresh; save('conv', conv); }
      if (r) transmit(r);
      transmit(o);
    } else want();
    if (ui) ui.fields.hidden = true;
  }
  function show(o) {
    if (o.kind === 'chat') upsert({ cid: o.cid, who: 'visitor', text: o.text, state: 'sending', n: o.n });
  }

  // ---- UI: a button now, the panel on first open ------------------------------------------------
  var CSS = ':host{all:initial!important;display:block!important;position:fixed!important;z-index:2147483000!important;right:0;bottom:0}' +
    '*{box-sizing:border-box;margin:0;font:inherit;color:inherit}[hidden]{display:none!important}' +
    '.w{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#1e293b}' +
    'button{cursor:pointer;border:0;background:none}' +
    ':focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}' +
    '.fab{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;background:#1d4ed8;color:#fff;display:grid;place-items:center;box-shadow:0 4px 14px rgba(15,23,42,.3)}' +
    '.fab:hover{background:#1e40af}.fab svg{width:28px;height:28px;fill:currentColor}' +
    '.b{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b91c1c;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}' +
    '@media (max-width:480px){.fab{right:16px;bottom:16px}}';
  // The panel's styles arrive with the panel, on first open.
  var PANEL_CSS = '.p{position:fixed;right:20px;bottom:88px;width:400px;height:min(700px,calc(100vh - 110px));display:flex;flex-direction:column;background:#fff;border:1px solid #cbd5e1;border-radius:14px;box-shadow:0 12px 40px rgba(15,23,42,.28);overflow:hidden}' +
    '.h{display:flex;align-items:center;gap:10px;padding:12px 8px 12px 16px;background:#1d4ed8;color:#fff}' +
    '.h div{flex:1;min-width:0}.h h2{font-size:16px;font-weight:650}.s{font-size:12.5px;color:#dbeafe}' +
    '.s:before{content:"";display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:#fbbf24}' +
    '[data-state=online] .s:before{background:#4ade80}[data-state=refused] .s:before{background:#f87171}' +
    '.x{width:40px;height:40px;border-radius:8px;color:#fff;font-size:26px;line-height:1}.x:hover{background:#1e40af}.x:focus-visible{outline-color:#fff;outline-offset:-3px}' +
    '.l{flex:1;overflow-y:auto;padding:14px;display:flex;flex-direction:column;gap:8px;background:#f8fafc}' +
    '.i{color:#475569;font-size:14px}.mo{align-self:center;color:#1d4ed8;font-size:13px;text-decoration:underline;padding:2px 6px}' +
    '.m{max-width:86%;padding:8px 12px;border-radius:14px;white-space:pre-wrap;overflow-wrap:anywhere;align-self:flex-start;background:#fff;border:1px solid #e2e8f0}' +
    '.m a{color:#1d4ed8}.w-v a{color:inherit}.m em{display:block;font-style:normal;font-size:12px;font-weight:650;color:#475569}' +
    '.w-v{align-self:flex-end;background:#1d4ed8;border-color:#1d4ed8;color:#fff;border-bottom-right-radius:4px}' +
    '.w-v small{display:block;text-align:right;font-size:11.5px;color:#dbeafe}' +
    '.w-f{background:#fef2f2;border-color:#fca5a5;color:#7f1d1d}.w-f small{color:#7f1d1d}' +
    '.w-assistant{border-bottom-left-radius:4px}.w-owner{background:#ecfdf5;border-color:#6ee7b7}.w-owner em{color:#047857}' +
    '.w-announcement{align-self:stretch;max-width:none;background:#fffbeb;border-color:#fcd34d;color:#78350f;font-size:14px}.w-announcement em{color:#78350f}' +
    '.f{padding:10px;border-top:1px solid #e2e8f0;background:#fff}' +
    '.g{display:grid;grid-template-columns:1fr 1fr;gap:8px;margin-bottom:8px}.g label{font-size:12.5px;color:#475569}' +
    '.er{grid-column:1/-1;color:#b91c1c;font-size:13px}[aria-invalid=true]{border-color:#b91c1c}' +
    'input,textarea{display:block;width:100%;padding:8px 10px;border:1px solid #64748b;border-radius:8px;background:#fff;color:#0f172a}' +
    '::placeholder{color:#64748b}.r{display:flex;gap:8px;align-items:flex-end}' +
    'textarea{flex:1;height:44px;max-height:132px;resize:none;border-radius:10px}' +
    '.sb{height:44px;padding:0 18px;border-radius:10px;background:#1d4ed8;color:#fff;font-weight:650}.sb:hover{background:#1e40af}' +
    '@media (max-width:480px){.p{inset:0;width:auto;height:auto;border:0;border-radius:0}}';

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function mount() {
    host = document.createElement('blazor-contact');
    root = host.attachShadow({ mode: 'open' });
    var style = el('style');
    style.textContent = CSS;
    var w = el('div', 'w');
    fab = el('button', 'fab');
    fab.type = 'button';
    fab.setAttribute('aria-label', T.open);
    fab.setAttribute('aria-expanded', 'false');
    fab.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z"/></svg>';
    badge = el('span', 'b');
    badge.hidden = true;
    fab.appendChild(badge);
    fab.onclick = function () { if (ui && !ui.panel.hidden) close(); else open(); };
    w.appendChild(fab);
    root.append(style, w);
    host.setAttribute('data-state', state);
    document.body.appendChild(host);
  }

  function build() {
    var w = root.querySelector('.w'), style = el('style');
    style.textContent = PANEL_CSS;
    root.appendChild(style);
    var p = el('div', 'p'), h = el('div', 'h'), hd = el('div'), title = el('h2', '', T.title);
    title.id = 'bc-title';
    p.id = 'bc-panel';
    p.setAttribute('role', 'dialog');
    p.setAttribute('aria-labelledby', 'bc-title');
    p.hidden = true;
    var status = el('p', 's');
    status.setAttribute('role', 'status');
    var x = el('button', 'x', '×');
    x.type = 'button';
    x.setAttribute('aria-label', T.close);
    x.onclick = close;
    hd.append(title, status);
    h.append(hd, x);

    var log = el('div', 'l');
    log.setAttribute('role', 'log');
    log.setAttribute('aria-live', 'polite');
    log.setAttribute('aria-relevant', 'additions');
    log.tabIndex = 0;
    var more = el('button', 'mo', T.earlier);
    more.type = 'button';
    more.hidden = !moreWanted;
    more.onclick = function () {
      var min = Math.min.apply(null, items.filter(function (i) { return i.id; }).map(function (i) { return i.id; }));
      frame({ type: 'history', limit: 50, before_message_id: min }, 'history');
    };
    log.append(more, el('p', 'i', T.intro));

    var f = el('form', 'f'), g = el('div', 'g'), r = el('div', 'r');
    f.noValidate = true;
    var name = field(g, 'text', T.name, 'name', 200);
    var email = field(g, 'email', T.email, 'email', 254);
    var err = el('p', 'er');
    err.id = 'bc-err';
    err.hidden = true;
    err.setAttribute('role', 'alert');
    email.setAttribute('aria-describedby', 'bc-err');
    g.appendChild(err);
    g.hidden = !!(conv || items.length);
    var ta = el('textarea');
    ta.setAttribute('aria-label', T.message);
    ta.placeholder = T.placeholder;
    ta.maxLength = 4000;
    ta.rows = 1;
    var sb = el('button', 'sb', T.send);
    sb.type = 'submit';
    r.append(ta, sb);
    f.append(g, r);
    f.onsubmit = submit;
    function submit(e) {
      if (e) e.preventDefault();
      var text = ta.value.trim(), mail = email.value.trim();
      if (!text) { ta.focus(); return; }
      // The server's rule: one @, a dot after it, no spaces; said here rather than after a round trip.
      var bad = !g.hidden && mail && !/^[^@\s]+@[^@\s.][^@\s]*\.[^@\s]*[^@\s.]$/.test(mail);
      err.textContent = bad ? T.badEmail : '';
      err.hidden = !bad;
      email.setAttribute('aria-invalid', bad ? 'true' : 'false');
      if (bad) { email.focus(); return; }
      send(text, g.hidden ? '' : name.value.trim(), g.hidden ? '' : mail);
      ta.value = '';
      grow();
      ta.focus();
    }
    function grow() { ta.style.height = ''; if (ta.value) ta.style.height = Math.min(ta.scrollHeight + 2, 132) + 'px'; }
    ta.oninput = grow;
    ta.onkeydown = function (e) {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); submit(); }
    };
    p.onkeydown = function (e) { if (e.key === 'Escape') { e.stopPropagation(); close(); } };
    p.append(h, log, f);
    w.appendChild(p);
    fab.setAttribute('aria-controls', 'bc-panel');
    ui = { panel: p, log: log, status: status, more: more, fields: g, input: ta };
    items.slice().sort(function (a, b) { return a.sk - b.sk; }).forEach(place);
    setState(state);
  }

  function field(parent, type, label, key, max) {
    var l = el('label', '', label), i = el('input');
    i.type = type;
    i.name = key;
    i.autocomplete = key;
    i.maxLength = max;
    l.appendChild(i);
    parent.appendChild(l);
    return i;
  }

  function open() {
    if (!ui) build();
    ui.panel.hidden = false;
    fab.setAttribute('aria-expanded', 'true');
    unread = 0;
    badge.hidden = true;
    fab.setAttribute('aria-label', T.open);
    ui.log.scrollTop = ui.log.scrollHeight;
    ui.input.focus();
    want();
  }

  function close() {
    if (!ui || ui.panel.hidden) return;
    ui.panel.hidden = true;
    fab.setAttribute('aria-expanded', 'false');
    fab.focus();
  }

  function notify() {
    if (ui && !ui.panel.hidden) return;
    unread++;
    badge.textContent = unread > 9 ? '9+' : unread;
    badge.hidden = false;
    fab.setAttribute('aria-label', T.open + ' (' + unread + ' ' + T.unread + ')');
  }

  function setState(s) {
    state = s;
    if (host) host.setAttribute('data-state', s);
    if (ui) {
      ui.panel.setAttribute('data-state', s);
      ui.status.textContent = T[s];
    }
  }

  // Puts an item's element where its sort key belongs; moves it only when it is out of place.
  function place(it) {
    if (!ui) return;
    if (!it.el) paint(it);
    var log = ui.log, next = null, i, c;
    for (i = log.children.length - 1; i >= 0; i--) {
      c = log.children[i];
      if (c === it.el || !c.sk) continue;
      if (c.sk > it.sk) next = c; else break;
    }
    if (it.el.parentNode !== log || it.el.nextSibling !== next) {
      var bottom = log.scrollHeight - log.scrollTop - log.clientHeight < 60;
      log.insertBefore(it.el, next);
      if (bottom) log.scrollTop = log.scrollHeight;
    }
  }

  function paint(it) {
    if (!ui) return;
    var e = it.el || (it.el = el('div')), who = it.who === 'visitor' ? 'v' : it.who;
    e.sk = it.sk;
    e.className = 'm w-' + who + (it.state === 'failed' ? ' w-f' : '');
    if (e.childNodes.length && who !== 'v' && !it.draft) return;
    e.textContent = '';
    if (who !== 'v') e.appendChild(el('em', '', T[it.who] || it.who));
    e.appendChild(linkify(it.text || ''));
    if (who === 'v') {
      var st = el('small', '', it.state === 'failed' ? T.failed + (it.why || '') : T[it.state] || '');
      e.setAttribute('data-state', it.state || '');
      if (it.id) e.setAttribute('data-id', it.id);
      e.appendChild(st);
    }
  }

  // Links in answers (https://… and the blog's own /posts/… paths) become anchors; the rest stays text.
  function linkify(text) {
    var span = el('span'), re = /(https?:\/\/[^\s<>()（）"'“”]+[^\s<>()（）"'“”.,;:!?。，；：！？])|(^|[\s(（：])(\/[\w\-./#?=&%]+)/g, at = 0, m, a, url;
    while ((m = re.exec(text))) {
      url = m[1] || m[3];
      var start = m.index + (m[1] ? 0 : m[2].length);
      span.appendChild(document.createTextNode(text.slice(at, start)));
      a = el('a', '', url);
      a.href = url;
      if (m[1]) { a.target = '_blank'; a.rel = 'noopener noreferrer'; }
      span.appendChild(a);
      at = start + url.length;
    }
    span.appendChild(document.createTextNode(text.slice(at)));
    return span;
  }

  function start() {
    if (host) return;
    mount();
    outbox().forEach(show);
    // A visitor with a conversation gets replies (and the unread badge) without opening the panel.
    if (conv || outbox().length) want();
  }

  // For a blog's own "contact me" link: BlazorContactWidget.open().
  window.BlazorContactWidget = { open: function () { start(); open(); }, close: close };
  // After the blog's own work: the button appears when the browser is idle (at most 2 s later).
  function later() { if (window.requestIdleCallback) requestIdleCallback(start, { timeout: 2000 }); else setTimeout(start, 1); }
  if (document.body) later(); else document.addEventListener('DOMContentLoaded', later);
})();
