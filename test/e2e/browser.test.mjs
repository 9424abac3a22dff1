// @ts-check
/**
 * The n8n editor experience in a REAL browser (Debian's Chromium via playwright-core) against a
 * local n8n 2.x with the packed package installed as a community package and the offline Smile ID
 * simulator running. n8n 2.x only: on line 1 the suite is skipped (the 1.x editor has other
 * markup; the REST-level behaviour of line 1 is covered by the other e2e files).
 *
 *   node test/e2e/run.mjs --line 2 browser
 *   SMILEID_E2E_LINES=2 node --test test/e2e/browser.test.mjs
 *
 * Screenshots go to docs/screenshots/ (SMILEID_E2E_SCREENSHOTS overrides):
 *   node-panel-search.png, node-panel-search-dark.png, document-verification-form.png,
 *   credential-test-failed.png, output-panel.png, trigger-panel.png, link-create-form.png,
 *   hosted-link-page.png, verification-link-example.png, business-verification-output.png
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { webhookNode } from './lib/action-helpers.mjs';
import { ensureChromium, launchBrowser, N8nEditor, screenshot } from './lib/browser.mjs';
import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { N8nInstance } from './lib/n8n.mjs';
import { startSim } from './lib/sim.mjs';
import { triggerWorkflow } from './lib/trigger-helpers.mjs';

const ACTIONS = [
	'Verify a document',
	'Register a selfie',
	'Authenticate a selfie',
	'Compare a selfie with a photo',
	'Get the status of a job',
	'Reset the rate limit of an ID number',
	'Verify a callback',
	'Create a verification link',
	'Get a verification link',
	'Get many verification links',
	'Update a verification link',
	'Verify a document against the issuing authority',
	'Look up an ID number',
	'Verify details against an ID number',
	'Verify a selfie against an ID number',
	'Screen a person',
	'Verify a business',
	'Verify a phone number',
	'Verify an address',
];
const TRIGGER_ACTION = 'On new Smile ID event'; // n8n's name for a trigger without events
const ICON_LIGHT = /\/icons\/n8n-nodes-smileid\/dist\/icons\/smileid\.svg$/;
const ICON_DARK = /\/icons\/n8n-nodes-smileid\/dist\/icons\/smileid\.dark\.svg$/;
/** What "Verify a document" shows (parameter names), in order, before any toggle. */
const DV_FIELDS = [
	'credential',
	'resource',
	'operation',
	'userId',
	'jobId',
	'country',
	'idType',
	'useEnrolledImage',
	'imageSource',
	'selfie',
	'idCardFront',
	'idCardBack',
	'livenessImages',
	'callbackUrl',
	'waitForResult',
];
/** Fields of other operations that must not show on Verify a document. */
const OTHER_OPS_FIELDS = [
	'comparisonImage',
	'comparisonImageType',
	'allowNewEnroll',
	'history',
	'imageLinks',
	'downloadImages',
	'idNumber',
	'callbackBody',
	'windowMinutes',
];

/** The simulator on 127.0.0.1:4010 when that port is free (stable URLs in screenshots), else any port. */
async function simPort() {
	return new Promise((resolve) => {
		const srv = net.createServer();
		srv.once('error', () => resolve(0));
		srv.listen(4010, '127.0.0.1', () => srv.close(() => resolve(4010)));
	});
}

const lines = linesUnderTest();
for (const line of lines) {
	if (line === '1') {
		// counted as skipped in the runner's summary, with the reason
		test(
			'n8n 1.x editor in a real browser',
			{
				skip: 'the browser suite runs on n8n 2.x only (node test/e2e/run.mjs --line 2 browser)',
			},
			() => {},
		);
		continue;
	}
	describe(`n8n ${line}.x editor in a real browser`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;
		/** @type {Awaited<ReturnType<typeof launchBrowser>>} */
		let browser;
		/** @type {N8nEditor} */
		let ui;
		/** @type {import('playwright-core').Page} */
		let page;
		const started = Date.now();
		const tag = crypto.randomBytes(3).toString('hex');
		/** state passed between the steps of the Document Verification story */
		const story = {
			formFilled: false,
			credentialOk: false,
			userId: `approved-browser-${tag}`,
			workflowId: '',
		};

		before(async () => {
			const chromium = ensureChromium();
			console.log(
				`# chromium ${chromium.version} at ${chromium.path}${chromium.installed ? ' (installed now)' : ''}`,
			);
			const port = await simPort();
			try {
				sim = await startSim({ partnerId: '085', port });
			} catch {
				sim = await startSim({ partnerId: '085', port: 0 });
			}
			n8n = await startN8nWithPackage(line);
			browser = await launchBrowser();
			page = browser.page;
			ui = new N8nEditor(page, n8n);
			console.log(`# n8n ${n8n.version} ready (${n8n.baseUrl}), simulator ${sim.url}`);
		});

		after(async () => {
			if (browser?.blocked.length)
				console.log(
					`# non-loopback requests refused in the browser (${browser.blocked.length}): ${[...new Set(browser.blocked.map((u) => new URL(u).host))].join(', ')}`,
				);
			if (browser?.consoleErrors.length)
				console.log(
					`# browser console errors (${browser.consoleErrors.length}): ${browser.consoleErrors.slice(0, 5).join(' | ')}`,
				);
			await browser?.close();
			await n8n?.stop();
			await sim?.stop();
			console.log(`# browser suite total ${((Date.now() - started) / 1000).toFixed(1)} s`);
		});

		/**
		 * A test step that, when it fails, saves a screenshot of the page into the run's artefacts
		 * (SMILEID_E2E_ARTIFACTS) or the OS temp folder, and says where.
		 * @param {string} name @param {() => Promise<void>} fn
		 */
		function uiTest(name, fn) {
			test(name, async () => {
				try {
					await fn();
				} catch (error) {
					const dir = process.env.SMILEID_E2E_ARTIFACTS ?? os.tmpdir();
					const file = path.join(
						dir,
						`browser-failure-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}.png`,
					);
					try {
						fs.mkdirSync(dir, { recursive: true });
						await page?.screenshot({ path: file });
						console.log(`# failure screenshot: ${file}`);
					} catch {
						/* the page may be gone */
					}
					if (browser?.restErrors.length)
						console.log(
							`# failed n8n REST calls so far:\n#   ${browser.restErrors.join('\n#   ')}`,
						);
					throw error;
				}
			});
		}

		/**
		 * POST JSON on a fresh connection; retried when n8n closes a kept-alive socket just as the
		 * request goes out (undici "other side closed").
		 * @param {string} url @param {any} json
		 */
		async function postWithRetry(url, json) {
			for (let attempt = 1; ; attempt++) {
				try {
					return await fetch(url, {
						method: 'POST',
						headers: { 'content-type': 'application/json', connection: 'close' },
						body: JSON.stringify(json),
					});
				} catch (error) {
					if (attempt >= 3) throw error;
					console.log(`# retrying POST ${url}: ${/** @type {Error} */ (error).cause ?? error}`);
				}
			}
		}

		/** Screenshot for the docs: no toasts, no hover controls. @param {string} name */
		async function shot(name) {
			// (closing a toast by clicking would also close the node panel: hide them instead)
			await page.mouse.move(5, 5);
			return screenshot(page, name);
		}

		/** The Manual Trigger every editor workflow here starts from. */
		const startNode = () => ({
			id: crypto.randomUUID(),
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		});

		/** A saved workflow holding only a Manual Trigger, opened in the editor. */
		async function openWorkflowWithManualTrigger(name = `browser ${tag}`) {
			const wf = await n8n.createWorkflow({
				name,
				nodes: [startNode()],
				connections: {},
			});
			await ui.openWorkflow(wf.id);
			return wf;
		}

		/** Node panel opened from the Manual Trigger's "+" and searched for "Smile ID". */
		async function searchSmileIdAfterTrigger() {
			await page.getByTestId('canvas-handle-plus').first().click();
			await ui.creator.waitFor();
			await ui.search('Smile ID');
			const hit = ui.creatorItem('Smile ID');
			await hit.waitFor();
			return hit;
		}

		/**
		 * Checks the Smile ID entry of the node panel: every action and the trigger, each with the
		 * icon of the theme. Returns the items.
		 * @param {RegExp} icon
		 */
		async function assertSmileIdEntry(icon) {
			const hit = await searchSmileIdAfterTrigger();
			const hitIcon = await hit.locator('img').first().getAttribute('src');
			assert.match(String(hitIcon), icon, 'search result icon');
			await hit.click();
			await ui.expandCategory(/^Actions \(\d+\)/);
			await ui.expandCategory(/^Triggers \(\d+\)/);
			await ui.creatorItem(ACTIONS[0]).waitFor();
			await ui.creatorItem(TRIGGER_ACTION).waitFor();
			const items = await ui.creatorItems();
			const names = items.map((i) => i.name);
			for (const a of ACTIONS)
				assert.ok(names.includes(a), `action "${a}" listed; got ${JSON.stringify(names)}`);
			assert.ok(names.includes(TRIGGER_ACTION), `trigger listed; got ${JSON.stringify(names)}`);
			const header = await ui.creator.innerText();
			assert.match(header, new RegExp(`Actions \\(${ACTIONS.length}\\)`));
			assert.match(header, /Triggers \(1\)/);
			for (const i of items.filter((x) => [...ACTIONS, TRIGGER_ACTION].includes(x.name))) {
				assert.match(String(i.icon), icon, `icon of "${i.name}"`);
			}
			// the icon files really load (n8n serves them from the installed package)
			await page.waitForFunction(() =>
				[...document.querySelectorAll('[data-test-id=node-creator] img')].every(
					(img) =>
						/** @type {HTMLImageElement} */ (img).complete &&
						/** @type {HTMLImageElement} */ (img).naturalWidth > 0,
				),
			);
			return items;
		}

		uiTest('signs in through the sign-in page', async () => {
			await ui.signIn();
			assert.doesNotMatch(new URL(page.url()).pathname, /signin/);
		});

		uiTest(
			'node panel, light theme: "Smile ID" lists every action and the trigger, with smileid.svg',
			async () => {
				assert.equal(await ui.setTheme('light'), 'light');
				// a first step: the trigger panel offers the Smile ID Trigger
				await ui.newWorkflow();
				await page.getByTestId('canvas-add-button').click();
				await ui.search('Smile ID');
				await ui.creatorItem('Smile ID').click();
				await ui.creatorItem(TRIGGER_ACTION).waitFor();
				assert.match(
					String(await ui.creatorItem(TRIGGER_ACTION).locator('img').first().getAttribute('src')),
					ICON_LIGHT,
				);
				await page.keyboard.press('Escape');

				// after a trigger: the action node with every action, and the trigger
				await openWorkflowWithManualTrigger();
				await assertSmileIdEntry(ICON_LIGHT);
				const file = await shot('node-panel-search');
				console.log(`# screenshot ${file}`);
			},
		);

		uiTest('node panel, dark theme: the same entry with smileid.dark.svg', async () => {
			try {
				assert.equal(await ui.setTheme('dark'), 'dark');
				await openWorkflowWithManualTrigger();
				await assertSmileIdEntry(ICON_DARK);
				console.log(`# screenshot ${await shot('node-panel-search-dark')}`);
			} finally {
				await ui.setTheme('light');
			}
		});

		uiTest(
			'"Verify a document" shows only its fields; the ID types follow the country',
			async () => {
				story.workflowId = (await openWorkflowWithManualTrigger(`browser DV ${tag}`)).id;
				await searchSmileIdAfterTrigger();
				await ui.creatorItem('Smile ID').click();
				await ui.expandCategory(/^Actions \(\d+\)/);
				await ui.creatorItem('Verify a document').click();
				await ui.ndv.waitFor();
				assert.equal(
					(await ui.ndv.getByTestId('node-title-container').innerText()).trim(),
					'Verify a document',
				);
				await ui.param('userId').waitFor();
				const fields = await ui.parameters();
				console.log(
					`# Verify a document fields: ${fields.map((f) => `${f.name} "${f.label}"`).join(', ')}`,
				);
				assert.deepEqual(
					fields.map((f) => f.name),
					DV_FIELDS,
				);
				for (const f of OTHER_OPS_FIELDS)
					assert.equal(await ui.param(f).count(), 0, `field ${f} of another operation is hidden`);
				assert.match(await ui.ndv.getByTestId('node-parameters').innerText(), /Options/);

				// conditional fields
				await ui.toggle('useEnrolledImage');
				await ui.param('selfie').waitFor({ state: 'detached' });
				await ui.toggle('useEnrolledImage');
				await ui.param('selfie').waitFor();
				await ui.toggle('waitForResult');
				await ui.param('waitTimeout').waitFor();
				await ui.param('onTimeout').waitFor();

				// country list (Smile ID's supported documents) and ID types per country
				const countries = await ui.optionsOf('country');
				assert.ok(countries.length >= 40, `countries: ${countries.length}`);
				for (const c of ['Nigeria (NG)', 'Kenya (KE)', 'Ghana (GH)', 'South Africa (ZA)'])
					assert.ok(countries.includes(c), `${c} in ${JSON.stringify(countries.slice(0, 60))}`);
				await ui.pick('country', 'Nigeria (NG)');
				const ng = await ui.optionsOf('idType');
				await ui.pick('country', 'Kenya (KE)');
				const ke = await ui.optionsOf('idType');
				console.log(`# ID types NG: ${ng.join('; ')}\n# ID types KE: ${ke.join('; ')}`);
				assert.ok(
					ng.some((t) => /\(PASSPORT\)$/.test(t)),
					`NG has PASSPORT: ${ng}`,
				);
				assert.ok(
					ng.some((t) => /\(VOTER_ID\)$/.test(t)),
					`NG has VOTER_ID: ${ng}`,
				);
				assert.ok(
					ke.some((t) => /\(ALIEN_CARD\)$/.test(t)),
					`KE has ALIEN_CARD: ${ke}`,
				);
				assert.ok(!ke.some((t) => /\(VOTER_ID\)$/.test(t)), `KE has no VOTER_ID: ${ke}`);
				assert.notDeepEqual(ng, ke, 'the ID types follow the country');

				// fill it as a user would, with images from the simulator's URLs (no binary input)
				await ui.pick('country', 'Nigeria (NG)');
				await ui.pick('idType', 'Passports (PASSPORT)');
				await ui.fill('userId', story.userId);
				await ui.pick('imageSource', 'URL');
				await ui.fill('selfie', `${sim.url}/__samples/selfie.jpg`);
				await ui.fill('idCardFront', `${sim.url}/__samples/id_card_front.jpg`);
				await ui.fill('callbackUrl', `${n8n.baseUrl}/webhook/smile-id`);
				assert.match(await ui.param('idType').locator('input').inputValue(), /PASSPORT/);
				// a taller window so the whole form fits in one picture
				await page.setViewportSize({ width: 1440, height: 1500 });
				try {
					await ui.ndv.getByTestId('node-credentials-slot').scrollIntoViewIfNeeded();
					console.log(`# screenshot ${await shot('document-verification-form')}`);
				} finally {
					await page.setViewportSize({ width: 1440, height: 900 });
				}
				story.formFilled = true;
			},
		);

		uiTest(
			'credential dialog: a wrong key fails with a clear message, the simulator values pass',
			async () => {
				assert.ok(story.formFilled, 'needs the node of the previous step');
				const slot = ui.ndv.getByTestId('node-credentials-slot');
				await slot
					.getByText(/Connect to Smile ID|Set up credential|Create new credential/i)
					.first()
					.click();
				const modal = page.getByTestId('editCredential-modal');
				await modal.waitFor();
				// n8n fetches the default name ("Smile ID account") after opening; saving before it
				// arrives fails with "String must contain at least 1 character(s)"
				await page.waitForFunction(
					() =>
						(document.querySelector('[data-test-id=credential-name]')?.getAttribute('title') ?? '')
							.length > 0,
				);
				assert.match(await modal.innerText(), /Smile ID API/);
				const input = (/** @type {string} */ name) =>
					modal.getByTestId(`parameter-input-${name}`).locator('input').first();
				await input('partnerId').fill(sim.credentials.partnerId);
				await input('apiKey').fill(`${sim.credentials.apiKey}-typo`);
				await modal.getByTestId('parameter-input-environment').click();
				const envs = await ui.dropdownTexts();
				assert.deepEqual(
					envs.map((e) => e.split('\n')[0].trim()),
					['Sandbox', 'Production', 'Custom'],
				);
				await ui.dropdownOption(/^Custom/).click();
				await input('baseUrl').fill(sim.credentials.baseUrl);

				// 1. the typo: n8n tests on save and shows the credential's message
				let tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'));
				await page.getByTestId('credential-save-button').click();
				let res = await (await tested).json();
				assert.equal(res.data?.status, 'Error', JSON.stringify(res));
				await modal.getByText(/Couldn.t connect with these settings/).waitFor();
				const details = modal.getByText('More details');
				if (await details.count()) await details.click();
				const failure = modal.getByText(/Smile ID rejected the signature/);
				await failure.waitFor();
				const message = await failure.innerText();
				assert.match(message, /API key/);
				assert.match(message, /environment/);
				assert.match(message, /partner ID/);
				assert.ok(
					!(await modal.innerText()).includes(sim.credentials.apiKey),
					'the key is not shown',
				);
				console.log(`# credential test failure shown: "${message}"`);
				console.log(`# screenshot ${await shot('credential-test-failed')}`);

				// 2. the right key: the test passes (2.41 closes the dialog after a successful save)
				await input('apiKey').fill(sim.credentials.apiKey);
				tested = page.waitForResponse((r) => r.url().includes('/rest/credentials/test'));
				await page.getByTestId('credential-save-button').click();
				res = await (await tested).json();
				assert.equal(res.data?.status, 'OK', JSON.stringify(res));
				// 2.41 closes the dialog after a successful save; other versions show the banner
				const closedOrOk = await Promise.race([
					modal
						.waitFor({ state: 'hidden', timeout: 15_000 })
						.then(() => 'closed')
						.catch(() => 'timeout'),
					modal
						.getByText('Connection tested successfully')
						.waitFor({ timeout: 15_000 })
						.then(() => 'banner')
						.catch(() => 'timeout'),
				]);
				assert.notEqual(closedOrOk, 'timeout', 'the dialog closes or shows success');
				if (closedOrOk === 'closed') {
					// reopen: the dialog tests again and says so
					await slot.getByTestId('credential-edit-button').click();
					await modal.getByText('Connection tested successfully').waitFor();
				}
				assert.match(await modal.innerText(), /Connection tested successfully/);
				await modal.getByRole('button', { name: 'Close this dialog' }).click();
				await modal.waitFor({ state: 'hidden' });
				await ui.ndv.waitFor();
				assert.match(await ui.credentialName(), /Smile ID/);
				story.credentialOk = true;
			},
		);

		uiTest(
			'"Execute step" runs it against the simulator and the output panel shows the normalised result',
			async () => {
				assert.ok(story.credentialOk, 'needs the credential of the previous step');
				const t0 = Date.now();
				await ui.ndv.getByTestId('node-execute-button').click();
				const out = ui.ndv.getByTestId('output-panel');
				await out.getByText('outcome', { exact: true }).first().waitFor({ timeout: 120_000 });
				console.log(`# Execute step answered in ${Date.now() - t0} ms`);
				await out.getByTestId('radio-button-schema').click();
				await out.getByText('approved', { exact: true }).first().waitFor();
				const text = await out.innerText();
				for (const k of [
					'outcome',
					'resultCode',
					'resultText',
					'isFinal',
					'jobId',
					'userId',
					'actions',
				])
					assert.match(text, new RegExp(`\\b${k}\\b`), `output shows ${k}`);
				assert.match(text, /\bapproved\b/);
				assert.match(text, /0810/);
				assert.ok(text.includes(story.userId), 'output shows the user ID');
				console.log(`# screenshot ${await shot('output-panel')}`);
				// the simulator really received the job, with the images downloaded from its own URLs
				const job = [...sim.jobs.values()].find((j) => j.user_id === story.userId);
				assert.ok(job, `simulator job for ${story.userId}`);
				assert.equal(job.job_type, 6);
				const roles = (job.upload?.images ?? []).map((/** @type {any} */ i) => i.role);
				assert.ok(
					roles.includes('selfie') && roles.includes('id_card_front'),
					`uploaded images: ${roles}`,
				);
				assert.ok(!text.includes(sim.credentials.apiKey), 'no API key in the output');
				// the whole item, as n8n saved the manual execution
				const ex = await n8n.waitForExecution({ workflowId: story.workflowId, timeoutMs: 30_000 });
				const item = N8nInstance.nodeOutput(ex, 'Verify a document')?.[0]?.[0];
				assert.ok(
					item,
					`saved execution has the node output: ${JSON.stringify(ex.data?.resultData?.error)}`,
				);
				assert.equal(item.outcome, 'approved');
				assert.equal(item.isFinal, true);
				assert.equal(item.userId, story.userId);
				assert.ok(text.includes(item.jobId), 'the panel shows the job ID that was saved');
				assert.ok(Array.isArray(item.warnings), 'warnings is a list');
				assert.equal(item.personalInfo?.country, 'NG');
				assert.equal(item.personalInfo?.idType, 'PASSPORT');
				// below the panel's first screen: the explained checks (one per action taken)
				assert.deepEqual(item.failedChecks, []);
				assert.ok(
					item.checks.some(
						(/** @type {any} */ c) => c.action === 'Document_Check' && c.status === 'passed',
					),
				);
				assert.equal(item.waitTimedOut, false);
			},
		);

		uiTest(
			'Smile ID Trigger panel shows the callback URL to paste (…/webhook/smile-id)',
			async () => {
				await ui.newWorkflow();
				await page.getByTestId('canvas-add-button').click();
				await ui.search('Smile ID');
				await ui.creatorItem('Smile ID').click();
				await ui.creatorItem(TRIGGER_ACTION).click();
				await ui.ndv.waitFor();
				assert.equal(
					(await ui.ndv.getByTestId('node-title-container').innerText()).trim(),
					'Smile ID Trigger',
				);
				// the credential created in the dialog is picked automatically
				assert.match(await ui.credentialName(), /Smile ID/);
				// the node's own notice; the trigger panel's hints also name the Production URL
				const notice = ui.ndv.getByText(/Paste this node's Production URL/).first();
				assert.match(await notice.innerText(), /into the Callback URL of your Smile ID jobs/);
				await ui.ndv.getByText('Webhook URLs', { exact: true }).click();
				const url = ui.ndv.locator('.webhook-url').first();
				await url.waitFor();
				const testUrl = (await url.innerText()).trim();
				assert.equal(testUrl, `${n8n.baseUrl}/webhook-test/smile-id`);
				await ui.ndv.getByText('Production URL', { exact: true }).click();
				await url.getByText(/\/webhook\/smile-id$/).waitFor();
				const prodUrl = (await url.innerText()).trim();
				assert.match(prodUrl, /\/webhook\/smile-id$/);
				assert.equal(prodUrl, `${n8n.baseUrl}/webhook/smile-id`);
				console.log(`# trigger Production URL shown: ${prodUrl}`);
				console.log(`# screenshot ${await shot('trigger-panel')}`);

				// the URL shown is the one the trigger answers on once the workflow is active
				await page.keyboard.press('Escape');
				const saved = await ui.saveWorkflow();
				await n8n.activateWorkflow({ id: saved.id });
				const r = await postWithRetry(prodUrl, { unsigned: true });
				assert.equal(
					r.status,
					401,
					'an unsigned callback at the shown URL reaches the trigger and is refused',
				);
				await n8n.deactivateWorkflow({ id: saved.id });
			},
		);

		uiTest(
			'"Look up an ID number": live country and ID-type lists, Execute step outputs the result and the authority\'s photo',
			async () => {
				const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID sim (KYC)');
				const wf = await n8n.createWorkflow(
					{
						name: `browser ID lookup ${tag}`,
						nodes: [
							startNode(),
							{
								id: crypto.randomUUID(),
								name: 'Look up an ID number',
								type: 'n8n-nodes-smileid.smileId',
								typeVersion: 1,
								position: [260, 0],
								parameters: { resource: 'idNumber', operation: 'lookUp' },
							},
						],
						connections: {
							Start: { main: [[{ node: 'Look up an ID number', type: 'main', index: 0 }]] },
						},
					},
					{ credential: cred },
				);
				await ui.openWorkflow(String(wf.id));
				await page
					.getByTestId('canvas-node')
					.filter({ hasText: 'Look up an ID number' })
					.dblclick();
				await ui.ndv.waitFor();
				await ui.param('idNumber').waitFor();
				const countries = await ui.optionsOf('country');
				console.log(`# ID-number countries: ${countries.join('; ')}`);
				assert.ok(countries.includes('Nigeria (NG)'), `Nigeria (NG) in ${countries}`);
				await ui.pick('country', 'Nigeria (NG)');
				const types = await ui.optionsOf('idType');
				assert.ok(
					types.some((t) => t.startsWith('Bank Verification Number (BVN)')),
					`BVN in ${types}`,
				);
				await ui.pick('idType', 'Bank Verification Number (BVN)');
				await ui.fill('userId', `approved-kyc-${tag}`);
				await ui.fill('idNumber', '00000000000');
				await ui.fill('firstName', 'Joe');
				await ui.fill('lastName', 'Doe');
				await ui.toggle('consent');
				const lookupsBefore = sim.stats().idVerificationCalls;
				await ui.ndv.getByTestId('node-execute-button').click();
				const out = ui.ndv.getByTestId('output-panel');
				// with binary data in the output n8n opens its Binary view first
				await out.getByText('image/jpeg').first().waitFor({ timeout: 120_000 });
				assert.match(await out.innerText(), /photo\.jpg/);
				await out.getByTestId('radio-button-schema').click();
				await out.getByText('approved', { exact: true }).first().waitFor();
				const text = await out.innerText();
				for (const k of ['outcome', 'resultCode', 'resultText', 'personalInfo'])
					assert.match(text, new RegExp(`\\b${k}\\b`), `output shows ${k}`);
				assert.match(text, /1012/);
				assert.equal(sim.stats().idVerificationCalls - lookupsBefore, 1, 'one lookup');
				await page.setViewportSize({ width: 1440, height: 1300 });
				try {
					console.log(`# screenshot ${await shot('id-number-lookup')}`);
				} finally {
					await page.setViewportSize({ width: 1440, height: 900 });
				}
				await page.keyboard.press('Escape');

				// the AML example on the canvas, for the README
				const example = fs.readFileSync(
					path.join(REPO_ROOT, 'examples', 'aml-screening.json'),
					'utf8',
				);
				const imported = await n8n.createWorkflow(JSON.parse(example), { credential: cred });
				await ui.openWorkflow(String(imported.id));
				await page
					.getByTestId('canvas-node')
					.filter({ hasText: 'Route to compliance review' })
					.waitFor();
				console.log(`# screenshot ${await shot('aml-screening-example')}`);
			},
		);

		uiTest(
			'"Verify a business": Execute step outputs the company record, its directors and beneficial owners in the output panel',
			async () => {
				const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID sim (KYB)');
				const userId = `approved-kyb-${tag}`;
				const wf = await n8n.createWorkflow(
					{
						name: `browser business verification ${tag}`,
						nodes: [
							startNode(),
							{
								id: crypto.randomUUID(),
								name: 'Verify a business',
								type: 'n8n-nodes-smileid.smileId',
								typeVersion: 1,
								position: [260, 0],
								parameters: {
									resource: 'business',
									operation: 'verify',
									userId,
									country: 'NG',
									searchType: 'BUSINESS_REGISTRATION',
									number: '0000000',
									businessType: 'co',
								},
							},
						],
						connections: {
							Start: { main: [[{ node: 'Verify a business', type: 'main', index: 0 }]] },
						},
					},
					{ credential: cred },
				);
				await ui.openWorkflow(String(wf.id));
				await page.getByTestId('canvas-node').filter({ hasText: 'Verify a business' }).dblclick();
				await ui.ndv.waitFor();
				await ui.param('number').waitFor();
				// tall enough for the company record and both lists below the checks
				await page.setViewportSize({ width: 1440, height: 1600 });
				try {
					await ui.ndv.getByTestId('node-execute-button').click();
					const out = ui.ndv.getByTestId('output-panel');
					await out.getByText('outcome', { exact: true }).first().waitFor({ timeout: 120_000 });
					await out.getByTestId('radio-button-schema').click();
					await out.getByText('approved', { exact: true }).first().waitFor();
					assert.match(await out.innerText(), /\b1012\b/);
					// the schema view renders only the rows in sight: scroll to the company record
					const company = out.getByText('company', { exact: true }).first();
					await out.getByText('outcome', { exact: true }).first().hover();
					for (let i = 0; i < 40 && !(await company.isVisible()); i++)
						await page.mouse.wheel(0, 300);
					await company.evaluate((el) => el.scrollIntoView({ block: 'start' }));
					for (const label of ['company', 'directors', 'beneficialOwners', 'Joe Leo Doe'])
						assert.ok(
							await out.getByText(label, { exact: true }).first().isVisible(),
							`the output panel shows ${label}: ${(await out.innerText()).slice(0, 2000)}`,
						);
					const job = [...sim.jobs.values()].find((j) => j.user_id === userId);
					assert.ok(job, `simulator job for ${userId}`);
					console.log(`# screenshot ${await shot('business-verification-output')}`);
				} finally {
					await page.setViewportSize({ width: 1440, height: 900 });
				}
				await page.keyboard.press('Escape');
			},
		);

		uiTest(
			'Smile Link: create a single-use link, open it in Chromium, complete it; the trigger runs with the result; the used link is refused',
			async () => {
				const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID sim (links)');
				const hookPath = `smile-link-${tag}`;
				const trigger = await n8n.createActiveWorkflow(
					triggerWorkflow(`Smile Link results ${tag}`, { path: hookPath }),
					{ credential: cred },
				);
				const callbackUrl = `${n8n.baseUrl}/webhook/${hookPath}`;
				const userId = `approved-link-${tag}`;
				const createHook = `create-link-${tag}`;
				const creator = await n8n.createActiveWorkflow(
					{
						name: `New signup: verification link ${tag}`,
						nodes: [
							{ ...webhookNode(createHook), name: 'New signup' },
							{
								id: crypto.randomUUID(),
								name: 'Create a verification link',
								type: 'n8n-nodes-smileid.smileId',
								typeVersion: 1,
								position: [260, 0],
								parameters: {
									resource: 'link',
									operation: 'create',
									name: 'Customer onboarding',
									companyName: 'Acme Ltd',
									idTypes: {
										idType: [
											{ country: 'NG', idType: 'PASSPORT', verificationMethod: 'doc_verification' },
										],
									},
									isSingleUse: true,
									userId: '={{ $json.body.userId }}',
									callbackUrl,
									privacyPolicyUrl: 'https://acme.example.com/privacy',
								},
							},
						],
						connections: {
							'New signup': {
								main: [[{ node: 'Create a verification link', type: 'main', index: 0 }]],
							},
						},
						settings: { executionOrder: 'v1' },
					},
					{ credential: cred },
				);
				const created = await postWithRetry(`${n8n.baseUrl}/webhook/${createHook}`, { userId });
				assert.equal(created.status, 200);
				const answer = await created.json();
				const out = Array.isArray(answer) ? answer[0] : answer;
				assert.equal(out.isSingleUse, true);
				assert.equal(out.userId, userId);
				console.log(`# link created: ${out.link}`);

				// the node panel of the Create operation, for the README
				await ui.openWorkflow(String(creator.id));
				await page
					.getByTestId('canvas-node')
					.filter({ hasText: 'Create a verification link' })
					.dblclick();
				await ui.ndv.waitFor();
				await ui.ndv.getByText('ID Types', { exact: true }).first().waitFor();
				console.log(`# screenshot ${await shot('link-create-form')}`);
				await page.keyboard.press('Escape');

				// the customer's side: open the link, complete it with the sample images
				const customer = await page.context().newPage();
				try {
					await customer.goto(out.link);
					await customer.getByTestId('capture-form').waitFor();
					assert.match(
						await customer.innerText('body'),
						/Acme Ltd asks you to verify your identity/,
					);
					await screenshot(customer, 'hosted-link-page');
					await customer.getByTestId('id-type-0').check();
					await customer.getByTestId('submit').click();
					await customer.getByTestId('done').waitFor();
					const jobId = (await customer.getByTestId('job-id').innerText()).trim();
					assert.equal(jobId, `link-${out.refId}-1`);

					const deadline = Date.now() + 60_000;
					/** @type {any} */
					let item;
					while (!item && Date.now() < deadline) {
						for (const e of await n8n.listExecutions({ workflowId: String(trigger.id) })) {
							if (e.status !== 'success') continue;
							const full = await n8n.getExecution(String(e.id));
							const first = N8nInstance.nodeOutput(full, 'Smile ID Trigger')?.[0]?.[0];
							if (first?.jobId === jobId) item = first;
						}
						if (!item) await new Promise((r) => setTimeout(r, 500));
					}
					assert.ok(item, `the trigger's workflow ran for ${jobId}`);
					assert.equal(item.outcome, 'approved');
					assert.equal(item.userId, userId);
					assert.equal(item.linkRefId, out.refId);

					// the same link again: refused, no second job
					const jobsBefore = sim.stats().jobsCreated;
					const again = await customer.goto(out.link);
					assert.equal(again?.status(), 410);
					assert.match(await customer.innerText('body'), /This link has already been used\./);
					assert.equal(sim.stats().jobsCreated, jobsBefore);
				} finally {
					await customer.close();
				}
				await n8n.deactivateWorkflow({ id: String(trigger.id) });
				await n8n.deactivateWorkflow({ id: String(creator.id) });

				// the example workflow on the canvas, for the README
				const example = fs
					.readFileSync(
						path.join(REPO_ROOT, 'examples', 'verification-link-onboarding.json'),
						'utf8',
					)
					.replaceAll('http://localhost:5678', n8n.baseUrl);
				const imported = await n8n.createWorkflow(JSON.parse(example), { credential: cred });
				await ui.openWorkflow(String(imported.id));
				await page.getByTestId('canvas-node').filter({ hasText: 'Verification result' }).waitFor();
				console.log(`# screenshot ${await shot('verification-link-example')}`);
			},
		);
	});
}
