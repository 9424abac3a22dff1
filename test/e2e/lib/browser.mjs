// @ts-check
/**
 * A real browser for the n8n editor: Debian's Chromium driven by playwright-core (no browser
 * download). Used by test/e2e/browser.test.mjs.
 *
 *   ensureChromium();                          // installs Debian's chromium when missing (root only)
 *   const b = await launchBrowser();           // fresh profile, 1440x900, light colour scheme
 *   const ui = new N8nEditor(b.page, n8n);     // helpers for n8n 2.x's editor (data-test-id)
 *   await ui.signIn();
 *   ...
 *   await b.close();
 *
 * Env: SMILEID_E2E_CHROMIUM (path of the browser, default /usr/bin/chromium),
 *      SMILEID_E2E_SCREENSHOTS (folder for screenshots, default <repo>/docs/screenshots).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

import { REPO_ROOT } from './install.mjs';
import { OWNER } from './n8n.mjs';

const require = createRequire(import.meta.url);

export const CHROMIUM = process.env.SMILEID_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR =
	process.env.SMILEID_E2E_SCREENSHOTS ?? path.join(REPO_ROOT, 'docs', 'screenshots');

/** The flags the project agreed on: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_ARGS = Object.freeze([
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
]);

/**
 * Makes sure the browser exists. When /usr/bin/chromium is missing and we are root (CI), installs
 * Debian's `chromium` package with apt-get; otherwise throws with the command to run.
 * @returns {{path: string, version: string, installed: boolean}}
 */
export function ensureChromium() {
	let installed = false;
	if (!fs.existsSync(CHROMIUM)) {
		if (CHROMIUM !== '/usr/bin/chromium')
			throw new Error(`SMILEID_E2E_CHROMIUM=${CHROMIUM} does not exist`);
		if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
			throw new Error(
				'Chromium is missing: run `sudo apt-get install -y chromium` (Debian) or set SMILEID_E2E_CHROMIUM',
			);
		}
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const apt = (/** @type {string[]} */ args) =>
			spawnSync('apt-get', args, { stdio: ['ignore', 'pipe', 'pipe'], env, encoding: 'utf8' });
		let r = apt(['install', '-y', '--no-install-recommends', 'chromium']);
		if (r.status !== 0) {
			apt(['update']);
			r = apt(['install', '-y', '--no-install-recommends', 'chromium']);
		}
		if (r.status !== 0 || !fs.existsSync(CHROMIUM)) {
			throw new Error(
				`apt-get install chromium failed (exit ${r.status}): ${String(r.stderr).slice(-2000)}`,
			);
		}
		installed = true;
	}
	const v = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8' });
	const version = /Chromium\s+([\d.]+)/.exec(String(v.stdout))?.[1] ?? 'unknown';
	return { path: CHROMIUM, version, installed };
}

/** playwright-core, with n8n's `data-test-id` as the attribute behind `getByTestId`. */
export function playwright() {
	const pw = require('playwright-core');
	pw.selectors.setTestIdAttribute('data-test-id');
	return pw;
}

/**
 * Launch Chromium with a fresh, throw-away user data dir.
 * @param {{viewport?: {width: number, height: number}, colorScheme?: 'light'|'dark'}} [o]
 */
export async function launchBrowser(o = {}) {
	const { chromium } = playwright();
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'smileid-e2e-chromium-'));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: [...CHROMIUM_ARGS],
		viewport: o.viewport ?? { width: 1440, height: 900 },
		colorScheme: o.colorScheme ?? 'light',
		locale: 'en-US',
		timezoneId: 'UTC',
	});
	context.setDefaultTimeout(30_000);
	// Loopback only: the editor's calls to n8n.io, fonts or CDNs are refused inside the browser.
	/** @type {string[]} */
	const blocked = [];
	await context.route(
		(url) =>
			!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
			/^(https?|wss?):$/.test(url.protocol),
		(route) => {
			blocked.push(route.request().url().slice(0, 200));
			return route.abort('blockedbyclient');
		},
	);
	const page = context.pages()[0] ?? (await context.newPage());
	/** @type {string[]} */
	const consoleErrors = [];
	page.on('console', (m) => {
		if (m.type() === 'error') consoleErrors.push(m.text().slice(0, 500));
	});
	page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${String(e.message).slice(0, 500)}`));
	/** n8n REST calls that failed: method, path, status and the answer (never the request body) */
	/** @type {string[]} */
	const restErrors = [];
	page.on('response', async (r) => {
		const u = new URL(r.url());
		if (!u.pathname.startsWith('/rest/') || r.status() < 400) return;
		const body = await r.text().catch(() => '');
		restErrors.push(`${r.request().method()} ${u.pathname} -> ${r.status()} ${body.slice(0, 300)}`);
	});
	return {
		context,
		page,
		consoleErrors,
		restErrors,
		/** non-loopback requests the editor attempted (refused) */
		blocked,
		userDataDir,
		async close() {
			await context.close().catch(() => {});
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Save a screenshot as <SCREENSHOT_DIR>/<name>.png and return its path.
 * @param {import('playwright-core').Page | import('playwright-core').Locator} target
 * @param {string} name
 */
export async function screenshot(target, name) {
	fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
	const file = path.join(SCREENSHOT_DIR, `${name}.png`);
	await target.screenshot({
		path: file,
		animations: 'disabled',
		// toasts ("Node executed successfully", …) are not part of the picture
		style: '.el-notification, .el-message { visibility: hidden !important; }',
	});
	return file;
}

/**
 * Helpers for n8n 2.x's editor UI (selectors are its `data-test-id`s, as n8n's own Playwright
 * tests use them).
 */
export class N8nEditor {
	/**
	 * @param {import('playwright-core').Page} page
	 * @param {{baseUrl: string}} n8n
	 */
	constructor(page, n8n) {
		this.page = page;
		this.baseUrl = n8n.baseUrl;
	}

	/** Sign in through the sign-in page with the harness's owner. */
	async signIn(owner = OWNER) {
		const { page } = this;
		await page.goto(`${this.baseUrl}/signin`);
		await page.locator('input[name=emailOrLdapLoginId]').fill(owner.email);
		await page.locator('input[name=password]').fill(owner.password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.waitForURL((u) => !u.pathname.startsWith('/signin'), { timeout: 60_000 });
		// the editor redirects once more after sign-in (home page); let it settle
		await page.getByTestId('main-sidebar-settings').waitFor({ timeout: 60_000 });
		await page.waitForLoadState('networkidle').catch(() => {});
	}

	/**
	 * Go to an editor path. Once the editor is loaded this uses its own router (what clicking a
	 * link does): a full page load costs 500+ requests (n8n serves its assets with max-age=0).
	 * @param {string} urlPath
	 */
	async navigate(urlPath) {
		const { page } = this;
		const target = urlPath.split('?')[0];
		for (let attempt = 0; attempt < 3; attempt++) {
			const pushed = await page
				.evaluate(async (p) => {
					const app = /** @type {any} */ (document.querySelector('#app'))?.__vue_app__;
					const router = app?.config?.globalProperties?.$router;
					if (!router) return false;
					await router.push(p);
					return true;
				}, urlPath)
				.catch(() => false);
			if (!pushed) break;
			// a redirect still running from an earlier page (e.g. after sign-in) can override it
			const arrived = await page
				.waitForURL((u) => target.endsWith('/new') || u.pathname === target, { timeout: 10_000 })
				.then(() => true)
				.catch(() => false);
			if (arrived) return;
		}
		await page.goto(`${this.baseUrl}${urlPath}`);
	}

	/** @param {string} id */
	async openWorkflow(id) {
		await this.navigate(`/workflow/${id}`);
		await this.page.getByTestId('canvas-wrapper').waitFor();
		await this.page.getByTestId('canvas-node').first().waitFor();
	}

	async newWorkflow() {
		await this.navigate('/workflow/new');
		await this.page.getByTestId('canvas-add-button').waitFor();
	}

	/**
	 * Settings → Personal → Theme ("System default" | "Light theme" | "Dark theme") → Save.
	 * @param {'light'|'dark'|'system'} theme
	 */
	async setTheme(theme) {
		const { page } = this;
		const label = { light: 'Light theme', dark: 'Dark theme', system: 'System default' }[theme];
		await this.navigate('/settings/personal');
		const select = page.getByTestId('theme-select');
		await select.waitFor();
		const current = (await select.locator('input').first().inputValue()).trim();
		if (current !== label) {
			await select.click();
			await this.dropdownOption(label).click();
			await page.getByTestId('save-settings-button').click();
		}
		await page.waitForFunction(
			(t) => (t === 'system' ? true : document.body.getAttribute('data-theme') === t),
			theme,
		);
		return page.evaluate(() => document.body.getAttribute('data-theme'));
	}

	/** The visible dropdown (element-plus select popper) option with this text. @param {string | RegExp} text */
	dropdownOption(text) {
		return this.page
			.locator('.el-select-dropdown:visible .el-select-dropdown__item')
			.filter({ hasText: text })
			.first();
	}

	/** Texts of the options of the visible dropdown. */
	async dropdownTexts() {
		const items = this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
		await items.first().waitFor();
		return (await items.allInnerTexts()).map((t) => t.trim());
	}

	/**
	 * Close the toasts ("Node executed successfully", "Credential saved"). Note: the click also
	 * closes the node panel, like any click outside it.
	 */
	async dismissToasts() {
		const close = this.page.locator('.el-notification .el-notification__closeBtn');
		for (let i = 0; i < 10 && (await close.count()) > 0; i++) {
			await close
				.first()
				.click({ timeout: 2_000 })
				.catch(() => {});
		}
		await this.page
			.locator('.el-notification')
			.first()
			.waitFor({ state: 'detached', timeout: 5_000 })
			.catch(() => {});
	}

	/** The node creator (node panel). */
	get creator() {
		return this.page.getByTestId('node-creator');
	}

	/** Type into the node creator's search box. @param {string} text */
	async search(text) {
		// n8n 2.41: the test id is on the <input> itself
		const bar = this.page.getByTestId('node-creator-search-bar');
		const input = (await bar.evaluate((e) => e.tagName)) === 'INPUT' ? bar : bar.locator('input');
		await input.fill(text);
	}

	/** An item (node, action, trigger) in the node creator by its visible name. @param {string | RegExp} name */
	creatorItem(name) {
		return this.creator
			.getByTestId('item-iterator-item')
			.filter({
				has: this.page.getByTestId('node-creator-item-name').getByText(name, { exact: true }),
			})
			.first();
	}

	/** Names and icon sources of the node creator's items, in order. */
	async creatorItems() {
		return this.creator.getByTestId('item-iterator-item').evaluateAll((els) =>
			els
				.map((e) => {
					const name = e.querySelector('[data-test-id=node-creator-item-name]');
					const img = /** @type {HTMLImageElement | null} */ (e.querySelector('img'));
					return name
						? {
								name: (name.textContent ?? '').trim(),
								icon: img?.getAttribute('src') ?? null,
								iconLoaded: img ? img.complete && img.naturalWidth > 0 : false,
							}
						: null;
				})
				.filter((x) => x !== null),
		);
	}

	/** Expand a collapsed category ("Actions (7)", "Triggers (1)") of the node creator. @param {RegExp} name */
	async expandCategory(name) {
		const cat = this.creator.getByTestId('node-creator-category-item').filter({ hasText: name });
		const box = cat.locator('xpath=..');
		const collapsed = await box.getAttribute('data-category-collapsed');
		if (collapsed === 'true') await cat.click();
		return cat;
	}

	/** The node details view (NDV). */
	get ndv() {
		return this.page.getByTestId('ndv');
	}

	/**
	 * The parameters shown in the NDV's Parameters tab, in order: `name` (from n8n's
	 * `parameter-input-<name>` test id; the credential slot is `credential`) and visible `label`.
	 * @returns {Promise<{name: string, label: string}[]>}
	 */
	async parameters() {
		const params = this.ndv.getByTestId('node-parameters');
		await params.waitFor();
		return params.evaluate((root) => {
			/** @type {{name: string, label: string}[]} */
			const out = [];
			const labelOf = (/** @type {Element | null} */ item) => {
				const t = item?.querySelector('[data-test-id=input-label] label [class*="_title"]');
				const text = t?.textContent ?? item?.querySelector('label')?.textContent ?? '';
				return text.replace(/\s+/g, ' ').trim();
			};
			if (root.querySelector('[data-test-id=node-credentials-slot]'))
				out.push({ name: 'credential', label: 'Credential' });
			for (const el of root.querySelectorAll('[data-test-id^="parameter-input-"]')) {
				const id = el.getAttribute('data-test-id') ?? '';
				if (
					id === 'parameter-input-field' ||
					!(
						el.classList.contains('parameter-value-container') ||
						el.classList.contains('parameter-switch')
					)
				)
					continue;
				if (/** @type {HTMLElement} */ (el).offsetParent === null) continue;
				out.push({
					name: id.slice('parameter-input-'.length),
					label: labelOf(el.closest('.parameter-item')),
				});
			}
			return out;
		});
	}

	/**
	 * Name of the credential selected in the NDV; waits up to `timeoutMs` for n8n to pick one
	 * ('' when none).
	 */
	async credentialName(timeoutMs = 10_000) {
		const input = this.ndv.getByTestId('node-credentials-select').locator('input').first();
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = (await input.count()) ? (await input.inputValue()).trim() : '';
			if (value || Date.now() > deadline) return value;
			await this.page.waitForTimeout(200);
		}
	}

	/** @param {string} name parameter name */
	param(name) {
		return this.ndv.getByTestId(`parameter-input-${name}`);
	}

	/** Fill a fixed-mode text parameter. @param {string} name @param {string} value */
	async fill(name, value) {
		const input = this.param(name).locator('input[data-test-id=parameter-input-field]');
		await input.fill(value);
		await input.blur();
	}

	/**
	 * Open an options parameter and return its option texts. A panel that is still settling
	 * (credential assigned, lists loading) can close the dropdown as it opens, so an attempt
	 * whose options do not show up soon opens it again.
	 * @param {string} name
	 */
	async optionsOf(name) {
		/** @type {string[]} */
		let texts;
		for (let attempt = 1; ; attempt++) {
			await this.param(name).click();
			const items = this.page.locator('.el-select-dropdown:visible .el-select-dropdown__item');
			try {
				await items.first().waitFor({ timeout: attempt < 3 ? 10_000 : 30_000 });
				texts = (await items.allInnerTexts()).map((t) => t.trim());
				break;
			} catch (error) {
				if (attempt >= 3) throw error;
				await this.page.keyboard.press('Escape');
				await this.page.waitForTimeout(1_000);
			}
		}
		await this.page.keyboard.press('Escape');
		await this.page
			.locator('.el-select-dropdown:visible')
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => {});
		return texts;
	}

	/** Choose an option of an options parameter. @param {string} name @param {string | RegExp} text */
	async pick(name, text) {
		// A list that depends on another field (ID types on the country) reloads after that
		// field changes; a dropdown opened during the reload can show the old list, or lose the
		// typed filter when the new one arrives. So an attempt whose option does not show up
		// soon closes the dropdown and opens it again.
		for (let attempt = 1; ; attempt++) {
			await this.param(name).click();
			if (typeof text === 'string') await this.page.keyboard.type(text.replace(/\s*\(.*$/, ''));
			try {
				await this.dropdownOption(text).click({ timeout: attempt < 4 ? 8_000 : 30_000 });
				break;
			} catch (error) {
				if (attempt >= 4) throw error;
				await this.page.keyboard.press('Escape');
				await this.page.waitForTimeout(1_000);
			}
		}
		await this.page
			.locator('.el-select-dropdown:visible')
			.first()
			.waitFor({ state: 'hidden' })
			.catch(() => {});
	}

	/** Flip a boolean parameter. @param {string} name */
	async toggle(name) {
		await this.param(name).locator('.el-switch').click();
	}

	/** Save the workflow (Ctrl+S) and wait for the PATCH/POST to return. */
	async saveWorkflow() {
		const { page } = this;
		const saved = page.waitForResponse(
			(r) =>
				/\/rest\/workflows(\/[^/?]+)?(\?|$)/.test(new URL(r.url()).pathname) &&
				['POST', 'PATCH'].includes(r.request().method()),
			{ timeout: 30_000 },
		);
		await page
			.getByTestId('canvas-wrapper')
			.click({ position: { x: 10, y: 10 } })
			.catch(() => {});
		await page.keyboard.press('Control+s');
		const r = await saved;
		if (!r.ok()) throw new Error(`saving the workflow: HTTP ${r.status()} ${await r.text()}`);
		const body = await r.json();
		return body.data ?? body;
	}
}
