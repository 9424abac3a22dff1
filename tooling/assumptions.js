// @ts-check
/**
 * Every place where the package's behaviour rests on something Smile ID's docs do not state.
 * One entry per guess: the code that depends on it names its id in a comment
 * (`assumption:<id>`), docs/assumptions.md is generated from this list
 * (`node tooling/assumptions-doc.js`), and `npm run sandbox` confirms or refutes each one
 * against a real Smile ID sandbox (tooling/sandbox/checks.mjs holds one check per id).
 *
 * Fields: id; assumed (what the package takes for true); source (what suggested it, and
 * what the docs say or leave out); refutedBy (what a sandbox answer would show if it is
 * wrong); whenWrong (what the package does then: no result lost, nothing billed twice, the
 * user told).
 *
 * Sources named here: "docs" is /shared/reference/smile-id-api-docs.txt and the stored Smile
 * ID pages; "SDKs" is NOTES.md / MORE-PRODUCTS.md (facts read from Smile ID's server SDKs).
 */

/** @typedef {{id: string, title: string, assumed: string, source: string, refutedBy: string, whenWrong: string}} Assumption */

/** @type {Assumption[]} */
const ASSUMPTIONS = [
	{
		id: 'link-ref-field',
		title: 'A link result names its link in PartnerParams.smile_link_id',
		assumed:
			"A job run through a Smile Link carries the link's ref_id in its PartnerParams under `smile_link_id`.",
		source:
			"Guess: no docs page shows a link result. The package's simulator chose `smile_link_id`; an independent reading of the docs chose another name.",
		refutedBy:
			"A link job's result (Job Status or callback) carries the link's ref_id under another PartnerParams key, or under none.",
		whenWrong:
			'linkRefId is read from every candidate field (smile_link_id, link_ref_id, smile_link_ref_id, link_id, ref_id, smile_link) and `warnings` names the field found; Create a Verification Link passes your own Partner Params, which come back with the result, so a workflow can match on its own reference.',
	},
	{
		id: 'link-partner-params',
		title: 'Create a Verification Link accepts partner_params and returns them with the result',
		assumed:
			'POST /v1/smile_links takes a `partner_params` object and every job run through the link returns those pairs in its PartnerParams.',
		source:
			'Docs: for every job, partner_params "any additional key value pairs you wish to include for tracking which will be returned in the response". The Smile Links page does not list partner_params for Create.',
		refutedBy:
			"Create with Partner Params is refused, or a link job's PartnerParams lack the pairs sent.",
		whenWrong:
			"Create fails with Smile ID's own error (nothing is billed: a link costs nothing until completed); leave Partner Params empty and match on User ID (single-use links) or on linkRefId.",
	},
	{
		id: 'link-privacy-policy-optional',
		title: 'data_privacy_policy_url is optional when creating a link',
		assumed: 'Create a Verification Link succeeds without `data_privacy_policy_url`.',
		source:
			'Guess: the Smile Links page lists the privacy policy among the page customisations without saying it is required; an independent reading required it.',
		refutedBy: 'Create without a privacy policy URL is refused (e.g. 2213, missing parameter).',
		whenWrong:
			'The node does not refuse it before sending (the docs do not say it is required); when Smile ID refuses, the error names the field to fill: Privacy Policy URL.',
	},
	{
		id: 'link-answer-fields',
		title: 'Link answers carry link, ref_id and the link settings by these names',
		assumed:
			'Create answers `{link, ref_id, success}`; Get Link and Get Many answer links with `ref_id`, `link` (or `url`), `expires_at`, `is_single_use`, `is_disabled`, `user_id`, `name`.',
		source:
			'Docs (Smile Links REST API) name the Create fields; the fields of Get and Get Many are read from the request fields and SDK models.',
		refutedBy: 'A link answer without `link`/`ref_id`, or with the settings under other names.',
		whenWrong:
			"The summary fields are null and the whole answer is in `raw`; Create without a `link` in the answer fails with Smile ID's answer in the error.",
	},
	{
		id: 'link-disable-field',
		title: 'Update disables a link with is_disabled',
		assumed: 'PUT /v1/smile_links/{ref_id} with `is_disabled: true` disables the link.',
		source: "Guess from the Get answer's field name; the docs page shows no Update body.",
		refutedBy: 'After Update with Disable, Get Link does not say `is_disabled: true`.',
		whenWrong:
			'Update answers what Smile ID answered (in `raw`); the sandbox report flags it. A link that stays enabled costs nothing until a customer completes it.',
	},
	{
		id: 'links-list-unpaged',
		title: 'An answer of Get All Links without paging fields holds every link',
		assumed:
			"GET /v1/smile_links answers all the partner's links at once unless the answer itself announces more pages.",
		source: 'Guess: the docs page documents no paging parameters or fields.',
		refutedBy:
			'A link just created is missing from Get Many (Return All), or the answer carries paging fields the package does not read.',
		whenWrong:
			'Get Many returns the links it read, never an error; the sandbox report shows the missing link, and Get Link by refId still finds it.',
	},
	{
		id: 'links-list-shape',
		title: 'Get Many Links answers a list, bare or under links / data',
		assumed: 'The list of links is the answer itself or sits under `links` or `data`.',
		source: 'Guess: the docs page shows no example answer.',
		refutedBy: 'An answer that is an object without `links` or `data` arrays.',
		whenWrong:
			'Get Many returns no items, never an error; the sandbox report flags the empty list, and Get Link by refId still finds a link.',
	},
	{
		id: 'basic-kyc-answer',
		title: 'Basic KYC answers like Enhanced KYC, with codes 1020 to 1023',
		assumed:
			"Basic KYC's synchronous answer has `ResultCode` (1020 exact, 1021 partial, 1022 no match, 1023 not found), `ResultText`, `Actions` and PartnerParams, like Enhanced KYC.",
		source:
			"Guess: the stored Basic KYC page stops before its response table; the codes come from the docs' result-code page, the shape from Enhanced KYC.",
		refutedBy:
			'A Basic KYC answer without `ResultCode`, with another code, or Actions keys the package does not explain.',
		whenWrong:
			'An answer without ResultCode is an error that keeps Smile ID\'s answer; an unknown code or Action passes through (outcome from the code table, else "error" with the answer in `raw`), never dropped.',
	},
	{
		id: 'kyc-async-ack',
		title: 'Asynchronous ID-number jobs are acknowledged with success: true',
		assumed:
			'POST /v1/async_id_verification (and Basic KYC\'s async route) answers `{"success": true}` and sends the result to the callback URL.',
		source: 'SDKs (MORE-PRODUCTS.md); the docs show the callback, not the acknowledgement.',
		refutedBy: 'An accepted asynchronous job answered with anything but `success: true`.',
		whenWrong:
			'The item fails with Smile ID\'s answer; retrying the same job ID meets "job already exists" (2215), never a second paid job, and the result can be read with Job Status.',
	},
	{
		id: 'job-types',
		title: 'Job types per product',
		assumed:
			"Basic KYC and Enhanced KYC are job type 5, Enhanced Document Verification 11, AML 10, Biometric KYC 1; a result's PartnerParams.job_type says which product it was.",
		source:
			'SDKs (NOTES.md, MORE-PRODUCTS.md); the docs pages of Basic KYC and AML do not show the job type.',
		refutedBy: 'A result whose PartnerParams.job_type differs from the one sent for that product.',
		whenWrong:
			"The output's `product` follows the operation that ran it, result codes are looked up across products, and the job type Smile ID answered is kept in `jobType` and `partnerParams`.",
	},
	{
		id: 'job-status-shape',
		title: 'Job Status answers job_complete, job_success and the latest result as an object',
		assumed:
			'`/v1/job_status` answers `code: "2302"`, `job_complete` and `job_success` (booleans or "true"/"false"), and `result` as an object in the callback\'s shape (or a string while pending).',
		source:
			'Docs (job status example) for the fields; the string forms of the booleans and a string `result` are guesses.',
		refutedBy:
			'A job status answer whose flags are in another form or whose final `result` is not an object.',
		whenWrong:
			'The result reads as not final (provisional or pending), never as a final approval, and the whole answer is kept in `raw`.',
	},
	{
		id: 'job-status-signed',
		title: 'Job Status answers are signed like requests',
		assumed:
			"Every job status answer carries `signature` and `timestamp`, the signature computed like a request's with the partner's API key.",
		source:
			'SDKs (NOTES.md: the official SDKs verify it); the docs mention the fields but not that they must be checked.',
		refutedBy:
			'A sandbox job status answer without a signature, or one that does not verify with the sandbox key.',
		whenWrong:
			'Job Status refuses an unverifiable answer and says so (a forged "approved" must never pass); the sandbox report shows it as refuted, which blocks a release.',
	},
	{
		id: 'timestamp-forms',
		title: 'Smile ID timestamps are ISO 8601, zone-less ISO, Ruby Time#to_s or Unix time',
		assumed:
			'The timestamps Smile ID signs (job status answers, callbacks) are in one of the forms core/timestamp.ts reads.',
		source:
			"Docs examples (`2021-08-12T17:57:00.614879`) and the SDKs' forms; no docs page fixes the form.",
		refutedBy: 'A signed timestamp from the sandbox that core/timestamp.ts cannot read.',
		whenWrong:
			'The signature is still checked over the exact text; only the freshness check cannot be done, so the answer or callback is refused with a message saying the time cannot be read (a freshness window of 0 accepts it).',
	},
	{
		id: 'callback-shape',
		title:
			'Result callbacks carry signature, timestamp, PartnerParams, ResultCode and IsFinalResult in the body',
		assumed:
			'Smile ID posts results as JSON with `signature` and `timestamp` in the body, `PartnerParams`, `ResultCode`, `ResultText`, `SmileJobID` and `IsFinalResult` ("true"/"false" or booleans).',
		source:
			'Docs (callback examples and signature page); the boolean forms of IsFinalResult are a guess.',
		refutedBy:
			'A callback reaching the trigger without a body signature or with results under other names.',
		whenWrong:
			'An unsigned callback is refused with 401 and the result stays readable with Job Status; fields under other names pass through in `raw` and the outcome is "pending" or "error", never "approved".',
	},
	{
		id: 'prep-upload-answer',
		title: 'Prep upload answers code 2202 with upload_url, ref_id and smile_job_id',
		assumed:
			'A job accepted by /v1/upload answers HTTP 200 with `code: "2202"`, `upload_url`, `ref_id`, `smile_job_id`.',
		source:
			'SDKs (NOTES.md); the docs show the request and an example answer, not which field means success.',
		refutedBy: 'An accepted prep upload answered without `code: "2202"` or without `upload_url`.',
		whenWrong:
			"The item fails before any upload with Smile ID's answer; nothing was uploaded, so nothing is billed, and a retry of the same job is safe.",
	},
	{
		id: 'upload-put',
		title: 'The zip upload is a PUT with Content-Type application/zip, any 2xx is success',
		assumed:
			'The presigned `upload_url` takes a PUT of the zip with `Content-Type: application/zip`; any 2xx means stored.',
		source: 'SDKs (NOTES.md: without the content type the upload answers 403).',
		refutedBy: 'The sandbox upload of a well-formed zip answers non-2xx.',
		whenWrong:
			'The item fails naming the job; rerun with Retry a Failed Upload, which reuses the job instead of creating a second one.',
	},
	{
		id: 'retry-flag',
		title: 'The prep-upload retry flag is a JSON boolean and reuses the job',
		assumed:
			'`retry: true` on /v1/upload for a job_id whose upload failed answers with the same smile_job_id instead of 2215.',
		source:
			'SDKs (the 2215 text: "Did you mean to set the retry flag to true?"); the docs do not list `retry`.',
		refutedBy: 'A retried prep upload answered 2215 or with a new smile_job_id.',
		whenWrong:
			'The item fails with 2215 and the advice to read the job with Job Status; a second paid job is never created.',
	},
	{
		id: 'use-enrolled-image',
		title: 'use_enrolled_image is a Document Verification option only',
		assumed:
			'Only Document Verification (job 6) can use the enrolled selfie; Enhanced Document Verification is sent `use_enrolled_image: false` and needs a selfie.',
		source:
			'Docs: "Performing Document Verification with a Registered User\'s Selfie" is on the Document Verification page only; the Enhanced Document Verification page requires a selfie.',
		refutedBy:
			'An Enhanced Document Verification prep upload with `use_enrolled_image: false` refused.',
		whenWrong:
			"Verify with Authority offers no Use Enrolled Selfie; a refused prep upload costs nothing and the error shows Smile ID's answer.",
	},
	{
		id: 'compare-answer',
		title: 'SmartSelfie Compare answers synchronously with code and job_id',
		assumed:
			'/v2/smart-selfie-compare answers the result at once: `code` (a verification result code), `job_id`, `partner_params`.',
		source:
			"SDKs (NOTES.md) and the docs' request description; the answer's field names are not shown in the docs.",
		refutedBy: 'A compare answer without a verification result `code` or without `job_id`.',
		whenWrong:
			"The item fails with Smile ID's answer in the error; Compare has no retry flag, a repeat meets 2215, never a second job.",
	},
	{
		id: 'aml-answer',
		title: 'AML answers Actions.Listed, no_of_persons_found and people',
		assumed:
			'/v1/aml answers synchronously with `Actions.Listed` ("Listed" / "Not Listed"), `no_of_persons_found` and `people`.',
		source: 'Docs (AML page, example answer); the values of Listed beyond the example are a guess.',
		refutedBy: 'An AML answer without Actions, or a Listed value other than the two.',
		whenWrong:
			'Without Actions the item fails keeping the answer; an unknown Listed value with persons found is "under_review", never "approved".',
	},
	{
		id: 'rate-limit-reset-answer',
		title: 'ID number rate-limit reset answers success and message',
		assumed: '/v1/id_number_rate_limit_reset answers `{success: true, message}` on success.',
		source: 'Docs (rate limit page) name the request; the success field of the answer is a guess.',
		refutedBy: 'An accepted reset answered without `success: true`.',
		whenWrong:
			"The item fails with Smile ID's answer in the error; a reset creates no job, so running it again is safe.",
	},
	{
		id: 'error-answer-fields',
		title: 'Error answers carry code and error',
		assumed:
			'Refused requests answer a JSON body with `code` and `error` (or `ResultCode` and `message`).',
		source:
			'Docs (error tables show codes and texts); the field names of the error body are from the SDKs.',
		refutedBy: 'A refused request whose body has neither `code` nor `ResultCode`.',
		whenWrong:
			'The error falls back to the HTTP status and the body as received; the advice says whether anything was billed.',
	},
	{
		id: 'live-lists',
		title: 'The live lists: /v1/services and /v1/products_config',
		assumed:
			'GET /v1/services answers `id_types {CC: {ID_TYPE: [fields]}}` and `hosted_web`; POST /v1/products_config answers `idSelection` and `consentRequired`.',
		source: 'SDKs (MORE-PRODUCTS.md); the docs pages mention the routes without their answers.',
		refutedBy:
			'A services answer without `id_types`, or a products_config answer without `idSelection`.',
		whenWrong:
			'Look Up checks with the built-in ID type table instead; an ID type that table does not know is sent with a warning, not refused.',
	},
];

module.exports = { ASSUMPTIONS };
