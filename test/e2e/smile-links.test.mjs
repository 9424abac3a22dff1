// @ts-check
/**
 * Hosted verification links (Smile Links) in REAL n8n (each line under test):
 *
 * 1. the whole loop: the action node creates a single-use link → the customer opens the
 *    simulator's hosted page and completes it → the simulator posts the signed result → the
 *    Smile ID Trigger's workflow runs with the result, the user ID and the link's reference;
 *    the used link is refused;
 * 2. Get, Get Many (Return All / Limit) and Update (disable → the page refuses; enable);
 * 3. the example examples/verification-link-onboarding.json: a signup gets a link and the
 *    e-mail text, the completed link's result lands on the right branch;
 * 4. bad input (no ID types, an unknown verification method, an expiry in the past, a
 *    privacy policy URL that is no web address, two methods for one ID type) is refused
 *    with a message naming the field, and nothing reaches the simulator.
 *
 * Run: node test/e2e/run.mjs --line 2 smile-links
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { errorText, rnd, smileNode, splitItems, startActionBench } from './lib/action-helpers.mjs';
import { linesUnderTest } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { ExecutionLog, TRIGGER_NAME, firstItem, triggerWorkflow } from './lib/trigger-helpers.mjs';

/** Create a Link, every field from the item. */
const createParams = {
	resource: 'link',
	operation: 'create',
	name: '={{ $json.name ?? "Onboarding" }}',
	companyName: '={{ $json.companyName ?? "Acme Ltd" }}',
	idTypes: {
		idType: [
			{
				country: '={{ $json.country ?? "NG" }}',
				idType: '={{ $json.idType ?? "PASSPORT" }}',
				verificationMethod: '={{ $json.method ?? "doc_verification" }}',
			},
		],
	},
	isSingleUse: '={{ $json.singleUse ?? true }}',
	userId: '={{ $json.userId ?? "" }}',
	callbackUrl: '={{ $json.callbackUrl ?? "" }}',
	expiresAt: '={{ $json.expiresAt ?? "" }}',
	privacyPolicyUrl: '={{ $json.privacyPolicyUrl ?? "" }}',
	logoUrl: '',
};

/** @param {string} link @param {Record<string, string>} form */
const submitPage = (link, form) =>
	fetch(link, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(form).toString(),
	});

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x Smile Links: create, complete, trigger`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/action-helpers.mjs').ActionBench} */
		let bench;
		/** @type {ExecutionLog} */
		let log;
		/** @type {{id: string}} */
		let triggerWf;
		let callbackUrl = '';
		/** @type {Record<string, import('./lib/action-helpers.mjs').DeployedWorkflow>} */
		const wf = {};

		before(async () => {
			bench = await startActionBench(line);
			log = new ExecutionLog(bench.n8n);
			const created = await bench.n8n.createActiveWorkflow(
				triggerWorkflow(`links trigger ${line}.x`, { path: `links-${line}-${rnd()}` }),
				{ credential: bench.cred },
			);
			const full = await bench.n8n.getWorkflow(created.id);
			const hook = (await bench.n8n.productionWebhooks(full)).find((h) => h.node === TRIGGER_NAME);
			assert.ok(hook, 'the trigger has a production URL');
			triggerWf = full;
			callbackUrl = hook.url;
			wf.create = await bench.deployItems('link-create', createParams);
			wf.get = await bench.deploy('link-get', [
				splitItems(),
				smileNode({ resource: 'link', operation: 'get', refId: '={{ $json.refId }}' }),
			]);
			wf.getAll = await bench.deploy('link-get-all', [
				splitItems(),
				smileNode({
					resource: 'link',
					operation: 'getAll',
					returnAll: '={{ $json.returnAll ?? false }}',
					limit: '={{ $json.limit ?? 50 }}',
				}),
			]);
			wf.update = await bench.deploy('link-update', [
				splitItems(),
				smileNode({
					resource: 'link',
					operation: 'update',
					refId: '={{ $json.refId }}',
					status: '={{ $json.status }}',
					updateFields: { expiresAt: '={{ $json.expiresAt ?? "" }}' },
				}),
			]);
		});

		after(async () => {
			await bench?.stop();
		});

		test('single-use link: created → completed on the hosted page → the trigger runs with the result and the link reference; the used link is refused', async () => {
			const userId = `approved-cust-${rnd()}`;
			const expiresAt = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
			const out = await bench.runOne(wf.create, { userId, callbackUrl, expiresAt });
			assert.equal(out.error, undefined, errorText(out));
			assert.match(out.link, new RegExp(`^${bench.sim.url}/__links/[0-9a-f]{16}$`));
			assert.equal(out.link.endsWith(out.refId), true);
			assert.equal(out.expiresAt, expiresAt);
			assert.equal(out.isSingleUse, true);
			assert.equal(out.userId, userId);
			const [sent] = bench.sim.requests.filter(
				(/** @type {any} */ r) => r.path === '/v1/smile_links' && r.method === 'POST',
			);
			assert.deepEqual(
				{ ...sent.body, partner_id: undefined, signature: undefined, timestamp: undefined },
				{
					name: 'Onboarding',
					company_name: 'Acme Ltd',
					id_types: [
						{ country: 'NG', id_type: 'PASSPORT', verification_method: 'doc_verification' },
					],
					callback_url: callbackUrl,
					is_single_use: true,
					user_id: userId,
					expires_at: expiresAt,
					partner_id: undefined,
					signature: undefined,
					timestamp: undefined,
				},
			);

			const page = await fetch(out.link);
			assert.equal(page.status, 200);
			assert.match(await page.text(), /Acme Ltd asks you to verify your identity/);
			const done = await submitPage(out.link, { id_type_index: '0' });
			assert.equal(done.status, 200);
			const jobId = `link-${out.refId}-1`;
			const [ex] = await log.waitFor(triggerWf.id, (e) => firstItem(e)?.json?.jobId === jobId, {
				timeoutMs: 60_000,
			});
			assert.equal(ex.status, 'success');
			const result = firstItem(ex).json;
			assert.equal(result.outcome, 'approved');
			assert.equal(result.resultCode, '0810');
			assert.equal(result.userId, userId);
			assert.equal(result.linkRefId, out.refId);
			assert.equal(result.jobType, 6);
			assert.equal(firstItem(ex, 'Received').json.handled, 'yes');

			const before = bench.stats();
			const again = await submitPage(out.link, { id_type_index: '0' });
			assert.equal(again.status, 410);
			assert.match(await again.text(), /This link has already been used\./);
			const afterStats = bench.stats();
			assert.equal(afterStats.smileLinkRefusals - before.smileLinkRefusals, 1);
			assert.equal(afterStats.jobsCreated, before.jobsCreated, 'no second job');
		});

		test('Get, Get Many with Limit and Return All, Update: disable refuses the page, enable reopens it', async () => {
			const a = await bench.runOne(wf.create, { singleUse: false, callbackUrl, name: 'Multi A' });
			const b = await bench.runOne(wf.create, { singleUse: false, callbackUrl, name: 'Multi B' });
			assert.equal(a.isSingleUse, false);
			assert.equal(a.userId, null);

			const got = await bench.runOne(wf.get, { refId: a.refId });
			assert.equal(got.refId, a.refId);
			assert.equal(got.name, 'Multi A');
			assert.equal(got.isDisabled, false);
			const [getReq] = bench.sim.requests.filter(
				(/** @type {any} */ r) => r.method === 'GET' && r.path === `/v1/smile_links/${a.refId}`,
			);
			assert.equal(getReq.status, 200, 'signed in the query, accepted');

			const limited = await bench.run(wf.getAll, { items: [{ limit: 1 }] });
			assert.equal(limited.items.length, 1);
			const all = await bench.run(wf.getAll, { items: [{ returnAll: true }] });
			const refs = all.items.map((/** @type {any} */ l) => l.refId);
			assert.ok(refs.includes(a.refId) && refs.includes(b.refId), JSON.stringify(refs));

			const disabled = await bench.runOne(wf.update, { refId: a.refId, status: 'disable' });
			assert.equal(disabled.error, undefined, errorText(disabled));
			assert.equal(disabled.isDisabled, true);
			const refused = await fetch(a.link);
			assert.equal(refused.status, 410);
			assert.match(await refused.text(), /This link has been disabled\./);
			const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
			const enabled = await bench.runOne(wf.update, {
				refId: a.refId,
				status: 'enable',
				expiresAt,
			});
			assert.equal(enabled.isDisabled, false);
			assert.equal(enabled.expiresAt, expiresAt);
			assert.equal((await fetch(a.link)).status, 200);
		});

		test('example verification-link-onboarding: signup → link → e-mail text; the completed link routes approved and rejected customers', async () => {
			const text = fs
				.readFileSync(path.join(REPO_ROOT, 'examples', 'verification-link-onboarding.json'), 'utf8')
				.replaceAll('http://localhost:5678', bench.n8n.baseUrl);
			assert.ok(!text.includes('localhost:'), 'the example names no other local port');
			const created = await bench.n8n.createActiveWorkflow(JSON.parse(text), {
				credential: bench.cred,
			});
			const example = await bench.n8n.getWorkflow(created.id);
			for (const [prefix, node, decision] of [
				['approved', 'Activate account', 'activate'],
				['rejected', 'Decline application', 'decline'],
			]) {
				const userId = `${prefix}-signup-${rnd()}`;
				const r = await bench.n8n.callWebhook('new-signup', {
					json: { userId, email: `${userId}@example.com`, name: 'Ada' },
				});
				assert.equal(r.status, 200, r.text);
				const mail = Array.isArray(r.json) ? r.json[0] : r.json;
				assert.equal(mail.to, `${userId}@example.com`);
				assert.equal(mail.subject, 'Please verify your identity');
				const link = String(mail.text).split('\n').pop();
				assert.match(link, new RegExp(`^${bench.sim.url}/__links/${mail.linkRefId}$`));
				assert.match(
					mail.text,
					/^Hello Ada,\n\nplease verify your identity here \(valid until \d{4}-\d{2}-\d{2}T/,
				);
				assert.equal((await submitPage(link, { id_type_index: '1' })).status, 200);
				const [ex] = await log.waitFor(
					example.id,
					(e) => firstItem(e, 'Verification result')?.json?.linkRefId === mail.linkRefId,
					{ timeoutMs: 60_000 },
				);
				assert.equal(ex.data.resultData.lastNodeExecuted, node);
				const out = firstItem(ex, node).json;
				assert.equal(out.decision, decision);
				assert.equal(out.customer, userId);
				assert.equal(firstItem(ex, 'Verification result').json.personalInfo.idType, 'NATIONAL_ID');
			}
			await bench.n8n.deactivateWorkflow({ id: String(created.id) });
		});

		/** The links the simulator holds for a user ID or a name. @param {(l: any) => boolean} pick */
		const linksWhere = (pick) => [...bench.sim.links.values()].filter(pick);
		/** @param {string} refId */
		const getsOf = (refId) =>
			bench.sim.requests.filter(
				(/** @type {any} */ r) => r.method === 'GET' && r.path === `/v1/smile_links/${refId}`,
			).length;
		const JOB_WORDS = /job|retry flag|Retry a Failed Upload/i;

		test('a lost Create answer leaves exactly one link and outputs it; a dropped request is sent once more; two lost answers fail with how to check', async () => {
			const userId = `faultlost-cust-${rnd()}`;
			const lost = await bench.runOne(wf.create, { userId, callbackUrl });
			assert.equal(lost.error, undefined, errorText(lost));
			const [made, ...more] = linksWhere((l) => l.user_id === userId);
			assert.equal(more.length, 0, 'exactly one link');
			assert.equal(lost.refId, made.ref_id);
			assert.equal(lost.link, made.link);
			assert.equal(lost.expiresAt, made.expires_at);
			assert.match(
				lost.warnings.join('\n'),
				new RegExp(
					`^Smile ID's answer to Create was lost \\(.*\\)\\. The link it had made was found with Get Many \\(refId ${made.ref_id}\\) and is output as created; no second link was made\\.$`,
				),
			);
			const posts = bench.sim.requests.filter(
				(/** @type {any} */ r) =>
					r.method === 'POST' && r.path === '/v1/smile_links' && r.body?.user_id === userId,
			);
			assert.deepEqual(
				posts.map((/** @type {any} */ r) => r.status),
				['dropped'],
				'sent once',
			);

			const name = `Multi lost ${rnd()}`;
			bench.sim.addFault({ endpoint: 'smile_links', type: 'lost' });
			const multi = await bench.runOne(wf.create, { singleUse: false, callbackUrl, name });
			assert.equal(multi.error, undefined, errorText(multi));
			assert.deepEqual(
				linksWhere((l) => l.name === name).map((l) => l.ref_id),
				[multi.refId],
			);

			const dropped = `faultdrop-cust-${rnd()}`;
			const again = await bench.runOne(wf.create, { userId: dropped, callbackUrl });
			assert.equal(again.error, undefined, errorText(again));
			assert.deepEqual(
				linksWhere((l) => l.user_id === dropped).map((l) => l.ref_id),
				[again.refId],
			);
			assert.deepEqual(again.warnings, []);

			const failing = `cust-${rnd()}`;
			bench.sim.addFault({ endpoint: 'smile_links', type: 'status', status: 503, count: 2 });
			const failed = await bench.runOne(wf.create, {
				userId: failing,
				callbackUrl,
				name: 'Onboarding',
			});
			assert.equal(
				failed.error,
				"Creating the verification link failed after 2 attempts: Smile ID's answer was lost",
			);
			assert.match(
				failed.errorDescription,
				new RegExp(
					`^Smile ID answered HTTP 503 "System Error"\\. Smile ID's list of links does not show it, so it may or may not have been made\\. Before running this item again, check with the Get Many operation \\(Return All\\), looking for a link named "Onboarding" with user ID ${failing} made after \\d{4}-\\d{2}-\\d{2}T`,
				),
			);
			assert.doesNotMatch(errorText(failed), JOB_WORDS);
			assert.equal(linksWhere((l) => l.user_id === failing).length, 0);
		});

		test('the error texts of every link operation name links, never job fields', async () => {
			const userId = `cust-${rnd()}`;
			const first = await bench.runOne(wf.create, { userId, callbackUrl });
			assert.equal(first.error, undefined, errorText(first));
			const second = await bench.runOne(wf.create, { userId, callbackUrl });
			assert.equal(
				second.error,
				'Creating the verification link failed: Error - An active link already exists for this user_id (Smile ID code 2215)',
			);
			assert.equal(
				second.errorDescription,
				`Smile ID already holds a link for this user ID (${userId}): find it with the Get Many operation (Return All), looking for a link named "Onboarding" with user ID ${userId}, and send that link again (its refId) instead of creating another; or disable it with Update, then create the new one.`,
			);
			const missing = 'nosuchlink0000';
			const got = await bench.runOne(wf.get, { refId: missing });
			const updated = await bench.runOne(wf.update, { refId: missing, status: 'disable' });
			for (const [out, action] of [
				[got, 'Getting'],
				[updated, 'Updating'],
			]) {
				assert.equal(
					out.error,
					`${action} the link ${missing} failed: Error - Link not found (Smile ID code 2213)`,
				);
				assert.equal(
					out.errorDescription,
					`No link has the Link Reference ID "${missing}" in this account and environment. Compare it with the refId values that Get Many returns.`,
				);
			}
			bench.sim.addFault({ endpoint: 'smile_links_list', type: 'status', status: 500 });
			const listed = await bench.run(wf.getAll, { items: [{ returnAll: true }] });
			const [listError] = listed.items;
			assert.equal(listError.error, 'Listing the links failed: System Error (Smile ID code 2201)');
			assert.equal(
				listError.errorDescription,
				"A temporary fault on Smile ID's side. Reading links is free and changes nothing: run the item again.",
			);
			for (const out of [second, got, updated, listError]) {
				assert.doesNotMatch(errorText(out), JOB_WORDS);
			}
		});

		test('expiresAt is the expiry Smile ID holds: read with Get when the answer lacks it, from the answer when it carries it', async () => {
			const plain = await bench.runOne(wf.create, {
				singleUse: false,
				callbackUrl,
				name: `Default ${rnd()}`,
			});
			assert.equal(plain.error, undefined, errorText(plain));
			const held = bench.sim.links.get(plain.refId);
			assert.equal(plain.expiresAt, held.expires_at);
			const days = (Date.parse(plain.expiresAt) - Date.now()) / (24 * 3600 * 1000);
			assert.ok(days > 89.9 && days <= 90, `Smile ID's default of 90 days, got ${days}`);
			assert.equal(getsOf(plain.refId), 1, 'read with Get');

			const expiresAt = new Date(Date.now() + 3 * 24 * 3600 * 1000).toISOString();
			bench.sim.options.linkCreateAnswer = 'full';
			try {
				for (const item of [{}, { expiresAt }]) {
					const out = await bench.runOne(wf.create, {
						singleUse: false,
						callbackUrl,
						name: `Full ${rnd()}`,
						...item,
					});
					assert.equal(out.error, undefined, errorText(out));
					assert.equal(out.expiresAt, bench.sim.links.get(out.refId).expires_at);
					if (item.expiresAt) assert.equal(out.expiresAt, expiresAt);
					assert.equal(getsOf(out.refId), 0, 'the answer carried it');
				}
			} finally {
				bench.sim.options.linkCreateAnswer = 'docs';
			}
		});

		test('an ID type the verification method does not offer is refused before sending; unreadable lists send it with a warning', async () => {
			const before = bench.stats();
			const refused = await bench.runOne(wf.create, {
				userId: `cust-${rnd()}`,
				callbackUrl,
				idType: 'BVN',
			});
			assert.equal(
				refused.error,
				"ID Types (row 1): Document Verification (doc_verification) does not offer NG BVN for this account (Smile ID's live list). In NG it offers DRIVERS_LICENSE, PASSPORT. Choose one of those ID types, or the verification method that offers BVN.",
			);
			const bvn = await bench.runOne(wf.create, {
				userId: `cust-${rnd()}`,
				callbackUrl,
				idType: 'PASSPORT',
				method: 'biometric_kyc',
			});
			assert.match(
				bvn.error,
				/^ID Types \(row 1\): Biometric KYC \(biometric_kyc\) does not offer NG PASSPORT for this account \(Smile ID's live list\)\. In NG it offers BANK_ACCOUNT, BVN, NIN, NIN_V2\./,
			);
			assert.equal(
				bench.stats().smileLinkRequests,
				before.smileLinkRequests,
				'no Smile Links request',
			);

			bench.sim.addFault({ endpoint: 'valid_documents', type: 'status', status: 500 });
			const userId = `cust-${rnd()}`;
			const sent = await bench.runOne(wf.create, { userId, callbackUrl, idType: 'VOTER_ID' });
			assert.equal(sent.error, undefined, errorText(sent));
			assert.deepEqual(sent.warnings, [
				"ID Types (row 1): NG VOTER_ID was not checked against Document Verification (doc_verification): Smile ID's live list could not be read. Smile ID checks it itself.",
			]);
			assert.equal(linksWhere((l) => l.user_id === userId).length, 1);
		});

		test('Get Many follows the pages of a paged list: Return All returns every link, Limit stops early', async () => {
			bench.sim.options.linksPageSize = 2;
			try {
				for (let i = 0; i < 3; i++) {
					await bench.runOne(wf.create, { singleUse: false, callbackUrl, name: `Paged ${i}` });
				}
				const every = [...bench.sim.links.keys()];
				assert.ok(every.length > 4, `${every.length} links`);
				const all = await bench.run(wf.getAll, { items: [{ returnAll: true }] });
				assert.deepEqual(
					all.items.map((/** @type {any} */ l) => l.refId),
					every,
				);
				const pagesAsked = () =>
					bench.sim.requests.filter(
						(/** @type {any} */ r) => r.method === 'GET' && r.path === '/v1/smile_links',
					).length;
				const asked = pagesAsked();
				const three = await bench.run(wf.getAll, { items: [{ limit: 3 }] });
				assert.deepEqual(
					three.items.map((/** @type {any} */ l) => l.refId),
					every.slice(0, 3),
				);
				assert.equal(pagesAsked() - asked, 2, 'two pages of two hold three links');
			} finally {
				bench.sim.options.linksPageSize = 0;
			}
		});

		test('bad input gets a clear error and sends nothing to Smile ID', async () => {
			const past = new Date(Date.now() - 3600 * 1000).toISOString();
			const cases = [
				{
					item: { userId: 'u1', callbackUrl, idType: '', country: 'NG' },
					message: /^ID Types \(row 1\): ID Type is required\./,
				},
				{
					item: { userId: 'u1', callbackUrl, method: 'smart_selfie' },
					message:
						/^ID Types \(row 1\): verification method "smart_selfie" is not one Smile Links offers\. Use one of biometric_kyc, doc_verification, enhanced_document_verification, enhanced_kyc\./,
				},
				{
					item: { userId: 'u1', callbackUrl, expiresAt: past },
					message: /^Expires At .* is in the past: the customer could never open the link\./,
				},
				{
					item: { userId: 'u1', callbackUrl, privacyPolicyUrl: 'acme.example.com/privacy' },
					message: /^Privacy Policy URL "acme\.example\.com\/privacy" is not a URL\./,
				},
				{ item: { userId: '', callbackUrl }, message: /^User ID is required\./ },
				{ item: { userId: 'u1', callbackUrl: '' }, message: /^Callback URL is required/ },
			];
			const before = bench.stats();
			for (const { item, message } of cases) {
				const out = await bench.runOne(wf.create, item);
				assert.match(errorText(out), message, JSON.stringify(item));
				assert.equal(out.link, undefined);
			}
			const noRows = await bench.deploy('link-create-no-rows', [
				splitItems(),
				smileNode({ ...createParams, idTypes: {} }),
			]);
			const none = await bench.runOne(noRows, { userId: 'u1', callbackUrl });
			assert.match(errorText(none), /^ID Types: add at least one row/);
			const nothing = await bench.runOne(wf.update, { refId: 'abc', status: 'keep' });
			assert.match(errorText(nothing), /^Nothing to update/);
			const afterStats = bench.stats();
			assert.equal(
				afterStats.smileLinkRequests,
				before.smileLinkRequests,
				'no Smile Links request',
			);
			assert.equal(afterStats.requests, before.requests, 'no request at all');
		});
	});
}
