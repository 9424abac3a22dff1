import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { signRequest } from '../nodes/SmileId/core/signature';
import { resolveBaseUrl, SANDBOX_URL, PRODUCTION_URL } from '../nodes/SmileId/core/environment';
import { SOURCE_SDK, SOURCE_SDK_VERSION } from '../nodes/SmileId/core/jobPayload';
import { lookupResultCode, type Product } from '../nodes/SmileId/core/resultCodes';

/** A credential test rule that answers Smile ID's code with the catalogue's advice. */
function adviceRule(code: string, product: Product) {
	const entry = lookupResultCode(code, product);
	return {
		type: 'responseSuccessBody' as const,
		properties: { key: 'code', value: code, message: entry?.remedy ?? entry?.text ?? code },
	};
}

function requestPath(options: IHttpRequestOptions): string {
	return options.url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0];
}

/**
 * Where each route carries the signature, as its product's docs page says:
 *
 * | route | signature |
 * |---|---|
 * | POST /v1/* (Enhanced KYC, Business Verification, AML, Job Status, …) | JSON body: partner_id, signature, timestamp |
 * | POST /v1/upload | JSON body, the partner field named smile_client_id |
 * | GET /v1/* (Smile Links) | query |
 * | POST /v2/verify, /v2/verify_async (Basic KYC) | JSON body, like v1 |
 * | POST /v2/smart-selfie-compare, /v2/verify-phone, /v2/async-verify-phone, /v2/async-verify-address | SmileID-* headers |
 *
 * GET /v1/services is public and unsigned; the presigned zip upload and image downloads never
 * use this credential.
 */
const BODY_SIGNED_V2 = /\/v2\/verify(?:_async)?\/?$/;

/** Phone and address verification name the integration in headers too (docs' request headers). */
const SOURCE_SDK_HEADERS_V2 = /\/v2\/(?:async-)?verify-(?:phone|address)\/?$/;

/** Signs every request made with this credential where the table above says. */
export const signSmileIdRequest: IAuthenticate = async (
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> => {
	const partnerId = String(credentials.partnerId ?? '');
	const { signature, timestamp } = signRequest(String(credentials.apiKey ?? ''), partnerId);
	const signed: IHttpRequestOptions = { ...requestOptions };
	if (!signed.baseURL && signed.url.startsWith('/')) {
		signed.baseURL = resolveBaseUrl(credentials);
	}
	const path = requestPath(signed);
	// GET /v1/services is public: nothing to sign, and no reason to send the signature along.
	if (signed.method === 'GET' && /\/v1\/services\/?$/.test(path)) return signed;
	if (path.includes('/v2/') && !BODY_SIGNED_V2.test(path)) {
		signed.headers = {
			...signed.headers,
			'SmileID-Partner-ID': partnerId,
			'SmileID-Timestamp': timestamp,
			'SmileID-Request-Signature': signature,
			...(SOURCE_SDK_HEADERS_V2.test(path)
				? { 'SmileID-Source-SDK': SOURCE_SDK, 'SmileID-Source-SDK-Version': SOURCE_SDK_VERSION }
				: {}),
		};
		return signed;
	}
	if (signed.method === 'GET') {
		// A v1 GET (Smile Links' Get a Link / Get All Links) has no body to carry the signature.
		signed.qs = { ...signed.qs, partner_id: partnerId, signature, timestamp };
		return signed;
	}
	const partnerField = /\/v1\/upload\/?$/.test(path) ? 'smile_client_id' : 'partner_id';
	const body = (
		typeof signed.body === 'object' && signed.body !== null ? signed.body : {}
	) as Record<string, unknown>;
	signed.body = { ...body, [partnerField]: partnerId, signature, timestamp };
	return signed;
};

export class SmileIdApi implements ICredentialType {
	name = 'smileIdApi';

	displayName = 'Smile ID API';

	icon: Icon = { light: 'file:../icons/smileid.svg', dark: 'file:../icons/smileid.dark.svg' };

	documentationUrl =
		'https://docs.usesmileid.com/integration-options/rest-api/signing-your-api-request';

	properties: INodeProperties[] = [
		{
			displayName: 'Partner ID',
			name: 'partnerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 085',
			description:
				'Your partner ID from the Smile ID portal, exactly as shown there (leading zeros matter: "085" is not "85")',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The signature API key from the Smile ID portal. Sandbox and production have different keys.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: SANDBOX_URL,
			options: [
				{ name: 'Sandbox', value: SANDBOX_URL, description: SANDBOX_URL },
				{ name: 'Production', value: PRODUCTION_URL, description: PRODUCTION_URL },
				{
					name: 'Custom',
					value: 'custom',
					description: 'Another base URL, e.g. a proxy or the offline Smile ID simulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:4010',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the Smile ID API, without a trailing path such as /v1',
		},
	];

	authenticate = signSmileIdRequest;

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment }}',
			url: '/v1/job_status',
			method: 'POST',
			body: {
				user_id: 'n8n-credential-test',
				job_id: 'n8n-credential-test',
				image_links: false,
				history: false,
			},
			ignoreHttpStatusErrors: true,
		},
		// Job status of a job that cannot exist: "job not found" (2304) proves the signature
		// was accepted, while a wrong key, environment or partner ID answers 2305.
		rules: [
			adviceRule('2305', 'job_status'),
			adviceRule('2205', 'general'),
			adviceRule('2405', 'general'),
			adviceRule('2220', 'general'),
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: undefined as unknown as string,
					message:
						'The server answered, but not like the Smile ID API. Check the environment and, for Custom, the base URL.',
				},
			},
		],
	};
}
