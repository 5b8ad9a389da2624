// tests/browser/chat.mjs — browser test of the live chat: a visitor and agents in separate browser
// contexts chatting both ways live (EventSource through Nchan), with a transfer and a resolve.
// Registered by tests/browser/run.mjs: register({ test, goto, submit, check, eq, sleep, adminSignIn, DEMO, BASE }).

export function register({ test, goto, submit, check, eq, sleep, adminSignIn, DEMO, BASE }) {
	// Waits until the page shows a message of class kind whose text includes text (no reload).
	async function seeMessage(page, kind, text, what, timeout = 8000) {
		try {
			await page.locator(`#messages li.msg-${kind} .text`, { hasText: text }).first().waitFor({ timeout });
		} catch {
			const all = await page.locator('#messages li').allInnerTexts();
			check(false, `${what}: "${text}" did not appear live within ${timeout} ms; messages: ${JSON.stringify(all)}`);
		}
	}

	async function sendFromComposer(page, text, button = '#composer button[type="submit"]') {
		await page.locator('#composer textarea#body').fill(text);
		await page.locator(button).first().click();
		// sent through fetch: the page stays, the box empties
		await page.waitForFunction(() => document.querySelector('#composer textarea#body').value === '', null, { timeout: 8000 });
	}

	async function liveReady(page, what) {
		await page.waitForSelector('#chat[data-js="on"]', { timeout: 8000 }).catch(() => check(false, `${what}: chat.js did not start`));
		await sleep(400); // the EventSource handshake (authorised by the app) completes
	}

	// the agent desktop: its script runs, its stream is connected
	async function deskReady(page, what) {
		await page.waitForSelector('#desk[data-js="on"]', { timeout: 8000 }).catch(() => check(false, `${what}: desk.js did not start`));
		await sleep(400);
	}

	// a reply (the Reply tab) or a note (the Note tab) from the desktop, sent with Enter
	async function deskSend(page, text, kind = 'reply') {
		await page.locator(kind === 'note' ? '#tab-note' : '#tab-reply').click();
		const box = page.locator(kind === 'note' ? '#note-form textarea' : '#reply-form textarea');
		await box.fill(text);
		await box.press('Enter');
		await page.waitForFunction((sel) => document.querySelector(sel).value === '',
			kind === 'note' ? '#note-form textarea' : '#reply-form textarea', { timeout: 8000 });
	}

	test('chat: visitor and agent chat live both ways, with transfer and resolve', async (agentPage) => {
		const browser = agentPage.context().browser();
		const visitorCtx = await browser.newContext({ locale: 'en-US' });
		const supCtx = await browser.newContext({ locale: 'en-US' });
		try {
			const visitor = await visitorCtx.newPage();
			const sup = await supCtx.newPage();
			const tag = Date.now().toString(36);

			// the agent goes online
			await adminSignIn(agentPage, DEMO.agent.email, DEMO.agent.password);
			await goto(agentPage, '/admin/inbox');
			await agentPage.locator('select#presence').selectOption('online');
			await submit(agentPage, agentPage.locator('form.presence button[type="submit"]'));

			await deskReady(agentPage, 'agent desktop');

			// a visitor opens the chat from the portal's link and fills the pre-chat form
			await goto(visitor, '/');
			await submit(visitor, visitor.locator('header.top a[href="/chat"]'));
			eq(new URL(visitor.url()).pathname, '/chat', 'page of the "Chat with us" link');
			check((await visitor.locator('#chat-notice').innerText()).includes('only to answer you'),
				'the pre-chat form does not say what the data is used for');
			await visitor.locator('#name').fill(`Browser Visitor ${tag}`);
			await visitor.locator('#topic').selectOption('order');
			await visitor.locator('#message').fill(`Hello from the browser ${tag}`);
			await submit(visitor, visitor.locator('#chat-start button[type="submit"]'));
			if (await visitor.locator('form input[name="go_on"]').count()) {   // article suggestions first
				await submit(visitor, visitor.locator('form:has(input[name="go_on"]) button[type="submit"]'));
			}
			const m = /^\/chat\/(\d+)$/.exec(new URL(visitor.url()).pathname);
			check(m, `after starting a chat the visitor is on ${visitor.url()}`);
			const conv = m[1];
			await liveReady(visitor, 'visitor page');

			// the inbox the agent has open lists the new chat without a reload; the agent opens it and answers
			await agentPage.locator(`#conv-list a[href^="/admin/inbox/${conv}#"]`).waitFor({ timeout: 8000 })
				.catch(() => check(false, 'the new chat did not appear live in the open inbox'));
			eq(new URL(agentPage.url()).pathname, '/admin/inbox', 'agent page while waiting (no navigation)');
			await goto(agentPage, `/admin/inbox/${conv}`);
			await deskReady(agentPage, 'agent view');
			const visitorUrl = visitor.url();
			await agentPage.locator('#reply-form textarea').type('Hi', { delay: 30 });
			await visitor.locator('#typing').waitFor({ state: 'visible', timeout: 5000 })
				.catch(() => check(false, 'the visitor did not see the typing indicator'));
			await deskSend(agentPage, `Agent here ${tag}`);
			await seeMessage(visitor, 'agent', `Agent here ${tag}`, 'agent → visitor');
			eq(visitor.url(), visitorUrl, 'visitor page URL (no reload)');
			check((await visitor.locator('#messages').innerText()).includes('Nadia Agent'), 'the agent\'s display name is not shown');

			// and back
			await sendFromComposer(visitor, `Visitor answers ${tag}`);
			await seeMessage(agentPage, 'customer', `Visitor answers ${tag}`, 'visitor → agent');

			// an internal note stays internal
			await deskSend(agentPage, `secret note ${tag}`, 'note');
			await seeMessage(agentPage, 'note', `secret note ${tag}`, 'note in the agent view');

			// transfer to the supervisor: the visitor is told, live
			await agentPage.locator('details.more-actions > summary').click();
			const supId = await agentPage.locator('#assign-to option', { hasText: 'Sam Supervisor' }).getAttribute('value');
			await agentPage.locator('#assign-to').selectOption(supId);
			await submit(agentPage, agentPage.locator('#assign-form button[type="submit"]'));
			await seeMessage(visitor, 'system', 'transferred to Sam Supervisor', 'transfer notice');

			// the supervisor answers on the same stream, and resolves
			await adminSignIn(sup, 'supervisor@example.com', 'demo-supervisor-pass');
			await goto(sup, `/admin/inbox/${conv}`);
			await deskReady(sup, 'supervisor view');
			await deskSend(sup, `Supervisor here ${tag}`);
			await seeMessage(visitor, 'agent', `Supervisor here ${tag}`, 'supervisor → visitor after the transfer');
			await sendFromComposer(visitor, `Thanks ${tag}`);
			await seeMessage(sup, 'customer', `Thanks ${tag}`, 'visitor → supervisor after the transfer');
			await submit(sup, sup.locator('#resolve-form button[type="submit"]'));
			await seeMessage(visitor, 'system', 'resolved', 'resolve notice');
			check(!(await visitor.locator('#messages').innerText()).includes(`secret note ${tag}`), 'the visitor saw an internal note');
			eq(visitor.url(), visitorUrl, 'visitor page URL at the end (no reload)');

			// without JavaScript the page is complete after a reload
			await visitor.reload();
			for (const t of [`Agent here ${tag}`, `Supervisor here ${tag}`, `Thanks ${tag}`]) {
				check((await visitor.locator('#messages').innerText()).includes(t), `after reload the visitor's page lacks "${t}"`);
			}
			check(BASE.startsWith('http'), 'BASE');
		} finally {
			await visitorCtx.close().catch(() => {});
			await supCtx.close().catch(() => {});
		}
	});
}
