// @ts-check
/**
 * The ID-number and AML example workflows in examples/ in REAL n8n (each line under test),
 * against the offline simulator, imported the way `npm run dev` imports them (credential
 * attached, the example callback URL http://localhost:5678/… pointed at this n8n):
 *
 * - bvn-lookup-with-document-fallback: a BVN the authority knows activates the account; one
 *   it does not know (1013) falls back to Document Verification; an unavailable authority
 *   (1015) answers retry_later;
 * - aml-screening: a clear person continues, a listed one goes to compliance review;
 * - business-onboarding: a registered business whose directors and owners are on no list is
 *   approved; a match on any of them routes it to compliance review; a business the registry
 *   does not confirm stops before any AML screening.
 *
 * Run: node test/e2e/run.mjs --line 1 kyc-examples
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import { linesUnderTest, startN8nWithPackage } from './lib/harness.mjs';
import { REPO_ROOT } from './lib/install.mjs';
import { startSim } from './lib/sim.mjs';
import { rnd } from './lib/trigger-helpers.mjs';

const EXAMPLE_N8N_URL = 'http://localhost:5678';
const FILES = [
	'bvn-lookup-with-document-fallback.json',
	'aml-screening.json',
	'business-onboarding.json',
];

for (const line of linesUnderTest()) {
	describe(`n8n ${line}.x ID-number and AML example workflows`, { timeout: 900_000 }, () => {
		/** @type {import('./lib/n8n.mjs').N8nInstance} */
		let n8n;
		/** @type {any} */
		let sim;

		before(async () => {
			sim = await startSim({ partnerId: '085', provisionalDelayMs: 1000 });
			n8n = await startN8nWithPackage(line);
			const cred = await n8n.createSmileIdCredential(sim.credentials, 'Smile ID (local simulator)');
			for (const file of FILES) {
				const text = fs
					.readFileSync(path.join(REPO_ROOT, 'examples', file), 'utf8')
					.replaceAll(EXAMPLE_N8N_URL, n8n.baseUrl);
				await n8n.createActiveWorkflow(JSON.parse(text), { credential: cred });
			}
		});

		after(async () => {
			await n8n?.stop();
			await sim?.stop();
		});

		/** @param {string} webhookPath @param {Record<string, any>} json */
		const call = async (webhookPath, json) => {
			const r = await n8n.callWebhook(webhookPath, { json, timeoutMs: 180_000 });
			assert.equal(r.status, 200, r.text.slice(0, 800));
			return Array.isArray(r.json) ? r.json[0] : r.json;
		};
		const onboarding = (/** @type {string} */ prefix) => ({
			userId: `${prefix}-bvn-${line}-${rnd()}`,
			bvn: '00000000000',
			firstName: 'Joe',
			lastName: 'Doe',
			dob: '2000-09-20',
			consent: true,
			selfieUrl: `${sim.url}/__samples/selfie.jpg`,
			idCardFrontUrl: `${sim.url}/__samples/id_card_front.jpg`,
		});

		test('bvn onboarding: a BVN the authority knows activates the account, no document job', async () => {
			const body = onboarding('approved');
			const out = await call('bvn-onboarding', body);
			assert.equal(out.decision, 'activate', JSON.stringify(out).slice(0, 800));
			assert.equal(out.verifiedWith, 'bvn');
			assert.equal(out.resultCode, '1012');
			assert.equal(out.personalInfo.fullName, 'Joe Leo Doe');
			assert.equal(
				sim.requests.filter(
					(/** @type {any} */ r) =>
						r.path === '/v1/upload' && r.body?.partner_params?.user_id === body.userId,
				).length,
				0,
			);
		});

		test('bvn onboarding: a BVN not found (1013) falls back to Document Verification', async () => {
			const body = onboarding('rejected');
			const out = await call('bvn-onboarding', body);
			// the simulator's rejected- scenario rejects the document too: it ends in review
			assert.equal(out.decision, 'manual_review', JSON.stringify(out).slice(0, 800));
			assert.equal(out.product, 'document_verification');
			const lookup = sim.requests.find(
				(/** @type {any} */ r) =>
					r.path === '/v1/id_verification' && r.body?.partner_params?.user_id === body.userId,
			);
			assert.equal(lookup.response.ResultCode, '1013');
			const job = [...sim.jobs.values()].find((j) => j.user_id === body.userId && j.job_type === 6);
			assert.ok(job, 'the Document Verification job reached the simulator');
			assert.equal(job.callback_url, `${n8n.baseUrl}/webhook/smile-id`);
		});

		test('bvn onboarding: an unavailable authority (1015) answers retry_later', async () => {
			const out = await call('bvn-onboarding', onboarding('provisional'));
			assert.equal(out.decision, 'retry_later', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1015');
		});

		test('aml screening: a person on no list continues onboarding', async () => {
			const out = await call('aml-screening', {
				userId: `approved-aml-${rnd()}`,
				fullName: 'John Leo Doe',
				birthYear: '1984',
				nationalities: ['NG'],
			});
			assert.equal(out.decision, 'continue', JSON.stringify(out).slice(0, 800));
			assert.equal(out.listed, false);
		});

		test('aml screening: a listed person goes to compliance review with the matches', async () => {
			const out = await call('aml-screening', {
				userId: `rejected-aml-${rnd()}`,
				fullName: 'John Leo Doe',
				nationalities: ['NG', 'KE'],
			});
			assert.equal(out.decision, 'compliance_review', JSON.stringify(out).slice(0, 800));
			assert.equal(out.matchCount, '1');
			assert.equal(out.matches.length, 1);
			const req = sim.requests.find(
				(/** @type {any} */ r) => r.path === '/v1/aml' && r.body?.user_id === out.userId,
			);
			assert.deepEqual(req.body.countries, ['NG', 'KE']);
		});

		/** The AML requests the example made for a business's user ID. @param {string} userId */
		const screeningsOf = (userId) =>
			sim.requests.filter(
				(/** @type {any} */ r) => r.path === '/v1/aml' && r.body?.user_id === userId,
			);

		test('business onboarding: a registered business whose directors and owners are on no list is approved', async () => {
			const userId = `approved-biz-${line}-${rnd()}`;
			const out = await call('business-onboarding', {
				userId,
				country: 'NG',
				registrationNumber: '0000000',
				businessType: 'co',
			});
			assert.equal(out.decision, 'approve', JSON.stringify(out).slice(0, 800));
			assert.equal(out.companyName, 'SIMULATED TRADING LIMITED');
			assert.deepEqual(
				out.screenings.map((/** @type {any} */ s) => [s.name, s.role, s.listed]),
				[
					['Joe Leo Doe', 'director', false],
					['Jane Ada Roe', 'director', false],
					['Joe Leo Doe', 'beneficial owner', false],
					['Simulated Holdings Corporation', 'beneficial owner', false],
				],
			);
			const screenings = screeningsOf(userId);
			assert.equal(screenings.length, 4, 'every director and beneficial owner screened once');
			assert.deepEqual(
				screenings.map((/** @type {any} */ r) => r.body.countries),
				[['NG'], ['NG'], ['NG'], ['NG']],
			);
		});

		test('business onboarding: a match on a director or owner routes the business to compliance review', async () => {
			const out = await call('business-onboarding', {
				userId: `attention-biz-${line}-${rnd()}`,
				country: 'NG',
				registrationNumber: '0000000',
			});
			assert.equal(out.decision, 'compliance_review', JSON.stringify(out).slice(0, 800));
			assert.deepEqual(out.matchedPeople, [
				'Joe Leo Doe (director)',
				'Jane Ada Roe (director)',
				'Joe Leo Doe (beneficial owner)',
				'Simulated Holdings Corporation (beneficial owner)',
			]);
		});

		test('business onboarding: a business the registry does not confirm stops before any screening', async () => {
			const userId = `approved-biz-${line}-${rnd()}`;
			const out = await call('business-onboarding', {
				userId,
				country: 'NG',
				registrationNumber: '0000001',
				businessType: 'co',
			});
			assert.equal(out.decision, 'business_not_verified', JSON.stringify(out).slice(0, 800));
			assert.equal(out.resultCode, '1013');
			assert.equal(screeningsOf(userId).length, 0, 'no AML job for an unconfirmed business');
		});
	});
}
