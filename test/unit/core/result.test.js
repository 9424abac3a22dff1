// @ts-check
'use strict';
const {
	normalizeResult,
	extractPersonalInfo,
	LINK_REF_PARTNER_PARAMS,
	resultWarnings,
} = require('../../../dist/nodes/SmileId/core/result');

const DV_APPROVED_CALLBACK = {
	Actions: {
		Document_Check: 'Passed',
		Human_Review_Compare: 'Passed',
		Liveness_Check: 'Passed',
		Selfie_To_ID_Card_Compare: 'Completed',
		Verify_Document: 'Passed',
	},
	Country: 'NG',
	DOB: '1990-01-01',
	Document: 'https://example.com/document.jpg',
	ExpirationDate: '2030-01-01',
	FullName: 'ADA LOVELACE',
	Gender: 'F',
	IDNumber: 'A00000001',
	IDType: 'PASSPORT',
	IssuanceDate: '2020-01-01',
	PhoneNumber: '+2348000000000',
	PhoneNumber2: '+2348000000001',
	Address: '1 Analytical Engine Way, Lagos',
	SecondaryIDNumber: 'S-1',
	IsFinalResult: 'true',
	PartnerParams: { job_id: 'job-6-1', job_type: 6, user_id: 'user-1', customer_ref: 'C-9' },
	ResultCode: '0810',
	ResultText: 'Document Verified',
	SmileJobID: '0000000857',
	signature: 'ignored',
	timestamp: '2025-05-23T11:40:07.809Z',
};

describe('normalizeResult: Document Verification callback', () => {
	test('0810 approved: exact normalized object, personal info mapped', () => {
		expect(normalizeResult(DV_APPROVED_CALLBACK)).toStrictEqual({
			outcome: 'approved',
			resultCode: '0810',
			resultText: 'Document Verified',
			resultDescription: 'Images matched, no spoof was detected on Selfie and the document is valid.',
			isFinal: true,
			jobId: 'job-6-1',
			userId: 'user-1',
			jobType: 6,
			product: 'document_verification',
			smileJobId: '0000000857',
			actions: DV_APPROVED_CALLBACK.Actions,
			checks: [
				{
					action: 'Document_Check',
					value: 'Passed',
					status: 'passed',
					check: 'The document image: a readable photo of a supported document.',
					meaning: 'Passed.',
				},
				{
					action: 'Human_Review_Compare',
					value: 'Passed',
					status: 'passed',
					check: "A Smile ID reviewer's decision on the face comparison, where the system could not decide.",
					meaning: 'Passed.',
				},
				{
					action: 'Liveness_Check',
					value: 'Passed',
					status: 'passed',
					check: 'Liveness: the selfie (and its liveness frames) shows a live person, not a photo, screen or mask.',
					meaning: 'Passed.',
				},
				{
					action: 'Selfie_To_ID_Card_Compare',
					value: 'Completed',
					status: 'completed',
					check: "The selfie compared with the photo on the user's ID document.",
					meaning: "The comparison ran; whether the faces match is the job's result (resultCode, resultDescription).",
				},
				{
					action: 'Verify_Document',
					value: 'Passed',
					status: 'passed',
					check: 'The document is genuine and valid.',
					meaning: 'Passed.',
				},
			],
			failedChecks: [],
			pendingChecks: [],
			attentionChecks: [],
			partnerParams: { job_id: 'job-6-1', job_type: 6, user_id: 'user-1', customer_ref: 'C-9' },
			personalInfo: {
				country: 'NG',
				idType: 'PASSPORT',
				idNumber: 'A00000001',
				secondaryIdNumber: 'S-1',
				fullName: 'ADA LOVELACE',
				dateOfBirth: '1990-01-01',
				gender: 'F',
				issuanceDate: '2020-01-01',
				expirationDate: '2030-01-01',
				phoneNumber: '+2348000000000',
				phoneNumber2: '+2348000000001',
				address: '1 Analytical Engine Way, Lagos',
			},
		});
	});

	test('job_type as a string "6" works the same', () => {
		const r = normalizeResult({ ...DV_APPROVED_CALLBACK, PartnerParams: { job_id: 'j', user_id: 'u', job_type: '6' } });
		expect(r.jobType).toBe(6);
		expect(r.product).toBe('document_verification');
		expect(r.outcome).toBe('approved');
	});

	test('0817 expired document → approved_with_attention with the matching description', () => {
		const r = normalizeResult({
			...DV_APPROVED_CALLBACK,
			ResultCode: '0817',
			ResultText: 'Approved with Attention - Document is Expired',
		});
		expect(r.outcome).toBe('approved_with_attention');
		expect(r.isFinal).toBe(true);
		expect(r.resultDescription).toBe("The document is expired but didn't fail any security checks.");
	});

	test('0817 photocopied document → the photocopy description', () => {
		const r = normalizeResult({
			...DV_APPROVED_CALLBACK,
			ResultCode: '0817',
			ResultText: 'Approved with Attention - Photocopied Document',
		});
		expect(r.outcome).toBe('approved_with_attention');
		expect(r.resultDescription).toBe(
			"The document appears photocopied, scanned or grayscale but didn't fail any security checks.",
		);
	});

	test('0812 rejected carries the remedy', () => {
		const r = normalizeResult({
			...DV_APPROVED_CALLBACK,
			ResultCode: '0812',
			ResultText: 'Unable to verify Document - Document not classified',
		});
		expect(r.outcome).toBe('rejected');
		expect(r.isFinal).toBe(true);
		expect(r.remedy).toBe(
			'Submit a clear image of a supported identity document (see the supported documents list) and a new job.',
		);
	});

	test('no remedy key when the code has none', () => {
		expect('remedy' in normalizeResult(DV_APPROVED_CALLBACK)).toBe(false);
	});

	test('no personalInfo key when no personal fields are present; empty strings are dropped', () => {
		const r = normalizeResult({ ResultCode: '0810', PartnerParams: { job_type: 6 }, FullName: '', DOB: null });
		expect('personalInfo' in r).toBe(false);
	});
});

describe('normalizeResult: provisional and review results', () => {
	test('SmartSelfie Authentication 0824 with IsFinalResult "false" → under_review, not final', () => {
		const r = normalizeResult({
			ResultCode: '0824',
			ResultText: 'Machine Judgement - PROVISIONAL - Possible Spoof',
			IsFinalResult: 'false',
			PartnerParams: { job_id: 'job-2', user_id: 'user-2', job_type: 2 },
			SmileJobID: '0000000900',
		});
		expect(r).toMatchObject({
			outcome: 'under_review',
			isFinal: false,
			product: 'smartselfie_authentication',
			jobType: 2,
			resultCode: '0824',
			resultDescription:
				"The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.",
		});
	});

	test('0824 without IsFinalResult: the code itself says not final', () => {
		const r = normalizeResult({ ResultCode: '0824', PartnerParams: { job_type: 2 } });
		expect(r.outcome).toBe('under_review');
		expect(r.isFinal).toBe(false);
	});

	test('0822 pure provisional → provisional, not final', () => {
		const r = normalizeResult({ ResultCode: '0822', IsFinalResult: 'false', PartnerParams: { job_type: 2 } });
		expect(r.outcome).toBe('provisional');
		expect(r.isFinal).toBe(false);
	});

	test('approved code with IsFinalResult "false" → provisional', () => {
		const r = normalizeResult({ ...DV_APPROVED_CALLBACK, IsFinalResult: 'false' });
		expect(r.outcome).toBe('provisional');
		expect(r.isFinal).toBe(false);
	});

	test.each([
		[true, true],
		['true', true],
		['True', true],
		[false, false],
		['false', false],
		['False', false],
		['no', false],
	])('IsFinalResult %j → isFinal %s', (value, isFinal) => {
		expect(normalizeResult({ ...DV_APPROVED_CALLBACK, IsFinalResult: value }).isFinal).toBe(isFinal);
	});
});

describe('normalizeResult: job status style (context)', () => {
	const result = {
		ResultCode: '0810',
		ResultText: 'Document Verified',
		PartnerParams: { job_id: 'job-6', user_id: 'user-6', job_type: '6' },
		SmileJobID: '0000001000',
	};

	test('jobComplete false with an approved code → provisional, not final', () => {
		const r = normalizeResult(result, { jobComplete: false, jobSuccess: false });
		expect(r.outcome).toBe('provisional');
		expect(r.isFinal).toBe(false);
	});

	test('jobComplete true → approved, final', () => {
		const r = normalizeResult(result, { jobComplete: true, jobSuccess: true });
		expect(r.outcome).toBe('approved');
		expect(r.isFinal).toBe(true);
	});

	test('context jobComplete wins over IsFinalResult', () => {
		const r = normalizeResult({ ...result, IsFinalResult: 'true' }, { jobComplete: false });
		expect(r.isFinal).toBe(false);
		expect(r.outcome).toBe('provisional');
	});

	test('no result yet → pending, not final, ids from partner params', () => {
		expect(normalizeResult({ PartnerParams: { job_id: 'j', user_id: 'u' } }, { jobComplete: false })).toStrictEqual({
			outcome: 'pending',
			resultCode: null,
			resultText: null,
			resultDescription: null,
			isFinal: false,
			jobId: 'j',
			userId: 'u',
			jobType: null,
			product: 'general',
			smileJobId: null,
			actions: {},
			checks: [],
			failedChecks: [],
			pendingChecks: [],
			attentionChecks: [],
			partnerParams: { job_id: 'j', user_id: 'u' },
		});
	});

	test('context.product overrides the job type', () => {
		const r = normalizeResult({ ResultCode: '0840', PartnerParams: { job_type: 4 } }, { product: 'smartselfie_compare' });
		expect(r.product).toBe('smartselfie_compare');
		expect(r.resultText).toBeNull();
		expect(r.resultDescription).toBe('Comparison between the images matched.');
	});

	test('same code, different product → different entry (0840 registration vs compare)', () => {
		const reg = normalizeResult({ ResultCode: '0840', PartnerParams: { job_type: 4 } });
		expect(reg.product).toBe('smartselfie_registration');
		expect(reg.outcome).toBe('approved');
		expect(reg.resultDescription).toBe(
			'PASS - Machine Judgement. Machine passed Selfie - no spoof detected and image contains a face.',
		);
	});
});

describe('normalizeResult: unknown codes', () => {
	test('unknown code, final → error, no description', () => {
		const r = normalizeResult({ ResultCode: '9999', ResultText: 'Something new', PartnerParams: { job_type: 6 } });
		expect(r).toMatchObject({
			outcome: 'error',
			isFinal: true,
			resultCode: '9999',
			resultText: 'Something new',
			resultDescription: null,
		});
		expect('remedy' in r).toBe(false);
	});

	test('unknown code with jobSuccess false → rejected', () => {
		expect(normalizeResult({ ResultCode: '9999', PartnerParams: { job_type: 6 } }, { jobSuccess: false }).outcome).toBe(
			'rejected',
		);
	});

	test('unknown code, not final → under_review', () => {
		const r = normalizeResult({ ResultCode: '9999', IsFinalResult: 'false', PartnerParams: { job_type: 6 } });
		expect(r.outcome).toBe('under_review');
		expect(r.isFinal).toBe(false);
	});

	test('unknown job type → product general; a general code still resolves', () => {
		const r = normalizeResult({ ResultCode: '2210', PartnerParams: { job_type: 8 } });
		expect(r.product).toBe('general');
		expect(r.jobType).toBe(8);
		expect(r.outcome).toBe('error');
	});

	test('Biometric KYC (job type 1) reads its own codes', () => {
		const r = normalizeResult({ ResultCode: '1210', PartnerParams: { job_type: '1' } });
		expect(r).toMatchObject({ product: 'biometric_kyc', jobType: 1, outcome: 'approved', isFinal: true });
	});

	test('Enhanced KYC 1015 is an error result with advice, not lost', () => {
		const r = normalizeResult({
			ResultCode: '1015',
			ResultText: 'Error - Queried Database Unavailable',
			PartnerParams: { job_type: 5, job_id: 'j', user_id: 'u' },
		});
		expect(r).toMatchObject({ product: 'enhanced_kyc', outcome: 'error', jobId: 'j' });
		expect(r.remedy).toMatch(/Try again later/);
	});

	test('AML: Listed is for review, Not Listed approved, both final', () => {
		const listed = normalizeResult({
			Actions: { Listed: 'Listed' },
			PartnerParams: { job_type: 10 },
			no_of_persons_found: 1,
			people: [{ name: 'x' }],
		});
		expect(listed).toMatchObject({ product: 'aml_check', outcome: 'under_review', isFinal: true });
		expect(listed.attentionChecks).toEqual(['Listed']);
		const clear = normalizeResult({ Actions: { Listed: 'Not Listed' }, PartnerParams: { job_type: 10 } });
		expect(clear).toMatchObject({ outcome: 'approved', isFinal: true, attentionChecks: [], failedChecks: [] });
		expect(clear.checks).toEqual([
			{
				action: 'Listed',
				value: 'Not Listed',
				status: 'passed',
				check: 'The person screened against sanctions, PEP and adverse-media lists.',
				meaning: 'Not found on any sanctions, PEP or adverse-media list.',
			},
		]);
		expect(normalizeResult({ PartnerParams: { job_type: 10 } }).outcome).toBe('pending');
	});
});

describe('normalizeResult: SmartSelfie Compare response shape (code/message/partner_params)', () => {
	const response = {
		code: '0840',
		created_at: '2021-08-01T12:00:00Z',
		job_type: 'smart_selfie_compare',
		message: 'Match',
		job_id: '123456',
		user_id: 'user-12345602--234r',
		partner_id: '123',
		partner_params: { job_id: 'job-1234-9876', user_id: 'user-12345602--234r' },
		updated_at: '2021-08-01T12:00:00Z',
		status: 'approved',
	};

	test('as the compare operation calls it (product smartselfie_compare, jobComplete true)', () => {
		expect(
			normalizeResult(
				{ ...response, PartnerParams: response.partner_params, SmileJobID: response.job_id },
				{ product: 'smartselfie_compare', jobComplete: true },
			),
		).toStrictEqual({
			outcome: 'approved',
			resultCode: '0840',
			resultText: 'Match',
			resultDescription: 'Comparison between the images matched.',
			isFinal: true,
			jobId: 'job-1234-9876',
			userId: 'user-12345602--234r',
			jobType: null,
			product: 'smartselfie_compare',
			smileJobId: '123456',
			actions: {},
			checks: [],
			failedChecks: [],
			pendingChecks: [],
			attentionChecks: [],
			partnerParams: { job_id: 'job-1234-9876', user_id: 'user-12345602--234r' },
		});
	});

	test('snake_case fields are read: code, message, partner_params, smile_job_id, job_id/user_id fallbacks', () => {
		const r = normalizeResult(
			{ code: '0841', message: 'No Match', smile_job_id: 'S1', job_id: 'top-job', user_id: 'top-user' },
			{ product: 'smartselfie_compare' },
		);
		expect(r).toMatchObject({
			outcome: 'rejected',
			resultCode: '0841',
			resultText: 'No Match',
			smileJobId: 'S1',
			jobId: 'top-job',
			userId: 'top-user',
			partnerParams: {},
		});
	});

	test('PascalCase wins over snake_case when both are present', () => {
		const r = normalizeResult({
			ResultCode: '0810',
			code: '0811',
			ResultText: 'Document Verified',
			message: 'other',
			PartnerParams: { job_type: 6, job_id: 'pascal' },
			partner_params: { job_type: 2, job_id: 'snake' },
		});
		expect(r.resultCode).toBe('0810');
		expect(r.resultText).toBe('Document Verified');
		expect(r.jobId).toBe('pascal');
		expect(r.product).toBe('document_verification');
	});
});

describe('normalizeResult: odd input', () => {
	test('non-object PartnerParams and Actions become {}', () => {
		const r = normalizeResult({ ResultCode: '0810', PartnerParams: ['x'], Actions: 'Passed' });
		expect(r.partnerParams).toEqual({});
		expect(r.actions).toEqual({});
		expect(r.checks).toEqual([]);
	});

	test('object values are stringified as JSON in text fields', () => {
		const r = normalizeResult({ ResultCode: '0810', ResultText: { a: 1 }, FullName: ['A', 'B'] });
		expect(r.resultText).toBe('{"a":1}');
		expect(r.personalInfo).toEqual({ fullName: '["A","B"]' });
	});

	test('empty object → pending', () => {
		expect(normalizeResult({}).outcome).toBe('pending');
	});
});

describe('normalizeResult: a Basic KYC answer (job type 5, /v2/verify)', () => {
	const answer = (/** @type {Record<string, any>} */ o = {}) => ({
		SmileJobID: '0000000321',
		PartnerParams: { job_id: 'bk-1', user_id: 'u-1', job_type: 5 },
		ResultType: 'ID Verification',
		ResultText: 'Partial Match',
		ResultCode: '1021',
		IsFinalResult: 'true',
		Actions: {
			Verify_ID_Number: 'Verified',
			Return_Personal_Info: 'Not Applicable',
			Names: 'Partial Match',
			DOB: 'Exact Match',
			Gender: 'Not Provided',
			Phone_Number: 'Not Provided',
			ID_Verification: 'Verified',
		},
		Country: 'NG',
		IDType: 'BVN',
		IDNumber: '00000000000',
		signature: 's',
		timestamp: '2026-01-01T00:00:00.000Z',
		...o,
	});

	test('a callback without a product context is read as Basic KYC by its comparison code', () => {
		const r = normalizeResult(answer());
		expect(r).toMatchObject({
			outcome: 'approved_with_attention',
			product: 'basic_kyc',
			jobType: 5,
			resultCode: '1021',
			resultText: 'Partial Match',
			isFinal: true,
			jobId: 'bk-1',
			smileJobId: '0000000321',
			personalInfo: { country: 'NG', idType: 'BVN', idNumber: '00000000000' },
		});
		expect(r.actions.Names).toBe('Partial Match');
		expect(r.remedy).toMatch(/Read Actions/);
	});

	test.each([
		['1020', 'Exact Match', 'approved'],
		['1022', 'No Match', 'rejected'],
		['1023', 'Not Found', 'rejected'],
	])('%s %s is %s', (code, text, outcome) => {
		const r = normalizeResult(answer({ ResultCode: code, ResultText: text }));
		expect(r).toMatchObject({ outcome, product: 'basic_kyc', isFinal: true });
	});

	test('an Enhanced KYC answer on job type 5 stays Enhanced KYC', () => {
		const r = normalizeResult(answer({ ResultCode: '1012', ResultText: 'Valid ID' }));
		expect(r).toMatchObject({ outcome: 'approved', product: 'enhanced_kyc' });
	});
});

describe('extractPersonalInfo', () => {
	test('maps Smile ID field names and stringifies numbers', () => {
		expect(extractPersonalInfo({ IDNumber: 12345, Country: 'KE', Unrelated: 'x' })).toStrictEqual({
			country: 'KE',
			idNumber: '12345',
		});
	});

	test('undefined when nothing maps', () => {
		expect(extractPersonalInfo({ Unrelated: 'x', FullName: '' })).toBeUndefined();
	});
});

describe('results that name no product', () => {
	test('a SmartSelfie Compare callback (no job type in PartnerParams) is approved, matched by its text', () => {
		const out = normalizeResult({
			ResultCode: '0840',
			ResultText: 'Face Match',
			PartnerParams: { job_id: 'job-1', user_id: 'user-1' },
			IsFinalResult: 'true',
		});
		expect(out.outcome).toBe('approved');
		expect(out.product).toBe('general');
		expect(out.resultDescription).toBe('Comparison between the images matched.');
		expect(out.isFinal).toBe(true);
	});

	test('the compare job type in words selects the compare product', () => {
		const out = normalizeResult({ code: '0841', message: 'No Match', job_type: 'smart_selfie_compare', partner_params: {} });
		expect(out.product).toBe('smartselfie_compare');
		expect(out.outcome).toBe('rejected');
	});

});

describe('normalizeResult: a job that came through a Smile Link', () => {
	/** @param {Record<string, unknown>} params the link's fields in PartnerParams */
	const linkJob = (params) =>
		normalizeResult({
			...DV_APPROVED_CALLBACK,
			PartnerParams: { job_id: 'link-job-1', user_id: 'customer-1', job_type: 6, ...params },
		});

	test('the link reference in PartnerParams becomes linkRefId', () => {
		const normalized = linkJob({ smile_link_id: 'ref-123' });
		expect(normalized.linkRefId).toBe('ref-123');
		expect(normalized.userId).toBe('customer-1');
		expect(normalized.outcome).toBe('approved');
	});

	test('without one, the output has no linkRefId key at all, and no warning', () => {
		const normalized = normalizeResult(DV_APPROVED_CALLBACK);
		expect('linkRefId' in normalized).toBe(false);
		expect(resultWarnings(normalized)).toEqual([]);
	});

	test.each(['smile_link_id', 'link_ref_id', 'smile_link_ref_id', 'link_id', 'ref_id', 'smile_link'])(
		'the link reference under PartnerParams.%s becomes linkRefId, and warnings name the field',
		(field) => {
			const normalized = linkJob({ [field]: 'ref-9' });
			expect(normalized.linkRefId).toBe('ref-9');
			expect(resultWarnings(normalized)).toEqual([
				`linkRefId was read from PartnerParams.${field}. Smile ID's docs do not name the field a link result carries its link in; to match results without depending on it, give Create a Verification Link your own Partner Params, which come back in partnerParams.`,
			]);
		},
	);

	test('the candidates are read in order: smile_link_id first', () => {
		expect(LINK_REF_PARTNER_PARAMS[0]).toBe('smile_link_id');
		expect(linkJob({ ref_id: 'second', smile_link_id: 'first' }).linkRefId).toBe('first');
	});
});
