// static/js/desk.js — the agent desktop, live. Without this file every part of it works by posting
// and reloading; with it:
//  - one stream per desktop (Nchan: the member's own channel multiplexed with the inbox channel) says
//    that something changed; the list pane is fetched again (server-rendered, escaped) and swapped in,
//    and the open conversation fetches every message after the last one it shows — so a reconnect
//    loses and doubles nothing;
//  - Enter sends (Shift+Enter breaks the line), files go with the message, a form id makes a retried
//    post count once; reply and note are tabs of their own colour;
//  - keys: j/k next and previous conversation, r reply, n note, e resolve, a assign to me, / search,
//    ? the list of keys; the title counts unread conversations; alerts (sound and desktop
//    notification) once someone turns them on.
(function () {
	'use strict';
	var desk = document.getElementById('desk');
	if (!desk || !window.fetch) return;
	var conv = desk.getAttribute('data-conv');
	var chat = document.getElementById('chat');
	var list = document.getElementById('messages');
	var last = chat ? parseInt(chat.getAttribute('data-last') || '0', 10) || 0 : 0;
	var baseTitle = document.title.replace(/^\(\d+\)\s*/, '');
	var unread = -1, fetching = false, again = false, listTimer = null, typingTimer = null, lastTyping = 0;
	var alerts = window.localStorage && localStorage.getItem('cxms-alerts') === 'on';
	var T = function (k, d) { return desk.getAttribute('data-t-' + k) || d; };

	function csrfOf(form) { var i = form && form.querySelector('input[name="csrf"]'); return i ? i.value : ''; }
	function newId() {
		if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
		return String(Date.now()) + String(Math.random()).slice(2, 12);
	}

	// ---- the list ----
	function listQuery() {
		var body = document.getElementById('desk-list-body');
		var qs = body ? body.getAttribute('data-qs') || '' : '';
		return '/admin/inbox/list?' + (qs ? qs + '&' : '') + 'current=' + (conv || '0');
	}

	function refreshList() {
		fetch(listQuery(), { credentials: 'same-origin' }).then(function (r) {
			if (!r.ok) throw new Error(String(r.status));
			return r.text();
		}).then(function (html) {
			// only the rows and the tabs' counts change: the search words being typed, open filters and
			// the bulk choice stay as they are
			var doc = new DOMParser().parseFromString(html, 'text/html');
			var body = document.getElementById('desk-list-body'), freshBody = doc.getElementById('desk-list-body');
			var cur = document.getElementById('desk-rows'), fresh = doc.getElementById('desk-rows');
			if (!body || !freshBody || !cur || !fresh) return;
			var picked = {};
			cur.querySelectorAll('input[name="id"]:checked').forEach(function (b) { picked[b.value] = true; });
			var focusedId = document.activeElement && document.activeElement.closest && cur.contains(document.activeElement)
				? document.activeElement.closest('.conv-row') : null;
			focusedId = focusedId ? focusedId.getAttribute('data-conv') : null;
			var node = document.importNode(fresh, true);
			node.querySelectorAll('input[name="id"]').forEach(function (b) { if (picked[b.value]) b.checked = true; });
			cur.replaceWith(node);
			var tabs = body.querySelector('.desk-tabs'), freshTabs = freshBody.querySelector('.desk-tabs');
			if (tabs && freshTabs) tabs.replaceWith(document.importNode(freshTabs, true));
			if (focusedId) {
				var row = node.querySelector('.conv-row[data-conv="' + focusedId + '"] .conv-link');
				if (row) row.focus();
			}
			body.setAttribute('data-unread', freshBody.getAttribute('data-unread') || '0');
			countUnread(parseInt(freshBody.getAttribute('data-unread') || '0', 10) || 0);
			tickWaiting();
		}).catch(function () {});
	}

	function soonList() {
		clearTimeout(listTimer);
		listTimer = setTimeout(refreshList, 250);
	}

	function countUnread(n) {
		if (unread >= 0 && n > unread) alert(T('new', 'New message'));
		unread = n;
		document.title = (n > 0 ? '(' + n + ') ' : '') + baseTitle;
	}

	// waiting times move on while the page is open
	function tickWaiting() {
		var now = Date.now() / 1000;
		document.querySelectorAll('.waiting[data-since]').forEach(function (el) {
			var since = parseInt(el.getAttribute('data-since'), 10);
			var dur = el.querySelector('.dur');
			if (!since || !dur) return;
			var s = Math.max(0, now - since), t;
			if (s < 60) t = T('now', 'under a minute');
			else if (s < 3600) t = T('min', '{n} min').replace('{n}', String(Math.floor(s / 60)));
			else if (s < 172800) t = T('h', '{n} h').replace('{n}', String(Math.floor(s / 3600)));
			else t = T('d', '{n} d').replace('{n}', String(Math.floor(s / 86400)));
			dur.textContent = t;
		});
	}

	function wireList() {
		var form = document.getElementById('bulk-form');
		var action = document.getElementById('bulk-action');
		if (!form || !action) return;
		var to = document.getElementById('bulk-to'), tag = document.getElementById('bulk-tag');
		function show() {
			if (to) to.hidden = action.value !== 'assign';
			if (tag) tag.hidden = action.value !== 'tag';
		}
		action.addEventListener('change', show);
		show();
	}

	// ---- the open conversation ----
	function render(m) {
		if (!list || m.id <= last || list.querySelector('[data-id="' + m.id + '"]')) return;
		var li = document.createElement('li');
		li.className = 'msg msg-' + m.kind;
		li.setAttribute('data-id', String(m.id));
		var who = document.createElement('span');
		who.className = 'who';
		who.textContent = m.who;
		if (m.kind === 'note') {
			var tagEl = document.createElement('span');
			tagEl.className = 'note-tag';
			tagEl.textContent = chat.getAttribute('data-t-note') || 'internal note';
			who.appendChild(document.createTextNode(' '));
			who.appendChild(tagEl);
		}
		var text = document.createElement('span');
		text.className = 'text';
		text.textContent = m.text;   // text only: never parsed as HTML
		li.appendChild(who);
		li.appendChild(document.createTextNode(' '));
		li.appendChild(text);
		(m.files || []).forEach(function (f) {
			if (typeof f.id !== 'number') return;
			var a = document.createElement('a');
			a.className = 'file';
			a.href = chat.getAttribute('data-base') + '/attachments/' + f.id;
			if (f.image) {
				var img = document.createElement('img');
				img.src = a.href;
				img.alt = f.name;
				a.appendChild(img);
			}
			var name = document.createElement('span');
			name.textContent = f.name;
			a.appendChild(name);
			li.appendChild(document.createTextNode(' '));
			li.appendChild(a);
		});
		var at = document.createElement('time');
		at.textContent = m.at;
		li.appendChild(document.createTextNode(' '));
		li.appendChild(at);
		if (typeof m.mail === 'number') { // the mail it came in as, as it came
			var raw = document.createElement('a');
			raw.className = 'raw-mail small';
			raw.href = chat.getAttribute('data-base') + '/mails/' + m.mail;
			raw.textContent = chat.getAttribute('data-t-mail') || 'Original mail';
			li.appendChild(document.createTextNode(' '));
			li.appendChild(raw);
		}
		if (m.delivery) {
			var d = document.createElement('span');
			d.className = 'delivery';
			d.textContent = ' ' + m.delivery;
			li.appendChild(d);
		}
		var old = list.querySelector('#latest');
		if (old) old.removeAttribute('id');
		li.id = 'latest';
		list.appendChild(li);
		last = m.id;
		list.scrollTop = list.scrollHeight;
		var typing = document.getElementById('typing');
		if (typing && m.kind === 'customer') typing.hidden = true;
	}

	function catchUp() {
		if (!chat) return;
		if (fetching) { again = true; return; }
		fetching = true;
		fetch(chat.getAttribute('data-base') + '/messages?after=' + last, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
			.then(function (d) {
				d.messages.forEach(render);
				// the status as the page says it (another agent may have resolved or reopened it)
				var st = document.getElementById('conv-status');
				if (st && d.status && st.getAttribute('data-t-' + d.status)) {
					st.textContent = st.getAttribute('data-t-' + d.status);
					st.className = 'badge status-' + d.status;
				}
			})
			.catch(function () {})
			.then(function () {
				fetching = false;
				if (again) { again = false; catchUp(); }
			});
	}

	// ---- alerts: a sound and a desktop notification, once someone asked for them ----
	function beep() {
		try {
			var Ctx = window.AudioContext || window.webkitAudioContext;
			if (!Ctx) return;
			var ctx = new Ctx(), o = ctx.createOscillator(), g = ctx.createGain();
			o.frequency.value = 880;
			g.gain.value = 0.08;
			o.connect(g);
			g.connect(ctx.destination);
			o.start();
			o.stop(ctx.currentTime + 0.15);
		} catch (e) { /* no sound */ }
	}

	function alert(text) {
		if (!alerts) return;
		beep();
		if (window.Notification && Notification.permission === 'granted' && document.hidden) {
			try { new Notification('CXMS', { body: text }); } catch (e) { /* not allowed here */ }
		}
	}

	var alertButton = document.getElementById('desk-alerts');
	if (alertButton && !alerts) {
		alertButton.hidden = false;
		alertButton.addEventListener('click', function () {
			alerts = true;
			if (window.localStorage) localStorage.setItem('cxms-alerts', 'on');
			alertButton.hidden = true;
			beep();
			if (window.Notification && Notification.permission === 'default') Notification.requestPermission();
		});
	}

	// ---- the stream ----
	function onEvent(data) {
		var e;
		try { e = JSON.parse(data); } catch (x) { return; }
		var here = conv && String(e.conv) === conv;
		if (e.t === 'typing') {
			var typing = document.getElementById('typing');
			if (here && typing) {
				typing.hidden = false;
				clearTimeout(typingTimer);
				typingTimer = setTimeout(function () { typing.hidden = true; }, 4000);
			}
			return;
		}
		if (e.t === 'mention') alert(T('mention', 'You were mentioned'));
		else if (e.t === 'assigned') alert(T('assigned', 'A conversation was given to you'));
		else if (e.t === 'woke') alert(T('woke', 'A snoozed conversation is back'));
		if (here) catchUp();
		soonList();
	}

	function connect() {
		var url = desk.getAttribute('data-stream');
		if (!url) return;
		if (!window.EventSource) { setInterval(function () { soonList(); catchUp(); }, 10000); return; }
		var es = new EventSource(url);
		es.onmessage = function (ev) { onEvent(ev.data); };
		es.onopen = function () { soonList(); catchUp(); };   // after every (re)connect: nothing lost
		es.onerror = function () { if (es.readyState === 2) setTimeout(connect, 5000); };
	}

	// ---- composers ----
	function errorText(r) {
		return r.text().then(function (html) {
			var doc = new DOMParser().parseFromString(html, 'text/html');
			var p = doc.querySelector('.error-page p');
			return p ? p.textContent : (chat.getAttribute('data-t-failed') || 'Not sent') + ' (' + r.status + ')';
		});
	}

	function showError(form, text) {
		var err = form.querySelector('.error');
		if (!err) {
			err = document.createElement('p');
			err.className = 'error';
			err.setAttribute('role', 'alert');
			form.insertBefore(err, form.querySelector('label'));
		}
		err.textContent = text;
	}

	function send(form) {
		var body = form.querySelector('textarea');
		var files = form.querySelector('input[type="file"]');
		if (!body.value.trim() && !(files && files.files.length)) return;
		var data = new FormData(form);
		fetch(form.action + '?js=1', { method: 'POST', credentials: 'same-origin', body: data }).then(function (r) {
			if (r.ok) {
				body.value = '';
				if (files) files.value = '';
				var id = form.querySelector('input[name="client_id"]');
				if (id) id.value = newId();
				var err = form.querySelector('.error');
				if (err) err.remove();
				catchUp();
				soonList();
			} else {
				errorText(r).then(function (t) { showError(form, t); });
			}
		}).catch(function () { showError(form, chat.getAttribute('data-t-failed') || 'Not sent'); });
	}

	function wireComposer(form) {
		if (!form || form.tagName !== 'FORM') return;
		form.addEventListener('submit', function (ev) { ev.preventDefault(); send(form); });
		var body = form.querySelector('textarea');
		body.addEventListener('keydown', function (ev) {
			if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); send(form); }
		});
		body.addEventListener('input', function () {
			var now = Date.now();
			if (form.id !== 'reply-form' || now - lastTyping < 3000 || !body.value) return;
			lastTyping = now;
			var p = new URLSearchParams();
			p.set('csrf', csrfOf(form));
			fetch(chat.getAttribute('data-base') + '/typing', { method: 'POST', credentials: 'same-origin', body: p }).catch(function () {});
		});
	}

	var reply = document.getElementById('reply-form'), note = document.getElementById('note-form');
	var replyPane = document.getElementById('reply-pane') || reply;
	var tabs = document.querySelector('.composer-tabs');
	function showTab(which) {
		if (!tabs) return;
		var isNote = which === 'note';
		document.getElementById('tab-reply').setAttribute('aria-selected', String(!isNote));
		document.getElementById('tab-note').setAttribute('aria-selected', String(isNote));
		if (replyPane) replyPane.hidden = isNote;
		if (note) note.hidden = !isNote;
		var area = (isNote ? note : reply);
		area = area && area.querySelector ? area.querySelector('textarea') : null;
		if (area) area.focus();
	}
	if (chat && tabs && note) {
		tabs.hidden = false;
		chat.querySelector('.composers').setAttribute('data-js', 'on');
		document.getElementById('tab-reply').addEventListener('click', function () { showTab('reply'); });
		document.getElementById('tab-note').addEventListener('click', function () { showTab('note'); });
		var noteError = note.querySelector('.error');
		if (noteError || !reply || reply.tagName !== 'FORM') { showTab('note'); } else { note.hidden = true; }
		if (noteError) note.querySelector('textarea').focus();
	}
	wireComposer(reply);
	wireComposer(note);
	var canned = document.getElementById('canned'), cannedForm = document.getElementById('canned-form');
	if (canned && reply) {
		if (cannedForm) {   // with a script the choice goes straight into the composer
			var insert = cannedForm.querySelector('button');
			if (insert) insert.hidden = true;
			cannedForm.addEventListener('submit', function (ev) { ev.preventDefault(); });
		}
		canned.addEventListener('change', function () {
			var o = canned.options[canned.selectedIndex];
			var area = reply.querySelector('textarea');
			if (o && o.getAttribute('data-text') && area) { area.value = o.getAttribute('data-text'); area.focus(); }
		});
	}

	// ---- keys ----
	function rows() { return Array.prototype.slice.call(document.querySelectorAll('#conv-list .conv-row')); }
	// The list as it was when this conversation was opened: after resolving it, it has left the list,
	// and "next" is still the one that came after it then.
	function remember() {
		try { sessionStorage.setItem('cxms-desk-order', JSON.stringify(rows().map(function (r) { return r.getAttribute('data-conv'); }))); } catch (e) { /* private mode */ }
	}
	function move(step) {
		var all = rows();
		if (!all.length) return;
		var ids = all.map(function (r) { return r.getAttribute('data-conv'); });
		var at = conv ? ids.indexOf(conv) : -1, target = null;
		if (at >= 0) target = all[Math.min(all.length - 1, Math.max(0, at + step))];
		else {
			var before = [];
			try { before = JSON.parse(sessionStorage.getItem('cxms-desk-order') || '[]'); } catch (e) { /* none */ }
			var was = conv ? before.indexOf(conv) : -1;
			for (var i = was + (step > 0 ? 1 : -1); was >= 0 && i >= 0 && i < before.length && !target; i += step > 0 ? 1 : -1) {
				var k = ids.indexOf(before[i]);
				if (k >= 0) target = all[k];
			}
			if (!target) target = all[0];
		}
		var link = target && target.querySelector('.conv-link');
		if (link) { remember(); window.location.href = link.href; }
	}
	document.addEventListener('click', function (ev) {
		if (ev.target.closest && ev.target.closest('#conv-list .conv-link')) remember();
	});
	function press(selector) {
		var el = document.querySelector(selector);
		if (el) el.click();
	}
	document.addEventListener('keydown', function (ev) {
		if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
		var t = ev.target, tag = t && t.tagName;
		if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) {
			if (ev.key === 'Escape') t.blur();
			return;
		}
		var keys = document.getElementById('desk-keys');
		switch (ev.key) {
		case 'j': move(1); break;
		case 'k': move(-1); break;
		case 'r': if (reply && reply.tagName === 'FORM') showTab('reply'); else return; break;
		case 'n': if (note) showTab('note'); else return; break;
		case 'e': press('#resolve-form button[type="submit"]'); break;
		case 'a': press('button[data-key="a"]'); break;
		case '/': var q = document.getElementById('q'); if (q) q.focus(); else return; break;
		case '?': if (keys && keys.showModal) keys.showModal(); break;
		default: return;
		}
		ev.preventDefault();
	});

	desk.setAttribute('data-js', 'on');
	if (list) list.scrollTop = list.scrollHeight;   // the newest message in view
	wireList();
	var lb = document.getElementById('desk-list-body');
	countUnread(lb ? parseInt(lb.getAttribute('data-unread') || '0', 10) || 0 : 0);
	tickWaiting();
	setInterval(tickWaiting, 30000);
	connect();
})();
