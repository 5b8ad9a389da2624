// tests/browser/surveys.mjs — browser test of the CSAT after a resolved chat (issue #5): the demo customer
// chats, the agent answers and resolves, the survey link appears in the customer's chat, the customer
// answers it through the survey pages, and the answer shows in the agent's and the supervisor's figures.
// Registered by tests/browser/run.mjs:
// register({ test, goto, submit, check, eq, sleep, adminSignIn, portalSignIn, DEMO, BASE }).

export function register({ test, goto, submit, check, eq, sleep, adminSignIn, portalSignIn, DEMO, BASE }) {
	const SUPERVISOR = { email: 'supervisor@example.com', password: 'demo-supervisor-pass', name: 'Sam Supervisor' };

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
		await page.waitForFunction(() => document.querySelector('#composer textarea#body').value === '', null, { timeout: 8000 });
	}

	async function liveReady(page, what) {
		await page.waitForSelector('#chat[data-js="on"]', { timeout: 8000 }).catch(() => check(false, `${what}: chat.js did not start`));
		await sleep(400); // the EventSource handshake (authorised by the app) completes
	}

	// From /admin/surveys, the link of the active CSAT survey (the one a resolved chat invites to); opens it.
	async function openCsatResults(page, who) {
		await goto(page, '/admin/surveys');
		const rows = page.locator('main table tbody tr', { hasText: 'CSAT' });
		const n = await rows.count();
		let link = null;
		for (let i = 0; i < n; i++) {
			const tds = await rows.nth(i).locator('td').allInnerTexts();
			if (tds[1].trim() === 'CSAT' && tds[2].trim() === 'Active') { link = rows.nth(i).locator('td a').first(); break; }
		}
		check(link, `${who}: /admin/surveys lists no active CSAT survey (rows: ${JSON.stringify(await page.locator('main table tbody tr').allInnerTexts())})`);
		await submit(page, link);
		const m = /^\/admin\/surveys\/(\d+)$/.exec(new URL(page.url()).pathname);
		check(m, `${who}: the CSAT survey's link led to ${page.url()}`);
		return m[1];
	}

	// The figures a person reads on a survey's results page.
	async function figures(page, who) {
		const text = await page.locator('main .figures').innerText();
		const m = /(\d+) answers/.exec(text);
		check(m, `${who}: the results page shows no "N answers" (figures: ${JSON.stringify(text)})`);
		return { answers: Number(m[1]), text };
	}

	async function comments(page) {
		return (await page.locator('main ul.comments li').allInnerTexts()).join('\n');
	}

	test('surveys: a resolved chat leads to a CSAT answer in the agent\'s and the supervisor\'s figures', async (agentPage) => {
		const browser = agentPage.context().browser();
		const custCtx = await browser.newContext({ locale: 'en-US' });
		const supCtx = await browser.newContext({ locale: 'en-US' });
		try {
			const cust = await custCtx.newPage();
			const sup = await supCtx.newPage();
			const tag = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
			const marker = `CSAT-browser-${tag}`;

			// the figures before: the agent's own and the supervisor's (everyone's)
			await adminSignIn(agentPage, DEMO.agent.email, DEMO.agent.password);
			const surveyId = await openCsatResults(agentPage, 'agent');
			check((await agentPage.locator('main').innerText()).includes('These figures cover your own conversations.'),
				'the agent\'s results page does not say it covers their own conversations');
			const agentBefore = await figures(agentPage, 'agent before');
			await adminSignIn(sup, SUPERVISOR.email, SUPERVISOR.password);
			eq(await sup.locator('header.top a[href="/admin/surveys"]').count(), 1, 'Surveys links in the supervisor\'s nav');
			await submit(sup, sup.locator('header.top a[href="/admin/surveys"]'));
			eq(await openCsatResults(sup, 'supervisor'), surveyId, 'CSAT survey id seen by the supervisor');
			const supBefore = await figures(sup, 'supervisor before');

			// the agent goes online
			await goto(agentPage, '/admin/inbox');
			await agentPage.locator('select#presence').selectOption('online');
			await submit(agentPage, agentPage.locator('form.presence button[type="submit"]'));
			await agentPage.waitForSelector('#desk[data-js="on"]', { timeout: 8000 });
			await sleep(400); // the desktop's stream is connected

			// the demo customer starts a chat
			await portalSignIn(cust, DEMO.customer.email, DEMO.customer.password);
			await goto(cust, '/chat');
			check(new URL(cust.url()).pathname === '/chat', `the demo customer already has an open chat (${cust.url()})`);
			check((await cust.locator('#chat-start').innerText()).includes(`You are chatting as ${DEMO.customer.name}`),
				'the start form does not say who the customer chats as');
			await cust.locator('#topic').selectOption('order');
			await cust.locator('#message').fill(`Where is my order? ${tag}`);
			await submit(cust, cust.locator('#chat-start button[type="submit"]'));
			if (await cust.locator('form input[name="go_on"]').count()) {   // article suggestions first
				await submit(cust, cust.locator('form:has(input[name="go_on"]) button[type="submit"]'));
			}
			const m = /^\/chat\/(\d+)$/.exec(new URL(cust.url()).pathname);
			check(m, `after starting a chat the customer is on ${cust.url()}`);
			const conv = m[1];
			await liveReady(cust, 'customer chat page');

			// the agent sees it in the inbox, opens it, takes it if it is not theirs yet, and answers
			await agentPage.locator(`#conv-list a[href^="/admin/inbox/${conv}#"]`).waitFor({ timeout: 8000 })
				.catch(() => check(false, 'the new chat did not appear live in the open inbox'));
			await goto(agentPage, `/admin/inbox/${conv}`);
			const take = agentPage.locator('form[action$="/assign"] input[name="to"][value="me"]');
			if (await take.count()) {
				await submit(agentPage, agentPage.locator(`form[action="/admin/inbox/${conv}/assign"]:has(input[value="me"]) button[type="submit"]`));
			}
			eq((await agentPage.locator('#conv-assignee').innerText()).trim(), `Assigned to ${DEMO.agent.name}`, 'assignee of the chat');
			await agentPage.waitForSelector('#desk[data-js="on"]', { timeout: 8000 });
			await seeMessage(agentPage, 'customer', `Where is my order? ${tag}`, 'the customer\'s first message in the agent view');
			await agentPage.locator('#reply-form textarea').fill(`It ships today ${tag}`);
			await agentPage.locator('#reply-form button[type="submit"]').click();
			await agentPage.waitForFunction(() => document.querySelector('#reply-form textarea').value === '', null, { timeout: 8000 });
			await seeMessage(cust, 'agent', `It ships today ${tag}`, 'agent → customer');

			// the agent resolves: the customer is told and gets the survey link in the chat, live
			await submit(agentPage, agentPage.locator('#resolve-form button[type="submit"]'));
			eq((await agentPage.locator('#conv-status').innerText()).trim().toLowerCase(), 'resolved', 'status after resolving');
			await seeMessage(cust, 'system', 'resolved', 'resolve notice');
			await seeMessage(cust, 'agent', '/s/', 'survey link in the chat');
			const invite = await cust.locator('#messages li.msg-agent .text', { hasText: '/s/' }).first().innerText();
			check(invite.includes('Please tell us how we did'), `the survey message does not ask how we did: ${JSON.stringify(invite)}`);
			const links = invite.match(/https?:\/\/\S+\/s\/[A-Za-z0-9_-]+/g) || [];
			eq(links.length, 1, `survey links in the chat message ${JSON.stringify(invite)}`);
			const link = links[0];
			check(link.startsWith(BASE + '/s/'), `the survey link ${link} does not point at this site (${BASE})`);
			// also there after a reload (without JavaScript the page is complete)
			await cust.reload();
			check((await cust.locator('#messages').innerText()).includes(link), 'after a reload the chat lacks the survey link');

			// the link is a real link in the chat (after a reload too): the customer taps it
			const button = cust.locator('#messages li.msg-agent a.survey-link');
			eq(await button.count(), 1, 'survey links to tap in the chat');
			eq(await button.getAttribute('href'), link.slice(BASE.length), 'href of the survey link');
			// the customer answers: question 1 (the score), question 2 (the comment), then the thanks page
			let resp = await submit(cust, button);
			eq(resp.status(), 200, 'status of the survey link');
			check((await cust.locator('main').innerText()).includes('Question 1 of 2'), 'the survey does not show "Question 1 of 2"');
			eq(await cust.locator('fieldset.rating input[name="value"]').count(), 5, 'score choices on the CSAT question');
			await cust.locator('fieldset.rating label.point', { hasText: '5' }).click();
			check(await cust.locator('fieldset.rating input[name="value"][value="5"]').isChecked(), 'score 5 is not checked after a tap');
			await submit(cust, cust.locator('main form button[type="submit"]'));
			check((await cust.locator('main').innerText()).includes('Question 2 of 2'),
				`after the score the survey does not show "Question 2 of 2" (on ${cust.url()})`);
			await cust.locator('#survey-text').fill(`Very helpful, thank you. ${marker}`);
			const send = cust.locator('main form button[type="submit"]');
			eq((await send.innerText()).trim(), 'Send my answers', 'label of the last question\'s button');
			resp = await submit(cust, send);
			eq(resp.status(), 200, 'status after sending the answers');
			eq(new URL(cust.url()).pathname, '/s/thanks', 'page after sending the answers');
			check((await cust.locator('main').innerText()).toLowerCase().includes('thank'), 'the thanks page does not thank');
			// the link is single-use
			resp = await cust.goto(link, { waitUntil: 'load' });
			eq(resp.status(), 410, 'status of the survey link once answered');

			// the agent's figures: one more answer, and the comment with its score, the agent and the channel
			await goto(agentPage, `/admin/surveys/${surveyId}`);
			const agentAfter = await figures(agentPage, 'agent after');
			eq(agentAfter.answers, agentBefore.answers + 1, 'answers on the agent\'s CSAT results');
			let c = await comments(agentPage);
			check(c.includes(marker), `the agent's results page does not show the comment "${marker}"`);
			const mine = (await agentPage.locator('main ul.comments li', { hasText: marker }).innerText());
			check(mine.includes('score 5') && mine.includes(DEMO.agent.name),
				`the comment on the agent's page lacks the score or the agent: ${JSON.stringify(mine)}`);

			// the supervisor's figures: one more answer in everyone's, the comment too, and in the agent filter
			await goto(sup, `/admin/surveys/${surveyId}`);
			const supAfter = await figures(sup, 'supervisor after');
			eq(supAfter.answers, supBefore.answers + 1, 'answers on the supervisor\'s CSAT results');
			c = await comments(sup);
			check(c.includes(marker), `the supervisor's results page does not show the comment "${marker}"`);
			const agentId = await sup.locator('#agent option', { hasText: DEMO.agent.name }).getAttribute('value');
			await sup.locator('#agent').selectOption(agentId);
			await submit(sup, sup.locator('main form.filters button[type="submit"]'));
			eq((await figures(sup, 'supervisor, agent filter')).answers, agentAfter.answers,
				'answers for Nadia Agent on the supervisor\'s page (as on the agent\'s own page)');
			check((await comments(sup)).includes(marker), 'the comment is missing when the supervisor filters on the agent');
		} finally {
			await custCtx.close().catch(() => {});
			await supCtx.close().catch(() => {});
		}
	});
}
