// @ts-check
'use strict';
const fs = require('node:fs');

const { ASSUMPTIONS } = require('../../../tooling/assumptions');
const { DOC_PATH, codeReferences, renderDoc } = require('../../../tooling/assumptions-doc');
const { CHECKS, evaluate } = require('../../../tooling/sandbox/checks');
const { buildReport, REDACTED } = require('../../../tooling/sandbox/report');
const { checkSandboxUrl } = require('../../../tooling/sandbox/target');

describe('the assumptions registry', () => {
	test('docs/assumptions.md is generated from it (run node tooling/assumptions-doc.js)', () => {
		expect(fs.readFileSync(DOC_PATH, 'utf8')).toBe(renderDoc());
	});

	test('every entry has an id of its own and says every part of the guess', () => {
		const ids = ASSUMPTIONS.map((a) => a.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const a of ASSUMPTIONS) {
			expect(a.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
			for (const field of ['title', 'assumed', 'source', 'refutedBy', 'whenWrong']) {
				expect([a.id, field, a[/** @type {keyof typeof a} */ (field)].trim().length > 20]).toEqual([
					a.id,
					field,
					true,
				]);
			}
		}
	});

	test('every id is named by the code that depends on it, and the code names no unknown id', () => {
		const refs = codeReferences();
		const ids = ASSUMPTIONS.map((a) => a.id);
		expect(ids.filter((id) => !refs.has(id))).toEqual([]);
		expect([...refs.keys()].filter((id) => !ids.includes(id))).toEqual([]);
	});

	test("the issue's five guesses are in it", () => {
		const ids = ASSUMPTIONS.map((a) => a.id);
		for (const id of [
			'link-ref-field',
			'basic-kyc-answer',
			'link-privacy-policy-optional',
			'links-list-unpaged',
			'use-enrolled-image',
		])
			expect(ids).toContain(id);
	});

	test('npm run sandbox has a check for every assumption and for nothing else', () => {
		expect(Object.keys(CHECKS).sort()).toEqual(ASSUMPTIONS.map((a) => a.id).sort());
	});
});

describe('the sandbox checks', () => {
	const linkResult = (/** @type {Record<string, unknown>} */ partnerParams) => ({
		runs: {
			'link.create': { output: { refId: 'abc123', link: 'https://x/abc123', raw: {} } },
			'link.resultStatus': { output: { partnerParams, linkRefId: 'abc123' } },
		},
		linkRefId: 'abc123',
		linkPartnerParams: { crm: 'c-1' },
	});
	const verdict = (/** @type {any} */ evidence, /** @type {string} */ id) =>
		evaluate(evidence).find((v) => v.id === id);

	test('link-ref-field: confirmed when smile_link_id holds the ref, refuted with the field that did', () => {
		expect(
			verdict(linkResult({ smile_link_id: 'abc123', crm: 'c-1' }), 'link-ref-field')?.status,
		).toBe('confirmed');
		expect(verdict(linkResult({ link_id: 'abc123', crm: 'c-1' }), 'link-ref-field')).toEqual({
			id: 'link-ref-field',
			title: 'A link result names its link in PartnerParams.smile_link_id',
			status: 'refuted',
			evidence:
				'The link ref_id came under PartnerParams.link_id, not smile_link_id (the node read it: linkRefId="abc123").',
		});
		expect(verdict(linkResult({ crm: 'c-1' }), 'link-ref-field')?.evidence).toBe(
			'No PartnerParams field holds the link ref_id abc123: {"crm":"c-1"}.',
		);
		expect(verdict({ runs: {} }, 'link-ref-field')?.status).toBe('not reached');
	});

	test('link-partner-params: refuted when the result lacks the pairs sent', () => {
		expect(verdict(linkResult({ smile_link_id: 'abc123' }), 'link-partner-params')?.evidence).toBe(
			'The link job\'s PartnerParams lack crm: {"smile_link_id":"abc123"}.',
		);
	});

	test('link-privacy-policy-optional: a 2213 refusal of Create refutes it', () => {
		const evidence = {
			runs: {
				'link.create': {
					error: 'Creating the verification link failed: Missing parameter (Smile ID code 2213)',
				},
			},
		};
		expect(verdict(evidence, 'link-privacy-policy-optional')?.status).toBe('refuted');
	});

	test('links-list-unpaged: a just-created link missing from Get Many refutes it', () => {
		const evidence = {
			runs: {
				'link.create': { output: { refId: 'new1' } },
				'link.getAll': { outputs: [{ refId: 'old1' }, { refId: 'old2' }] },
			},
		};
		expect(verdict(evidence, 'links-list-unpaged')?.evidence).toBe(
			'The link just created (new1) is not among the 2 links Get Many read: the list may be paged.',
		);
		expect(verdict(evidence, 'links-list-shape')?.status).toBe('confirmed');
	});

	test('a check that throws is reported as not reached, not as a crash', () => {
		expect(
			verdict(
				{
					runs: {
						'job.getStatus': {
							output: {
								get raw() {
									throw new Error('boom');
								},
							},
						},
					},
				},
				'timestamp-forms',
			),
		).toMatchObject({
			status: 'not reached',
			evidence: 'The check failed: boom',
		});
	});

	test('the products: the answers confirm or refute their field names and result codes', () => {
		const phone = (/** @type {Record<string, any>} */ output) => ({
			runs: { 'phone.verify': { output } },
		});
		expect(
			verdict(phone({ resultCode: '1020', matches: { names: 'Exact Match' } }), 'phone-answer')
				?.status,
		).toBe('confirmed');
		expect(
			verdict(
				phone({ resultCode: '1020', matches: {}, raw: { Actions: { Name_Match: 'Exact Match' } } }),
				'phone-answer',
			)?.evidence,
		).toBe('ResultCode 1020 without an Action Names: {"Name_Match":"Exact Match"}.');
		expect(verdict(phone({ resultCode: '1012', matches: {} }), 'phone-answer')?.evidence).toBe(
			'The NG test number answered ResultCode "1012".',
		);
		const finalStatus = (/** @type {Record<string, any>} */ extra) => ({
			isFinal: true,
			product: 'address_verification',
			partnerParams: { job_id: 'a', user_id: 'u' },
			raw: { result: { ResultType: 'Address Verification' } },
			...extra,
		});
		expect(
			verdict({ runs: { 'address.status': { output: finalStatus({}) } } }, 'result-type-products'),
		).toMatchObject({
			status: 'confirmed',
			evidence: 'No job type; ResultType "Address Verification" (address_verification).',
		});
		expect(
			verdict(
				{
					runs: {
						'address.status': {
							output: finalStatus({
								product: 'general',
								partnerParams: { job_type: 12 },
								raw: { result: { ResultType: 'Address Check' } },
							}),
						},
					},
				},
				'result-type-products',
			)?.evidence,
		).toBe('address.status: ResultType "Address Check", job_type 12, read as general');
		expect(
			verdict(
				{
					runs: {
						'business.verify': {
							output: {
								resultCode: '1012',
								company: null,
								directors: [],
								beneficialOwners: [],
								actions: { Verify_Business: 'Verified' },
								raw: { business: {}, officers: [] },
							},
						},
					},
				},
				'kyb-answer-fields',
			)?.evidence,
		).toBe(
			'no company_information object; no directors list; no Action Return_Business_Info; answer fields: ["business","officers"].',
		);
		expect(
			verdict(
				{
					runs: {
						'address.verify': {
							error: 'Verifying the address failed: Missing full_name (Smile ID code 2213)',
						},
					},
				},
				'address-request-body',
			)?.status,
		).toBe('refuted');
	});
});

describe('the sandbox report and target', () => {
	test('the API key is redacted everywhere, and a refuted assumption fails the run', () => {
		const report = buildReport(
			{
				target: 'https://testapi.smileidentity.com',
				simulated: false,
				commit: 'c0ffee',
				n8n: '2.41.1',
				startedAt: '2026-12-07T00:00:00Z',
				operations: [
					{
						key: 'k',
						operation: 'Job Status',
						sent: { note: 'key s3cr3t-key' },
						answered: {},
						shape: 'expected',
						problems: [],
					},
				],
				assumptions: [
					{ id: 'link-ref-field', title: 't', status: 'refuted', evidence: 'said s3cr3t-key' },
				],
			},
			's3cr3t-key',
		);
		expect(JSON.stringify(report.json)).not.toContain('s3cr3t-key');
		expect(report.markdown).not.toContain('s3cr3t-key');
		expect(report.json.operations[0].sent.note).toBe(`key ${REDACTED}`);
		expect(report.passed).toBe(false);
		expect(report.json.summary).toEqual({
			operationsExpected: 1,
			operationsUnexpected: 0,
			confirmed: 0,
			refuted: 1,
			notReached: 0,
		});
		expect(report.markdown).toContain('| link-ref-field | refuted | said [redacted] |');
	});

	test('only the sandbox base URL is accepted', () => {
		expect(checkSandboxUrl(undefined)).toEqual({ url: 'https://testapi.smileidentity.com' });
		expect(checkSandboxUrl('https://testapi.smileidentity.com/')).toEqual({
			url: 'https://testapi.smileidentity.com',
		});
		for (const url of [
			'https://api.smileidentity.com',
			'http://testapi.smileidentity.com',
			'https://testapi.smileidentity.com.evil.example',
			'https://testapi.smileidentity.com/v1',
			'nonsense',
		])
			expect(checkSandboxUrl(url)).toHaveProperty('refused');
	});
});

describe('use-enrolled-image: only Document Verification offers the enrolled selfie', () => {
	const { SmileId } = require('../../../dist/nodes/SmileId/SmileId.node');
	const properties = new SmileId().description.properties;
	/** @param {string} operation */
	const fieldsOf = (operation) =>
		properties.filter(
			(/** @type {any} */ p) =>
				p.displayOptions?.show?.resource?.includes('document') &&
				p.displayOptions?.show?.operation?.includes(operation),
		);

	test('Verify a Document has Use Enrolled Selfie, which hides the selfie', () => {
		const fields = fieldsOf('verify');
		expect(fields.some((/** @type {any} */ p) => p.name === 'useEnrolledImage')).toBe(true);
		const selfie = fields.find((/** @type {any} */ p) => p.name === 'selfie');
		expect(selfie.displayOptions.show.useEnrolledImage).toEqual([false]);
	});

	test('Verify with Authority (Enhanced Document Verification) has no Use Enrolled Selfie, and always a selfie', () => {
		const fields = fieldsOf('verifyWithAuthority');
		expect(fields.map((/** @type {any} */ p) => p.name)).not.toContain('useEnrolledImage');
		const selfie = fields.find((/** @type {any} */ p) => p.name === 'selfie');
		expect(selfie.displayOptions.show.useEnrolledImage).toBeUndefined();
	});
});

describe('a run that never reached Smile ID', () => {
	test('refutes nothing: its checks are not reached', () => {
		const error =
			'The connection cannot be established, this usually occurs due to an incorrect host (domain) value';
		const runs = Object.fromEntries(
			['aml.screen', 'smartSelfie.compare', 'idNumber.verifyDetails', 'link.create'].map((k) => [
				k,
				{ error, unreachable: true },
			]),
		);
		const verdicts = evaluate({ runs });
		expect(verdicts.filter((v) => v.status === 'refuted')).toEqual([]);
		expect(verdicts.find((v) => v.id === 'aml-answer')?.status).toBe('not reached');
	});
});
