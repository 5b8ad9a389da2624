// static/js/inbox.js — keeps /admin/inbox current: the staff inbox stream (Nchan) says that a
// conversation changed, and the list is fetched again (server-rendered, escaped) and swapped in.
(function () {
	'use strict';
	var root = document.getElementById('inbox');
	if (!root || !window.fetch) return;
	var channel = root.getAttribute('data-inbox-live');
	var timer = null;

	function refresh() {
		fetch(location.href, { credentials: 'same-origin' }).then(function (r) {
			if (!r.ok) throw new Error(String(r.status));
			return r.text();
		}).then(function (html) {
			var doc = new DOMParser().parseFromString(html, 'text/html');
			var fresh = doc.getElementById('inbox-list');
			var cur = document.getElementById('inbox-list');
			if (fresh && cur) cur.replaceWith(document.importNode(fresh, true));
		}).catch(function () {});
	}

	function soon() {
		clearTimeout(timer);
		timer = setTimeout(refresh, 300);
	}

	function connect() {
		if (window.EventSource) {
			var es = new EventSource('/live/' + channel);
			es.onmessage = soon;
			es.onopen = soon;
			es.onerror = function () { if (es.readyState === 2) setTimeout(connect, 5000); };
		} else {
			setInterval(refresh, 10000);
		}
	}
	root.setAttribute('data-js', 'on');
	connect();
})();
