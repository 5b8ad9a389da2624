// static/js/chat.js — live updates of the customer's chat page (/chat/N); the agent desktop has its
// own (desk.js). Without this file the page works by posting and reloading.
//
// The database is the source of truth: the stream (Nchan, /live/<channel>) only says "something new",
// and the page then asks the app for every message after the last id it shows, so nothing is lost or
// shown twice, in order. When the channel is rotated (transfer, sign-out) the stream closes; the page
// asks the app for the current channel and subscribes again, if it still may.
(function () {
	'use strict';
	var root = document.getElementById('chat');
	if (!root || !window.fetch) return;
	var role = 'customer';
	var base = root.getAttribute('data-base');
	var live = root.getAttribute('data-live');
	var last = parseInt(root.getAttribute('data-last') || '0', 10) || 0;
	var list = document.getElementById('messages');
	var form = document.getElementById('composer');
	var body = document.getElementById('body');
	var typingEl = document.getElementById('typing');
	var stateEl = document.getElementById('chat-state');
	if (!list || !form || !body) return;
	var csrf = form.querySelector('input[name="csrf"]').value;
	var surveyLabel = root.getAttribute('data-t-survey') || 'Answer the survey';
	var streams = [];
	var fetching = false, again = false, failures = 0, typingTimer = null, lastTyping = 0;

	function post(url, fields) {
		var p = new URLSearchParams();
		p.set('csrf', csrf);
		Object.keys(fields).forEach(function (k) { p.set(k, fields[k]); });
		return fetch(url, { method: 'POST', credentials: 'same-origin', body: p,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	}

	function render(m) {
		if (m.id <= last || list.querySelector('[data-id="' + m.id + '"]')) return;
		var li = document.createElement('li');
		li.className = 'msg msg-' + m.kind;
		li.setAttribute('data-id', String(m.id));
		var who = document.createElement('span');
		who.className = 'who';
		who.textContent = m.who;
		var text = document.createElement('span');
		text.className = 'text';
		text.textContent = m.text;   // text only: never parsed as HTML
		var at = document.createElement('time');
		at.textContent = m.at;
		li.appendChild(who);
		li.appendChild(document.createTextNode(' '));
		li.appendChild(text);
		li.appendChild(document.createTextNode(' '));
		(m.files || []).forEach(function (f) {
			if (typeof f.id !== 'number') return;
			var a = document.createElement('a');
			a.className = 'file';
			a.href = base + '/attachments/' + f.id;
			if (f.image) {
				var img = document.createElement('img');
				img.src = a.href;
				img.alt = f.name;
				a.appendChild(img);
			}
			var name = document.createElement('span');
			name.textContent = f.name;
			a.appendChild(name);
			li.appendChild(a);
			li.appendChild(document.createTextNode(' '));
		});
		// the server sends a link only for this site's survey path ("/s/<token>")
		if (typeof m.link === 'string' && /^\/s\/[A-Za-z0-9_-]{43}$/.test(m.link)) {
			var a = document.createElement('a');
			a.className = 'button survey-link';
			a.href = m.link;
			a.textContent = surveyLabel;
			li.appendChild(a);
			li.appendChild(document.createTextNode(' '));
		}
		li.appendChild(at);
		list.appendChild(li);
		last = m.id;
		list.scrollTop = list.scrollHeight;
		if (typingEl && m.kind !== 'system') typingEl.hidden = true;
	}

	// one line says where the chat stands, as the page itself does: resolved, queued, or with an agent
	function showState(d) {
		root.setAttribute('data-status', d.status);
		if (!stateEl) return;
		var t = '';
		if (d.status === 'resolved') t = root.getAttribute('data-t-resolved') || '';
		else if (d.queue > 0) t = (root.getAttribute('data-t-queue') || '').replace('{n}', String(d.queue));
		else if (d.agent) t = (root.getAttribute('data-t-agent') || '').replace('{name}', d.agent);
		if (t) stateEl.textContent = t;
	}

	// Every message after the last one shown; repeated while new events arrive during the fetch.
	function catchUp() {
		if (fetching) { again = true; return; }
		fetching = true;
		fetch(base + '/messages?after=' + last, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
			.then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.json(); })
			.then(function (d) {
				d.messages.forEach(render);
				showState(d);
				failures = 0;
				if (d.live && d.live !== live) { live = d.live; subscribe(); }
			})
			.catch(function () { failures++; })
			.then(function () {
				fetching = false;
				if (again) { again = false; catchUp(); }
			});
	}

	function onEvent(data) {
		var e;
		try { e = JSON.parse(data); } catch (x) { return; }
		if (e.t === 'typing') {
			if (typingEl && e.who !== role) {
				typingEl.hidden = false;
				clearTimeout(typingTimer);
				typingTimer = setTimeout(function () { typingEl.hidden = true; }, 4000);
			}
		} else {
			catchUp();   // msg, rotate, or anything new
		}
	}

	function eventSource(channel, isMain) {
		var es = new EventSource('/live/' + channel);
		es.onmessage = function (ev) { onEvent(ev.data); };
		es.onopen = function () { if (isMain) catchUp(); };   // after every (re)connect: nothing lost
		es.onerror = function () {
			if (es.readyState !== 2) return;   // the browser reconnects by itself; onopen catches up
			if (isMain) catchUp();             // a rotated channel: catchUp subscribes to the new one
			setTimeout(function () {
				if (!isMain || channel === live) restart(channel, isMain);
			}, 2000 * Math.min(failures + 1, 15));
		};
		return { close: function () { es.close(); }, channel: channel };
	}

	// Long polling through Nchan where EventSource is missing.
	function longPoll(channel, isMain) {
		var stopped = false, lm = '', etag = '';
		(function loop() {
			if (stopped) return;
			var h = {};
			if (lm) { h['If-Modified-Since'] = lm; h['If-None-Match'] = etag; }
			fetch('/live/' + channel, { credentials: 'same-origin', headers: h }).then(function (r) {
				if (r.status === 200) {
					lm = r.headers.get('Last-Modified') || lm;
					etag = r.headers.get('Etag') || etag;
					return r.text().then(function (t) { onEvent(t); loop(); });
				}
				if (r.status === 304 || r.status === 408) return loop();
				if (isMain) catchUp();
				setTimeout(loop, 3000);
			}).catch(function () { setTimeout(loop, 3000); });
		})();
		if (isMain) catchUp();
		return { close: function () { stopped = true; }, channel: channel };
	}

	function open(channel, isMain) {
		return window.EventSource ? eventSource(channel, isMain) : longPoll(channel, isMain);
	}

	function restart(channel, isMain) {
		streams = streams.filter(function (s) { if (s.channel === channel) { s.close(); return false; } return true; });
		streams.push(open(channel, isMain));
	}

	function subscribe() {
		streams.forEach(function (s) { s.close(); });
		streams = [open(live, true)];
	}

	function newId() {
		if (window.crypto && crypto.randomUUID) return crypto.randomUUID().replace(/-/g, '');
		return String(Date.now()) + String(Math.random()).slice(2, 12);
	}

	// The form as it is (text, files, and its id: a retry after a lost answer is stored once).
	function send() {
		var files = form.querySelector('input[type="file"]');
		if (!body.value.trim() && !(files && files.files.length)) return;
		fetch(form.action + '?js=1', { method: 'POST', credentials: 'same-origin', body: new FormData(form) }).then(function (r) {
			if (r.ok) {
				body.value = '';
				if (files) files.value = '';
				var id = form.querySelector('input[name="client_id"]');
				if (id) id.value = newId();
				var old = form.querySelector('.error');
				if (old) old.remove();
				catchUp();
			} else {
				var err = form.querySelector('.error');
				if (!err) {
					err = document.createElement('p');
					err.className = 'error';
					err.setAttribute('role', 'alert');
					form.insertBefore(err, form.firstChild);
				}
				if (r.status === 429) { err.textContent = root.getAttribute('data-t-slow') || 'Too fast'; return; }
				r.text().then(function (html) {
					var p = new DOMParser().parseFromString(html, 'text/html').querySelector('.error-page p');
					err.textContent = p ? p.textContent : (root.getAttribute('data-t-failed') || 'Not sent') + ' (' + r.status + ')';
				});
			}
		}).catch(function () {});
	}

	form.addEventListener('submit', function (ev) { ev.preventDefault(); send(); });
	// Enter sends; Shift+Enter starts a new line
	body.addEventListener('keydown', function (ev) {
		if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); send(); }
	});

	body.addEventListener('input', function () {
		var now = Date.now();
		if (now - lastTyping < 3000 || !body.value) return;
		lastTyping = now;
		post(base + '/typing', {}).catch(function () {});
	});

	root.setAttribute('data-js', 'on');
	list.scrollTop = list.scrollHeight;   // the newest message in view
	subscribe();
})();
