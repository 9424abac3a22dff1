import type { INodeProperties } from 'n8n-workflow';

import { DEFAULT_CALLBACK_WINDOW_MINUTES } from '../core/callback';

export const userIdField = (description: string): INodeProperties => ({
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'customer-4711',
	description,
});

export const jobIdField: INodeProperties = {
	displayName: 'Job ID',
	name: 'jobId',
	type: 'string',
	default: '',
	placeholder: 'Leave empty for a new unique ID',
	description:
		'Your own reference for this job; it comes back in every result. Leave empty and the node creates a unique one. Smile ID refuses a job ID that was used before.',
};

export const callbackUrlField: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'https://your-n8n.example.com/webhook/your-trigger-path',
	description:
		"Where Smile ID posts the result. Paste the production URL of a Smile ID Trigger node (it checks the signature), or a Wait node's resume URL.",
};

export const imageSourceField: INodeProperties = {
	displayName: 'Image Source',
	name: 'imageSource',
	type: 'options',
	default: 'binary',
	options: [
		{
			name: 'Binary Property',
			value: 'binary',
			description: 'JPEG files on the input item, e.g. from HTTP Request or a form upload',
		},
		{ name: 'URL', value: 'url', description: 'Download each JPEG from a web address' },
		{ name: 'Base64', value: 'base64', description: 'JPEG bytes as base64 text' },
	],
	description:
		'Where the images come from. With URL or Base64, replace the binary property names in the image fields below with URLs or base64 text. Smile ID accepts JPEG images of up to 10 MB.',
};

export const imageField = (
	displayName: string,
	name: string,
	binaryDefault: string,
	description: string,
	required = true,
): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: binaryDefault,
	required,
	description: [
		description,
		'Give the binary property name, the URL or the base64 text, as Image Source says',
	].join(' '),
});

export const livenessField = (description: string): INodeProperties => ({
	displayName: 'Liveness Images',
	name: 'livenessImages',
	type: 'string',
	default: '',
	placeholder: 'liveness1, liveness2, liveness3, liveness4',
	description: [
		description,
		'Comma-separated binary property names, URLs or base64 texts (or an expression that returns a list)',
	].join(' '),
});

export const waitForResultFields: INodeProperties[] = [
	{
		displayName: 'Wait for Result',
		name: 'waitForResult',
		type: 'boolean',
		default: false,
		description:
			'Whether to check the job status until Smile ID has a final result, instead of returning as soon as the job is submitted',
	},
	{
		displayName: 'Wait Timeout (Seconds)',
		name: 'waitTimeout',
		type: 'number',
		default: 120,
		typeOptions: { minValue: 5, maxValue: 3600 },
		displayOptions: { show: { waitForResult: [true] } },
		description:
			'How long to wait for a final result in total. Human review can take hours; the callback URL still receives the final result after a timeout.',
	},
	{
		displayName: 'On Timeout',
		name: 'onTimeout',
		type: 'options',
		default: 'returnPending',
		displayOptions: { show: { waitForResult: [true] } },
		options: [
			{
				name: 'Return the Latest State',
				value: 'returnPending',
				description: 'Output the item with outcome "pending" (or the provisional result so far)',
			},
			{ name: 'Fail', value: 'fail', description: 'Stop with an error for this item' },
		],
	},
];

/** What an operation declares next to its execute; the router reads it. */
export interface OperationDefaults {
	/** Items sent at the same time when Items at Once is not set. */
	concurrency: number;
}

/** Each submission is a paid job: a few at a time. */
export const DEFAULT_CONCURRENCY = 5;
/** Job Status is free and changes nothing, so it checks more jobs at once by default. */
export const JOB_STATUS_DEFAULT_CONCURRENCY = 10;

const concurrencyOption: INodeProperties = {
	displayName: 'Items at Once',
	name: 'concurrency',
	type: 'number',
	default: DEFAULT_CONCURRENCY,
	typeOptions: { minValue: 1, maxValue: 50 },
	description:
		'How many items are sent to Smile ID at the same time. Output order and item pairing stay as in the input.',
};

function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options,
	};
}

export const jobStatusOptions = optionsCollection([
	{
		...concurrencyOption,
		default: JOB_STATUS_DEFAULT_CONCURRENCY,
		description:
			'How many jobs are checked at the same time. Job Status is free and changes nothing, so the default is higher than for submissions. Output order and item pairing stay as in the input.',
	},
]);

export const partnerParamsOption: INodeProperties = {
	displayName: 'Extra Partner Params',
	name: 'partnerParams',
	type: 'fixedCollection',
	placeholder: 'Add Param',
	typeOptions: { multipleValues: true },
	default: {},
	description:
		'Your own key/value pairs, e.g. a CRM record ID; Smile ID returns them in every result and callback',
	options: [
		{
			displayName: 'Param',
			name: 'param',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

const maxFailedPollsOption: INodeProperties = {
	displayName: 'Failed Status Checks Allowed',
	name: 'maxFailedPolls',
	type: 'number',
	default: 5,
	typeOptions: { minValue: 1, maxValue: 50 },
	description: 'With Wait for Result: stop waiting after this many job status checks fail',
};

const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Seconds)',
	name: 'requestTimeout',
	type: 'number',
	default: 30,
	typeOptions: { minValue: 1, maxValue: 600 },
	description:
		'How long to wait for Smile ID to answer the job request before retrying it (with the same job ID, so it is never created twice)',
};

const retryUploadOption: INodeProperties = {
	displayName: 'Retry a Failed Upload',
	name: 'retryUpload',
	type: 'boolean',
	default: false,
	description:
		'Whether this job ID was submitted before and its image upload failed. Smile ID then reuses that job instead of answering "job already exists".',
};

const imagesAsBase64Option: INodeProperties = {
	displayName: 'Send Images as Base64',
	name: 'imagesAsBase64',
	type: 'boolean',
	default: false,
	description:
		'Whether to put the images inside info.JSON as base64 instead of as files in the upload zip (files are a third smaller)',
};

/** Options of the upload jobs (Document Verification, SmartSelfie Register and Authenticate). */
export const submitOptions = optionsCollection([
	partnerParamsOption,
	concurrencyOption,
	maxFailedPollsOption,
	requestTimeoutOption,
	retryUploadOption,
	imagesAsBase64Option,
]);

/** Compare neither waits for a result, nor has a retry flag, nor builds a zip. */
export const compareOptions = optionsCollection([
	partnerParamsOption,
	concurrencyOption,
	requestTimeoutOption,
]);

export const countryField: INodeProperties = {
	displayName: 'Country Name or ID',
	name: 'country',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getDocumentCountries' },
	default: '',
	required: true,
	description:
		'Country that issued the ID, as a two-letter ISO code such as NG. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

export const freshnessWindowField: INodeProperties = {
	displayName: 'Freshness Window (Minutes)',
	name: 'windowMinutes',
	type: 'number',
	default: DEFAULT_CALLBACK_WINDOW_MINUTES,
	typeOptions: { minValue: 0 },
	description:
		"How far the callback's timestamp may be from now, either way. 0 turns the check off and lets an old captured callback be replayed: not recommended.",
};
