// @ts-check
'use strict';

/**
 * The simulator's own ID-number catalogue (it never imports the package): what
 * GET /v1/services, POST /v1/products_config and /v1/valid_documents answer, and what the
 * ID lookups check. Shapes as MORE-PRODUCTS.md describes them; a small but real subset, with
 * ID types the package's built-in table does not list (NG NIN, TZ NIN) so that tests can
 * tell a check against the live list from one against that table.
 */

/** @type {Record<string, { name: string, id_types: Record<string, { label: string, required_fields: string[], test_data: string, id_number_regex: string }> }>} */
const ID_NUMBER_TYPES = {
  GH: {
    name: 'Ghana',
    id_types: {
      GHANA_CARD: { label: 'Ghana Card', required_fields: ['country', 'id_type', 'id_number'], test_data: 'GHA-000000000-0', id_number_regex: '^[a-zA-Z]{3}-?\\d{9}-?\\d{1}$' },
    },
  },
  KE: {
    name: 'Kenya',
    id_types: {
      NATIONAL_ID: { label: 'National ID', required_fields: ['country', 'id_type', 'id_number'], test_data: '00000000', id_number_regex: '^[0-9]{1,9}$' },
      KRA_PIN: { label: 'KRA PIN', required_fields: ['country', 'id_type', 'id_number'], test_data: 'A000000000Z', id_number_regex: '^[a-zA-Z]{1}[0-9]{9}[a-zA-Z]{1}$' },
    },
  },
  NG: {
    name: 'Nigeria',
    id_types: {
      BANK_ACCOUNT: { label: 'Bank Account', required_fields: ['country', 'id_type', 'id_number', 'bank_code'], test_data: '0000000000', id_number_regex: '^[0-9]{10}$' },
      BVN: { label: 'Bank Verification Number', required_fields: ['country', 'id_type', 'id_number'], test_data: '00000000000', id_number_regex: '^[0-9]{11}$' },
      NIN: { label: 'National ID Number (legacy)', required_fields: ['country', 'id_type', 'id_number'], test_data: '00000000000', id_number_regex: '^[0-9]{11}$' },
      NIN_V2: { label: 'National ID Number', required_fields: ['country', 'id_type', 'id_number'], test_data: '00000000000', id_number_regex: '^[0-9]{11}$' },
    },
  },
  TZ: {
    name: 'Tanzania',
    id_types: {
      NIN: { label: 'National ID Number (NIDA)', required_fields: ['country', 'id_type', 'id_number', 'first_name', 'last_name'], test_data: '00000000000000000000', id_number_regex: '^[0-9]{20}$' },
    },
  },
  ZA: {
    name: 'South Africa',
    id_types: {
      NATIONAL_ID: { label: 'National ID', required_fields: ['country', 'id_type', 'id_number'], test_data: '0000000000000', id_number_regex: '^[0-9]{13}$' },
    },
  },
};

/**
 * Basic KYC's ID types: the same, plus Uganda, where the docs' "Basic KYC in Uganda" page asks
 * for the card number (secondary_id_number) and date of birth instead of the names that Basic
 * KYC needs everywhere else.
 */
const BASIC_KYC_TYPES = Object.fromEntries([
  ...Object.entries(ID_NUMBER_TYPES).map(([cc, c]) => [cc, {
    name: c.name,
    id_types: Object.fromEntries(Object.entries(c.id_types).map(([t, v]) => [t, { ...v, required_fields: [...v.required_fields, 'first_name', 'last_name'] }])),
  }]),
  ['UG', {
    name: 'Uganda',
    id_types: {
      NATIONAL_ID_NO_PHOTO: { label: 'National ID (without Photo)', required_fields: ['country', 'id_type', 'id_number', 'secondary_id_number', 'dob'], test_data: 'CM000000000000', id_number_regex: '^[A-Z0-9]{14}$' },
    },
  }],
]);

/** ID types whose lookup needs consent_information. */
const CONSENT_REQUIRED = { NG: ['BANK_ACCOUNT', 'BVN', 'NIN', 'NIN_V2'] };

const BANK_CODES = [
  { name: 'Access Bank', code: '044' },
  { name: 'Guaranty Trust Bank', code: '058' },
];

/** The worldwide Document Verification list (a few countries of it). */
const VALID_DOCUMENTS = [
  { country: { code: 'FR', continent: 'Europe', name: 'France' }, id_types: [{ code: 'PASSPORT', name: 'Passport', example: [], has_back: false }] },
  { country: { code: 'KE', continent: 'Africa', name: 'Kenya' }, id_types: [{ code: 'NATIONAL_ID', name: 'National ID', example: [], has_back: true }] },
  { country: { code: 'NG', continent: 'Africa', name: 'Nigeria' }, id_types: [
    { code: 'DRIVERS_LICENSE', name: "Driver's License", example: [], has_back: false },
    { code: 'PASSPORT', name: 'Passport', example: [], has_back: false },
  ] },
];

function services() {
  const byProduct = Object.fromEntries(Object.entries(ID_NUMBER_TYPES).map(([cc, c]) => [cc, c]));
  /** @type {Record<string, Record<string, string[]>>} */
  const idTypes = {};
  for (const [cc, c] of Object.entries(ID_NUMBER_TYPES)) {
    idTypes[cc] = Object.fromEntries(Object.entries(c.id_types).map(([t, v]) => [t, v.required_fields]));
  }
  return { bank_codes: BANK_CODES, id_types: idTypes, hosted_web: { basic_kyc: BASIC_KYC_TYPES, enhanced_kyc: byProduct, biometric_kyc: byProduct } };
}

function productsConfig() {
  const selection = Object.fromEntries(Object.entries(ID_NUMBER_TYPES).map(([cc, c]) => [cc, Object.keys(c.id_types)]));
  return {
    consentRequired: CONSENT_REQUIRED,
    idSelection: { basic_kyc: { ...selection, UG: Object.keys(BASIC_KYC_TYPES.UG.id_types) }, biometric_kyc: selection, enhanced_kyc: selection, doc_verification: { NG: ['PASSPORT'] } },
  };
}

module.exports = { ID_NUMBER_TYPES, BASIC_KYC_TYPES, CONSENT_REQUIRED, VALID_DOCUMENTS, services, productsConfig };
