import type { ImageBytes } from './imageBytes';
import { createZip, type ZipEntry, type ZipPieces } from './zip';

// assumption:job-types
export const JobType = {
	BiometricKyc: 1,
	SmartSelfieAuthentication: 2,
	SmartSelfieRegistration: 4,
	EnhancedKyc: 5,
	DocumentVerification: 6,
	BusinessVerification: 7,
	AmlCheck: 10,
	EnhancedDocumentVerification: 11,
} as const;

/** What each job type is called where a user picks one (the trigger's Job Types filter). */
export const JOB_TYPE_NAMES: Record<(typeof JobType)[keyof typeof JobType], string> = {
	[JobType.BiometricKyc]: 'Biometric KYC',
	[JobType.SmartSelfieAuthentication]: 'SmartSelfie Authentication',
	[JobType.SmartSelfieRegistration]: 'SmartSelfie Registration',
	[JobType.EnhancedKyc]: 'Enhanced KYC / Basic KYC',
	[JobType.DocumentVerification]: 'Document Verification',
	[JobType.BusinessVerification]: 'Business Verification',
	[JobType.AmlCheck]: 'AML Check',
	[JobType.EnhancedDocumentVerification]: 'Enhanced Document Verification',
};
/** The jobs that go through the prep upload and a zip; Enhanced KYC and AML are plain JSON calls. */
export type UploadJobType =
	| typeof JobType.BiometricKyc
	| typeof JobType.SmartSelfieAuthentication
	| typeof JobType.SmartSelfieRegistration
	| typeof JobType.DocumentVerification
	| typeof JobType.EnhancedDocumentVerification;

export const SOURCE_SDK = 'rest_api';
export const SOURCE_SDK_VERSION = '1.0.0';
export const UPLOAD_FILE_NAME = 'selfie.zip';

export type ImageRole = 'selfie' | 'idCardFront' | 'idCardBack' | 'liveness';

/** image_type_id per role: the file form travels in the zip, the base64 form in info.json. */
export const IMAGE_TYPE_IDS: Record<ImageRole, { file: number; base64: number }> = {
	selfie: { file: 0, base64: 2 },
	idCardFront: { file: 1, base64: 3 },
	liveness: { file: 4, base64: 6 },
	idCardBack: { file: 5, base64: 7 },
};

export interface JobImage {
	role: ImageRole;
	/** The field's label in the node panel, for messages about this image. */
	field: string;
	data: ImageBytes;
}

export interface PartnerParams {
	job_id: string;
	user_id: string;
	job_type: UploadJobType;
	[extra: string]: string | number;
}

export interface PrepUploadInput {
	partnerParams: PartnerParams;
	callbackUrl: string;
	useEnrolledImage?: boolean;
	retry?: boolean;
}

/** The prep-upload body before signing: the credential adds signature, timestamp and partner ID. */
export function buildPrepUploadBody(input: PrepUploadInput): Record<string, unknown> {
	const body: Record<string, unknown> = {
		source_sdk: SOURCE_SDK,
		source_sdk_version: SOURCE_SDK_VERSION,
		partner_params: input.partnerParams,
		model_parameters: {},
		callback_url: input.callbackUrl,
		file_name: UPLOAD_FILE_NAME,
	};
	// assumption:use-enrolled-image (sent as false on job 11, which needs a selfie)
	if (
		input.partnerParams.job_type === JobType.DocumentVerification ||
		input.partnerParams.job_type === JobType.EnhancedDocumentVerification
	) {
		body.use_enrolled_image = input.useEnrolledImage === true;
	}
	// assumption:retry-flag
	// A JSON boolean, as Smile ID's own mobile SDKs send it.
	if (input.retry) body.retry = true;
	return body;
}

export interface IdInfo {
	country: string;
	id_type?: string;
	/** Biometric KYC: the ID number and details the user entered, looked up at the authority. */
	id_number?: string;
	first_name?: string;
	middle_name?: string;
	last_name?: string;
	dob?: string;
	phone_number?: string;
	bank_code?: string;
	/** Biometric KYC: the ID info was typed in, not read from an ID card image. */
	entered?: boolean;
}

export interface InfoJsonImage {
	image_type_id: number;
	image: string;
	file_name: string;
}

export interface InfoJson {
	package_information: {
		apiVersion: { buildNumber: number; majorVersion: number; minorVersion: number };
	};
	id_info?: IdInfo;
	images: InfoJsonImage[];
}

const FILE_NAME_STEM: Record<ImageRole, string> = {
	selfie: 'selfie',
	idCardFront: 'id_card_front',
	idCardBack: 'id_card_back',
	liveness: 'liveness',
};

export interface UploadPackage {
	infoJson: InfoJson;
	zip: ZipPieces;
}

/**
 * Builds info.json and the zip for one upload job. Images travel as files beside
 * info.json unless base64 is asked for: files avoid the third larger base64 text.
 */
export function buildUploadPackage(
	images: JobImage[],
	options: { idInfo?: IdInfo; imagesAsBase64?: boolean; modified?: Date } = {},
): UploadPackage {
	const entries: ZipEntry[] = [];
	let livenessCount = 0;
	const infoImages = images.map((image): InfoJsonImage => {
		const ids = IMAGE_TYPE_IDS[image.role];
		if (options.imagesAsBase64) {
			return {
				image_type_id: ids.base64,
				image: image.data.toBase64(),
				file_name: '',
			};
		}
		const stem =
			image.role === 'liveness'
				? `${FILE_NAME_STEM.liveness}_${++livenessCount}`
				: FILE_NAME_STEM[image.role];
		const fileName = `${stem}.jpg`;
		const data = image.data.toChunks();
		if (data.reduce((sum, chunk) => sum + chunk.length, 0) !== image.data.byteLength) {
			throw new Error(`${image.field} is not valid base64: map the base64 of the JPEG file`);
		}
		entries.push({ name: fileName, data });
		return { image_type_id: ids.file, image: '', file_name: fileName };
	});
	const infoJson: InfoJson = {
		package_information: { apiVersion: { buildNumber: 0, majorVersion: 2, minorVersion: 0 } },
		...(options.idInfo ? { id_info: options.idInfo } : {}),
		images: infoImages,
	};
	entries.unshift({ name: 'info.json', data: Buffer.from(JSON.stringify(infoJson), 'utf8') });
	return { infoJson, zip: createZip(entries, options.modified) };
}
