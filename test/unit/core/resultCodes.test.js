const {
	RESULT_CODES,
	lookupResultCode,
	productForJobType,
	productForResult,
	normaliseResultCode,
	isVerificationResultCode,
	RESULT_CODE,
	OUTCOME_NAMES,
} = require('../../../dist/nodes/SmileId/core/resultCodes');
const { RESULT_CODE_TABLES } = require('../../../dist/nodes/SmileId/core/resultCodeTable');

const DOC = 'document_verification';
const AUTH = 'smartselfie_authentication';
const REG = 'smartselfie_registration';
const CMP = 'smartselfie_compare';
const JOB = 'job_status';

describe('RESULT_CODES catalogue', () => {
	// Counted by hand from the docs' tables: Document Verification 17 general failures +
	// 7 product codes + 6 human-review rejections; Authentication 16 + 14; Registration
	// 11 + 12; Compare 6 + 8; job status 8; rate-limit reset 1. The ID authority's five
	// (1012-1016) in each ID product; Basic KYC has four of them (1013-1016, never 1012)
	// and its comparisons (1020-1023), Biometric KYC adds the docs' job status example's
	// two (0814, 1210); Enhanced DV repeats
	// Document Verification's 30; AML answers with Actions.Listed only. Business Verification
	// has the five registry answers; phone verification 1015, 1016, 1020-1023 and 2413 (7);
	// address verification 1013, 1015, 1016, 1020-1022 and 2413 (7), from their test-data tables.
	test.each([
		[DOC, 30],
		[AUTH, 30],
		[REG, 23],
		[CMP, 14],
		[JOB, 8],
		['id_rate_limit_reset', 1],
		['enhanced_kyc', 5],
		['basic_kyc', 8],
		['biometric_kyc', 7],
		['enhanced_document_verification', 35],
		['aml_check', 0],
		['business_verification', 5],
		['phone_verification', 7],
		['address_verification', 7],
		['general', 24],
	])('%s has %i entries', (product, count) => {
		expect(RESULT_CODES.filter((e) => e.product === product)).toHaveLength(count);
		expect(RESULT_CODE_TABLES[product]).toHaveLength(count);
		expect(RESULT_CODE_TABLES[product].every((e) => e.product === product)).toBe(true);
	});

	test('total entries', () => {
		expect(RESULT_CODES).toHaveLength(204);
	});

	test('every entry has a 4-digit code and non-empty text', () => {
		for (const entry of RESULT_CODES) {
			expect(entry.code).toMatch(/^\d{4}$/);
			expect(typeof entry.text).toBe('string');
			expect(entry.text.trim()).not.toBe('');
			expect(typeof entry.description).toBe('string');
		}
	});

	test('every error entry has a remedy', () => {
		const errors = RESULT_CODES.filter((e) => e.outcome === 'error');
		expect(errors.length).toBeGreaterThan(50);
		for (const entry of errors) {
			expect(typeof entry.remedy).toBe('string');
			expect(entry.remedy.length).toBeGreaterThan(20);
		}
	});

	test('isFinal is false exactly for provisional, under review and pending outcomes', () => {
		for (const entry of RESULT_CODES) {
			const nonFinal = ['provisional', 'under_review', 'pending'].includes(entry.outcome);
			expect(entry.isFinal).toBe(!nonFinal);
		}
	});

	test('22xx (except 2202), 23xx (except 2302) and 24xx codes are errors', () => {
		for (const entry of RESULT_CODES) {
			if (/^2[234]\d\d$/.test(entry.code) && entry.code !== '2202' && entry.code !== '2302') {
				expect([entry.code, entry.outcome]).toEqual([entry.code, 'error']);
			}
		}
	});

	test('entries are frozen', () => {
		expect(Object.isFrozen(RESULT_CODES)).toBe(true);
		expect(Object.isFrozen(RESULT_CODES[0])).toBe(true);
	});

	test('the codes the package acts on by name are the catalogue entries of that meaning', () => {
		expect(lookupResultCode(RESULT_CODE.jobCreated, DOC).text).toBe('Job created');
		expect(lookupResultCode(RESULT_CODE.jobStatusAnswered, JOB).text).toBe('Success');
		expect(lookupResultCode(RESULT_CODE.jobAlreadyExists, CMP).text).toBe(
			'Error - Job already exists for job_id',
		);
	});

	test('verification results are 0xxx and 1xxx; 2xxx codes answer the request', () => {
		for (const code of ['0840', '0941', '1220', '0001'])
			expect(isVerificationResultCode(code)).toBe(true);
		for (const code of ['2202', '2413', '2215', '840', '', 'abc'])
			expect(isVerificationResultCode(code)).toBe(false);
	});

	test('no duplicate code + product + text', () => {
		const keys = RESULT_CODES.map((e) => `${e.product}|${e.code}|${e.text}`);
		expect(new Set(keys).size).toBe(keys.length);
	});
});

describe('Document Verification codes', () => {
	test('0810 approved', () => {
		const e = lookupResultCode('0810', DOC);
		expect(e).toMatchObject({
			code: '0810',
			product: DOC,
			outcome: 'approved',
			text: 'Document Verified',
			isFinal: true,
		});
	});

	test('0811 rejected, first variant without a result text', () => {
		const e = lookupResultCode('0811', DOC);
		expect(e.outcome).toBe('rejected');
		expect(e.text).toBe('Unable to Verify Document - reason');
		expect(e.description).toContain('under 18 years old');
	});

	test('0811 human-review variants are picked by result text', () => {
		const texts = [
			'Unable to Verify Document After Human Review (Cropped Document)',
			'Unable to Verify Document After Human Review (Not A Document)',
			'Unable to Verify Document After Human Review (Potential Fraud Attempt)',
			'Unable to Verify Document After Human Review (Unreadable Document)',
			'Unable to Verify Document After Human Review (Unsupported Document)',
			'Unable to Verify Document After Human Review (Wrong Document Type)',
		];
		for (const text of texts) {
			const e = lookupResultCode('0811', DOC, text);
			expect(e.text).toBe(text);
			expect(e.outcome).toBe('rejected');
		}
		expect(
			lookupResultCode('0811', DOC, 'unable to verify document after human review (not a document)')
				.description,
		).toBe('Any image other than a document (an object, the environment etc.) was submitted');
		expect(RESULT_CODES.filter((e) => e.product === DOC && e.code === '0811')).toHaveLength(7);
	});

	test('0811 with a live reason after the template dash picks the generic entry', () => {
		const e = lookupResultCode('0811', DOC, 'Unable to Verify Document - Selfie failed liveness');
		expect(e.text).toBe('Unable to Verify Document - reason');
	});

	test('0812, 0816 and 1014 rejected', () => {
		expect(lookupResultCode('0812', DOC)).toMatchObject({
			outcome: 'rejected',
			text: 'Unable to verify Document - reason',
		});
		expect(lookupResultCode('0816', DOC)).toMatchObject({
			outcome: 'rejected',
			text: 'Unable to verify Document - Unsupported Document',
		});
		expect(lookupResultCode('0816', DOC).description).toContain('Hunting Permit');
		expect(lookupResultCode('1014', DOC)).toMatchObject({
			outcome: 'rejected',
			text: 'Unsupported ID Type',
		});
	});

	test('0817 approved with attention, variant by text', () => {
		expect(lookupResultCode('0817', DOC)).toMatchObject({
			outcome: 'approved_with_attention',
			text: 'Approved with Attention - Document is Expired',
			isFinal: true,
		});
		expect(
			lookupResultCode('0817', DOC, 'Approved with Attention - Photocopied Document').description,
		).toBe(
			"The document appears photocopied, scanned or grayscale but didn't fail any security checks.",
		);
	});

	test('0001 variants are rejected and picked by text or prefix', () => {
		const variants = RESULT_CODES.filter((e) => e.product === DOC && e.code === '0001');
		expect(variants.map((e) => e.text)).toEqual([
			'Data Invalid',
			'Data Invalid - Images corrupt or not present',
			'ID Card image not provided',
			'Unable to Verify Document - Selfie unusable',
			'Unable to Verify Document - ID Card image unusable',
			'System Error',
		]);
		expect(variants.every((e) => e.outcome === 'rejected')).toBe(true);
		expect(lookupResultCode('0001', DOC, 'Data Invalid').description).toBe(
			'Uploaded zip is corrupted',
		);
		expect(lookupResultCode('0001', DOC, 'Data Invalid - Images corrupt').text).toBe(
			'Data Invalid - Images corrupt or not present',
		);
		expect(lookupResultCode('0001', DOC, 'SYSTEM ERROR').description).toBe(
			'A system error occurred',
		);
		expect(lookupResultCode('0001', DOC, 'something unrelated').text).toBe('Data Invalid');
	});

	test('DocV error codes carry product wording', () => {
		expect(lookupResultCode('2212', DOC).description).toBe(
			'An invalid value was inputted in the job_type key. Change the value to 6.',
		);
		expect(lookupResultCode('2209', DOC).text).toBe(
			'Error - Wrong user id. This user is already enrolled with user_id',
		);
		expect(lookupResultCode('2405', DOC)).toMatchObject({
			outcome: 'error',
			text: 'Error - "You are not authorised to do that"',
		});
		expect(lookupResultCode('2314', DOC).text).toBe('Error - No Zip File Received');
		expect(lookupResultCode('0903', DOC)).toMatchObject({
			outcome: 'rejected',
			text: 'Zip Corrupt',
		});
	});
});

describe('SmartSelfie Authentication codes', () => {
	test.each([
		['0820', 'approved', 'Authenticate User'],
		['0821', 'rejected', 'Failed Authentication'],
		['0822', 'provisional', 'Machine Judgement - PURE PROVISIONAL'],
		['0823', 'rejected', 'Failed Authentication'],
		['0824', 'under_review', 'Machine Judgement - PROVISIONAL - Possible Spoof'],
		['0825', 'under_review', 'Machine Judgement - PROVISIONAL - Machine Compare Unsure'],
		['0921', 'rejected', 'FAIL - No Face Found'],
		['0922', 'rejected', 'FAIL - Image Quality Judged Too Poor'],
		['1220', 'approved', 'Authenticate User'],
		['1221', 'rejected', 'Failed Authentication'],
		['1222', 'rejected', 'Failed Authentication'],
	])('%s is %s (%s)', (code, outcome, text) => {
		const e = lookupResultCode(code, AUTH);
		expect(e.product).toBe(AUTH);
		expect(e.outcome).toBe(outcome);
		expect(e.text).toBe(text);
	});

	test('provisional and under review are not final', () => {
		expect(lookupResultCode('0822', AUTH).isFinal).toBe(false);
		expect(lookupResultCode('0824', AUTH).isFinal).toBe(false);
		expect(lookupResultCode('0825', AUTH).isFinal).toBe(false);
		expect(lookupResultCode('1220', AUTH).isFinal).toBe(true);
	});

	test('1220 description says both images are the same person', () => {
		expect(lookupResultCode('1220', AUTH).description).toContain(
			'The document reviewer marked that both images are of the same person.',
		);
	});

	test('0823 is marked deprecated', () => {
		expect(lookupResultCode('0823', AUTH).deprecated).toBe(true);
		expect(lookupResultCode('0820', AUTH).deprecated).toBeUndefined();
	});

	test('enrolled-user errors', () => {
		expect(lookupResultCode('2210', AUTH)).toMatchObject({
			outcome: 'error',
			text: 'Error - No enrolled user found',
		});
		expect(lookupResultCode('2210', AUTH).remedy).toMatch(/regist/i);
		expect(lookupResultCode('2216', AUTH).text).toBe(
			'Error - Enrolled user does not have a photo on file',
		);
		expect(lookupResultCode('2207', AUTH).text).toBe('Error - Enrolled user is disabled');
		expect(lookupResultCode('2212', AUTH).description).toContain('Change the value to 2.');
	});
});

describe('SmartSelfie Registration codes', () => {
	test.each([
		['0840', 'approved', 'Enroll User', true],
		['0841', 'rejected', 'Failed Enroll', true],
		['0844', 'under_review', 'PROVISIONAL - Possible Spoof - Machine Judgement', false],
		['0846', 'pending', 'PENDING - Possible Spoof - Machine Judgement', false],
		['0941', 'rejected', 'FAIL - No Face Found', true],
		['0942', 'rejected', 'FAIL - Image Quality Judged Too Poor', true],
		['1240', 'approved', 'Enroll User', true],
		['1241', 'rejected', 'Failed Enroll', true],
		['1242', 'rejected', 'Failed Enroll', true],
	])('%s is %s (%s)', (code, outcome, text, isFinal) => {
		expect(lookupResultCode(code, REG)).toMatchObject({ product: REG, outcome, text, isFinal });
	});

	test('registration 2209 and 2212 wording', () => {
		expect(lookupResultCode('2209', REG).text).toBe('Error - User is already enrolled');
		expect(lookupResultCode('2212', REG).description).toContain('Change the value to 4.');
	});
});

describe('SmartSelfie Compare codes', () => {
	test('0840 differs between registration and compare', () => {
		const reg = lookupResultCode('0840', REG);
		const cmp = lookupResultCode('0840', CMP);
		expect(reg.text).toBe('Enroll User');
		expect(cmp.text).toBe('Face Match');
		expect(cmp.description).toBe('Comparison between the images matched.');
		expect(cmp.outcome).toBe('approved');
		expect(reg).not.toBe(cmp);
	});

	test('0840 is ambiguous without a product', () => {
		expect(lookupResultCode('0840', 'general')).toBeUndefined();
	});

	test('0841 no match', () => {
		expect(lookupResultCode('0841', CMP)).toMatchObject({
			outcome: 'rejected',
			text: 'No Match - - No Face Match',
		});
	});

	test('0941 variants by text', () => {
		expect(lookupResultCode('0941', CMP).text).toBe(
			'No Match - The compared images are identical.',
		);
		expect(
			lookupResultCode('0941', CMP, 'No Match - No clear face was found in the selfie image.').text,
		).toBe('No Match - No clear face was found in the selfie image. (1st image - selfie).');
		expect(lookupResultCode('0941', REG).text).toBe('FAIL - No Face Found');
	});

	test('2413 error with remedy, only for compare', () => {
		const e = lookupResultCode('2413', CMP);
		expect(e).toMatchObject({ outcome: 'error', text: 'Inputs submitted are incorrect' });
		expect(e.remedy).toMatch(/liveness/);
		expect(lookupResultCode('2413', DOC)).toBeUndefined();
	});

	test('2209 mentions allow_new_enroll', () => {
		expect(lookupResultCode('2209', CMP).text).toBe(
			'Wrong job type. This user is already enrolled.',
		);
		expect(lookupResultCode('2209', CMP).remedy).toMatch(/allow_new_enroll/);
	});
});

describe('errors with remedies', () => {
	test('2205 explains the environment and partner ID', () => {
		for (const product of [DOC, AUTH, REG, CMP, 'general']) {
			const e = lookupResultCode('2205', product);
			expect(e.outcome).toBe('error');
			expect(e.remedy).toMatch(/sandbox/);
			expect(e.remedy).toMatch(/partner ID/);
		}
		expect(lookupResultCode('2205', DOC).text).toBe('Error - You are not authorised to do that.');
	});

	test.each([
		['2215', DOC, 'Error - Job already exists for job_id', /job_id/],
		['2209', DOC, 'Error - Wrong user id. This user is already enrolled with user_id', /user_id/],
		['2210', AUTH, 'Error - No enrolled user found', /user_id/],
		[
			'2220',
			DOC,
			'Error - Production is not enabled for this account. Please complete your KYC with Smile ID.',
			/KYC/,
		],
		['2220', AUTH, 'Error - Production is not enabled for this account', /KYC/],
		[
			'2222',
			DOC,
			'This ID number has been blocked due to multiple submissions. Please use the designated endpoint to reactivate it.',
			/ reset the limit with the Reset Rate Limit operation \(resource ID Number\), then retry\.$/,
		],
		['2413', CMP, 'Inputs submitted are incorrect', /comparison_image/],
	])('%s (%s) is an error with remedy', (code, product, text, remedy) => {
		const e = lookupResultCode(code, product);
		expect(e.outcome).toBe('error');
		expect(e.text).toBe(text);
		expect(e.remedy).toMatch(remedy);
		expect(e.isFinal).toBe(true);
	});

	test('2222 is a general code mentioning HTTP 429', () => {
		const e = lookupResultCode(2222, AUTH);
		expect(e.product).toBe('general');
		expect(e.description).toMatch(/429/);
	});

	test('codes missing from a product table fall back to general', () => {
		expect(lookupResultCode('2210', DOC)).toMatchObject({ product: 'general', outcome: 'error' });
		expect(lookupResultCode('2213', CMP)).toMatchObject({
			product: 'general',
			text: 'Error - A required parameter is missing',
		});
	});

	test('2202 is the prep-upload success, not an error', () => {
		const e = lookupResultCode('2202', DOC);
		expect(e.product).toBe('general');
		expect(e.outcome).toBe('pending');
		expect(e.isFinal).toBe(false);
		expect(e.remedy).toBeUndefined();
	});

	test('2401 rate-limit reset error', () => {
		expect(lookupResultCode('2401', 'id_rate_limit_reset')).toMatchObject({
			outcome: 'error',
			text: 'System error',
		});
		expect(lookupResultCode('2401', DOC)).toBeUndefined();
	});
});

describe('job status codes', () => {
	test.each([
		['2301', 'error', 'System error'],
		['2302', 'approved', 'Success'],
		['2303', 'error', 'Invalid JSON'],
		['2304', 'error', 'Job not found'],
		['2305', 'error', 'Invalid sec_key'],
		['2307', 'error', 'Enrolled user is disabled'],
		['2310', 'error', 'No enrolled user found'],
		['2313', 'error', 'Missing required parameters'],
	])('%s is %s (%s)', (code, outcome, text) => {
		expect(lookupResultCode(code, JOB)).toMatchObject({ product: JOB, outcome, text });
	});

	test('2304 and 2305 remedies', () => {
		expect(lookupResultCode('2304', JOB).remedy).toMatch(/job_id/);
		expect(lookupResultCode('2305', JOB).remedy).toMatch(/API key/);
		expect(lookupResultCode('2302', JOB).remedy).toBeUndefined();
	});

	test('job status codes are not found under a job product', () => {
		expect(lookupResultCode('2304', DOC)).toBeUndefined();
	});
});

describe('lookupResultCode normalisation', () => {
	test('pads short codes and numbers', () => {
		expect(lookupResultCode('810', DOC).code).toBe('0810');
		expect(lookupResultCode(810, DOC).code).toBe('0810');
		expect(lookupResultCode(1, DOC).code).toBe('0001');
		expect(lookupResultCode(' 0810 ', DOC).code).toBe('0810');
		expect(normaliseResultCode(840)).toBe('0840');
		expect(normaliseResultCode('2302')).toBe('2302');
	});

	test('unknown and empty codes return undefined', () => {
		expect(lookupResultCode(undefined, DOC)).toBeUndefined();
		expect(lookupResultCode('', DOC)).toBeUndefined();
		expect(lookupResultCode('9999', DOC)).toBeUndefined();
		expect(lookupResultCode('abc', DOC)).toBeUndefined();
		expect(lookupResultCode('0820', DOC)).toBeUndefined();
	});

	test('product entry preferred over general', () => {
		expect(lookupResultCode('2215', DOC).product).toBe(DOC);
		expect(lookupResultCode('2215', 'general').product).toBe('general');
		expect(lookupResultCode('0001', 'general', 'System Error').description).toBe(
			'An unknown system error occurred while processing the job.',
		);
	});

	test('Biometric KYC codes from the job status example are Biometric KYC entries', () => {
		expect(lookupResultCode('1210', 'biometric_kyc')).toMatchObject({
			product: 'biometric_kyc',
			outcome: 'approved',
			text: 'Enroll User',
		});
		expect(lookupResultCode('0814', 'biometric_kyc')).toMatchObject({
			outcome: 'under_review',
			isFinal: false,
		});
		expect(lookupResultCode('1210', 'general')).toBeUndefined();
		// the example's text "ID Validated" differs from the result-code page's "Valid ID"
		expect(lookupResultCode('1012', 'biometric_kyc', 'ID Validated')).toMatchObject({
			text: 'Valid ID',
			outcome: 'approved',
		});
	});
});

describe('ID number products (docs result-code page)', () => {
	test.each([
		['1012', 'approved', 'Valid ID', true],
		['1013', 'rejected', 'Unable to Validate ID', true],
		['1014', 'error', 'Error - Unsupported ID number format', true],
		['1015', 'error', 'Error - Queried Database Unavailable', true],
		['1016', 'error', 'Error - Need to Activate Product', true],
	])('Enhanced KYC %s is %s (%s)', (code, outcome, text, isFinal) => {
		expect(lookupResultCode(code, 'enhanced_kyc')).toMatchObject({ outcome, text, isFinal });
	});

	test.each([
		['1013', 'rejected', 'Unable to Validate ID', /Check the ID number/],
		['1015', 'error', 'Error - Queried Database Unavailable', /asynchronous lookup/],
		['1020', 'approved', 'Exact Match', undefined],
		[
			'1021',
			'approved_with_attention',
			'Partial Match',
			/Read Actions \(Names, DOB, Gender, Phone_Number\)/,
		],
		['1022', 'rejected', 'No Match', /Check the spelling of the names, the date of birth/],
		['1023', 'rejected', 'Not Found', /no charge was made/],
	])('Basic KYC %s is %s (%s) with its advice', (code, outcome, text, remedy) => {
		const e = lookupResultCode(code, 'basic_kyc');
		expect(e).toMatchObject({ product: 'basic_kyc', outcome, text, isFinal: true });
		if (remedy) expect(e.remedy).toMatch(remedy);
		else expect(e.remedy).toBeUndefined();
	});

	test('1020-1023 have one home among the ID-number products, Basic KYC (phone and address verification answer them too); Basic KYC never answers 1012', () => {
		for (const code of ['1020', '1021', '1022', '1023']) {
			expect(
				RESULT_CODES.filter(
					(e) => e.code === code && !['phone_verification', 'address_verification'].includes(e.product),
				).map((e) => e.product),
			).toEqual(['basic_kyc']);
			expect(lookupResultCode(code, 'enhanced_kyc')).toBeUndefined();
		}
		expect(lookupResultCode('1012', 'basic_kyc')).toBeUndefined();
	});

	test('job type 5 is Enhanced KYC, or Basic KYC when the code is a comparison', () => {
		expect(productForResult(5, '1012')).toBe('enhanced_kyc');
		expect(productForResult('5', '1013')).toBe('enhanced_kyc');
		expect(productForResult(5, undefined)).toBe('enhanced_kyc');
		expect(productForResult(5, '1021')).toBe('basic_kyc');
		expect(productForResult('5', '1023')).toBe('basic_kyc');
		// a code of no job-5 product keeps the job type's product (then general / across products)
		expect(productForResult(5, '2205')).toBe('enhanced_kyc');
		expect(productForResult(6, '1020')).toBe('document_verification');
		expect(productForResult(undefined, '1020')).toBe('general');
	});

	test('the ID authority codes carry advice where the user can act', () => {
		expect(lookupResultCode('1014', 'enhanced_kyc').remedy).toMatch(/id_number_regex/);
		expect(lookupResultCode('1015', 'biometric_kyc').remedy).toMatch(/asynchronous lookup/);
		expect(lookupResultCode('1016', 'enhanced_document_verification').remedy).toMatch(
			/not switched on for your Smile ID account/,
		);
	});

	test('Enhanced Document Verification reads Document Verification codes as its own', () => {
		expect(lookupResultCode('0810', 'enhanced_document_verification')).toMatchObject({
			product: 'enhanced_document_verification',
			outcome: 'approved',
			text: 'Document Verified',
		});
		expect(lookupResultCode('0817', 'enhanced_document_verification').outcome).toBe(
			'approved_with_attention',
		);
		expect(
			lookupResultCode('1014', 'enhanced_document_verification', 'Unsupported ID Type').text,
		).toBe('Unsupported ID Type');
		expect(
			lookupResultCode(
				'1014',
				'enhanced_document_verification',
				'Error - Unsupported ID number format',
			).outcome,
		).toBe('error');
		// request errors stay in the general table
		expect(lookupResultCode('2210', 'enhanced_document_verification').product).toBe('general');
	});

	test('across products a shared ID authority code has one meaning', () => {
		expect(lookupResultCode('1013', 'general', undefined, { acrossProducts: true })).toMatchObject({
			outcome: 'rejected',
		});
	});
});

describe('productForJobType', () => {
	test.each([
		[2, AUTH],
		['2', AUTH],
		[4, REG],
		['4', REG],
		[6, DOC],
		[' 6 ', DOC],
		[1, 'biometric_kyc'],
		['5', 'enhanced_kyc'],
		[10, 'aml_check'],
		[11, 'enhanced_document_verification'],
		[7, 'business_verification'],
		[8, 'general'],
		['3', 'general'],
		['smart_selfie_compare', CMP],
		['', 'general'],
		[undefined, 'general'],
	])('%p -> %s', (jobType, product) => {
		expect(productForJobType(jobType)).toBe(product);
	});
});

describe('outcomes', () => {
	test('every outcome in the catalogue is one the trigger can filter on, by its one name', () => {
		const used = new Set(RESULT_CODES.map((e) => e.outcome));
		for (const outcome of used) expect(Object.keys(OUTCOME_NAMES)).toContain(outcome);
		expect(OUTCOME_NAMES).toEqual({
			approved: 'Approved',
			approved_with_attention: 'Approved With Attention',
			provisional: 'Provisional',
			under_review: 'Under Review',
			pending: 'Pending',
			rejected: 'Rejected',
			error: 'Error',
		});
	});
});

describe('advice names only fields the operation has', () => {
	// The products whose operations have the option Retry a Failed Upload (the upload jobs).
	const WITH_RETRY_OPTION = new Set([
		'document_verification',
		'smartselfie_authentication',
		'smartselfie_registration',
		'biometric_kyc',
		'enhanced_document_verification',
	]);
	test.each([
		'document_verification',
		'smartselfie_authentication',
		'smartselfie_registration',
		'smartselfie_compare',
		'enhanced_kyc',
		'basic_kyc',
		'biometric_kyc',
		'enhanced_document_verification',
		'aml_check',
	])(
		'%s: "job already exists" (2215) names Retry a Failed Upload only where the operation has it',
		(product) => {
			const { remedy } = lookupResultCode('2215', product);
			expect(remedy).toMatch(
				/^This job_id was used before\. Leave Job ID empty to get a fresh one, or look the job up with the Job Status operation/,
			);
			if (!WITH_RETRY_OPTION.has(product))
				expect(remedy).not.toMatch(/retry flag|Retry a Failed Upload/);
		},
	);
});
