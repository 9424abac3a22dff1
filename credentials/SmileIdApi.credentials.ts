import type {
	IAuthenticate,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestMethods,
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

/** Where a request carries the signature (partner ID, signature, timestamp). */
export type SignaturePlacement =
	/** Public: nothing signed, nothing sent along. */
	| 'unsigned'
	/** JSON body: partner_id, signature, timestamp. */
	| 'body'
	/** JSON body, the partner field named smile_client_id. */
	| 'body_smile_client_id'
	/** Query: partner_id, signature, timestamp (a GET has no body). */
	| 'query'
	/** SmileID-Partner-ID, SmileID-Timestamp, SmileID-Request-Signature headers. */
	| 'headers'
	/** Those headers and the integration's SmileID-Source-SDK(-Version) headers. */
	| 'headers_source_sdk';

export interface SigningRoute {
	method: IHttpRequestMethods;
	/** The path; `:name` stands for one path segment. */
	path: string;
	placement: SignaturePlacement;
}

/**
 * Every route the nodes call and where it carries the signature, as its product's docs page
 * says; test/unit/credentials/SmileIdApi.credentials.test.js fails when the nodes call a route missing here.
 * The presigned zip upload and image downloads never use this credential.
 */
export const SIGNING_ROUTES: readonly SigningRoute[] = [
	{ method: 'GET', path: '/v1/services', placement: 'unsigned' },
	{ method: 'POST', path: '/v1/products_config', placement: 'body' },
	{ method: 'POST', path: '/v1/valid_documents', placement: 'body' },
	{ method: 'POST', path: '/v1/upload', placement: 'body_smile_client_id' },
	{ method: 'POST', path: '/v1/job_status', placement: 'body' },
	{ method: 'POST', path: '/v1/id_verification', placement: 'body' },
	{ method: 'POST', path: '/v1/async_id_verification', placement: 'body' },
	{ method: 'POST', path: '/v1/id_number_rate_limit_reset', placement: 'body' },
	{ method: 'POST', path: '/v1/business_verification', placement: 'body' },
	{ method: 'POST', path: '/v1/async_business_verification', placement: 'body' },
	{ method: 'POST', path: '/v1/aml', placement: 'body' },
	{ method: 'POST', path: '/v1/smile_links', placement: 'body' },
	{ method: 'GET', path: '/v1/smile_links', placement: 'query' },
	{ method: 'GET', path: '/v1/smile_links/:refId', placement: 'query' },
	{ method: 'PUT', path: '/v1/smile_links/:refId', placement: 'body' },
	{ method: 'POST', path: '/v2/verify', placement: 'body' },
	{ method: 'POST', path: '/v2/verify_async', placement: 'body' },
	{ method: 'POST', path: '/v2/smart-selfie-compare', placement: 'headers' },
	{ method: 'POST', path: '/v2/verify-phone', placement: 'headers_source_sdk' },
	{ method: 'POST', path: '/v2/async-verify-phone', placement: 'headers_source_sdk' },
	{ method: 'POST', path: '/v2/async-verify-address', placement: 'headers_source_sdk' },
];

function routePattern(path: string): RegExp {
	const segments = path
		.split('/')
		.map((segment) =>
			segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
		);
	return new RegExp(`${segments.join('/')}/?$`);
}

const ROUTE_PATTERNS = SIGNING_ROUTES.map((route) => ({
	route,
	pattern: routePattern(route.path),
}));

/** The table's entry for a request, or undefined for a route the nodes do not call. */
export function findSigningRoute(method: string, path: string): SigningRoute | undefined {
	return ROUTE_PATTERNS.find(({ route, pattern }) => route.method === method && pattern.test(path))
		?.route;
}

/**
 * Where a request carries the signature: the table's entry, or for a route it does not list
 * (e.g. called through the HTTP Request node with this credential) its API version's rule:
 * v2 in headers, a v1 GET in the query, anything else in the body.
 */
export function signaturePlacement(method: string, path: string): SignaturePlacement {
	const listed = findSigningRoute(method, path);
	if (listed) return listed.placement;
	if (path.includes('/v2/')) return 'headers';
	return method === 'GET' ? 'query' : 'body';
}

/** Signs every request made with this credential where `SIGNING_ROUTES` says. */
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
	const placement = signaturePlacement(signed.method ?? '', requestPath(signed));
	if (placement === 'unsigned') return signed;
	if (placement === 'headers' || placement === 'headers_source_sdk') {
		signed.headers = {
			...signed.headers,
			'SmileID-Partner-ID': partnerId,
			'SmileID-Timestamp': timestamp,
			'SmileID-Request-Signature': signature,
			...(placement === 'headers_source_sdk'
				? { 'SmileID-Source-SDK': SOURCE_SDK, 'SmileID-Source-SDK-Version': SOURCE_SDK_VERSION }
				: {}),
		};
		return signed;
	}
	if (placement === 'query') {
		signed.qs = { ...signed.qs, partner_id: partnerId, signature, timestamp };
		return signed;
	}
	const partnerField = placement === 'body_smile_client_id' ? 'smile_client_id' : 'partner_id';
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
