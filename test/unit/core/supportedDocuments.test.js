const {
	SUPPORTED_DOCUMENTS,
	supportedCountries,
	idTypesForCountry,
	isPassportType,
	isSupportedDocument,
} = require('../../../dist/nodes/SmileId/core/supportedDocuments');

const types = (code) => idTypesForCountry(code).map((d) => d.idType);

describe('SUPPORTED_DOCUMENTS', () => {
	// Counted in the docs' Africa table: 295 rows over 56 countries (56 flags).
	test('row and country counts match the docs', () => {
		expect(SUPPORTED_DOCUMENTS).toHaveLength(295);
		expect(supportedCountries()).toHaveLength(56);
	});

	test('rows are well formed and unique', () => {
		const keys = new Set();
		for (const doc of SUPPORTED_DOCUMENTS) {
			expect(doc.countryCode).toMatch(/^[A-Z]{2}$/);
			expect(doc.idType).toMatch(/^[A-Z][A-Z_]*[A-Z]$/);
			expect(doc.country.trim()).not.toBe('');
			expect(doc.description.trim()).not.toBe('');
			expect(doc.description).not.toContain('*');
			keys.add(`${doc.countryCode}|${doc.idType}`);
		}
		expect(keys.size).toBe(SUPPORTED_DOCUMENTS.length);
	});

	test('every country has a passport row', () => {
		for (const { code } of supportedCountries()) {
			expect(types(code)).toContain('PASSPORT');
		}
	});

	test('id type totals match the docs', () => {
		const count = (idType) => SUPPORTED_DOCUMENTS.filter((d) => d.idType === idType).length;
		expect(count('PASSPORT')).toBe(56);
		expect(count('IDENTITY_CARD')).toBe(51);
		expect(count('TRAVEL_DOC')).toBe(49);
		expect(count('DRIVERS_LICENSE')).toBe(46);
		expect(count('RESIDENT_ID')).toBe(28);
		expect(count('VOTER_ID')).toBe(19);
		expect(count('CITIZEN_ID')).toBe(1);
	});

	test('data is frozen', () => {
		expect(Object.isFrozen(SUPPORTED_DOCUMENTS)).toBe(true);
		expect(Object.isFrozen(SUPPORTED_DOCUMENTS[0])).toBe(true);
	});
});

describe('idTypesForCountry', () => {
	test('Nigeria', () => {
		expect(types('NG')).toEqual([
			'DRIVERS_LICENSE',
			'IDENTITY_CARD',
			'PASSPORT',
			'REGISTRATION_CERTIFICATE',
			'RESIDENT_ID',
			'TRAVEL_DOC',
			'VOTER_ID',
		]);
		const passport = idTypesForCountry('NG').find((d) => d.idType === 'PASSPORT');
		expect(passport).toEqual({
			country: 'Nigeria',
			countryCode: 'NG',
			idType: 'PASSPORT',
			description: 'Passports',
		});
		expect(idTypesForCountry('NG').find((d) => d.idType === 'IDENTITY_CARD').description).toBe(
			'National IDs, Consular IDs & Diplomat IDs',
		);
	});

	test('Kenya', () => {
		expect(types('KE')).toEqual([
			'ALIEN_CARD',
			'DRIVERS_LICENSE',
			'IDENTITY_CARD',
			'PASSPORT',
			'RESIDENT_ID',
			'TRAVEL_DOC',
			'UNIFORMED_SERVICES_CARD',
		]);
		expect(idTypesForCountry('KE').find((d) => d.idType === 'IDENTITY_CARD').description).toBe(
			'Maisha Namba, National IDs, Consular IDs & Diplomat IDs',
		);
	});

	test('Ghana has ten document types including the Ghana Card', () => {
		expect(idTypesForCountry('GH')).toHaveLength(10);
		expect(idTypesForCountry('GH').find((d) => d.idType === 'IDENTITY_CARD').description).toMatch(
			/^Ghana Card/,
		);
	});

	test('Zambia footnote: NRC card uses REGISTRATION_CERTIFICATE', () => {
		const reg = idTypesForCountry('ZM').find((d) => d.idType === 'REGISTRATION_CERTIFICATE');
		expect(reg.description).toMatch(/NRC/);
	});

	test('single-row and edge countries', () => {
		expect(types('SH')).toEqual(['PASSPORT']);
		expect(types('EH')).toHaveLength(2);
		expect(types('ZA')).toContain('SEAMANS_ID');
	});

	test('country code is case-insensitive and trimmed', () => {
		expect(idTypesForCountry('ng')).toEqual(idTypesForCountry('NG'));
		expect(idTypesForCountry(' ke ')).toHaveLength(7);
	});

	test('unknown country returns []', () => {
		expect(idTypesForCountry('XX')).toEqual([]);
		expect(idTypesForCountry('US')).toEqual([]);
		expect(idTypesForCountry('')).toEqual([]);
	});

	test('returns a copy the caller may change', () => {
		const list = idTypesForCountry('NG');
		list.pop();
		expect(idTypesForCountry('NG')).toHaveLength(7);
	});
});

describe('supportedCountries', () => {
	test('unique and sorted by name', () => {
		const countries = supportedCountries();
		const names = countries.map((c) => c.name);
		expect([...names].sort((a, b) => a.localeCompare(b, 'en'))).toEqual(names);
		expect(new Set(countries.map((c) => c.code)).size).toBe(countries.length);
		expect(countries[0]).toEqual({ name: 'Algeria', code: 'DZ' });
		expect(countries[countries.length - 1]).toEqual({ name: 'Zimbabwe', code: 'ZW' });
		expect(countries).toContainEqual({ name: 'Nigeria', code: 'NG' });
		expect(countries).toContainEqual({ name: "Cote d'Ivoire", code: 'CI' });
		expect(countries).toContainEqual({ name: 'Congo, Democratic Republic of the', code: 'CD' });
	});
});

describe('isPassportType', () => {
	test.each([
		['PASSPORT', true],
		['passport', true],
		[' PASSPORT ', true],
		['DIPLOMATIC_PASSPORT', true],
		['E_PASSPORT', true],
		['TRAVEL_DOC', false],
		['IDENTITY_CARD', false],
		['DRIVERS_LICENSE', false],
		['PASSPORTS_OFFICE_CARD', false],
		['', false],
	])('%p -> %p', (idType, expected) => {
		expect(isPassportType(idType)).toBe(expected);
	});
});

describe('isSupportedDocument', () => {
	test('pairs from the table', () => {
		expect(isSupportedDocument('NG', 'PASSPORT')).toBe(true);
		expect(isSupportedDocument('ng', 'voter_id')).toBe(true);
		expect(isSupportedDocument('NG', 'NATIONAL_ID')).toBe(false);
		expect(isSupportedDocument('KE', 'VOTER_ID')).toBe(false);
		expect(isSupportedDocument('XX', 'PASSPORT')).toBe(false);
	});
});
