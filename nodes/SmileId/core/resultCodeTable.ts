/**
 * Smile ID's result codes as its docs list them, product by product: meaning, outcome and
 * the advice shown to the user, and the types they are written in. Lookups live in
 * resultCodes.ts. To add a product, add it to `Product` and give it a table here:
 * RESULT_CODE_TABLES must name every product.
 */

/** Every outcome a result can have, with the name a user picks it by (the trigger's filter). */
export const OUTCOME_NAMES = {
	approved: 'Approved',
	approved_with_attention: 'Approved With Attention',
	provisional: 'Provisional',
	under_review: 'Under Review',
	pending: 'Pending',
	rejected: 'Rejected',
	error: 'Error',
} as const;

export type Outcome = keyof typeof OUTCOME_NAMES;

export type Product =
	| 'document_verification'
	| 'smartselfie_authentication'
	| 'smartselfie_registration'
	| 'smartselfie_compare'
	| 'job_status'
	| 'id_rate_limit_reset'
	| 'enhanced_kyc'
	| 'basic_kyc'
	| 'biometric_kyc'
	| 'enhanced_document_verification'
	| 'aml_check'
	| 'business_verification'
	| 'phone_verification'
	| 'address_verification'
	| 'general';

export interface ResultCodeEntry {
	code: string;
	product: Product;
	outcome: Outcome;
	text: string;
	/** Empty where the docs give no description for the code. */
	description: string;
	remedy?: string;
	isFinal: boolean;
	/** The docs mark the code deprecated: old jobs may still carry it. */
	deprecated?: boolean;
}

interface EntryOptions {
	remedy?: string;
	deprecated?: boolean;
}

const NON_FINAL: readonly Outcome[] = ['provisional', 'under_review', 'pending'];

function entry(
	product: Product,
	code: string,
	outcome: Outcome,
	text: string,
	description: string,
	options: EntryOptions = {},
): ResultCodeEntry {
	const result: ResultCodeEntry = {
		code,
		product,
		outcome,
		text,
		description,
		isFinal: !NON_FINAL.includes(outcome),
	};
	if (options.remedy !== undefined) result.remedy = options.remedy;
	if (options.deprecated) result.deprecated = true;
	return result;
}

const R = {
	signature:
		'Smile ID rejected the signature. Check that the API key is the one for the environment in the credential (sandbox and production keys differ, and a rotated key stops working at once), that the partner ID is exactly as shown in the Smile ID portal (e.g. "085"), and that the timestamp sent is the same one that was signed.',
	invalidJson:
		'The info.json inside the zip is not valid. Put it at the root of the zip as well-formed JSON with every required key present and correctly named, then submit again.',
	wrongType:
		'One of the request values has the wrong type (for example a number where text is expected). Check the request values against what this product requires.',
	missingParameter:
		'A required field is missing from the request or from info.json. Fill in every required value for this product and submit again.',
	productNotActivated:
		'This product is not switched on for your Smile ID account. Ask Smile ID support to activate it.',
	duplicateJob:
		'This job_id was used before. Leave Job ID empty to get a fresh one, or look the job up with the Job Status operation; set the retry flag (Retry a Failed Upload) only to re-submit the same job after a failed upload.',
	// For the operations without Retry a Failed Upload (Compare, and the general entry that the
	// JSON requests fall back to): advice names only fields the operation has.
	duplicateJobNoRetry:
		'This job_id was used before. Leave Job ID empty to get a fresh one, or look the job up with the Job Status operation (same user ID and job ID).',
	production:
		'Production stays locked until your business KYC with Smile ID is complete. Finish it in the Smile ID portal, or switch the credential to Sandbox until then.',
	webToken: 'The Web SDK token is invalid or expired. Generate a new token and run the job again.',
	systemError:
		"A temporary fault on Smile ID's side. Try again later; if it keeps happening, contact Smile ID support.",
	userDisabled:
		'The user_id belongs to a disabled user. Re-enable the user in the Smile ID portal, or use the user_id of an active user.',
	userDeleted:
		'The user_id belongs to a deleted user. Use the user_id of an active user, or register the user again.',
	noEnrolledUser:
		'No registered user has this user_id. Check the user_id. Register the user first (SmartSelfie Registration, Document Verification or Biometric KYC), then authenticate.',
	reEnrollment:
		'The user is flagged for re-enrollment. Re-enroll the user, or turn the re-enrollment flag off in the portal, then run the job again.',
	noPhotoOnFile:
		'The user has no selfie on file. Run Document Verification, Biometric KYC or SmartSelfie Registration for this user_id first.',
	userAlreadyEnrolled:
		'This user_id is already registered. Use a new, unique user_id to register, or SmartSelfie Authentication for a returning user.',
	noZip:
		'No zip reached Smile ID. Upload the zip (PUT to the upload_url with Content-Type application/zip) before the upload URL expires.',
	zipCorrupt:
		'Rebuild the zip with info.json at its root and every image it lists, then submit a new job.',
	retakeSelfie:
		'Take a new selfie: one face, well lit, in focus and filling the frame, then submit a new job.',
	retakeDocument:
		'Photograph the document again: whole document in frame, sharp, without glare, at least 1500 px on the long side (2200 px for passports), then submit a new job.',
	systemErrorJob:
		'Smile ID could not process the job. Submit it again later with a new job_id; if it keeps failing, contact Smile ID support.',
};

const DOC: Product = 'document_verification';
const AUTH: Product = 'smartselfie_authentication';
const REG: Product = 'smartselfie_registration';
const CMP: Product = 'smartselfie_compare';
const JOB: Product = 'job_status';
const RESET: Product = 'id_rate_limit_reset';
const GEN: Product = 'general';

const HUMAN_REVIEW_REMEDY =
	'A reviewer rejected the document. Ask the user for a clear photo of the whole, original document of the type selected, and submit a new job.';

const DOCUMENT_VERIFICATION: ResultCodeEntry[] = [
	// General failures
	entry(DOC, '0001', 'rejected', 'Data Invalid', 'Uploaded zip is corrupted', {
		remedy: R.zipCorrupt,
	}),
	entry(
		DOC,
		'0001',
		'rejected',
		'Data Invalid - Images corrupt or not present',
		'info.json lists an image file that was not included in the zip',
		{
			remedy:
				'Make sure every file_name listed in info.json is inside the zip and is a valid JPEG, then submit a new job.',
		},
	),
	entry(
		DOC,
		'0001',
		'rejected',
		'ID Card image not provided',
		'There was no ID card image submitted with the job',
		{ remedy: 'Include the front of the ID document in the job and submit a new job.' },
	),
	entry(
		DOC,
		'0001',
		'rejected',
		'Unable to Verify Document - Selfie unusable',
		"Selfie image quality too poor and couldn't be processed by system",
		{ remedy: R.retakeSelfie },
	),
	entry(
		DOC,
		'0001',
		'rejected',
		'Unable to Verify Document - ID Card image unusable',
		"Document image quality too poor and couldn't be processed by system",
		{ remedy: R.retakeDocument },
	),
	entry(DOC, '0001', 'rejected', 'System Error', 'A system error occurred', {
		remedy: R.systemErrorJob,
	}),
	entry(DOC, '0903', 'rejected', 'Zip Corrupt', 'The uploaded Zip file is corrupted.', {
		remedy: R.zipCorrupt,
	}),
	entry(
		DOC,
		'2405',
		'error',
		'Error - "You are not authorised to do that"',
		'An invalid signature was used to sign the request.',
		{ remedy: R.signature },
	),
	entry(DOC, '2314', 'error', 'Error - No Zip File Received', 'No Zip files was uploaded.', {
		remedy: R.noZip,
	}),
	entry(
		DOC,
		'2203',
		'error',
		'Error - Invalid JSON',
		'The info.json file in the Zip is not properly structured. Ensure all keys are present and properly named.',
		{ remedy: R.invalidJson },
	),
	entry(
		DOC,
		'2213',
		'error',
		'Error - A required parameter is missing',
		'Not all the required keys were submitted in the info.json or request payload. Please check request values for this product.',
		{ remedy: R.missingParameter },
	),
	entry(
		DOC,
		'2204',
		'error',
		'Error - A parameter is of the wrong data type',
		'The format of one of the request values was wrong. Please check request values for this product.',
		{ remedy: R.wrongType },
	),
	entry(
		DOC,
		'2205',
		'error',
		'Error - You are not authorised to do that.',
		'An invalid signature was used to sign the request. Please ensure you are using the correct signature for the environment (ie: sandbox vs production)',
		{ remedy: R.signature },
	),
	entry(
		DOC,
		'2220',
		'error',
		'Error - Production is not enabled for this account. Please complete your KYC with Smile ID.',
		'You have not completed your KYC.',
		{ remedy: R.production },
	),
	entry(
		DOC,
		'2212',
		'error',
		'Error - Invalid job type',
		'An invalid value was inputted in the job_type key. Change the value to 6.',
		{ remedy: 'Send job_type 6 for Document Verification.' },
	),
	entry(
		DOC,
		'2209',
		'error',
		'Error - Wrong user id. This user is already enrolled with user_id',
		'An existing user_id was inputted. Enter a unique user id.',
		{ remedy: R.userAlreadyEnrolled },
	),
	entry(
		DOC,
		'2215',
		'error',
		'Error - Job already exists for job_id',
		'An existing job_id was inputted. Enter a unique job id.',
		{ remedy: R.duplicateJob },
	),
	// Product specific
	entry(
		DOC,
		'0810',
		'approved',
		'Document Verified',
		'Images matched, no spoof was detected on Selfie and the document is valid.',
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document - reason',
		'Document image was usable but document verification failed due to any of the following reasons:\n' +
			'- The selfie did not match the photo on document\n' +
			'- Selfie failed liveness checks\n' +
			'- Some security features were missing on the document\n' +
			"- The information on document is inconsistent i.e. the MRZ information did not match the OCR'ed information\n" +
			'- A wrong document type was uploaded\n' +
			'- Based on the Date of Birth on the document, the subject is under 18 years old',
	),
	entry(
		DOC,
		'0812',
		'rejected',
		'Unable to verify Document - reason',
		"Document verification failed because the document wasn't classified by system or an invalid document image was uploaded e.g. work ID card",
		{
			remedy:
				'Submit a clear image of a supported identity document (see the supported documents list) and a new job.',
		},
	),
	entry(
		DOC,
		'0816',
		'rejected',
		'Unable to verify Document - Unsupported Document',
		'Provided document is not supported for KYC i.e. document is one of the following:\n' +
			'- Carry Permit\n' +
			'- Hunting Permit\n' +
			'- Sex Offender ID\n' +
			'- SIM Card',
		{ remedy: 'Ask the user for a document that is supported for KYC and submit a new job.' },
	),
	entry(
		DOC,
		'0817',
		'approved_with_attention',
		'Approved with Attention - Document is Expired',
		"The document is expired but didn't fail any security checks.",
	),
	entry(
		DOC,
		'0817',
		'approved_with_attention',
		'Approved with Attention - Photocopied Document',
		"The document appears photocopied, scanned or grayscale but didn't fail any security checks.",
	),
	entry(
		DOC,
		'1014',
		'rejected',
		'Unsupported ID Type',
		'The country_code and or the id_type in the info.json file is not supported, please use any of the supported country_codes and id_types in the documentation',
		{
			remedy:
				'Use a country code and id_type pair from the supported documents list (for example NG with PASSPORT).',
		},
	),
	// Human review rejections
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Cropped Document)',
		'Image of the document is cropped to the extent that it is missing key elements to identify authenticity',
		{ remedy: HUMAN_REVIEW_REMEDY },
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Not A Document)',
		'Any image other than a document (an object, the environment etc.) was submitted',
		{ remedy: HUMAN_REVIEW_REMEDY },
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Potential Fraud Attempt)',
		'Photo of photo, or visible alteration and manipulation of the document',
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Unreadable Document)',
		'Blurry/damaged document or cannot see key details on the document',
		{ remedy: HUMAN_REVIEW_REMEDY },
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Unsupported Document)',
		'A document type we do not currently support was submitted',
		{ remedy: HUMAN_REVIEW_REMEDY },
	),
	entry(
		DOC,
		'0811',
		'rejected',
		'Unable to Verify Document After Human Review (Wrong Document Type)',
		'The wrong document type was selected on job submission',
		{
			remedy:
				'Select the id_type that matches the document actually photographed and submit a new job.',
		},
	),
];

const SMARTSELFIE_AUTHENTICATION: ResultCodeEntry[] = [
	// General failures
	entry(AUTH, '2201', 'error', 'System Error', '', { remedy: R.systemError }),
	entry(
		AUTH,
		'2203',
		'error',
		'Error - Invalid JSON',
		'The info.json file in the Zip is not properly structured. Ensure all keys are present and properly named.',
		{ remedy: R.invalidJson },
	),
	entry(
		AUTH,
		'2204',
		'error',
		'Error - A parameter is of the wrong data type',
		'The format of one of the request values was wrong. Please check request values for this product.',
		{ remedy: R.wrongType },
	),
	entry(
		AUTH,
		'2205',
		'error',
		'Error - You are not authorized to do that',
		'An invalid signature was used to sign the request.',
		{ remedy: R.signature },
	),
	entry(
		AUTH,
		'2207',
		'error',
		'Error - Enrolled user is disabled',
		'You attempted authenticating a disabled user, enable the user then re-run the job or send the user_id of an active user.',
		{ remedy: R.userDisabled },
	),
	entry(
		AUTH,
		'2208',
		'error',
		'Error - Enrolled user was deleted from the system',
		'You attempted authenticating a deleted user, send the user_id of an active user or re-enroll the user.',
		{ remedy: R.userDeleted },
	),
	entry(
		AUTH,
		'2210',
		'error',
		'Error - No enrolled user found',
		'The user_id does not belong to an enrolled user. Confirm the user_id then re-run the authentication.',
		{ remedy: R.noEnrolledUser },
	),
	entry(
		AUTH,
		'2211',
		'error',
		'Error - Enrolled user must complete re-enrollment',
		'Ther user_id has been flagged for re-enrollment. Either turn off the re-enrollment flag or re-enroll the user before attempting to authentication.',
		{ remedy: R.reEnrollment },
	),
	entry(
		AUTH,
		'2212',
		'error',
		'Error - Invalid job type',
		'An invalid value was inputted in the job_type key. Change the value to 2.',
		{ remedy: 'Send job_type 2 for SmartSelfie Authentication.' },
	),
	entry(
		AUTH,
		'2213',
		'error',
		'Error - A required parameter is missing',
		'Not all the required keys were submitted in the info.json or request payload. Please check request values for this product.',
		{ remedy: R.missingParameter },
	),
	entry(
		AUTH,
		'2214',
		'error',
		'Error - Product not activated for this account',
		'Product is deactivated on your account. Contact support to activate the product.',
		{ remedy: R.productNotActivated },
	),
	entry(
		AUTH,
		'2215',
		'error',
		'Error - Job already exists for job_id',
		'An existing job_id was inputted. Enter a unique job id.',
		{ remedy: R.duplicateJob },
	),
	entry(
		AUTH,
		'2216',
		'error',
		'Error - Enrolled user does not have a photo on file',
		'The user_id does not have a selfie on file. Before you can authenticate, you need to perform either a Document Verification, Biometric Registration or SmartSelfie™ Registration job for the user_id.',
		{ remedy: R.noPhotoOnFile },
	),
	entry(
		AUTH,
		'2217',
		'error',
		'Error - Invalid Product',
		'Update the job_type to 2 and ensure you have send all the required request values for this product.',
		{
			remedy: 'Send job_type 2 and every required request value for SmartSelfie Authentication.',
		},
	),
	entry(
		AUTH,
		'2220',
		'error',
		'Error - Production is not enabled for this account',
		'You have not completed your KYC. Please complete your KYC with Smile ID.',
		{ remedy: R.production },
	),
	entry(
		AUTH,
		'2221',
		'error',
		'Error - Invalid token',
		'Only applicable to Web SDK jobs. Generate a valid token and re-run the job.',
		{ remedy: R.webToken },
	),
	// Product specific
	entry(AUTH, '0001', 'rejected', 'Data Invalid', 'One of the required input is invalid.', {
		remedy: 'Check the images and request values, then submit a new job.',
	}),
	entry(
		AUTH,
		'0001',
		'rejected',
		'Data Invalid - Unable to extract zip file',
		'There an an error encountered while attempting to extract the zip file. Confirm the images and info.json were archived properly and re-run the job.',
		{ remedy: R.zipCorrupt },
	),
	entry(
		AUTH,
		'0001',
		'rejected',
		'System Error',
		'An unknown system error occurred while processing the job.',
		{ remedy: R.systemErrorJob },
	),
	entry(
		AUTH,
		'0820',
		'approved',
		'Authenticate User',
		'Machine Judgement - PASS. Comparison between the images matched.',
	),
	entry(
		AUTH,
		'0821',
		'rejected',
		'Failed Authentication',
		'Machine Judgement - FAIL - COMPARISON. Images did not match and therefore job was rejected.',
	),
	entry(
		AUTH,
		'0822',
		'provisional',
		'Machine Judgement - PURE PROVISIONAL',
		"Waiting on document reviewer's decision.",
	),
	entry(
		AUTH,
		'0823',
		'rejected',
		'Failed Authentication',
		'Machine Judgement - FAIL - Possible Spoof. Machine rejected job due to possible fraud attempt on the Selfie - This can be fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.',
		{ deprecated: true },
	),
	entry(
		AUTH,
		'0824',
		'under_review',
		'Machine Judgement - PROVISIONAL - Possible Spoof',
		"The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.",
	),
	entry(
		AUTH,
		'0825',
		'under_review',
		'Machine Judgement - PROVISIONAL - Machine Compare Unsure',
		'The machine is not sure if both images match, so a document reviewer will compare.',
	),
	entry(
		AUTH,
		'0921',
		'rejected',
		'FAIL - No Face Found',
		'There was no face found in the uploaded selfie. Upload an image with a face.',
		{ remedy: R.retakeSelfie },
	),
	entry(
		AUTH,
		'0922',
		'rejected',
		'FAIL - Image Quality Judged Too Poor',
		'The uploaded selfie quality was too poor. Upload a higher quality selfie.',
		{ remedy: R.retakeSelfie },
	),
	entry(
		AUTH,
		'1220',
		'approved',
		'Authenticate User',
		'Human Judgement - PASS. The document reviewer marked that both images are of the same person.',
	),
	entry(
		AUTH,
		'1221',
		'rejected',
		'Failed Authentication',
		'Human Judgement - FAIL - Human Compare Failed. The document reviewer marked that both images are different persons.',
	),
	entry(
		AUTH,
		'1222',
		'rejected',
		'Failed Authentication',
		'Human Judgement - FAIL - Spoof Detected. The document reviewer detected a possible fraud attempt on the Selfie - This can be a fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.',
	),
];

const SMARTSELFIE_REGISTRATION: ResultCodeEntry[] = [
	// General failures
	entry(REG, '2201', 'error', 'System Error', '', { remedy: R.systemError }),
	entry(
		REG,
		'2203',
		'error',
		'Error - Invalid JSON',
		'The info.json file in the Zip is not properly structured. Ensure all keys are present and properly named.',
		{ remedy: R.invalidJson },
	),
	entry(
		REG,
		'2204',
		'error',
		'Error - A parameter is of the wrong data type',
		'The format of one of the request values was wrong. Please check request values for this product.',
		{ remedy: R.wrongType },
	),
	entry(
		REG,
		'2205',
		'error',
		'Error - You are not authorized to do that.',
		'An invalid signature was used to sign the request.',
		{ remedy: R.signature },
	),
	entry(
		REG,
		'2209',
		'error',
		'Error - User is already enrolled',
		'The job was run with a duplicate user_id. Send the job with a unique user_id.',
		{ remedy: R.userAlreadyEnrolled },
	),
	entry(
		REG,
		'2212',
		'error',
		'Error - Invalid job type',
		'An invalid value was inputted in the job_type key. Change the value to 4.',
		{ remedy: 'Send job_type 4 for SmartSelfie Registration.' },
	),
	entry(
		REG,
		'2213',
		'error',
		'Error - A required parameter is missing',
		'Not all the required keys were submitted in the info.json or request payload. Please check request values for this product.',
		{ remedy: R.missingParameter },
	),
	entry(
		REG,
		'2214',
		'error',
		'Error - Product not activated for this account',
		'Product is deactivated on your account. Contact support to activate the product.',
		{ remedy: R.productNotActivated },
	),
	entry(
		REG,
		'2217',
		'error',
		'Error - Invalid Product',
		'Update the job_type to 4 and ensure you have send all the required request values for this product.',
		{ remedy: 'Send job_type 4 and every required request value for SmartSelfie Registration.' },
	),
	entry(
		REG,
		'2220',
		'error',
		'Error - Production is not enabled for this account.',
		'You have not completed your KYC. Please complete your KYC with Smile ID.',
		{ remedy: R.production },
	),
	entry(
		REG,
		'2221',
		'error',
		'Error - Invalid token',
		'Only applicable to Web SDK jobs. Generate a valid token and re-run the job.',
		{ remedy: R.webToken },
	),
	// Specific to registering a user
	entry(REG, '0001', 'rejected', 'Data Invalid', 'One of the required input is invalid.', {
		remedy: 'Check the images and request values, then submit a new job.',
	}),
	entry(
		REG,
		'0001',
		'rejected',
		'Data Invalid - Unable to extract zip file',
		'There an an error encountered while attempting to extract the zip file. Confirm the images and info.json were archived properly and re-run the job.',
		{ remedy: R.zipCorrupt },
	),
	entry(
		REG,
		'0001',
		'rejected',
		'System Error',
		'An unknown system error occurred while processing the job.',
		{ remedy: R.systemErrorJob },
	),
	entry(
		REG,
		'0840',
		'approved',
		'Enroll User',
		'PASS - Machine Judgement. Machine passed Selfie - no spoof detected and image contains a face.',
	),
	entry(
		REG,
		'0841',
		'rejected',
		'Failed Enroll',
		'FAIL - Possible Spoof - Machine Judgement. Machine rejected job due to possible fraud attempt on the Selfie.',
	),
	// The docs' category here reads "Suspected for spoof and sent to document reviewer for
	// final decision": the same situation as 0824, which the docs call Under Review.
	entry(
		REG,
		'0844',
		'under_review',
		'PROVISIONAL - Possible Spoof - Machine Judgement',
		"The machine thinks there is a possible spoof but can't make a final decision. A document reviewer will check the Selfie for potential fraud attempts.",
	),
	entry(
		REG,
		'0846',
		'pending',
		'PENDING - Possible Spoof - Machine Judgement',
		'Awaiting document review result.',
		{ deprecated: true },
	),
	entry(
		REG,
		'0941',
		'rejected',
		'FAIL - No Face Found',
		'There was no face found in the uploaded selfie. Upload an image with a face.',
		{ remedy: R.retakeSelfie },
	),
	entry(
		REG,
		'0942',
		'rejected',
		'FAIL - Image Quality Judged Too Poor',
		'The uploaded selfie quality was too poor. Upload a higher quality selfie.',
		{ remedy: R.retakeSelfie },
	),
	entry(
		REG,
		'1240',
		'approved',
		'Enroll User',
		'PASS - Human Judgement. The human reviewer did not find any fraud attempts on the Selfie.',
	),
	entry(
		REG,
		'1241',
		'rejected',
		'Failed Enroll',
		'FAIL - Image Unusable. The human reviewer marked the Selfie as unusable either because the Selfie is too dark or too blurry',
		{ remedy: R.retakeSelfie },
	),
	entry(
		REG,
		'1242',
		'rejected',
		'Failed Enroll',
		'Spoof detected - Human Judgement. The human reviewer detected a possible fraud attempt on the Selfie - This can be a fraud attempt or some times images are too blurry or dark in the liveness check to make a decision.',
	),
];

const SMARTSELFIE_COMPARE: ResultCodeEntry[] = [
	// Specific
	entry(CMP, '0001', 'rejected', 'Data Invalid', 'One of the required input is invalid.', {
		remedy:
			'Check the selfie, comparison image, liveness images and form fields, then submit again.',
	}),
	entry(
		CMP,
		'0001',
		'rejected',
		'System Error',
		'An unknown system error occurred while processing the job.',
		{ remedy: R.systemErrorJob },
	),
	entry(CMP, '0840', 'approved', 'Face Match', 'Comparison between the images matched.'),
	entry(
		CMP,
		'0841',
		'rejected',
		'No Match - - No Face Match',
		'Images did not match and therefore job was rejected.',
	),
	entry(
		CMP,
		'0941',
		'rejected',
		'No Match - The compared images are identical.',
		'The comparison image and selfie image are identical or the same image',
		{ remedy: 'Send a fresh selfie that is a different image from the comparison image.' },
	),
	entry(
		CMP,
		'0941',
		'rejected',
		'No Match - No clear face was found in the selfie image. (1st image - selfie).',
		'There were issues with the selfie_image',
		{ remedy: R.retakeSelfie },
	),
	// General failures
	entry(CMP, '2201', 'error', 'System Error', '', { remedy: R.systemError }),
	entry(
		CMP,
		'2204',
		'error',
		'Error - A parameter is of the wrong data type',
		'The format of one of the request values was wrong. Please check request values for this product.',
		{ remedy: R.wrongType },
	),
	entry(
		CMP,
		'2205',
		'error',
		'Error - You are not authorized to do that',
		'An invalid signature was used to sign the request.',
		{ remedy: R.signature },
	),
	entry(
		CMP,
		'2209',
		'error',
		'Wrong job type. This user is already enrolled.',
		'This user is already enrolled. use a unique user Id or allow_new_enroll',
		{
			remedy:
				'Use a new, unique user_id, or set allow_new_enroll to true (Allow Re-Enrolment) to enroll this user_id again.',
		},
	),
	entry(
		CMP,
		'2214',
		'error',
		'Error - Product not activated for this account',
		'Product is deactivated on your account. Contact support to activate the product.',
		{ remedy: R.productNotActivated },
	),
	entry(
		CMP,
		'2215',
		'error',
		'Error - Job already exists for job_id',
		'An existing job_id was inputted. Enter a unique job id.',
		{ remedy: R.duplicateJobNoRetry },
	),
	entry(
		CMP,
		'2220',
		'error',
		'Error - Production is not enabled for this account',
		'You have not completed your KYC. Please complete your KYC with Smile ID.',
		{ remedy: R.production },
	),
	entry(
		CMP,
		'2413',
		'error',
		'Inputs submitted are incorrect',
		'There are errors with the required inputs eg. Liveness images or comparison images',
		{
			remedy:
				'Fix the field named in the error message: a selfie_image, a comparison_image with its comparison_image_type, and 4 to 8 liveness images are all required.',
		},
	),
];

const JOB_STATUS: ResultCodeEntry[] = [
	entry(JOB, '2301', 'error', 'System error', '', {
		remedy: "A temporary fault on Smile ID's side. Ask for the job status again later.",
	}),
	// Success of the status request only: whether the job itself passed is in job_success/result.
	entry(JOB, '2302', 'approved', 'Success', ''),
	entry(JOB, '2303', 'error', 'Invalid JSON', '', {
		remedy: 'The request body was not valid JSON. Send a well-formed JSON body.',
	}),
	entry(JOB, '2304', 'error', 'Job not found', '', {
		remedy:
			'No job matches this user_id and job_id. Check both IDs and the environment (sandbox or production); a job whose zip upload never finished does not exist yet.',
	}),
	entry(JOB, '2305', 'error', 'Invalid sec_key', '', { remedy: R.signature }),
	entry(JOB, '2307', 'error', 'Enrolled user is disabled', '', { remedy: R.userDisabled }),
	entry(JOB, '2310', 'error', 'No enrolled user found', '', {
		remedy: 'Check the user_id: no registered user has it.',
	}),
	entry(JOB, '2313', 'error', 'Missing required parameters', '', {
		remedy:
			'Send partner_id, user_id, job_id, timestamp and signature with the job status request.',
	}),
];

const ID_RATE_LIMIT_RESET: ResultCodeEntry[] = [
	entry(RESET, '2401', 'error', 'System error', '', {
		remedy:
			'The rate limit could not be reset. Check the country, id_type and id_number, then try again later; contact Smile ID support if it keeps failing.',
	}),
];

// Fallbacks for job types without a table of their own (Biometric KYC, Enhanced KYC, ...)
// and for codes the docs show outside any product table. Wording follows the product
// tables where they agree; where they differ, the product-neutral part is kept.
const GENERAL: ResultCodeEntry[] = [
	entry(GEN, '0001', 'rejected', 'Data Invalid', 'One of the required input is invalid.', {
		remedy: 'Check the images and request values, then submit a new job.',
	}),
	entry(
		GEN,
		'0001',
		'rejected',
		'System Error',
		'An unknown system error occurred while processing the job.',
		{ remedy: R.systemErrorJob },
	),
	entry(GEN, '0903', 'rejected', 'Zip Corrupt', 'The uploaded Zip file is corrupted.', {
		remedy: R.zipCorrupt,
	}),
	entry(GEN, '2201', 'error', 'System Error', '', { remedy: R.systemError }),
	// Not an error: the answer to a successful job request, before the zip is uploaded.
	entry(
		GEN,
		'2202',
		'pending',
		'Job created',
		'A record has now been created waiting for the job to be processed once the required data has been uploaded',
	),
	entry(
		GEN,
		'2203',
		'error',
		'Error - Invalid JSON',
		'The info.json file in the Zip is not properly structured. Ensure all keys are present and properly named.',
		{ remedy: R.invalidJson },
	),
	entry(
		GEN,
		'2204',
		'error',
		'Error - A parameter is of the wrong data type',
		'The format of one of the request values was wrong. Please check request values for this product.',
		{ remedy: R.wrongType },
	),
	entry(
		GEN,
		'2205',
		'error',
		'Error - You are not authorized to do that',
		'An invalid signature was used to sign the request. Please ensure you are using the correct signature for the environment (ie: sandbox vs production)',
		{ remedy: R.signature },
	),
	entry(
		GEN,
		'2207',
		'error',
		'Error - Enrolled user is disabled',
		'You attempted authenticating a disabled user, enable the user then re-run the job or send the user_id of an active user.',
		{ remedy: R.userDisabled },
	),
	entry(
		GEN,
		'2208',
		'error',
		'Error - Enrolled user was deleted from the system',
		'You attempted authenticating a deleted user, send the user_id of an active user or re-enroll the user.',
		{ remedy: R.userDeleted },
	),
	entry(
		GEN,
		'2209',
		'error',
		'Error - User is already enrolled',
		'The job was run with a duplicate user_id. Send the job with a unique user_id.',
		{ remedy: R.userAlreadyEnrolled },
	),
	entry(
		GEN,
		'2210',
		'error',
		'Error - No enrolled user found',
		'The user_id does not belong to an enrolled user. Confirm the user_id then re-run the authentication.',
		{ remedy: R.noEnrolledUser },
	),
	entry(
		GEN,
		'2211',
		'error',
		'Error - Enrolled user must complete re-enrollment',
		'Ther user_id has been flagged for re-enrollment. Either turn off the re-enrollment flag or re-enroll the user before attempting to authentication.',
		{ remedy: R.reEnrollment },
	),
	entry(
		GEN,
		'2212',
		'error',
		'Error - Invalid job type',
		'An invalid value was inputted in the job_type key.',
		{
			remedy:
				'Send the job_type of the product: 6 Document Verification, 2 SmartSelfie Authentication, 4 SmartSelfie Registration.',
		},
	),
	entry(
		GEN,
		'2213',
		'error',
		'Error - A required parameter is missing',
		'Not all the required keys were submitted in the info.json or request payload. Please check request values for this product.',
		{ remedy: R.missingParameter },
	),
	entry(
		GEN,
		'2214',
		'error',
		'Error - Product not activated for this account',
		'Product is deactivated on your account. Contact support to activate the product.',
		{ remedy: R.productNotActivated },
	),
	entry(
		GEN,
		'2215',
		'error',
		'Error - Job already exists for job_id',
		'An existing job_id was inputted. Enter a unique job id.',
		{ remedy: R.duplicateJobNoRetry },
	),
	entry(
		GEN,
		'2216',
		'error',
		'Error - Enrolled user does not have a photo on file',
		'The user_id does not have a selfie on file. Before you can authenticate, you need to perform either a Document Verification, Biometric Registration or SmartSelfie™ Registration job for the user_id.',
		{ remedy: R.noPhotoOnFile },
	),
	entry(
		GEN,
		'2217',
		'error',
		'Error - Invalid Product',
		'Update the job_type and ensure you have send all the required request values for this product.',
		{
			remedy: 'Send the job_type that matches the product, with every value that product requires.',
		},
	),
	entry(
		GEN,
		'2220',
		'error',
		'Error - Production is not enabled for this account',
		'You have not completed your KYC. Please complete your KYC with Smile ID.',
		{ remedy: R.production },
	),
	entry(
		GEN,
		'2221',
		'error',
		'Error - Invalid token',
		'Only applicable to Web SDK jobs. Generate a valid token and re-run the job.',
		{ remedy: R.webToken },
	),
	entry(
		GEN,
		'2222',
		'error',
		'This ID number has been blocked due to multiple submissions. Please use the designated endpoint to reactivate it.',
		'Too many requests for the same ID number (within an ID type for a country): Smile ID blocks it until the rate limit resets. Answered with HTTP 429.',
		{
			remedy:
				'Smile ID allows 30 requests per ID number, each within 3 days of the last; the block lifts 3 days after the last request. If these requests are genuine, reset the limit with the Reset Rate Limit operation (resource ID Number), then retry.',
		},
	),
	entry(GEN, '2314', 'error', 'Error - No Zip File Received', 'No Zip files was uploaded.', {
		remedy: R.noZip,
	}),
	entry(
		GEN,
		'2405',
		'error',
		'Error - "You are not authorised to do that"',
		'An invalid signature was used to sign the request.',
		{ remedy: R.signature },
	),
];

/**
 * The ID authority's answers (docs' result-code page, "Using ID Number"): Enhanced KYC,
 * Biometric KYC and Enhanced Document Verification all look the ID up there.
 */
function idAuthorityCodes(product: Product): ResultCodeEntry[] {
	return [
		entry(product, '1012', 'approved', 'Valid ID', 'The ID number was found at the ID authority.'),
		entry(
			product,
			'1013',
			'rejected',
			'Unable to Validate ID',
			'The ID info was not found in the ID authority database.',
			{
				remedy:
					'Check the ID number, ID type and country with the user (a typo is the usual cause), then run a new job.',
			},
		),
		entry(
			product,
			'1014',
			'error',
			'Error - Unsupported ID number format',
			'The ID number submitted was of an invalid format.',
			{
				remedy:
					"Correct the ID number to the ID type's format (Smile ID publishes an id_number_regex per ID type in /v1/services), then run a new job.",
			},
		),
		entry(
			product,
			'1015',
			'error',
			'Error - Queried Database Unavailable',
			'The ID authority is unavailable.',
			{
				remedy:
					'The ID authority is down, not your request. Try again later, or use the asynchronous lookup: Smile ID then posts the result to the callback URL once the authority answers.',
			},
		),
		entry(
			product,
			'1016',
			'error',
			'Error - Need to Activate Product',
			'You do not have access to the ID Type.',
			{ remedy: `${R.productNotActivated} The ID type must be enabled for this account.` },
		),
	];
}

const EKYC: Product = 'enhanced_kyc';

/** Job type 5, Enhanced KYC: the ID authority's answer to a lookup. */
const ENHANCED_KYC: ResultCodeEntry[] = idAuthorityCodes(EKYC);

const BASIC: Product = 'basic_kyc';

/**
 * Job type 5 too, Basic KYC (/v2/verify): the entered details compared with the authority's
 * record. The docs' result-code page lists 1013-1016 and 1020-1023 for it, never 1012.
 */
const BASIC_KYC: ResultCodeEntry[] = [
	...idAuthorityCodes(BASIC).filter((e) => e.code !== '1012'),
	entry(
		BASIC,
		'1020',
		'approved',
		'Exact Match',
		'The user submitted details exactly match the ID info in the ID authority database.',
	),
	entry(
		BASIC,
		'1021',
		'approved_with_attention',
		'Partial Match',
		'At least one of the user submitted details partially/exactly match the ID info in the ID authority database.',
		{
			remedy:
				"Some details differ from the authority's record. Read Actions (Names, DOB, Gender, Phone_Number): confirm every detail marked Partial Match or No Match with the person before relying on it.",
		},
	),
	entry(
		BASIC,
		'1022',
		'rejected',
		'No Match',
		'None of the user submitted details partially/exactly match the ID info in the ID authority database.',
		{
			remedy:
				"None of the entered details match the record of this ID number. Check the spelling of the names, the date of birth and that the ID number is the person's own, then run a new job.",
		},
	),
	entry(
		BASIC,
		'1023',
		'rejected',
		'Not Found',
		"We couldn't find a matching record, and no charges were applied.",
		{
			remedy:
				'The ID authority has no record of this ID number (no charge was made). Check the ID number, ID type and country with the person, then run a new job.',
		},
	),
];

const BKYC: Product = 'biometric_kyc';

/** Job type 1: the ID lookup, then the selfie against the authority's photo (docs' job status example). */
const BIOMETRIC_KYC: ResultCodeEntry[] = [
	...idAuthorityCodes(BKYC),
	entry(
		BKYC,
		'0814',
		'under_review',
		'Provisional Enroll - Under Review',
		'The selfie comparison awaits human review.',
	),
	entry(BKYC, '1210', 'approved', 'Enroll User', 'The user was verified and enrolled.'),
];

const EDV: Product = 'enhanced_document_verification';

/**
 * Job type 11: Document Verification's checks and codes, plus the issuing authority's
 * answers (1014 then has two meanings, told apart by the result text). The docs list no
 * separate codes for it.
 */
const ENHANCED_DOCUMENT_VERIFICATION: ResultCodeEntry[] = [
	...DOCUMENT_VERIFICATION.map((e) => ({ ...e, product: EDV })),
	...idAuthorityCodes(EDV),
];

const KYB: Product = 'business_verification';

/**
 * Job type 7, Business Verification: the registry's answers (docs' Business Verification and
 * Test Data pages: 1012 verified, 1013 not found, 1014 format, 1015 registry unavailable).
 */
const BUSINESS_VERIFICATION: ResultCodeEntry[] = idAuthorityCodes(KYB).map((e) =>
	e.code === '1012'
		? { ...e, text: 'Business Verified', description: 'The business was found in the registry.' }
		: e.code === '1013'
			? {
					...e,
					text: 'Unable to Verify Business',
					description: 'The business was not found in the registry.',
					remedy:
						'Check the registration or tax number, the search type, the business type (Nigeria) and the country with the business, then run a new job.',
				}
			: e,
);

const PHONE: Product = 'phone_verification';

/**
 * Phone Number Verification (docs' page, "How to Use the Test Data"): 1023 no record, 2413 an
 * invalid phone number, 1015 the operator unavailable; a found number "varies based on
 * match_fields", read here as Basic KYC's comparison codes (assumption: the docs list no others).
 */
const PHONE_VERIFICATION: ResultCodeEntry[] = [
	...BASIC_KYC.filter((e) => ['1015', '1016', '1020', '1021', '1022', '1023'].includes(e.code)).map(
		(e) => ({ ...e, product: PHONE }),
	),
	entry(
		PHONE,
		'2413',
		'error',
		'Invalid phone number format',
		'The phone number has the wrong format.',
		{
			remedy:
				"Enter the phone number in the country's format (digits only, no + or country code: Kenya, South Africa and Uganda 10 digits, Nigeria 11, Tanzania 12), then run a new job.",
		},
	),
];

const ADDRESS: Product = 'address_verification';

/**
 * Digital Address Verification (docs' page, "How to Use the Test Data"): 1013 identifier not
 * found, 2413 an invalid ID or utility number, 1015 the database unavailable, 1022 the addresses
 * too far apart; a found identifier "varies based on searched address and full name matching",
 * read as 1020 / 1021 (assumption: the docs list no other codes).
 */
const ADDRESS_VERIFICATION: ResultCodeEntry[] = [
	entry(
		ADDRESS,
		'1013',
		'rejected',
		'Verification failed: Unique identifier type not found.',
		'No record holds the ID or utility number.',
		{
			remedy:
				'Check the ID number (South Africa) or utility number (Nigeria) with the person, then run a new job.',
		},
	),
	...BASIC_KYC.filter((e) => ['1015', '1016', '1020', '1021'].includes(e.code)).map((e) => ({
		...e,
		product: ADDRESS,
	})),
	entry(
		ADDRESS,
		'1022',
		'rejected',
		'No Match',
		'The searched address is too far from the address on record.',
		{
			remedy:
				'The address given is too far from the one on record (see distance). Confirm the current address with the person; a recent move needs proof of address instead.',
		},
	),
	entry(
		ADDRESS,
		'2413',
		'error',
		'Invalid id or utility number format',
		'The ID or utility number has the wrong format.',
		{
			remedy:
				'Enter the South African ID number as 13 digits, or the Nigerian utility number exactly as on the bill, then run a new job.',
		},
	),
];

/** In this order: a code several products share is first read from the earliest table. */
export const RESULT_CODE_TABLES: Readonly<Record<Product, readonly ResultCodeEntry[]>> = {
	document_verification: DOCUMENT_VERIFICATION,
	smartselfie_authentication: SMARTSELFIE_AUTHENTICATION,
	smartselfie_registration: SMARTSELFIE_REGISTRATION,
	smartselfie_compare: SMARTSELFIE_COMPARE,
	job_status: JOB_STATUS,
	id_rate_limit_reset: ID_RATE_LIMIT_RESET,
	enhanced_kyc: ENHANCED_KYC,
	basic_kyc: BASIC_KYC,
	biometric_kyc: BIOMETRIC_KYC,
	enhanced_document_verification: ENHANCED_DOCUMENT_VERIFICATION,
	aml_check: [],
	business_verification: BUSINESS_VERIFICATION,
	phone_verification: PHONE_VERIFICATION,
	address_verification: ADDRESS_VERIFICATION,
	general: GENERAL,
};
