/**
 * The ID types an ID number can be looked up with (Enhanced KYC, Biometric KYC): label,
 * required fields, Smile ID's id_number_regex and whether consent is required. The built-in
 * table is the offline fallback; Smile ID's live lists (GET /v1/services, POST
 * /v1/products_config) are read into the same shape, so dropdowns and checks share one source.
 */

/** Smile ID's names for the request fields an ID type may require. */
export type IdInfoField =
	| 'country'
	| 'id_type'
	| 'id_number'
	| 'first_name'
	| 'last_name'
	| 'dob'
	| 'bank_code'
	| 'phone_number';

export interface IdNumberType {
	label: string;
	/** As Smile ID publishes it; undefined where no pattern is known. */
	idNumberRegex?: string;
	requiredFields: IdInfoField[];
	/** Smile ID refuses the lookup without the user's consent. */
	consentRequired: boolean;
	/** An ID number Smile ID's sandbox answers for, shown as the example format. */
	example?: string;
}

export type IdNumberTypeTable = Record<string, Record<string, IdNumberType>>;

/** The fields every ID number lookup sends. */
export const ALWAYS_REQUIRED_FIELDS: IdInfoField[] = ['country', 'id_type', 'id_number'];

function type(
	label: string,
	idNumberRegex: string,
	example: string,
	options: { extra?: IdInfoField[]; consent?: boolean } = {},
): IdNumberType {
	return {
		label,
		idNumberRegex,
		requiredFields: [...ALWAYS_REQUIRED_FIELDS, ...(options.extra ?? [])],
		consentRequired: options.consent === true,
		example,
	};
}

/**
 * Offline fallback, from Smile ID's "ID Number Regex" and supported-ID pages. Consent is
 * marked where Smile ID's lists required it for Nigerian ID types at the time of writing;
 * the live products_config overrides it.
 */
export const BUILT_IN_ID_NUMBER_TYPES: IdNumberTypeTable = {
	CI: {
		NATIONAL_ID_NO_PHOTO: type('National ID (without Photo)', '^[A-Z]{1}[0-9]{10}$', 'C0000000000'),
	},
	GH: {
		GHANA_CARD: type('Ghana Card', '^[a-zA-Z]{3}-?\\d{9}-?\\d{1}$', 'GHA-000000000-0'),
		PASSPORT: type('Passport', '^(?i)G[a-zA-Z0-9]{7,9}$', 'G0000000'),
		VOTER_ID: type("Voter's ID", '^[0-9]{10,12}$', '0000000000'),
	},
	KE: {
		ALIEN_CARD: type('Alien Card', '^[0-9]{6,9}$', '000000'),
		KRA_PIN: type('KRA PIN', '^[a-zA-Z]{1}[0-9]{9}[a-zA-Z]{1}$', 'A000000000Z'),
		NATIONAL_ID: type('National ID', '^[0-9]{1,9}$', '00000000'),
		NATIONAL_ID_NO_PHOTO: type('National ID (without Photo)', '^[0-9]{1,9}$', '00000000'),
		PASSPORT: type('Passport', '^[A-Z0-9]{7,9}$', 'A0000000'),
	},
	NG: {
		BANK_ACCOUNT: type('Bank Account', '^[0-9]{10}$', '0000000000', {
			extra: ['bank_code'],
			consent: true,
		}),
		BVN: type('BVN', '^[0-9]{11}$', '00000000000', { consent: true }),
		NIN_SLIP: type('NIN Slip', '^[0-9]{11}$', '00000000000', { consent: true }),
		NIN_V2: type('NIN V2', '^[0-9]{11}$', '00000000000', { consent: true }),
		PHONE_NUMBER: type('Phone Number', '^[0-9]{11}$', '00000000000', { consent: true }),
		V_NIN: type('Virtual NIN', '^[a-zA-Z0-9]{16}$', '0000000000000000', { consent: true }),
		VOTER_ID: type("Voter's ID", '^[a-zA-Z0-9 ]{9,29}$', '0000000000000000000', {
			consent: true,
		}),
	},
	UG: {
		NATIONAL_ID_NO_PHOTO: type('National ID (without Photo)', '^[A-Z0-9]{14}$', 'CM000000000000'),
	},
	ZA: {
		NATIONAL_ID: type('National ID', '^[0-9]{13}$', '0000000000000'),
		NATIONAL_ID_NO_PHOTO: type('National ID (without Photo)', '^[0-9]{13}$', '0000000000000'),
	},
	ZM: {
		BANK_ACCOUNT: type('Bank Account', '^[0-9]{10,16}$', '0000000000', { extra: ['bank_code'] }),
		TPIN: type('TPIN', '^[0-9]{10}$', '0000000000'),
	},
	ZW: {
		NATIONAL_ID_NO_PHOTO: type(
			'National ID (without Photo)',
			'^[0-9]{8,9}[A-Z]{1}[0-9]{2}$',
			'000000000A00',
		),
	},
};

/** The hosted_web section of /v1/services to read for each product (Enhanced Document Verification: its link rows). */
export type LookupProduct =
	| 'enhanced_kyc'
	| 'basic_kyc'
	| 'biometric_kyc'
	| 'enhanced_document_verification';

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const KNOWN_FIELDS = new Set<IdInfoField>([
	'country',
	'id_type',
	'id_number',
	'first_name',
	'last_name',
	'dob',
	'bank_code',
	'phone_number',
]);

/**
 * Reads GET /v1/services' hosted_web.<product> into the table shape, consent as the
 * built-in table has it. Undefined when the answer has no such section, so the caller falls
 * back to the built-in table.
 */
export function readServicesSection(
	services: unknown,
	product: LookupProduct,
): IdNumberTypeTable | undefined {
	if (!isRecord(services) || !isRecord(services.hosted_web)) return undefined;
	const section = services.hosted_web[product];
	if (!isRecord(section)) return undefined;
	const table: IdNumberTypeTable = {};
	for (const [country, entry] of Object.entries(section)) {
		if (!/^[A-Z]{2}$/.test(country) || !isRecord(entry) || !isRecord(entry.id_types)) continue;
		const types: Record<string, IdNumberType> = {};
		for (const [idType, raw] of Object.entries(entry.id_types)) {
			if (!isRecord(raw)) continue;
			const required = Array.isArray(raw.required_fields)
				? raw.required_fields.filter((f): f is IdInfoField => KNOWN_FIELDS.has(f as IdInfoField))
				: [...ALWAYS_REQUIRED_FIELDS];
			types[idType] = {
				label: typeof raw.label === 'string' && raw.label ? raw.label : idType,
				idNumberRegex: typeof raw.id_number_regex === 'string' ? raw.id_number_regex : undefined,
				requiredFields: required,
				consentRequired: BUILT_IN_ID_NUMBER_TYPES[country]?.[idType]?.consentRequired ?? false,
				example: typeof raw.test_data === 'string' ? raw.test_data : undefined,
			};
		}
		if (Object.keys(types).length > 0) table[country] = types;
	}
	return Object.keys(table).length > 0 ? table : undefined;
}

/**
 * Narrows a services table to what a products_config answer says this partner's account has
 * enabled (`idSelection {product: {CC: [ID_TYPE]}}`) and takes consent from it
 * (`consentRequired {CC: [ID_TYPE]}`) where it lists the country. Undefined when nothing is left.
 */
export function applyProductsConfig(
	table: IdNumberTypeTable,
	product: LookupProduct,
	productsConfig: unknown,
): IdNumberTypeTable | undefined {
	const config = isRecord(productsConfig) ? productsConfig : {};
	const consent = isRecord(config.consentRequired) ? config.consentRequired : undefined;
	const enabled =
		isRecord(config.idSelection) && isRecord(config.idSelection[product])
			? config.idSelection[product]
			: undefined;
	const narrowed: IdNumberTypeTable = {};
	for (const [country, countryTypes] of Object.entries(table)) {
		const enabledList = enabled && Array.isArray(enabled[country]) ? enabled[country] : undefined;
		if (enabled && !enabledList) continue;
		const consentList = consent && Array.isArray(consent[country]) ? consent[country] : undefined;
		const types: Record<string, IdNumberType> = {};
		for (const [idType, type] of Object.entries(countryTypes)) {
			if (enabledList && !enabledList.includes(idType)) continue;
			types[idType] = consentList
				? { ...type, consentRequired: consentList.includes(idType) }
				: type;
		}
		if (Object.keys(types).length > 0) narrowed[country] = types;
	}
	return Object.keys(narrowed).length > 0 ? narrowed : undefined;
}

/** GET /v1/services read for the product, narrowed by a products_config answer when given. */
export function parseServices(
	services: unknown,
	product: LookupProduct,
	productsConfig?: unknown,
): IdNumberTypeTable | undefined {
	const table = readServicesSection(services, product);
	return table && applyProductsConfig(table, product, productsConfig);
}

/**
 * Smile ID writes its patterns for several languages, some with a leading inline `(?i)`
 * flag that JavaScript does not accept: it becomes the `i` flag.
 */
export function compileIdNumberRegex(pattern: string): RegExp | undefined {
	let source = pattern;
	let flags = '';
	if (source.startsWith('^(?i)')) {
		source = `^${source.slice(5)}`;
		flags = 'i';
	} else if (source.startsWith('(?i)')) {
		source = source.slice(4);
		flags = 'i';
	}
	try {
		return new RegExp(source, flags);
	} catch {
		return undefined;
	}
}

export interface DocumentCountry {
	code: string;
	name: string;
	idTypes: Array<{ code: string; name: string }>;
}

/** Reads POST /v1/valid_documents (the worldwide Document Verification list); undefined if unreadable. */
export function parseValidDocuments(answer: unknown): DocumentCountry[] | undefined {
	if (!isRecord(answer) || !Array.isArray(answer.valid_documents)) return undefined;
	const countries: DocumentCountry[] = [];
	for (const entry of answer.valid_documents) {
		if (!isRecord(entry) || !isRecord(entry.country) || !Array.isArray(entry.id_types)) continue;
		const code = String(entry.country.code ?? '');
		if (!/^[A-Z]{2}$/.test(code)) continue;
		countries.push({
			code,
			name: String(entry.country.name ?? code),
			idTypes: entry.id_types
				.filter(isRecord)
				.map((t) => ({ code: String(t.code ?? ''), name: String(t.name ?? t.code ?? '') }))
				.filter((t) => t.code !== ''),
		});
	}
	return countries.length > 0 ? countries : undefined;
}
