// tests/browser/help.mjs — browser tests of the help center: search with a typo, an article and a vote
// without JavaScript; Bengali search; staff editing with preview and revision restore; a hostile Markdown
// article that stays inert in a real browser.
// Registered by tests/browser/run.mjs: register({ test, goto, submit, check, eq, adminSignIn, DEMO }).

export function register({ test, goto, submit, check, eq, adminSignIn, DEMO }) {
	test('help: search with a typo, read the article, vote without JavaScript', async (page) => {
		await goto(page, '/help');
		check(await page.locator('header.top a[href="/help"]').count() === 1, 'the portal nav has a Help center link');
		await page.locator('main form[action="/help/search"] #help-q').fill('refnd');
		await submit(page, page.locator('main form[action="/help/search"] button[type="submit"]'));
		check(new URL(page.url()).pathname === '/help/search', `search landed on ${page.url()}`);
		const hit = page.locator('ol.help-results a[href^="/help/articles/refund-timing"]');
		eq(await hit.count(), 1, 'result links to the refund article for the query "refnd"');
		check(await page.locator('ol.help-results mark').count() > 0, 'snippets highlight the matching words');
		await submit(page, hit);
		eq(await page.locator('main h1').innerText(), 'When will I get my refund?', 'article title');
		check(await page.locator('nav.breadcrumbs a[href="/help/categories/returns-refunds"]').count() === 1, 'breadcrumbs');
		await page.locator('#vote-comment').fill('Clear, thanks');
		await submit(page, page.locator('#vote button[value="yes"]'));
		check((await page.locator('main').innerText()).includes('You found this article helpful'),
			'after voting, the article says the vote was counted');
		check((await page.locator('.flash').innerText()).includes('Thank you'), 'flash after the vote');
	}, { javaScriptEnabled: false });

	test('help: Bengali search and the English fallback note', async (page) => {
		await goto(page, '/help?lang=bn');
		await page.locator('#help-q').fill('ডেলিভারি');
		await submit(page, page.locator('main form[action="/help/search"] button[type="submit"]'));
		check(await page.locator('ol.help-results a[href^="/help/articles/delivery-times"]').count() === 1,
			'the Bengali query finds the delivery article');
		await goto(page, '/help/articles/gift-wrapping?lang=bn');
		eq(await page.locator('article.help-article').getAttribute('lang'), 'en', 'fallback article language');
		eq(await page.locator('article.help-article p.note').count(), 1, 'fallback note');
	});

	test('help: staff preview, save, edit and restore a revision; hostile Markdown stays inert', async (page) => {
		await adminSignIn(page, DEMO.admin.email, DEMO.admin.password);
		check(await page.locator('header.top a[href="/admin/help"]').count() === 1, 'admin nav has Help center');
		const slug = 'browser-' + Date.now().toString(36);
		const hostile = 'First text.\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror="window.__pwned = 2">\n\n' +
			'[click me](javascript:window.__pwned=3)\n\n<a href="javascript:window.__pwned=4" id="raw">raw</a>';
		await goto(page, '/admin/help/new');
		await page.locator('#h-category').selectOption({ index: 0 });
		await page.locator('#h-slug').fill(slug);
		await page.locator('#h-title').fill('Browser article');
		await page.locator('#h-body').fill(hostile);
		await submit(page, page.locator('button[value="preview"]'));
		check((await page.locator('section.preview').innerText()).includes('First text.'), 'the preview shows the text');
		await submit(page, page.locator('button[value="save"]'));
		check((await page.locator('.flash').innerText()).includes('saved'), 'saved');
		const edit = new URL(page.url()).pathname;
		await page.locator('#h-status').selectOption('published');
		await submit(page, page.locator('form[action$="/status"] button[type="submit"]'));
		await page.locator('#h-body').fill('Second text.');
		await submit(page, page.locator('button[value="save"]'));
		// the portal shows the new text
		await goto(page, '/help/articles/' + slug);
		check((await page.locator('article').innerText()).includes('Second text.'), 'portal shows the edit');
		// restore the first revision (the oldest in the list)
		await goto(page, edit);
		const revs = page.locator('ul.revisions a');
		eq(await revs.count(), 2, 'revisions listed');
		await submit(page, revs.last());
		await submit(page, page.locator('form[action$="/restore"] button[type="submit"]'));
		await goto(page, '/help/articles/' + slug);
		const body = page.locator('div.help-body');
		check((await body.innerText()).includes('First text.'), 'the restored text is back on the portal');
		// nothing of the hostile Markdown runs, even when clicked
		eq(await body.locator('script, img, iframe, [onerror], #raw').count(), 0, 'no live raw HTML');
		const link = body.locator('a', { hasText: 'click me' });
		eq(await link.count(), 1, 'the javascript: link text is there');
		const href = await link.getAttribute('href');
		check(!href || !href.toLowerCase().startsWith('javascript'), `the link has no javascript: target (${href})`);
		await link.click().catch(() => {});
		eq(await page.evaluate(() => window.__pwned), undefined, 'no hostile script ran');
	});
}
