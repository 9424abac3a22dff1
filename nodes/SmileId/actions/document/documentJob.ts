import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { documentImageWarnings } from '../../core/imageChecks';
import { JobType, type ImageRole, type UploadJobType } from '../../core/jobPayload';
import { isPassportType } from '../../core/supportedDocuments';
import { checkCountryCode, checkDocumentIdType, checkRequiredText } from '../../core/validation';
import {
	checkImageReferences,
	collectImages,
	livenessReferences,
	readCode,
	readCommonJobFields,
	readImageSource,
	selfieReference,
	throwIfProblem,
	type RequestedImage,
} from '../../helpers/fields';
import { jpegHeader, type ImageSource } from '../../helpers/images';
import {
	executeUploadJob,
	readWaitForResultSettings,
	type UploadJobSpec,
} from '../../jobs/uploadJob';
import {
	callbackUrlField,
	countryField,
	imageField,
	imageSourceField,
	jobIdField,
	livenessField,
	submitOptions,
	userIdField,
	waitForResultFields,
} from '../common.descriptions';

/**
 * Document Verification's form; the ID type field is the one thing the two products word
 * differently, and only Document Verification offers the enrolled selfie
 * (assumption:use-enrolled-image: the docs describe it on that product's page alone, and
 * Enhanced Document Verification's page requires a selfie).
 */
export function documentJobProperties(
	idTypeField: INodeProperties,
	offersEnrolledSelfie: boolean,
): INodeProperties[] {
	const selfie = imageField('Selfie', 'selfie', 'selfie', 'A clear colour selfie of the person.');
	const selfieFields: INodeProperties[] = offersEnrolledSelfie
		? [
				{
					displayName: 'Use Enrolled Selfie',
					name: 'useEnrolledImage',
					type: 'boolean',
					default: false,
					description:
						'Whether to compare the document with the selfie this user already registered with Smile ID, instead of sending a new selfie',
				},
				imageSourceField,
				{ ...selfie, displayOptions: { show: { useEnrolledImage: [false] } } },
			]
		: [imageSourceField, selfie];
	return [
		userIdField('Your ID for the person whose document this is'),
		jobIdField,
		countryField,
		idTypeField,
		...selfieFields,
		imageField(
			'ID Card Front',
			'idCardFront',
			'idCardFront',
			'The front of the document, cropped to its edges. Smile ID asks for at least 1500 px on the longer side (2200 px for passports) and 600 KB.',
		),
		imageField(
			'ID Card Back',
			'idCardBack',
			'',
			'Optional: the back of the document, when it carries an MRZ or barcode.',
			false,
		),
		livenessField('Optional: up to 8 frames captured while the person prepared the selfie.'),
		callbackUrlField,
		...waitForResultFields,
		submitOptions,
	];
}

/** A document job's checked input: everything but the image bytes, which execute reads. */
export interface DocumentJobRequest extends Omit<UploadJobSpec, 'images'> {
	source: ImageSource;
	requested: RequestedImage[];
	passport: boolean;
}

/** Document Verification (job 6) and Enhanced Document Verification (job 11): the checks. */
export async function prepareDocumentJob(
	this: IExecuteFunctions,
	itemIndex: number,
	jobType: UploadJobType,
): Promise<DocumentJobRequest> {
	const fields = readCommonJobFields.call(this, itemIndex);
	const country = readCode.call(this, 'country', itemIndex);
	const idType = readCode.call(this, 'idType', itemIndex);
	const useEnrolledImage =
		jobType === JobType.DocumentVerification &&
		(this.getNodeParameter('useEnrolledImage', itemIndex, false) as boolean);
	throwIfProblem.call(this, checkCountryCode('Country', country), itemIndex);
	// The supported-documents table is Document Verification's; Enhanced Document Verification
	// names the authority's own document types, which that table does not list.
	const idTypeCheck =
		jobType === JobType.DocumentVerification ? checkDocumentIdType('ID Type', country, idType) : {};
	throwIfProblem.call(this, idTypeCheck.problem, itemIndex);
	if (jobType === JobType.EnhancedDocumentVerification) {
		throwIfProblem.call(
			this,
			checkRequiredText(
				'ID Type',
				idType,
				'Enhanced Document Verification checks the document with its issuing authority, so name the document type, e.g. NATIONAL_ID or PASSPORT.',
			),
			itemIndex,
		);
	}

	const source = readImageSource.call(this, itemIndex);
	const requested: RequestedImage[] = [];
	if (!useEnrolledImage) requested.push(selfieReference.call(this, itemIndex));
	requested.push({
		role: 'idCardFront',
		field: 'ID Card Front',
		value: String(this.getNodeParameter('idCardFront', itemIndex, '')).trim(),
	});
	const back = String(this.getNodeParameter('idCardBack', itemIndex, '')).trim();
	if (back !== '') requested.push({ role: 'idCardBack', field: 'ID Card Back', value: back });
	requested.push(...livenessReferences.call(this, itemIndex));
	checkImageReferences.call(this, source, requested, itemIndex);

	return {
		jobType,
		fields,
		idInfo: idType ? { country, id_type: idType } : { country },
		useEnrolledImage,
		warnings: idTypeCheck.warning === undefined ? [] : [idTypeCheck.warning],
		wait: readWaitForResultSettings.call(this, itemIndex),
		source,
		requested,
		passport: isPassportType(idType),
	};
}

/** Reads and checks the images, then sends the job. */
export async function executeDocumentJob(
	this: IExecuteFunctions,
	itemIndex: number,
	{ source, requested, passport, ...spec }: DocumentJobRequest,
): Promise<INodeExecutionData> {
	const images = await (collectImages<ImageRole>).call(this, source, requested, itemIndex);
	const warnings = [
		...spec.warnings,
		...images
			.filter((image) => image.role === 'idCardFront' || image.role === 'idCardBack')
			.flatMap((image) =>
				documentImageWarnings(image.field, jpegHeader(image.data), passport, image.data.byteLength),
			),
	];
	return await executeUploadJob.call(this, { ...spec, images, warnings }, itemIndex);
}
