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
		title: 'Get All Links pages are announced by paging fields; an answer without them is one page',
		assumed:
			'GET /v1/smile_links announces a next page by `next` / `next_page` (a link, of which only the query is used, or a page number), `page` / `current_page` with `total_pages` / `last_page`, `total` / `total_count` above the links read, or `has_more`, on the answer or under `meta` / `pagination`; later pages are asked for with `?page=n`. An answer with none of these holds every link.',
		source: 'Guess: the docs page documents no paging parameters or fields.',
		refutedBy:
			'A link just created is missing from Get Many (Return All), or the answer carries paging fields the package does not read.',
		whenWrong:
			'Get Many returns the links it read, never an error (an empty page or a page of links already read ends the list); the sandbox report shows the missing link, and Get Link by refId still finds it.',
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
	{
		id: 'link-created-at',
		title: "A listed link's creation time is created_at",
		assumed:
			'Each link in the Get All Links answer carries its creation time as `created_at` (or `createdAt`, `date_created`, `created`), a date string or epoch milliseconds.',
		source: 'Guess: the docs page shows no listed link; the field names are the common ones.',
		refutedBy: 'A listed link with none of these fields, or with a value Date.parse cannot read.',
		whenWrong:
			'Only the recovery of a Create whose answer was lost uses it: a matching link without a readable creation time makes the error say the node cannot tell whether it is its own (use Get Many to look), never a second link made silently.',
	},
	{
		id: 'link-refusal-codes',
		title: 'Link refusals are told apart by code, HTTP status and text',
		assumed:
			'Smile ID refuses a second usable single-use link for the same user ID with 2215 (or HTTP 409, or words like "already exists"); 2205 / 401 / 403 is a signature refusal, 404 or "not found" an unknown link, 5xx or 2201 a server fault.',
		source:
			"Smile ID's V3 links spec for 2215; the docs list no error codes for the Smile Links routes.",
		refutedBy:
			'A link refusal whose code, status and text fall in another class than its meaning (e.g. a duplicate single-use link refused with 2213).',
		whenWrong:
			"A refusal not recognised is treated as bad input: the item fails with Smile ID's code and text and the advice that nothing was changed and which fields to check; the node does not retry it.",
	},
	{
		id: 'kyb-answer-fields',
		title:
			'KYB answers company_information, directors, beneficial_owners, fiduciaries, proprietors and the Actions Verify_Business / Return_Business_Info',
		assumed:
			'A Business Verification answer carries `company_information` (an object), `directors`, `beneficial_owners`, `fiduciaries` and `proprietors` (lists), and Actions `Verify_Business` and `Return_Business_Info`.',
		source:
			"Smile ID's Python SDK example answer; the stored Business Verification pages stop before their response tables.",
		refutedBy:
			'A KYB answer with ResultCode 1012 whose company record or lists sit under other names, or with other Action names.',
		whenWrong:
			'`company` is null and the lists are empty, but `raw` holds the whole answer; an unknown Action passes through in `actions` and `checks` (without an explanation), never an error.',
	},
	{
		id: 'kyb-ng-business-types',
		title: 'Nigerian business types are bn, co and it',
		assumed:
			'A Nigerian BUSINESS_REGISTRATION search needs `business_type` bn (Business Name), co (Company) or it (Incorporated Trustees); a TAX_INFORMATION search sends none.',
		source:
			'A third-party snippet: the stored Nigeria Business Registration page is cut off before its list of business types.',
		refutedBy:
			'The sandbox refuses business_type co for a registration search, or accepts a search without it.',
		whenWrong:
			"The node refuses other values before sending (nothing billed); a refusal by Smile ID fails the item with Smile ID's code and text.",
	},
	{
		id: 'kyb-country-rules',
		title: 'KYB numbers: ZA checked anchored, Kenya and other countries sent unchecked',
		assumed:
			"South African registration numbers are checked with the docs' regex anchored (2000/000000/00); Kenya has no published regex, so any non-empty number is sent; a country other than NG, KE or ZA is sent with a warning rather than refused.",
		source:
			'The KYB ID Number Regex page gives no anchors and no Kenyan regex; the Supported Countries page lists more countries than the regex page.',
		refutedBy:
			'The sandbox refuses a ZA number in the anchored format, or answers a Kenyan or other-country search with a format refusal.',
		whenWrong:
			"Smile ID's refusal fails the item with its code and text; for a country without rules, `warnings` says the number was sent unchecked.",
	},
	{
		id: 'phone-request-body',
		title: 'Phone Number Verification takes phone_number and match_fields at /v2/verify-phone',
		assumed:
			'POST /v2/verify-phone (sync) and /v2/async-verify-phone take `country`, `phone_number`, `match_fields` (first_name, other_name, last_name, id_number; empty ones left out) and `partner_params`, signed in SmileID-* headers.',
		source:
			"Docs' Phone Number Verification page names the routes and match fields without a full body; Smile ID's Go SDK calls the sync route /v2/verify-phone-number (the simulator serves both).",
		refutedBy:
			'The sandbox refuses the request for a missing or unknown field, or answers 404 at /v2/verify-phone.',
		whenWrong:
			"The item fails with Smile ID's code and text (a refused request creates no job); the retry rules of the JSON jobs keep one job per job ID.",
	},
	{
		id: 'phone-answer',
		title: 'Phone answers 1020-1023 with Names / ID_Number Actions',
		assumed:
			'A found number answers ResultCode 1020 (exact), 1021 (partial) or 1022 (no match), 1023 when not found, with Actions `Names` and (KE, ZA) `ID_Number` holding the match result, like Basic KYC.',
		source:
			"Guess from Basic KYC and the docs' result-code page; the stored phone page stops before its response table.",
		refutedBy:
			'A phone answer with another code for the test number, or the match results under other Action names.',
		whenWrong:
			'`matches` holds only the Actions it knows (names, idNumber, phoneNumber); every Action and the whole answer stay in `actions` and `raw`; an unknown code is looked up across products, else outcome "error" with the answer kept.',
	},
	{
		id: 'phone-id-number-formats',
		title: "Phone verification's ID numbers follow the national ID formats",
		assumed:
			"The ID number matched in Kenya (1 to 9 digits) and South Africa (13 digits) has the format of the ID-number docs' NATIONAL_ID regexes.",
		source:
			'The phone page names the match field without a format; the regexes come from the ID-number docs.',
		refutedBy: 'The sandbox test ID for a phone verification does not fit the regex.',
		whenWrong:
			'The node refuses such a number before sending, naming the field and the format (nothing billed); enter the number as the ID-number docs give it.',
	},
	{
		id: 'address-request-body',
		title:
			'Address Verification takes full_name, address and id_number (ZA) or utility_number (NG)',
		assumed:
			'POST /v2/async-verify-address takes `country`, `full_name`, `address`, `callback_url`, `partner_params` and `id_number` (ZA, 13 digits) or `utility_number` (NG, sent unchecked: no published format), signed in SmileID-* headers; there is no sync route.',
		source:
			"Docs' Digital Address Verification page names the fields per country without a full body or a Nigerian utility number format.",
		refutedBy: 'The sandbox refuses the request for a missing or unknown field.',
		whenWrong:
			"The item fails with Smile ID's code and text (a refused request creates no job); the retry rules of the JSON jobs keep one job per job ID.",
	},
	{
		id: 'address-answer',
		title: 'Address answers 1020/1021 with distance and reason fields',
		assumed:
			'A found identifier answers ResultCode 1020 or 1021; the verdict is the ResultText and the distance and reason come in fields named `distance` / `Distance` / `distance_km` and `reason` / `Reason` / `match_reason`.',
		source: 'Guess: the stored address page shows no answer body.',
		refutedBy:
			'An address result for the test number with another code, or distance and reason under other names.',
		whenWrong:
			'`distance` and `reason` are null and the whole answer is in `raw`; an unknown code is looked up across products, else outcome "error" with the answer kept, never dropped.',
	},
	{
		id: 'result-type-products',
		title: 'Phone and address results are known by their ResultType',
		assumed:
			'Phone and address results carry no PartnerParams.job_type; ResultType "Phone Number Verification" or "Address Verification" / "Digital Address Verification" says which product they are.',
		source: 'Guess: the docs show no job type and no result body for either product.',
		refutedBy:
			'A phone or address result (Job Status or callback) with a job type, or with another ResultType.',
		whenWrong:
			'A job type, when present, decides the product; a result with neither is product "general": result codes are looked up across products and the answer is kept in `raw`.',
	},
	{
		id: 'repeat-2215-unbilled',
		title: 'A request refused with 2215 is not billed',
		assumed:
			'When a job ID already exists, Smile ID refuses the request with 2215 and bills nothing for it; the job it names is the one billed.',
		source:
			"Docs' error table names 2215 (job already exists) without saying whether it is billed.",
		refutedBy:
			'Not visible in an answer: the sandbox account statement would show a charge for the refused request.',
		whenWrong:
			'The node never sends a new job ID on its own after 2215: it reads the first job with Job Status (tool calls) or tells the user to, so at most the refused request itself would be charged.',
	},
	{
		id: 'job-status-all-products',
		title: 'Job Status answers for Enhanced KYC and AML jobs',
		assumed:
			'POST /v1/job_status answers the result of synchronous Enhanced KYC and AML jobs (and of the other JSON jobs), not only of upload jobs.',
		source: "Docs' Job Status page describes it for every job; the SDKs use it for upload jobs.",
		refutedBy:
			'Job Status of a just-answered Enhanced KYC job says the job is unknown or not complete.',
		whenWrong:
			"A repeated tool call's answer (which reads the first job with Job Status) fails with Smile ID's answer and the job ID to check; no second job is created.",
	},
	{
		id: 'unbilled-operations',
		title: 'Reset Rate Limit and link Get / Get Many / Update are not billed',
		assumed:
			'The ID number rate-limit reset and reading or updating a Smile Link create no job and are not charged as verifications.',
		source:
			"Guess: Smile ID's docs name no price for them; the tool descriptions say they create no job.",
		refutedBy:
			'Not visible in an answer: the sandbox account statement would show a charge for them.',
		whenWrong:
			'The tool descriptions say "creates no Smile ID job" rather than "free" for these; an agent may call them repeatedly.',
	},
	{
		id: 'tool-job-id-format',
		title: 'Smile ID accepts the n8n-tool- job IDs',
		assumed:
			'A job ID of `n8n-tool-` followed by 40 hex digits (49 characters) is accepted as a partner job ID.',
		source: 'Guess: the docs give no length or character rules for job_id.',
		refutedBy: 'A job sent with such a job ID is refused for its job_id.',
		whenWrong:
			"The tool call fails with Smile ID's refusal (nothing billed); give the tool a Job ID of your own.",
	},
];

module.exports = { ASSUMPTIONS };
