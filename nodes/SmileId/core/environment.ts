export const SANDBOX_URL = 'https://testapi.smileidentity.com';
export const PRODUCTION_URL = 'https://api.smileidentity.com';

export interface EnvironmentSettings {
	environment?: unknown;
	baseUrl?: unknown;
}

/** The API root for a credential; the environment option's value is the URL itself. */
export function resolveBaseUrl(settings: EnvironmentSettings): string {
	const url =
		settings.environment === 'custom'
			? String(settings.baseUrl ?? '')
			: String(settings.environment || SANDBOX_URL);
	return url.trim().replace(/\/+$/, '');
}
