// @ts-check
'use strict';
const crypto = require('crypto');
const JSZip = require('jszip');
const {
	JobType,
	JOB_TYPE_NAMES,
	SOURCE_SDK,
	SOURCE_SDK_VERSION,
	UPLOAD_FILE_NAME,
	IMAGE_TYPE_IDS,
	buildPrepUploadBody,
	buildUploadPackage,
} = require('../../../dist/nodes/SmileId/core/jobPayload');
const { createZip } = require('../../../dist/nodes/SmileId/core/zip');
const { ImageBytes } = require('../../../dist/nodes/SmileId/core/imageBytes');

/** A job image as the node hands it over: decoded bytes, or (asBase64) base64 text. */
const image = (role, data, asBase64 = false) => ({
	role,
	field: role,
	data: asBase64 ? ImageBytes.fromBase64(Buffer.from(data).toString('base64')) : ImageBytes.fromBytes(data),
});
const { makeJpeg } = require('../../fixtures/jpeg');

const MODIFIED = new Date('2025-05-23T11:40:06.000Z');
const PACKAGE_INFORMATION = { apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 } };

const sha256 = (data) => crypto.createHash('sha256').update(data).digest('hex');

/** The zip as the upload sends it: its pieces one after another, byteLength long. */
function joined(zip) {
	const bytes = Buffer.concat(zip.pieces);
	expect(zip.byteLength).toBe(bytes.length);
	return bytes;
}

async function readZip(zip) {
	const loaded = await JSZip.loadAsync(joined(zip), { checkCRC32: true });
	const files = {};
	for (const name of Object.keys(loaded.files)) {
		files[name] = await loaded.file(name).async('nodebuffer');
	}
	return { names: Object.keys(loaded.files), files, dirs: Object.values(loaded.files).filter((f) => f.dir) };
}

describe('constants', () => {
	test('job types, SDK identity and upload file name', () => {
		expect(JobType).toEqual({
			BiometricKyc: 1,
			SmartSelfieAuthentication: 2,
			SmartSelfieRegistration: 4,
			EnhancedKyc: 5,
			DocumentVerification: 6,
			BusinessVerification: 7,
			AmlCheck: 10,
			EnhancedDocumentVerification: 11,
		});
		expect(SOURCE_SDK).toBe('rest_api');
		expect(SOURCE_SDK_VERSION).toBe('1.0.0');
		expect(UPLOAD_FILE_NAME).toBe('selfie.zip');
	});

	test('every job type has exactly one name for the editor', () => {
		expect(Object.keys(JOB_TYPE_NAMES).map(Number).sort((a, b) => a - b)).toEqual(
			Object.values(JobType).sort((a, b) => a - b),
		);
		expect(JOB_TYPE_NAMES[JobType.EnhancedKyc]).toBe('Enhanced KYC / Basic KYC');
		expect(JOB_TYPE_NAMES[JobType.AmlCheck]).toBe('AML Check');
	});

	test('image_type_id table matches the reference notes', () => {
		expect(IMAGE_TYPE_IDS).toEqual({
			selfie: { file: 0, base64: 2 },
			idCardFront: { file: 1, base64: 3 },
			liveness: { file: 4, base64: 6 },
			idCardBack: { file: 5, base64: 7 },
		});
	});
});

describe('buildPrepUploadBody', () => {
	const cb = 'https://example.com/webhook/smile';

	test('job 2 (SmartSelfie Authentication): exact body, no use_enrolled_image, no retry', () => {
		const body = buildPrepUploadBody({
			partnerParams: { job_id: 'job-2', user_id: 'user-1', job_type: 2 },
			callbackUrl: cb,
		});
		expect(body).toStrictEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'job-2', user_id: 'user-1', job_type: 2 },
			model_parameters: {},
			callback_url: cb,
			file_name: 'selfie.zip',
		});
		expect(Object.keys(body)).toEqual([
			'source_sdk',
			'source_sdk_version',
			'partner_params',
			'model_parameters',
			'callback_url',
			'file_name',
		]);
	});

	test('job 4 (SmartSelfie Registration): exact body; useEnrolledImage is ignored', () => {
		expect(
			buildPrepUploadBody({
				partnerParams: { job_id: 'job-4', user_id: 'user-4', job_type: 4 },
				callbackUrl: cb,
				useEnrolledImage: true,
			}),
		).toStrictEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'job-4', user_id: 'user-4', job_type: 4 },
			model_parameters: {},
			callback_url: cb,
			file_name: 'selfie.zip',
		});
	});

	test('job 6 (Document Verification): use_enrolled_image false by default', () => {
		expect(
			buildPrepUploadBody({ partnerParams: { job_id: 'job-6', user_id: 'user-6', job_type: 6 }, callbackUrl: cb }),
		).toStrictEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'job-6', user_id: 'user-6', job_type: 6 },
			model_parameters: {},
			callback_url: cb,
			file_name: 'selfie.zip',
			use_enrolled_image: false,
		});
	});

	test('job 6 with useEnrolledImage true', () => {
		const body = buildPrepUploadBody({
			partnerParams: { job_id: 'job-6', user_id: 'user-6', job_type: 6 },
			callbackUrl: cb,
			useEnrolledImage: true,
		});
		expect(body.use_enrolled_image).toBe(true);
	});

	test('retry flag true (a JSON boolean, as Smile ID\'s SDKs send it) only when asked', () => {
		const params = { job_id: 'j', user_id: 'u', job_type: 2 };
		expect(buildPrepUploadBody({ partnerParams: params, callbackUrl: cb, retry: true }).retry).toBe(true);
		expect('retry' in buildPrepUploadBody({ partnerParams: params, callbackUrl: cb, retry: false })).toBe(false);
		expect('retry' in buildPrepUploadBody({ partnerParams: params, callbackUrl: cb })).toBe(false);
		const doc = buildPrepUploadBody({
			partnerParams: { ...params, job_type: 6 },
			callbackUrl: cb,
			retry: true,
			useEnrolledImage: true,
		});
		expect(doc).toStrictEqual({
			source_sdk: 'rest_api',
			source_sdk_version: '1.0.0',
			partner_params: { job_id: 'j', user_id: 'u', job_type: 6 },
			model_parameters: {},
			callback_url: cb,
			file_name: 'selfie.zip',
			use_enrolled_image: true,
			retry: true,
		});
	});

	test('extra partner params are kept, with their types', () => {
		const body = buildPrepUploadBody({
			partnerParams: { job_id: 'j', user_id: 'u', job_type: 4, customer_ref: 'C-1', attempt: 3, empty: '' },
			callbackUrl: cb,
		});
		expect(body.partner_params).toStrictEqual({
			job_id: 'j',
			user_id: 'u',
			job_type: 4,
			customer_ref: 'C-1',
			attempt: 3,
			empty: '',
		});
	});

	test('does not add signing fields (the credential does that)', () => {
		const body = buildPrepUploadBody({ partnerParams: { job_id: 'j', user_id: 'u', job_type: 6 }, callbackUrl: cb });
		for (const key of ['signature', 'timestamp', 'smile_client_id', 'partner_id', 'sec_key']) {
			expect(key in body).toBe(false);
		}
	});

	test('model_parameters is a fresh empty object each time', () => {
		const input = { partnerParams: { job_id: 'j', user_id: 'u', job_type: 2 }, callbackUrl: cb };
		const a = buildPrepUploadBody(input);
		const b = buildPrepUploadBody(input);
		expect(a.model_parameters).toEqual({});
		expect(a.model_parameters).not.toBe(b.model_parameters);
	});
});

describe('buildUploadPackage (files in the zip)', () => {
	const selfie = makeJpeg({ bytes: 40000, seed: 'selfie' });
	const front = makeJpeg({ bytes: 65 * 1024, seed: 'front', width: 1600, height: 1000 });
	const back = makeJpeg({ bytes: 50000, seed: 'back' });
	const frames = Array.from({ length: 8 }, (_, i) => makeJpeg({ bytes: 3000 + i * 7, seed: `live${i}` }));

	test('Document Verification: info.json at root, exact images array, identical bytes', async () => {
		const images = [
			image('selfie', selfie),
			image('idCardFront', front),
			image('idCardBack', back),
			...frames.map((data) => image('liveness', data)),
		];
		const pkg = buildUploadPackage(images, { idInfo: { country: 'NG', id_type: 'PASSPORT' }, modified: MODIFIED });
		const expectedImages = [
			{ image_type_id: 0, image: '', file_name: 'selfie.jpg' },
			{ image_type_id: 1, image: '', file_name: 'id_card_front.jpg' },
			{ image_type_id: 5, image: '', file_name: 'id_card_back.jpg' },
			...frames.map((_, i) => ({ image_type_id: 4, image: '', file_name: `liveness_${i + 1}.jpg` })),
		];
		expect(pkg.infoJson).toStrictEqual({
			package_information: PACKAGE_INFORMATION,
			id_info: { country: 'NG', id_type: 'PASSPORT' },
			images: expectedImages,
		});
		const { names, files, dirs } = await readZip(pkg.zip);
		expect(dirs).toEqual([]);
		expect(names).toEqual([
			'info.json',
			'selfie.jpg',
			'id_card_front.jpg',
			'id_card_back.jpg',
			...frames.map((_, i) => `liveness_${i + 1}.jpg`),
		]);
		expect(names.every((n) => !n.includes('/'))).toBe(true);
		expect(JSON.parse(files['info.json'].toString('utf8'))).toStrictEqual(pkg.infoJson);
		expect(files['info.json'].toString('utf8')).toBe(JSON.stringify(pkg.infoJson));
		expect(sha256(files['selfie.jpg'])).toBe(sha256(selfie));
		expect(files['id_card_front.jpg'].equals(front)).toBe(true);
		expect(files['id_card_back.jpg'].equals(back)).toBe(true);
		frames.forEach((frame, i) => expect(files[`liveness_${i + 1}.jpg`].equals(frame)).toBe(true));
	});

	test('images keep the order given (type ids follow the input order)', async () => {
		const pkg = buildUploadPackage(
			[
				image('liveness', frames[0]),
				image('idCardBack', back),
				image('liveness', frames[1]),
				image('selfie', selfie),
				image('idCardFront', front),
			],
			{ modified: MODIFIED },
		);
		expect(pkg.infoJson.images.map((i) => i.image_type_id)).toEqual([4, 5, 4, 0, 1]);
		expect(pkg.infoJson.images.map((i) => i.file_name)).toEqual([
			'liveness_1.jpg',
			'id_card_back.jpg',
			'liveness_2.jpg',
			'selfie.jpg',
			'id_card_front.jpg',
		]);
		const { names } = await readZip(pkg.zip);
		expect(names).toEqual(['info.json', 'liveness_1.jpg', 'id_card_back.jpg', 'liveness_2.jpg', 'selfie.jpg', 'id_card_front.jpg']);
	});

	test('SmartSelfie (selfie + liveness): no id_info key at all', async () => {
		const pkg = buildUploadPackage(
			[image('selfie', selfie), ...frames.slice(0, 3).map((data) => image('liveness', data))],
			{ modified: MODIFIED },
		);
		expect('id_info' in pkg.infoJson).toBe(false);
		expect(pkg.infoJson).toStrictEqual({
			package_information: PACKAGE_INFORMATION,
			images: [
				{ image_type_id: 0, image: '', file_name: 'selfie.jpg' },
				{ image_type_id: 4, image: '', file_name: 'liveness_1.jpg' },
				{ image_type_id: 4, image: '', file_name: 'liveness_2.jpg' },
				{ image_type_id: 4, image: '', file_name: 'liveness_3.jpg' },
			],
		});
		const { files } = await readZip(pkg.zip);
		expect(JSON.parse(files['info.json'].toString())).not.toHaveProperty('id_info');
	});

	test('id_info without id_type is passed through as given', () => {
		const pkg = buildUploadPackage([image('selfie', selfie)], { idInfo: { country: 'KE' }, modified: MODIFIED });
		expect(pkg.infoJson.id_info).toStrictEqual({ country: 'KE' });
	});

	test('key order of info.json: package_information, id_info, images', () => {
		const pkg = buildUploadPackage([image('selfie', selfie)], { idInfo: { country: 'NG', id_type: 'PASSPORT' } });
		expect(Object.keys(pkg.infoJson)).toEqual(['package_information', 'id_info', 'images']);
	});

	test('the zip is exactly createZip(info.json + files) for the same date', () => {
		const images = [
			image('selfie', selfie),
			image('idCardFront', front),
		];
		const pkg = buildUploadPackage(images, { modified: MODIFIED });
		const expected = createZip(
			[
				{ name: 'info.json', data: Buffer.from(JSON.stringify(pkg.infoJson), 'utf8') },
				{ name: 'selfie.jpg', data: selfie },
				{ name: 'id_card_front.jpg', data: front },
			],
			MODIFIED,
		);
		expect(joined(pkg.zip).equals(joined(expected))).toBe(true);
		// deterministic for a fixed date
		expect(joined(buildUploadPackage(images, { modified: MODIFIED }).zip).equals(joined(pkg.zip))).toBe(true);
	});

	test('images kept as base64 (n8n in-memory binary data) give the same zip, byte for byte', () => {
		const decoded = [image('selfie', selfie), image('idCardFront', front), image('liveness', frames[0])];
		const fromBase64 = [
			image('selfie', selfie, true),
			image('idCardFront', front, true),
			image('liveness', frames[0], true),
		];
		const expected = joined(buildUploadPackage(decoded, { modified: MODIFIED }).zip);
		expect(joined(buildUploadPackage(fromBase64, { modified: MODIFIED }).zip).equals(expected)).toBe(true);
		// and as base64 in info.json, the text is passed through unchanged
		const inInfo = buildUploadPackage(fromBase64, { imagesAsBase64: true }).infoJson.images;
		expect(inInfo.map((i) => i.image)).toEqual([selfie, front, frames[0]].map((b) => b.toString('base64')));
	});

	test('decoded images (n8n filesystem, database or S3 binary data; URLs) are sent from their own buffers, not copied', () => {
		const pkg = buildUploadPackage([image('selfie', selfie), image('idCardFront', front)], { modified: MODIFIED });
		// info.json header, info.json, selfie header, selfie, front header, front, central directory
		expect(pkg.zip.pieces).toHaveLength(7);
		expect(pkg.zip.pieces[3]).toBe(selfie);
		expect(pkg.zip.pieces[5]).toBe(front);
	});

	test('base64 that does not decode to its length fails naming the field, before any zip is returned', () => {
		const text = selfie.toString('base64');
		const broken = { role: 'selfie', field: 'Selfie', data: ImageBytes.fromBase64(`${text.slice(0, 100)}*${text.slice(101)}`) };
		expect(() => buildUploadPackage([broken])).toThrow('Selfie is not valid base64: map the base64 of the JPEG file');
	});

	test('two images of the same non-liveness role collide in the zip and throw', () => {
		expect(() =>
			buildUploadPackage([
				image('selfie', selfie),
				image('selfie', selfie),
			]),
		).toThrow('Zip entry "selfie.jpg" appears twice');
	});
});

describe('buildUploadPackage (base64 in info.json)', () => {
	const selfie = makeJpeg({ bytes: 9000, seed: 's64' });
	const front = makeJpeg({ bytes: 7000, seed: 'f64' });
	const back = makeJpeg({ bytes: 6000, seed: 'b64' });
	const frame = makeJpeg({ bytes: 2000, seed: 'l64' });

	test('only info.json in the zip; type ids 2,3,7,6; base64 equals the input; file_name ""', async () => {
		const pkg = buildUploadPackage(
			[
				image('selfie', selfie),
				image('idCardFront', front),
				image('idCardBack', back),
				image('liveness', frame),
			],
			{ imagesAsBase64: true, idInfo: { country: 'GH', id_type: 'DRIVERS_LICENSE' }, modified: MODIFIED },
		);
		expect(pkg.infoJson).toStrictEqual({
			package_information: PACKAGE_INFORMATION,
			id_info: { country: 'GH', id_type: 'DRIVERS_LICENSE' },
			images: [
				{ image_type_id: 2, image: selfie.toString('base64'), file_name: '' },
				{ image_type_id: 3, image: front.toString('base64'), file_name: '' },
				{ image_type_id: 7, image: back.toString('base64'), file_name: '' },
				{ image_type_id: 6, image: frame.toString('base64'), file_name: '' },
			],
		});
		const { names, files } = await readZip(pkg.zip);
		expect(names).toEqual(['info.json']);
		const info = JSON.parse(files['info.json'].toString('utf8'));
		expect(Buffer.from(info.images[0].image, 'base64').equals(selfie)).toBe(true);
		expect(Buffer.from(info.images[3].image, 'base64').equals(frame)).toBe(true);
	});

	test('a Uint8Array view encodes only its own bytes', () => {
		const backing = Buffer.concat([Buffer.from('JUNK'), selfie, Buffer.from('MORE')]);
		const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, selfie.length);
		const pkg = buildUploadPackage([image('selfie', view)], { imagesAsBase64: true });
		expect(pkg.infoJson.images[0].image).toBe(selfie.toString('base64'));
	});

	test('several liveness frames in base64 mode do not collide', async () => {
		const pkg = buildUploadPackage(
			[
				image('liveness', frame),
				image('liveness', selfie),
			],
			{ imagesAsBase64: true, modified: MODIFIED },
		);
		expect(pkg.infoJson.images.map((i) => i.image_type_id)).toEqual([6, 6]);
		expect((await readZip(pkg.zip)).names).toEqual(['info.json']);
	});
});
