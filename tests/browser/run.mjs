// tests/browser/run.mjs — browser tests of CXMS: a real (headless) Chromium driven by playwright-core.
//
//   node tests/browser/run.mjs --base http://127.0.0.1:PORT --dburl "$DATABASE_URL" [--counts FILE]
//                              [--out DIR] [--only SUBSTRING] [--po BN_CATALOG]
//
// Needs a running stack with the demo data (scripts/stack.sh start ... --seed); tests/browser/run.sh
// starts one. Uses Debian's /usr/bin/chromium (never downloads a browser) and `psql` for the mails table.
// Each test runs in a fresh browser context (its own cookies). On a failure the page's screenshot and
// HTML are saved in --out (default tests/browser/out/). The last line printed is always
// `browser: N passed, M failed`; --counts FILE receives `N M`. Bengali texts are checked against the
// msgstrs of --po: a .po file or a folder of them (default locale/bn/, else locale/bn.po; run.sh passes
// a copy taken when the server loaded its catalogs, as translators edit them while the tests run).
import { chromium } from 'playwright-core';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');

const { values: opt } = parseArgs({
	options: {
		base: { type: 'string' },
		dburl: { type: 'string' },
		counts: { type: 'string' },
		out: { type: 'string', default: join(HERE, 'out') },
		only: { type: 'string' },
		po: { type: 'string', default: existsSync(join(ROOT, 'locale/bn')) ? join(ROOT, 'locale/bn') : join(ROOT, 'locale/bn.po') },
	},
});
if (!opt.base || !opt.dburl) {
	console.error('usage: node run.mjs --base URL --dburl DATABASE_URL [--counts FILE] [--out DIR] [--only NAME]');
	process.exit(2);
}
const BASE = opt.base.replace(/\/+$/, '');
const OUT = resolve(opt.out);
mkdirSync(OUT, { recursive: true });
for (const f of readdirSync(OUT)) {  // failure artefacts of an earlier run
	if (f.startsWith('FAIL-')) rmSync(join(OUT, f), { force: true });
}

const TEST_TIMEOUT_MS = 90_000;
const STEP_TIMEOUT_MS = 15_000;

const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

const DEMO = {
	customer: { email: 'customer@example.com', password: 'demo-customer-pass', name: 'Ayesha Rahman' },
	admin: { email: 'admin@example.com', password: 'demo-admin-pass', name: 'Ada Admin' },
	agent: { email: 'agent@example.com', password: 'demo-agent-pass', name: 'Nadia Agent' },
	staff: [
		{ email: 'agent@example.com', name: 'Nadia Agent' },
		{ email: 'supervisor@example.com', name: 'Sam Supervisor' },
		{ email: 'admin@example.com', name: 'Ada Admin' },
		{ email: 'compliance@example.com', name: 'Chris Compliance' },
	],
};

// --- small helpers ------------------------------------------------------------------------------

class AssertionError extends Error {}

function check(cond, msg) {
	if (!cond) throw new AssertionError(msg);
}

function eq(actual, expected, what) {
	check(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function pathOf(page) {
	const u = new URL(page.url());
	return u.pathname + u.search;
}

// Runs SQL through psql. Values go in as psql variables (:'name' is quoted by psql), never spliced in.
function sql(query, vars = {}) {
	const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', opt.dburl];
	for (const [k, v] of Object.entries(vars)) args.push('-v', `${k}=${v}`);
	return new Promise((res, rej) => {
		const p = execFile('psql', args, { timeout: 10_000 }, (err, stdout, stderr) => {
			if (err) rej(new Error(`psql failed: ${stderr.trim() || err.message}`));
			else res(stdout.replace(/\n$/, ''));
		});
		p.stdin.end(query + '\n');
	});
}

// The newest mail to ADDRESS once the worker has handled it (status no longer 'queued'); polls up to 15 s.
async function waitForMail(address, timeoutMs = 15_000) {
	const q = `SELECT json_build_object('id', id, 'subject', subject, 'body', body_text, 'status', status,
		'error', last_error) FROM mails WHERE lower(to_address) = lower(:'addr') ORDER BY id DESC LIMIT 1;`;
	const until = Date.now() + timeoutMs;
	let last = null;
	for (;;) {
		const out = await sql(q, { addr: address });
		last = out ? JSON.parse(out) : null;
		if (last && last.status !== 'queued') break;
		if (Date.now() > until) {
			throw new AssertionError(last ? `mail ${last.id} to ${address} still '${last.status}' after ${timeoutMs / 1000} s`
				: `no mail to ${address} in the mails table after ${timeoutMs / 1000} s`);
		}
		await sleep(250);
	}
	check(last.status === 'stored' || last.status === 'sent',
		`mail ${last.id} to ${address} has status '${last.status}' (${last.error || 'no error text'})`);
	return last;
}

// msgid -> msgstr from a .po file (multi-line strings joined; fuzzy and empty entries left out).
function readPo(file) {
	const map = new Map();
	if (!existsSync(file)) return map;
	const unq = (s) => JSON.parse(s.replace(/\t/g, '\\t'));
	let cur = null, field = null, fuzzy = false;
	const flush = () => {
		if (cur && cur.msgid && cur.msgstr && !fuzzy && cur.ctx === undefined) map.set(cur.msgid, cur.msgstr);
		cur = null; field = null; fuzzy = false;
	};
	for (const raw of readFileSync(file, 'utf8').split('\n')) {
		const line = raw.trim();
		if (line === '') { flush(); continue; }
		if (line.startsWith('#,')) { if (cur && cur.msgstr !== undefined) flush(); if (/\bfuzzy\b/.test(line)) fuzzy = true; continue; }
		if (line.startsWith('#')) continue;
		let m;
		if ((m = /^msgctxt\s+(".*")$/.exec(line))) { if (cur && cur.msgstr !== undefined) { const f = fuzzy; flush(); fuzzy = f; } cur = { ctx: unq(m[1]) }; field = 'ctx'; }
		else if ((m = /^msgid\s+(".*")$/.exec(line))) { if (cur && cur.msgstr !== undefined) { const f = fuzzy; flush(); fuzzy = f; } cur = cur || {}; cur.msgid = unq(m[1]); field = 'msgid'; }
		else if ((m = /^msgid_plural\s+(".*")$/.exec(line))) { field = 'plural'; }
		else if ((m = /^msgstr(?:\[0\])?\s+(".*")$/.exec(line))) { if (cur) { cur.msgstr = unq(m[1]); field = 'msgstr'; } }
		else if ((m = /^msgstr\[\d+\]\s+(".*")$/.exec(line))) { field = 'other'; }
		else if ((m = /^(".*")$/.exec(line)) && cur) {
			if (field === 'msgid') cur.msgid += unq(m[1]);
			else if (field === 'msgstr') cur.msgstr += unq(m[1]);
			else if (field === 'ctx') cur.ctx += unq(m[1]);
		}
	}
	flush();
	return map;
}

// The msgid -> msgstr map of a catalog: one .po file, or every .po file in a folder.
function readCatalog(path) {
	if (!existsSync(path)) return new Map();
	if (!statSync(path).isDirectory()) return readPo(path);
	const map = new Map();
	for (const f of readdirSync(path).filter((n) => n.endsWith('.po')).sort()) {
		for (const [k, v] of readPo(join(path, f))) map.set(k, v);
	}
	return map;
}

// --- page helpers -------------------------------------------------------------------------------

async function goto(page, path, { status = 200 } = {}) {
	const resp = await page.goto(BASE + path, { waitUntil: 'load' });
	check(resp, `no response for GET ${path}`);
	if (status !== null) eq(resp.status(), status, `status of GET ${path} (landed on ${pathOf(page)})`);
	return resp;
}

// Clicks a submit button and waits for the page it leads to (a form POST, then usually a 303).
async function submit(page, button) {
	const [resp] = await Promise.all([
		page.waitForNavigation({ waitUntil: 'load' }),
		button.click(),
	]);
	return resp;
}

async function htmlLang(page) {
	return page.locator('html').getAttribute('lang');
}

async function signedInPortal(page) {
	return (await page.locator('header.top form[action="/signout"] button[type="submit"]').count()) === 1;
}

async function portalSignIn(page, email, password) {
	await goto(page, '/signin');
	const form = page.locator('main form[action="/signin"]');
	await form.locator('#email').fill(email);
	await form.locator('#password').fill(password);
	const resp = await submit(page, form.locator('button[type="submit"]'));
	eq(resp.status(), 200, `status after signing in as ${email} (landed on ${pathOf(page)})`);
	check(!pathOf(page).startsWith('/signin'),
		`signing in as ${email} stayed on ${pathOf(page)}: ${await page.locator('main .error').allInnerTexts()}`);
	check(await signedInPortal(page), `after signing in as ${email} the header has no "Sign out" button`);
}

async function portalSignOut(page) {
	const btn = page.locator('header.top form[action="/signout"] button[type="submit"]');
	eq(await btn.count(), 1, 'number of sign-out buttons in the header');
	const resp = await submit(page, btn);
	eq(resp.status(), 200, `status after signing out (landed on ${pathOf(page)})`);
	check(!(await signedInPortal(page)), `after signing out the header still has a "Sign out" button on ${pathOf(page)}`);
	eq(await page.locator('header.top a[href="/signin"]').count(), 1, 'header "Sign in" links after signing out');
	// The session is really gone: the account page sends us to sign in again.
	await goto(page, '/account', { status: null });
	check(pathOf(page).startsWith('/signin'), `after signing out, GET /account landed on ${pathOf(page)} instead of /signin`);
}

async function adminSignIn(page, email, password) {
	await goto(page, '/admin/signin');
	const form = page.locator('main form[action="/admin/signin"]');
	eq(await form.count(), 1, 'sign-in forms on /admin/signin');
	await form.locator('#email').fill(email);
	await form.locator('#password').fill(password);
	const resp = await submit(page, form.locator('button[type="submit"]'));
	eq(resp.status(), 200, `status after staff sign-in as ${email} (landed on ${pathOf(page)})`);
	eq(new URL(page.url()).pathname, '/admin', `page after staff sign-in as ${email}` +
		` (errors: ${await page.locator('main .error').allInnerTexts()})`);
	eq(await page.locator('header.top form[action="/admin/signout"]').count(), 1, 'admin sign-out buttons in the header');
}

// --- the tests ----------------------------------------------------------------------------------

const tests = [];
const test = (name, fn, ctxOptions = {}) => tests.push({ name, fn, ctxOptions });

test('signup: form, verification mail, confirm, account, sign out, sign in again', async (page) => {
	const tag = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	const email = `browser-${tag}@example.com`;
	const name = `Browser Tester ${tag}`;
	const password = `Br0wser-${randomBytes(6).toString('hex')}`;

	await goto(page, '/signup');
	const form = page.locator('main form[action="/signup"]');
	eq(await form.count(), 1, 'signup forms on /signup');
	await form.locator('#name').fill(name);
	await form.locator('#email').fill(email);
	await form.locator('#password').fill(password);
	await form.locator('select#lang').selectOption('en');
	await form.locator('select#tz').selectOption('Asia/Dhaka');
	let resp = await submit(page, form.locator('button[type="submit"]'));
	eq(resp.status(), 200, 'status after submitting the signup form');
	eq(new URL(page.url()).pathname, '/signin',
		`page after signing up (errors: ${await page.locator('main .error').allInnerTexts()})`);
	const flash = page.locator('main .flash');
	eq(await flash.count(), 1, 'flash messages on /signin after signing up');
	check((await flash.innerText()).trim() !== '', 'the flash message after signing up is empty');
	check(!(await signedInPortal(page)), 'signed in before confirming the email address');

	const mail = await waitForMail(email);
	const links = mail.body.match(/https?:\/\/[^\s<>"]+\/account\/verify\?token=[^\s<>"]+/g) || [];
	eq(links.length, 1, `verification links in mail ${mail.id} ("${mail.subject}")`);
	const link = links[0];
	check(link.startsWith(BASE + '/'), `verification link ${link} does not point at this site (${BASE})`);

	resp = await page.goto(link, { waitUntil: 'load' });
	eq(resp.status(), 200, 'status of the verification link');
	const confirm = page.locator('main form[action="/account/verify"] button[type="submit"]');
	eq(await confirm.count(), 1, 'confirm buttons on the verification page');
	eq((await confirm.innerText()).trim(), 'Confirm and sign in', 'confirm button label');
	resp = await submit(page, confirm);
	eq(resp.status(), 200, 'status after confirming');
	eq(new URL(page.url()).pathname, '/account', 'page after confirming the email address');
	check(await signedInPortal(page), 'not signed in after confirming the email address');
	eq(await page.locator('main input#name').inputValue(), name, 'name shown on /account');
	eq(await page.locator('main input#email').inputValue(), email, 'email shown on /account');
	eq(await page.locator('main select#tz').inputValue(), 'Asia/Dhaka', 'time zone chosen at signup, on /account');

	// The link is single-use.
	await page.goto(link, { waitUntil: 'load' });
	eq(await page.locator('main form[action="/account/verify"]').count(), 0, 'confirm forms on a used verification link');

	await goto(page, '/account');
	await portalSignOut(page);

	await portalSignIn(page, email, password);
	await goto(page, '/account');
	eq(await page.locator('main input#name').inputValue(), name, 'name on /account after signing in again');
});

test('demo customer signs in and out', async (page) => {
	await goto(page, '/');
	check(!(await signedInPortal(page)), 'a new visitor is shown as signed in');
	await portalSignIn(page, DEMO.customer.email, DEMO.customer.password);
	eq(await page.locator('header.top a[href="/account"]').count(), 1, '"My account" links in the header');
	await goto(page, '/account');
	eq(await page.locator('main input#name').inputValue(), DEMO.customer.name, 'name on /account');
	eq(await page.locator('main input#email').inputValue(), DEMO.customer.email, 'email on /account');
	await portalSignOut(page);
});

test('customer sign-in with a wrong password is refused', async (page) => {
	await goto(page, '/signin');
	const form = page.locator('main form[action="/signin"]');
	await form.locator('#email').fill(DEMO.customer.email);
	await form.locator('#password').fill('not-the-password');
	await submit(page, form.locator('button[type="submit"]'));
	check(!(await signedInPortal(page)), 'signed in with a wrong password');
	check(await page.locator('main .error').count() === 1, `no error message after a wrong password (on ${pathOf(page)})`);
	eq(await page.locator('main input#email').inputValue(), DEMO.customer.email, 'email kept in the form after a failed sign-in');
});

test('admin sees the Staff page listing the demo staff', async (page) => {
	await adminSignIn(page, DEMO.admin.email, DEMO.admin.password);
	check((await page.locator('main h1').innerText()).includes(DEMO.admin.name), 'dashboard heading does not name the admin');
	const navStaff = page.locator('header.top nav a[href="/admin/staff"]');
	eq(await navStaff.count(), 1, 'Staff links in the admin nav');
	await submit(page, navStaff);
	eq(new URL(page.url()).pathname, '/admin/staff', 'page after clicking Staff');
	const rows = page.locator('main table tbody tr');
	const text = (await rows.allInnerTexts()).join('\n');
	for (const s of DEMO.staff) {
		check(text.includes(s.email) && text.includes(s.name), `Staff page does not list ${s.name} <${s.email}>`);
	}
	check(await rows.count() >= DEMO.staff.length, `Staff page has ${await rows.count()} rows`);
});

test('agent has no Staff link and gets 403 on /admin/staff', async (page) => {
	await adminSignIn(page, DEMO.agent.email, DEMO.agent.password);
	check((await page.locator('main h1').innerText()).includes(DEMO.agent.name), 'dashboard heading does not name the agent');
	eq(await page.locator('a[href="/admin/staff"]').count(), 0, 'Staff links shown to an agent');
	eq(await page.locator('a[href="/admin/outbox"]').count(), 0, 'Outbox links shown to an agent');
	await goto(page, '/admin/staff', { status: 403 });
	eq(new URL(page.url()).pathname, '/admin/staff', 'page of the 403 (no redirect)');
	check(!(await page.locator('main').innerText()).includes(DEMO.admin.email), 'the 403 page lists staff');
	await goto(page, '/admin/outbox', { status: 403 });
});

test('footer language switcher turns the site Bengali, and it stays Bengali', async (page) => {
	const po = readCatalog(opt.po);
	const bnSignIn = po.get('Sign in');  // filled in by the translators; may not be there yet

	await goto(page, '/signin');
	eq(await htmlLang(page), 'en', 'html lang before switching');
	const sw = page.locator('footer form.lang');
	eq(await sw.count(), 1, 'language switchers in the footer');
	await sw.locator('select[name="lang"]').selectOption('bn');
	const resp = await submit(page, sw.locator('button[type="submit"]'));
	eq(resp.status(), 200, 'status after switching the language');
	eq(new URL(page.url()).pathname, '/signin', 'page after switching the language (back where we were)');
	eq(await htmlLang(page), 'bn', 'html lang after switching to Bengali');
	eq(await page.locator('footer select[name="lang"]').inputValue(), 'bn', 'language selected in the footer switcher');
	if (bnSignIn) {
		check((await page.locator('main h1').innerText()).includes(bnSignIn) ||
			(await page.locator('main button[type="submit"]').innerText()).includes(bnSignIn),
			`/signin in Bengali does not show the msgstr of "Sign in" (${bnSignIn})`);
	}

	// The next page, reached by a link, is Bengali too.
	await submit(page, page.locator('header.top a.brand'));
	eq(new URL(page.url()).pathname, '/', 'page after clicking the brand link');
	eq(await htmlLang(page), 'bn', 'html lang on the next page');
	if (bnSignIn) {
		eq((await page.locator('header.top a[href="/signin"]').innerText()).trim(), bnSignIn, 'header "Sign in" link in Bengali');
	}

	// And back to English.
	await page.locator('footer form.lang select[name="lang"]').selectOption('en');
	await submit(page, page.locator('footer form.lang button[type="submit"]'));
	eq(await htmlLang(page), 'en', 'html lang after switching back to English');
	eq((await page.locator('header.top a[href="/signin"]').innerText()).trim(), 'Sign in', 'header "Sign in" link after switching back');
});

test('home page on a phone (390x844): screenshot, no sideways scrolling', async (page) => {
	const cssResp = [];
	page.on('response', (r) => { if (new URL(r.url()).pathname === '/static/css/site.css') cssResp.push(r); });
	await goto(page, '/');
	eq(cssResp.length, 1, 'requests for /static/css/site.css');
	eq(cssResp[0].status(), 200, 'status of /static/css/site.css');
	check((cssResp[0].headers()['content-type'] || '').startsWith('text/css'),
		`content-type of site.css is ${cssResp[0].headers()['content-type']}`);
	const shot = join(OUT, 'home-phone-390x844.png');
	await page.screenshot({ path: shot, fullPage: true });
	console.log(`  screenshot: ${shot}`);
	const { scrollWidth, clientWidth } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth,
	}));
	check(scrollWidth <= clientWidth, `the home page is ${scrollWidth}px wide on a ${clientWidth}px screen (scrolls sideways)`);
}, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

(await import('./chat.mjs')).register({ test, goto, submit, check, eq, sleep, adminSignIn, DEMO, BASE }); // live chat (tests/browser/chat.mjs)
(await import('./help.mjs')).register({ test, goto, submit, check, eq, adminSignIn, DEMO }); // help center (tests/browser/help.mjs)
(await import('./surveys.mjs')).register({ test, goto, submit, check, eq, sleep, adminSignIn, portalSignIn, DEMO, BASE }); // CSAT after a resolved chat (tests/browser/surveys.mjs)
(await import('./desk.mjs')).register({ test, goto, submit, check, eq, sql, adminSignIn, DEMO, BASE, OUT }); // the agent desktop (tests/browser/desk.mjs)

// --- runner -------------------------------------------------------------------------------------

function slug(s) {
	return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

async function runOne(browser, t) {
	const context = await browser.newContext({ ...t.ctxOptions, locale: 'en-US' });
	context.setDefaultTimeout(STEP_TIMEOUT_MS);
	context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
	const page = await context.newPage();
	let timer;
	try {
		await Promise.race([
			t.fn(page),
			new Promise((_, rej) => { timer = setTimeout(() => rej(new Error(`timed out after ${TEST_TIMEOUT_MS / 1000} s`)), TEST_TIMEOUT_MS); }),
		]);
	} catch (err) {
		const base = join(OUT, `FAIL-${slug(t.name)}`);
		try {
			await page.screenshot({ path: base + '.png', fullPage: true, timeout: 5000 });
			writeFileSync(base + '.html', await page.content());
			err.message += `\n    on ${page.url()} — saved ${base}.png and .html`;
		} catch { /* the page may be gone */ }
		throw err;
	} finally {
		clearTimeout(timer);
		await context.close().catch(() => {});
	}
}

async function main() {
	const selected = tests.filter((t) => !opt.only || t.name.includes(opt.only));
	let passed = 0, failed = 0;
	let browser;
	try {
		browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
	} catch (err) {
		console.error(`browser: cannot launch /usr/bin/chromium: ${err.message}`);
		failed = selected.length || 1;
	}
	if (browser) {
		for (const t of selected) {
			const t0 = Date.now();
			try {
				await runOne(browser, t);
				passed++;
				console.log(`ok    ${t.name} (${Date.now() - t0} ms)`);
			} catch (err) {
				failed++;
				const msg = err instanceof AssertionError ? err.message : (err.stack || String(err));
				console.log(`FAIL  ${t.name} (${Date.now() - t0} ms)\n    ${msg.replace(/\n/g, '\n    ')}`);
			}
		}
		await browser.close().catch(() => {});
	}
	if (opt.counts) writeFileSync(opt.counts, `${passed} ${failed}\n`);
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

await main();
