// tests/browser/desk.mjs — browser tests of the agent desktop (/admin/inbox): the live list and the tab
// title, @mentions, notes, snooze, bulk changes, the keyboard, line breaks, the phone layout and the
// desktop without JavaScript. Agents, the supervisor and visitors each use a browser context of their own.
// Registered by tests/browser/run.mjs:
// register({ test, goto, submit, check, eq, sql, adminSignIn, DEMO, BASE, OUT }).
//
// Conversations a test makes are resolved by the test through the desktop; if a test fails half-way,
// its conversations are resolved in the database so that the next tests find the usual queues.
import { join } from 'node:path';

export function register({ test, goto, submit, check, eq, sql, adminSignIn, DEMO, BASE, OUT }) {
	const SUP = { email: 'supervisor@example.com', password: 'demo-supervisor-pass', name: 'Sam Supervisor' };
	const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
	const tagOf = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
	const slug = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50);
	const pathname = (page) => new URL(page.url()).pathname;

	// A desktop test: open(role, options) gives a page in a browser context of its own (closed at the end,
	// screenshotted when the test fails); made(id) records a conversation to resolve if the test fails.
	function deskTest(name, fn, ctxOptions = {}) {
		test(name, async (page) => {
			const extra = [];
			const ids = [];
			const open = async (role, options = {}) => {
				const ctx = await page.context().browser().newContext({ locale: 'en-US', ...options });
				ctx.setDefaultTimeout(15_000);
				ctx.setDefaultNavigationTimeout(15_000);
				const p = await ctx.newPage();
				extra.push({ role, ctx, page: p });
				return p;
			};
			const made = (id) => { ids.push(String(id)); return String(id); };
			let ok = false;
			try {
				await fn(page, { open, made });
				ok = true;
			} catch (err) {
				for (const e of extra) {
					const file = join(OUT, `FAIL-${slug(name)}-${e.role}.png`);
					try {
						await e.page.screenshot({ path: file, fullPage: true, timeout: 5000 });
						err.message += `\n    ${e.role}'s page: ${e.page.url()} — saved ${file}`;
					} catch { /* the page may be gone */ }
				}
				throw err;
			} finally {
				for (const e of extra) await e.ctx.close().catch(() => {});
				if (!ok && ids.length) {   // leave no open conversation behind
					await sql(`UPDATE conversations SET status = 'resolved', resolved_at = now(), snoozed_until = NULL,
						waiting_since = NULL WHERE id = ANY (string_to_array(:'ids', ',')::bigint[]) AND status <> 'resolved';`,
					{ ids: ids.join(',') }).catch(() => {});
				}
			}
		}, ctxOptions);
	}

	// --- the desktop ---

	// Opens a desktop page and waits until its script runs and its stream is connected: on connecting
	// desk.js fetches the list pane once (/admin/inbox/list), so that request means "listening".
	async function openDesk(page, path, what) {
		const listed = page.waitForResponse((r) => new URL(r.url()).pathname === '/admin/inbox/list', { timeout: 8000 })
			.then(() => true, () => false);
		await goto(page, path);
		await page.waitForSelector('#desk[data-js="on"]', { timeout: 8000 })
			.catch(() => check(false, `${what}: desk.js did not start on ${path}`));
		check(await listed, `${what}: the desktop's stream did not connect on ${path} (no list refresh after opening)`);
	}

	async function agentOnline(page) {
		await adminSignIn(page, DEMO.agent.email, DEMO.agent.password);
		await goto(page, '/admin/inbox');
		await page.locator('select#presence').selectOption('online');
		await submit(page, page.locator('form.presence button[type="submit"]'));
		eq(await page.locator('select#presence').inputValue(), 'online', 'the agent\'s presence after setting it');
	}

	// Marks the page; a reload or navigation loses the mark.
	const mark = (page) => page.evaluate(() => { window.__deskMark = 'still-here'; });
	const marked = (page) => page.evaluate(() => window.__deskMark === 'still-here');

	const row = (page, id) => page.locator(`#conv-list li.conv-row[data-conv="${id}"]`);
	const rowLink = (page, id) => page.locator(`#conv-list a[href^="/admin/inbox/${id}#"], #conv-list a[href^="/admin/inbox/${id}?"]`);
	const listIds = (page) => page.locator('#conv-list li.conv-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-conv')));
	const titleCount = (title) => { const m = /^\((\d+)\) /.exec(title); return m ? Number(m[1]) : 0; };

	async function tabCount(page, label) {
		const tab = page.locator('.desk-tabs a', { hasText: label });
		eq(await tab.count(), 1, `"${label}" tabs above the list`);
		const n = await tab.locator('.count').innerText().catch(() => null);
		check(n !== null && /^\d+$/.test(n.trim()), `the "${label}" tab shows no count (${JSON.stringify(await tab.innerText())})`);
		return Number(n.trim());
	}

	async function statusOf(id) {
		return sql(`SELECT status FROM conversations WHERE id = :'id';`, { id });
	}

	// A reply (the Reply tab) or a note (the Note tab) from the desktop, sent with Enter.
	async function deskSend(page, text, kind = 'reply') {
		await page.locator(kind === 'note' ? '#tab-note' : '#tab-reply').click();
		const sel = kind === 'note' ? '#note-form textarea' : '#reply-form textarea';
		await page.locator(sel).fill(text);
		await page.locator(sel).press('Enter');
		await page.waitForFunction((s) => document.querySelector(s).value === '', sel, { timeout: 8000 })
			.catch(() => check(false, `the ${kind} "${text}" was not sent with Enter (the box kept its text)`));
	}

	async function seeMessage(page, kind, text, what, timeout = 8000) {
		try {
			await page.locator(`#messages li.msg-${kind} .text`, { hasText: text }).first().waitFor({ timeout });
		} catch {
			const all = await page.locator('#messages li').allInnerTexts();
			check(false, `${what}: "${text}" did not appear within ${timeout} ms; messages: ${JSON.stringify(all)}`);
		}
	}

	async function resolveHere(page, id) {
		await submit(page, page.locator('#resolve-form button[type="submit"]'));
		eq(await statusOf(id), 'resolved', `status of conversation ${id} in the database after Resolve`);
	}

	// --- the visitor ---

	async function startChat(visitor, { name, message, topic = 'order' }) {
		await goto(visitor, '/chat');
		await visitor.locator('#name').fill(name);
		await visitor.locator('#topic').selectOption(topic);
		await visitor.locator('#message').fill(message);
		await submit(visitor, visitor.locator('#chat-start button[type="submit"]'));
		if (await visitor.locator('form input[name="go_on"]').count()) {   // article suggestions first
			await submit(visitor, visitor.locator('form:has(input[name="go_on"]) button[type="submit"]'));
		}
		const m = /^\/chat\/(\d+)$/.exec(pathname(visitor));
		check(m, `after starting a chat the visitor is on ${visitor.url()} (${await visitor.locator('main .error').allInnerTexts()})`);
		return m[1];
	}

	// The visitor's chat page is live once chat.js has caught up after its stream opened.
	async function chatLive(visitor, id, what, reload = false) {
		const caught = visitor.waitForResponse((r) => new URL(r.url()).pathname === `/chat/${id}/messages`
			&& r.request().method() === 'GET', { timeout: 8000 }).then(() => true, () => false);
		if (reload) await visitor.reload({ waitUntil: 'load' });
		else await goto(visitor, `/chat/${id}`);
		await visitor.waitForSelector('#chat[data-js="on"]', { timeout: 8000 }).catch(() => check(false, `${what}: chat.js did not start`));
		check(await caught, `${what}: the chat's stream did not connect`);
	}

	async function visitorWrites(visitor, text) {
		await visitor.locator('#composer textarea#body').fill(text);
		await visitor.locator('#composer button[type="submit"]').click();
		await visitor.waitForFunction(() => document.querySelector('#composer textarea#body').value === '', null, { timeout: 8000 })
			.catch(() => check(false, `the visitor's "${text}" was not sent`));
	}

	// --- conversations straight into the database (as a connector stores them) ---

	// kind web (a visitor's chat) or email; customer / agent: email addresses or ''. Returns the id.
	async function makeConversation({ kind = 'web', customer = '', agent = '', visitor = '', subject = '', body, agoSeconds = 0 }) {
		const id = await sql(`
			WITH acc AS (SELECT id FROM channel_accounts WHERE kind = :'kind' AND active ORDER BY id LIMIT 1),
			c AS (INSERT INTO conversations (channel_account_id, customer_id, assigned_to, status, subject, topic,
					last_message_at, last_customer_message_at, waiting_since, preview)
				SELECT acc.id, (SELECT id FROM customers WHERE email = :'customer'), (SELECT id FROM staff WHERE email = :'agent'),
					'open', nullif(:'subject', ''), NULL, now() - make_interval(secs => :'ago'::int),
					now() - make_interval(secs => :'ago'::int), now() - make_interval(secs => :'ago'::int), left(:'body', 200)
				FROM acc RETURNING id, channel_account_id),
			w AS (INSERT INTO chat_conversations (conversation_id, live_channel, visitor_name)
				SELECT id, md5(random()::text), nullif(:'visitor', '') FROM c WHERE :'kind' = 'web'),
			m AS (INSERT INTO messages (conversation_id, channel_account_id, author, direction, body, created_at)
				SELECT id, channel_account_id, 'customer', 'in', :'body', now() - make_interval(secs => :'ago'::int) FROM c)
			SELECT id FROM c;`, { kind, customer, agent, visitor, subject, body, ago: String(agoSeconds) });
		check(/^\d+$/.test(id), `making a ${kind} conversation in the database gave ${JSON.stringify(id)}`);
		return id;
	}

	async function noSidewaysScroll(page, what) {
		const { scrollWidth, clientWidth } = await page.evaluate(() => ({
			scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
		}));
		check(scrollWidth <= clientWidth, `${what} is ${scrollWidth}px wide on a ${clientWidth}px screen (scrolls sideways)`);
	}

	async function shot(page, name) {
		const file = join(OUT, name);
		await page.screenshot({ path: file, fullPage: true });
		console.log(`  screenshot: ${file}`);
	}

	// ---- 1. the live list ----------------------------------------------------------------------

	deskTest('desk: a new chat appears in the open list live; a new message makes it unread and counts in the title', async (agent, { open, made }) => {
		const visitor = await open('visitor');
		const tag = tagOf();
		await agentOnline(agent);
		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		await mark(agent);

		const id = made(await startChat(visitor, { name: `List Visitor ${tag}`, message: `Is my order on its way? ${tag}` }));
		await rowLink(agent, id).waitFor({ timeout: 8000 })
			.catch(async () => check(false, `chat ${id} did not appear in the agent's open list without a reload (list: ${await listIds(agent)})`));
		check(await marked(agent), 'the agent\'s list page reloaded to show the new chat');
		const assignee = await sql(`SELECT coalesce(s.email, '') FROM conversations c LEFT JOIN staff s ON s.id = c.assigned_to
			WHERE c.id = :'id';`, { id });
		eq(assignee, DEMO.agent.email, `who chat ${id} was routed to (the agent is online and has room)`);
		check(await row(agent, id).evaluate((li) => li.classList.contains('unread')), 'a new chat nobody has opened is not shown as unread');

		// the agent reads it, and goes back to the list
		await submit(agent, rowLink(agent, id));
		eq(pathname(agent), `/admin/inbox/${id}`, 'page after clicking the new chat in the list');
		await seeMessage(agent, 'customer', `Is my order on its way? ${tag}`, 'the opened chat');
		await openDesk(agent, '/admin/inbox', 'agent\'s list after reading');
		check(!(await row(agent, id).evaluate((li) => li.classList.contains('unread'))), `chat ${id} is still unread after the agent opened it`);
		const before = titleCount(await agent.title());
		await mark(agent);

		// the customer writes again: bold, and one more in the tab's title, without a reload
		await chatLive(visitor, id, 'visitor\'s chat');
		await visitorWrites(visitor, `Hello? ${tag}`);
		await agent.locator(`#conv-list li.conv-row.unread[data-conv="${id}"]`).waitFor({ timeout: 8000 })
			.catch(() => check(false, `chat ${id} did not turn unread in the open list after the customer wrote`));
		const weight = await row(agent, id).locator('.conv-name').evaluate((el) => getComputedStyle(el).fontWeight);
		check(Number(weight) >= 700, `the unread row's name is not bold (font-weight ${weight})`);
		await agent.waitForFunction((n) => document.title.startsWith(`(${n}) `), before + 1, { timeout: 5000 })
			.catch(async () => check(false, `the tab title is ${JSON.stringify(await agent.title())}; expected it to start with "(${before + 1}) "`));
		check(await marked(agent), 'the agent\'s list page reloaded');

		await openDesk(agent, `/admin/inbox/${id}`, 'agent opens the chat again');
		await resolveHere(agent, id);
	});

	// ---- 2. a mention --------------------------------------------------------------------------

	deskTest('desk: an @mention in a note reaches the supervisor\'s Mentions tab live, never the customer', async (agent, { open, made }) => {
		const visitor = await open('visitor');
		const sup = await open('supervisor');
		const tag = tagOf();
		await agentOnline(agent);
		const id = made(await startChat(visitor, { name: `Mention Visitor ${tag}`, message: `Question ${tag}` }));
		await chatLive(visitor, id, 'visitor\'s chat');

		await adminSignIn(sup, SUP.email, SUP.password);
		await openDesk(sup, '/admin/inbox', 'supervisor\'s list');
		const before = await tabCount(sup, 'Mentions');
		await mark(sup);

		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		const note = `@Sam Supervisor please check ${tag}`;
		await deskSend(agent, note, 'note');
		await seeMessage(agent, 'note', note, 'the note in the agent\'s view');

		await sup.waitForFunction((n) => {
			const a = [...document.querySelectorAll('.desk-tabs a')].find((x) => x.textContent.includes('Mentions'));
			const c = a && a.querySelector('.count');
			return c && Number(c.textContent.trim()) === n;
		}, before + 1, { timeout: 8000 }).catch(async () => check(false,
			`the supervisor's Mentions tab did not go from ${before} to ${before + 1} live (now ${await tabCount(sup, 'Mentions')})`));
		check(await marked(sup), 'the supervisor\'s page reloaded to show the mention');

		// the Mentions tab lists it, marked @; opening it clears the mention
		await submit(sup, sup.locator('.desk-tabs a', { hasText: 'Mentions' }));
		check((await sup.locator(`#conv-list li.conv-row[data-conv="${id}"] .badge.mention`).count()) === 1,
			`the Mentions view does not list conversation ${id} with an @ (list: ${await listIds(sup)})`);
		await submit(sup, rowLink(sup, id));
		await seeMessage(sup, 'note', note, 'the note in the supervisor\'s view');
		eq(await tabCount(sup, 'Mentions'), before, 'the supervisor\'s Mentions count after opening the conversation');

		// the customer gets the next reply, live, but never the note
		await deskSend(agent, `A real answer ${tag}`);
		await seeMessage(visitor, 'agent', `A real answer ${tag}`, 'agent → visitor');
		const live = await visitor.locator('#messages').innerText();
		check(!live.includes(`please check ${tag}`), `the customer's live chat shows the note: ${JSON.stringify(live)}`);
		await chatLive(visitor, id, 'visitor after a reload', true);
		const reloaded = await visitor.locator('#messages').innerText();
		check(reloaded.includes(`A real answer ${tag}`), 'the reply is missing from the customer\'s chat after a reload');
		check(!reloaded.includes(`please check ${tag}`), `after a reload the customer's chat shows the note: ${JSON.stringify(reloaded)}`);

		await resolveHere(agent, id);
	});

	// ---- 3. the note composer looks different ---------------------------------------------------

	deskTest('desk: the note composer looks unlike the reply composer and says only staff see it', async (agent, { made }) => {
		const tag = tagOf();
		const id = made(await makeConversation({ visitor: `Note Look ${tag}`, agent: DEMO.agent.email, body: `Can you help? ${tag}` }));
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');

		check(await agent.locator('#reply-form textarea').isVisible(), 'the reply composer is not shown first');
		check(!(await agent.locator('#note-form').isVisible()), 'the note composer is shown before its tab is chosen');
		await agent.locator('#tab-note').click();
		eq(await agent.locator('#tab-note').getAttribute('aria-selected'), 'true', 'aria-selected of the Note tab after clicking it');
		check(await agent.locator('#note-form').isVisible(), 'the note composer is not shown after choosing the Note tab');
		check(!(await agent.locator('#reply-form').isVisible()), 'the reply composer is still shown with the Note tab chosen');
		eq(await agent.evaluate(() => document.activeElement && document.activeElement.id), 'note-body', 'focused element after choosing the Note tab');
		const style = (sel) => agent.locator(sel).evaluate((el) => {
			const s = getComputedStyle(el);
			return { bg: s.backgroundColor, border: `${s.borderTopStyle} ${s.borderTopColor}` };
		});
		const noteStyle = await style('#note-form'), replyStyle = await style('#reply-form');
		check(noteStyle.bg !== replyStyle.bg, `the note and reply composers have the same background (${noteStyle.bg})`);
		check(noteStyle.bg !== 'rgba(0, 0, 0, 0)', 'the note composer has no background of its own');
		const label = await agent.locator('#note-form label[for="note-body"]').innerText();
		check(label.includes('only staff see this'), `the note composer's label does not say who sees it: ${JSON.stringify(label)}`);
		const tabBg = await agent.locator('#tab-note').evaluate((el) => getComputedStyle(el).backgroundColor);
		const replyTabBg = await agent.locator('#tab-reply').evaluate((el) => getComputedStyle(el).backgroundColor);
		check(tabBg !== replyTabBg, 'the chosen Note tab looks like the unchosen Reply tab');
		await shot(agent, 'desk-note-tab-1400.png');

		// a note stays marked as one in the conversation
		await deskSend(agent, `for staff only ${tag}`, 'note');
		await seeMessage(agent, 'note', `for staff only ${tag}`, 'the note');
		const tagText = await agent.locator('#messages li.msg-note', { hasText: `for staff only ${tag}` }).locator('.note-tag').innerText();
		eq(tagText.trim(), 'internal note', 'the label on a note in the conversation');
		eq(await sql(`SELECT count(*) FROM messages WHERE conversation_id = :'id' AND internal AND body = :'b';`,
			{ id, b: `for staff only ${tag}` }), '1', 'internal notes with that text in the database');
		await resolveHere(agent, id);
	}, { viewport: { width: 1400, height: 900 } });

	// ---- 4. snooze -----------------------------------------------------------------------------

	deskTest('desk: a snoozed conversation leaves the list, shows under Snoozed, and comes back when the customer writes', async (agent, { open, made }) => {
		const visitor = await open('visitor');
		const tag = tagOf();
		await agentOnline(agent);
		const id = made(await startChat(visitor, { name: `Snooze Visitor ${tag}`, message: `Snooze me ${tag}` }));

		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		await agent.locator('details.more-actions > summary').click();
		await submit(agent, agent.locator('#snooze-form button[name="preset"][value="hour"]'));
		eq(pathname(agent), `/admin/inbox/${id}`, 'page after snoozing');
		check((await agent.locator('.conv-head').innerText()).includes('Snoozed until'), 'the conversation does not say it is snoozed');
		const until = await sql(`SELECT round(extract(epoch FROM snoozed_until - now()) / 60) FROM conversations WHERE id = :'id';`, { id });
		check(Number(until) >= 55 && Number(until) <= 61, `"In an hour" snoozed it for ${until} minutes`);

		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		eq(await row(agent, id).count(), 0, `rows of snoozed conversation ${id} in the default list`);
		// the Snoozed filter
		await agent.locator('details.desk-filters > summary').click();
		await agent.locator('#f-snoozed').selectOption('only');
		await submit(agent, agent.locator('form.desk-search button[type="submit"]'));
		check(new URL(agent.url()).searchParams.get('snoozed') === 'only', `the filter led to ${agent.url()}`);
		eq(await row(agent, id).count(), 1, `rows of conversation ${id} with the "Snoozed only" filter`);

		// the customer writes: back in the open default list, live
		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		await mark(agent);
		await chatLive(visitor, id, 'visitor\'s chat');
		await visitorWrites(visitor, `Are you there? ${tag}`);
		await rowLink(agent, id).waitFor({ timeout: 8000 })
			.catch(async () => check(false, `conversation ${id} did not come back to the list when the customer wrote (list: ${await listIds(agent)})`));
		check(await marked(agent), 'the agent\'s list page reloaded');
		eq(await sql(`SELECT snoozed_until IS NULL FROM conversations WHERE id = :'id';`, { id }), 't', 'snooze cleared in the database');

		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		await resolveHere(agent, id);
	});

	// ---- 5. bulk resolve -----------------------------------------------------------------------

	deskTest('desk: three conversations ticked in the list are resolved at once', async (agent, { made }) => {
		const tag = tagOf();
		const ids = [];
		for (let i = 0; i < 3; i++) {
			ids.push(made(await makeConversation({ visitor: `Bulk ${i} ${tag}`, agent: SUP.email, body: `Bulk question ${i} ${tag}`, agoSeconds: i })));
		}
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		for (const id of ids) {
			const box = agent.locator(`#conv-list input[name="id"][value="${id}"]`);
			eq(await box.count(), 1, `checkboxes of conversation ${id} in the open list`);
			await box.check();
		}
		await agent.locator('#bulk-action').selectOption('resolve');
		check(!(await agent.locator('#bulk-to').isVisible()) && !(await agent.locator('#bulk-tag').isVisible()),
			'the agent and tag boxes are shown for "Resolve", which needs neither');
		const resp = await submit(agent, agent.locator('#bulk-form fieldset.bulk button[type="submit"]'));
		eq(resp.status(), 200, `status after Apply (landed on ${agent.url()})`);
		eq(pathname(agent), '/admin/inbox', 'page after Apply');
		for (const id of ids) {
			eq(await statusOf(id), 'resolved', `status of conversation ${id} after the bulk resolve`);
			eq(await row(agent, id).count(), 0, `rows of resolved conversation ${id} in the open list`);
		}
		const flash = await agent.locator('main .flash').allInnerTexts();
		check(flash.length === 1 && flash[0].trim() !== '', `no message saying what was done (flash: ${JSON.stringify(flash)})`);
	});

	// ---- 6. keys -------------------------------------------------------------------------------

	deskTest('desk: keys j/k move through the list, ? shows them, r/n/ / focus, e resolves', async (agent, { made }) => {
		const tag = tagOf();
		const ids = [];
		for (let i = 0; i < 3; i++) {
			ids.push(made(await makeConversation({ visitor: `Keys ${i} ${tag}`, agent: SUP.email, body: `Key question ${i} ${tag}`, agoSeconds: i })));
		}
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		await openDesk(agent, `/admin/inbox/${ids[1]}`, 'agent\'s conversation');
		const order = await listIds(agent);
		const at = order.indexOf(ids[1]);
		check(at > 0 && at < order.length - 1, `conversation ${ids[1]} is not in the middle of the list (${order})`);
		eq(await agent.evaluate(() => document.activeElement === document.body), true, 'focus on the page body after opening a conversation');

		const key = async (k, want) => {
			await Promise.all([agent.waitForURL((u) => u.pathname === `/admin/inbox/${want}`, { timeout: 8000 }), agent.keyboard.press(k)])
				.catch(() => check(false, `key ${k} on ${pathname(agent)} did not open /admin/inbox/${want} (list: ${order})`));
			await agent.waitForSelector('#desk[data-js="on"]');
			eq(await agent.locator(`#conv-list li.conv-row.current`).getAttribute('data-conv'), want, `the current row after key ${k}`);
		};
		await key('j', order[at + 1]);
		await key('k', order[at]);
		await key('k', order[at - 1]);
		await key('j', order[at]);

		await agent.keyboard.press('?');
		await agent.locator('#desk-keys').waitFor({ state: 'visible', timeout: 3000 })
			.catch(() => check(false, 'key ? did not open the keyboard shortcuts dialog'));
		check(await agent.locator('#desk-keys').evaluate((d) => d.open), 'the shortcuts dialog is not open');
		check((await agent.locator('#desk-keys').innerText()).includes('next / previous conversation'), 'the shortcuts dialog lacks j / k');
		await agent.keyboard.press('Escape');
		await agent.locator('#desk-keys').waitFor({ state: 'hidden', timeout: 3000 }).catch(() => check(false, 'Escape did not close the dialog'));

		const focused = () => agent.evaluate(() => document.activeElement && (document.activeElement.id || document.activeElement.tagName));
		await agent.keyboard.press('r');
		eq(await focused(), 'body', 'focused element after key r (the reply textarea)');
		eq(await agent.locator('#body').inputValue(), '', 'the reply box after key r (the r is not typed into it)');
		await agent.keyboard.press('Escape');
		await agent.keyboard.press('n');
		eq(await focused(), 'note-body', 'focused element after key n (the note textarea)');
		check(await agent.locator('#note-form').isVisible(), 'key n did not show the note composer');
		eq(await agent.locator('#note-body').inputValue(), '', 'the note box after key n');
		await agent.keyboard.press('Escape');
		await agent.keyboard.press('/');
		eq(await focused(), 'q', 'focused element after key / (the search box)');
		eq(await agent.locator('#q').inputValue(), '', 'the search box after key /');
		await agent.keyboard.press('Escape');
		await Promise.all([agent.waitForNavigation({ waitUntil: 'load' }), agent.keyboard.press('e')])
			.catch(() => check(false, 'key e did not resolve (no page load)'));
		eq((await agent.locator('#conv-status').innerText()).trim(), 'Resolved', 'the status shown after key e');
		eq(await statusOf(order[at]), 'resolved', `status of conversation ${order[at]} after key e`);

		// the others of this test: resolved from the list
		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		for (const id of ids.filter((x) => x !== order[at])) await agent.locator(`#conv-list input[name="id"][value="${id}"]`).check();
		await agent.locator('#bulk-action').selectOption('resolve');
		await submit(agent, agent.locator('#bulk-form fieldset.bulk button[type="submit"]'));
		for (const id of ids) eq(await statusOf(id), 'resolved', `status of conversation ${id} at the end`);
	});

	// ---- 7. line breaks ------------------------------------------------------------------------

	deskTest('desk: line breaks of the customer\'s messages and of a Shift+Enter reply survive, live and after a reload', async (agent, { open, made }) => {
		const visitor = await open('visitor');
		const tag = tagOf();
		const first = `line one ${tag}\nline two\n\n- item`;
		await agentOnline(agent);
		const id = made(await startChat(visitor, { name: `Lines ${tag}`, message: first }));
		await chatLive(visitor, id, 'visitor\'s chat');
		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		// a message's lines as shown (a line break the browser posted as CR LF counts as one)
		const textOf = async (page, kind, has) => (await page.locator(`#messages li.msg-${kind} .text`, { hasText: has }).first()
			.innerText()).replace(/\r\n/g, '\n');

		// Shift+Enter makes a new line and Enter sends: in the customer's chat and in the agent's reply box
		const typeLines = async (box, a, b) => {
			await box.click();
			await box.pressSequentially(a);
			await box.press('Shift+Enter');
			await box.pressSequentially(b);
			eq(await box.inputValue(), `${a}\n${b}`, 'the message box after Shift+Enter (a new line, nothing sent)');
			await box.press('Enter');
		};
		const again = `again one ${tag}\nagain two`;
		await typeLines(visitor.locator('#composer textarea#body'), `again one ${tag}`, 'again two');
		await seeMessage(agent, 'customer', `again one ${tag}`, 'visitor → agent');
		eq(await textOf(agent, 'customer', `again one ${tag}`), again, 'the customer\'s second message in the agent\'s view (live)');

		const reply = `reply one ${tag}\nreply two`;
		await typeLines(agent.locator('#reply-form textarea'), `reply one ${tag}`, 'reply two');
		await agent.waitForFunction(() => document.querySelector('#reply-form textarea').value === '', null, { timeout: 8000 })
			.catch(() => check(false, 'Enter did not send the reply'));
		await seeMessage(agent, 'agent', `reply one ${tag}`, 'the reply in the agent\'s view');
		eq(await textOf(agent, 'agent', `reply one ${tag}`), reply, 'the reply in the agent\'s view (live)');
		await seeMessage(visitor, 'agent', `reply one ${tag}`, 'agent → visitor');
		eq(await textOf(visitor, 'agent', `reply one ${tag}`), reply, 'the reply in the customer\'s view (live)');

		await agent.reload({ waitUntil: 'load' });
		await chatLive(visitor, id, 'visitor after a reload', true);
		for (const [page, who] of [[agent, 'agent'], [visitor, 'customer']]) {
			eq(await textOf(page, 'customer', `again one ${tag}`), again, `the customer's second message in the ${who}'s view after a reload`);
			eq(await textOf(page, 'agent', `reply one ${tag}`), reply, `the reply in the ${who}'s view after a reload`);
		}
		// the first message, from the pre-chat form (through the article suggestions when there are some)
		for (const [page, who] of [[agent, 'agent'], [visitor, 'customer']]) {
			eq(await textOf(page, 'customer', `line one ${tag}`), first, `the customer's first message (from the pre-chat form) in the ${who}'s view`);
		}
		await resolveHere(agent, id);
	});

	// ---- 7b. the list refreshes under the agent's hands -----------------------------------------

	deskTest('desk: a live list refresh keeps the search words the agent is typing', async (agent, { open, made }) => {
		const visitor = await open('visitor');
		const tag = tagOf();
		await agentOnline(agent);
		await openDesk(agent, '/admin/inbox', 'agent\'s list');
		await agent.locator('#q').click();
		await agent.locator('#q').pressSequentially('parcel');
		const id = made(await startChat(visitor, { name: `Typing Search ${tag}`, message: `Where is my order? ${tag}` }));
		await rowLink(agent, id).waitFor({ timeout: 8000 })
			.catch(() => check(false, `chat ${id} did not appear in the open list`));
		eq(await agent.locator('#q').inputValue(), 'parcel', 'the search box after the list refreshed while the agent typed in it');
		eq(await agent.evaluate(() => document.activeElement && document.activeElement.id), 'q', 'focused element after the list refreshed');
		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		await resolveHere(agent, id);
	});

	// ---- 7c. canned answers with a script ------------------------------------------------------

	deskTest('desk: a canned answer goes into the reply box with its lines at once (JavaScript)', async (agent, { made }) => {
		const tag = tagOf();
		const title = `Lines ${tag}`;
		const cannedId = await sql(`INSERT INTO canned_answers (title, body) VALUES (:'title', replace(:'body', '|', chr(10)))
			RETURNING id;`, { title, body: 'Hello {name},||thank you for waiting.|Best regards,|{agent}' });
		try {
			const id = made(await makeConversation({ visitor: `Canned ${tag}`, agent: DEMO.agent.email, body: `Canned please ${tag}` }));
			await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
			await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
			await agent.locator('#canned').selectOption(cannedId);
			eq(await agent.locator('#reply-form textarea').inputValue(),
				`Hello Canned ${tag},\n\nthank you for waiting.\nBest regards,\nNadia Agent`, 'the reply box after choosing the canned answer');
			eq(await agent.evaluate(() => document.activeElement && document.activeElement.id), 'body', 'focused element after choosing a canned answer');
			await resolveHere(agent, id);
		} finally {
			await sql(`DELETE FROM canned_answers WHERE id = :'id';`, { id: cannedId }).catch(() => {});
		}
	});

	deskTest('desk: with JavaScript, buttons the script makes needless are hidden (canned Insert; "Turn on alerts" once on)', async (agent, { made }) => {
		const tag = tagOf();
		const id = made(await makeConversation({ visitor: `Buttons ${tag}`, agent: DEMO.agent.email, body: `Buttons ${tag}` }));
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		await openDesk(agent, `/admin/inbox/${id}`, 'agent\'s conversation');
		const problems = [];
		// the script puts a chosen canned answer in the box at once and makes the Insert button do nothing
		if (await agent.locator('#canned-form button[type="submit"]').isVisible()) {
			problems.push('the canned answers\' Insert button is shown, and does nothing with JavaScript');
		}
		const alerts = agent.locator('#desk-alerts');
		check(await alerts.isVisible(), 'the "Turn on alerts" button is not offered');
		await alerts.click();
		if (await alerts.isVisible()) problems.push('"Turn on alerts" is still shown after turning alerts on');
		check(problems.length === 0, problems.join('; '));
		await resolveHere(agent, id);
	});

	// ---- 8. phone and wide screen --------------------------------------------------------------

	deskTest('desk: on a phone (390x844) one pane at a time, no sideways scrolling; three panes at 1400x900', async (agent, { open, made }) => {
		const tag = tagOf();
		const id = made(await makeConversation({ kind: 'email', customer: 'emma@example.com', agent: DEMO.agent.email,
			subject: `Parcel arrived damaged, the box was open ${tag}`,
			body: `Hello, my parcel came today but the box was open and the lamp inside is broken. Order number 1042-${tag}. What can I do?` }));
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		const visible = (sel) => agent.locator(sel).first().isVisible();

		await openDesk(agent, '/admin/inbox', 'the list on a phone');
		check(await visible('#desk-list'), 'the list pane is not shown on /admin/inbox on a phone');
		check(!(await visible('.desk-conv')), 'an empty conversation pane is shown next to the list on a phone');
		check(await visible(`#conv-list li.conv-row[data-conv="${id}"]`), `conversation ${id} is not in the phone's list`);
		await noSidewaysScroll(agent, 'the list on a phone');
		await shot(agent, 'desk-phone-list-390x844.png');

		await submit(agent, rowLink(agent, id));
		await agent.waitForSelector('#desk[data-js="on"]');
		eq(pathname(agent), `/admin/inbox/${id}`, 'page after tapping the conversation');
		check(!(await visible('#desk-list')), 'the list pane is still shown with a conversation open on a phone');
		check(await visible('.desk-conv'), 'the conversation pane is not shown on a phone');
		check(!(await visible('#customer')), 'the customer pane is shown before asking for it on a phone');
		check(await visible('.desk-conv #reply-form textarea'), 'the reply box is not shown on a phone');
		await noSidewaysScroll(agent, 'a conversation on a phone');
		await shot(agent, 'desk-phone-conversation-390x844.png');

		const toCustomer = agent.locator('.desk-conv .desk-phone-nav a[href="#customer"]');
		eq(await toCustomer.count(), 1, '"Customer" links on the phone\'s conversation');
		check((await toCustomer.innerText()).includes('Customer'), 'the link to the customer pane does not say "Customer"');
		await toCustomer.click();
		await agent.locator('#customer').waitFor({ state: 'visible', timeout: 3000 })
			.catch(() => check(false, 'the "Customer" link did not show the customer pane'));
		check(!(await visible('.desk-conv')), 'the conversation pane is still shown beside the customer pane on a phone');
		check((await agent.locator('#customer').innerText()).includes('Emma Clarke'), 'the customer pane does not name the customer');
		await noSidewaysScroll(agent, 'the customer pane on a phone');
		await shot(agent, 'desk-phone-customer-390x844.png');
		await agent.locator('#customer .desk-phone-nav a').click();
		await agent.locator('.desk-conv').waitFor({ state: 'visible', timeout: 3000 })
			.catch(() => check(false, 'the "← Conversation" link did not bring the conversation back'));

		// a wide screen: all three panes side by side
		const wide = await open('wide', { viewport: { width: 1400, height: 900 } });
		await adminSignIn(wide, DEMO.agent.email, DEMO.agent.password);
		await openDesk(wide, `/admin/inbox/${id}`, 'the conversation at 1400x900');
		const boxes = [];
		for (const sel of ['#desk-list', '.desk-conv', '#customer']) {
			const b = await wide.locator(sel).boundingBox();
			check(b && b.width > 100, `pane ${sel} is not shown at 1400x900 (${JSON.stringify(b)})`);
			boxes.push(b);
		}
		check(boxes[0].x + boxes[0].width <= boxes[1].x + 1 && boxes[1].x + boxes[1].width <= boxes[2].x + 1,
			`the three panes are not side by side at 1400x900: ${JSON.stringify(boxes.map((b) => [Math.round(b.x), Math.round(b.width)]))}`);
		check(Math.abs(boxes[0].y - boxes[1].y) < 2 && Math.abs(boxes[1].y - boxes[2].y) < 2, 'the three panes do not start at the same height');
		check(!(await wide.locator('.desk-phone-nav').first().isVisible()), 'the phone\'s pane links are shown at 1400x900');
		await noSidewaysScroll(wide, 'the desktop at 1400x900');
		const file = join(OUT, 'desk-wide-1400x900.png');
		await wide.screenshot({ path: file });
		console.log(`  screenshot: ${file}`);

		await resolveHere(wide, id);
	}, PHONE);

	// ---- 9. without JavaScript -----------------------------------------------------------------

	deskTest('desk: without JavaScript an agent takes a conversation, replies, notes, inserts a canned answer and resolves', async (agent, { made }) => {
		const tag = tagOf();
		const visitorName = `NoJS Visitor ${tag}`;
		const id = made(await makeConversation({ visitor: visitorName, agent: SUP.email, body: `Without scripts please ${tag}` }));
		await adminSignIn(agent, DEMO.agent.email, DEMO.agent.password);
		await goto(agent, `/admin/inbox/${id}`);
		eq(await agent.locator('#desk').getAttribute('data-js'), null, 'data-js of the desktop without JavaScript');
		check(await agent.locator('#reply-form textarea').isVisible() && await agent.locator('#note-form textarea').isVisible(),
			'without JavaScript both the reply and the note composer are shown');
		check((await agent.locator('#messages').innerText()).includes(`Without scripts please ${tag}`), 'the customer\'s message is not shown');

		// take it
		await submit(agent, agent.locator('button[data-key="a"]'));
		check((await agent.locator('#conv-assignee').innerText()).includes(DEMO.agent.name),
			`after "Take it" the conversation shows ${JSON.stringify(await agent.locator('#conv-assignee').innerText())}`);
		eq(await sql(`SELECT s.email FROM conversations c JOIN staff s ON s.id = c.assigned_to WHERE c.id = :'id';`, { id }),
			DEMO.agent.email, 'assignee in the database after "Take it"');

		// a reply
		await agent.locator('#reply-form textarea').fill(`Plain reply ${tag}\nsecond line`);
		await submit(agent, agent.locator('#reply-form button[type="submit"]'));
		eq(pathname(agent), `/admin/inbox/${id}`, 'page after sending a reply');
		eq(await agent.locator('#messages li.msg-agent .text', { hasText: `Plain reply ${tag}` }).innerText(),
			`Plain reply ${tag}\nsecond line`, 'the reply on the page after posting it');
		eq(await agent.locator('#reply-form textarea').inputValue(), '', 'the reply box after sending');

		// a note
		await agent.locator('#note-form textarea').fill(`Plain note ${tag}`);
		await submit(agent, agent.locator('#note-form button[type="submit"]'));
		await agent.locator('#messages li.msg-note .text', { hasText: `Plain note ${tag}` }).waitFor({ timeout: 3000 })
			.catch(() => check(false, 'the note is not on the page after adding it'));

		// a canned answer: chosen, inserted by the Insert button (a GET), then sent
		const greeting = await agent.locator('#canned option', { hasText: 'Greeting' }).getAttribute('value');
		await agent.locator('#canned').selectOption(greeting);
		const insert = agent.locator('#canned-form button[type="submit"]');
		check(await insert.isVisible(), 'the canned answers\' Insert button is hidden without JavaScript');
		await submit(agent, insert);
		const filled = await agent.locator('#reply-form textarea').inputValue();
		check(filled.includes('this is Nadia Agent') && filled.includes(visitorName),
			`the inserted canned answer is ${JSON.stringify(filled)} (expected the Greeting with the names filled in)`);
		await submit(agent, agent.locator('#reply-form button[type="submit"]'));
		check((await agent.locator('#messages li.msg-agent').allInnerTexts()).some((t) => t.includes('this is Nadia Agent')),
			'the canned answer was not sent');

		// resolve
		await submit(agent, agent.locator('#resolve-form button[type="submit"]'));
		eq((await agent.locator('#conv-status').innerText()).trim(), 'Resolved', 'the status shown after Resolve');
		eq(await statusOf(id), 'resolved', 'status in the database after Resolve');

		// what needs a script is not offered without one
		await shot(agent, 'desk-nojs-1280.png');
		const problems = [];
		if (await agent.locator('.composer-tabs').isVisible()) problems.push('the Reply / Note tab buttons are shown, and do nothing');
		if (await agent.locator('#desk-alerts').isVisible()) problems.push('the "Turn on alerts" button is shown, and does nothing');
		check(problems.length === 0, `without JavaScript ${problems.join('; ')}`);
		check(BASE.startsWith('http'), 'BASE');
	}, { javaScriptEnabled: false });
}
