// @ts-check
'use strict';

/**
 * What the business, phone and address products answer in the simulator: the request checks
 * their docs pages describe and the results of their test-data tables (final digit of the
 * sandbox test number) and of the user_id scenarios.
 */

const { ERR, isNonEmptyString } = require('../util');

/** The number whose final digit picks a sandbox result. */
function testNumber(/** @type {any} */ body) {
  return body.id_number ?? body.phone_number ?? body.utility_number;
}

/** KYB: the docs' ID Number Regex page per country and id_type; Kenya publishes none. */
const KYB_TYPES = /** @type {Record<string, Record<string, RegExp | null>>} */ ({
  NG: { BUSINESS_REGISTRATION: /^0{7}$|^(?![0]+$)[A-Z0-9]{1,8}$/i, TAX_INFORMATION: /^[0-9]{8,}-[0-9]{4,}$/ },
  ZA: { BUSINESS_REGISTRATION: /\d{4}\/\d{6}\/\d{2}/ },
  KE: { BUSINESS_REGISTRATION: null },
});
const BUSINESS_TYPES = ['bn', 'co', 'it'];

const KYB_NOT_DONE = { Verify_Business: 'Not Done', Return_Business_Info: 'Not Returned' };

/** @param {any} body */
function checkBusiness(body) {
  for (const k of ['country', 'id_type', 'id_number']) {
    if (!isNonEmptyString(body[k])) return { status: 400, err: ERR.missing, reason: `${k} is missing` };
  }
  const types = KYB_TYPES[body.country];
  if (!types || !(body.id_type in types)) {
    return { result: { ResultType: 'Business Verification', ResultCode: '1016', ResultText: 'Error - Need to Activate Product', Actions: KYB_NOT_DONE } };
  }
  if (body.country === 'NG' && body.id_type === 'BUSINESS_REGISTRATION' && !BUSINESS_TYPES.includes(body.business_type)) {
    return { status: 400, err: ERR.missing, reason: 'business_type (bn, co or it) is required for NG BUSINESS_REGISTRATION' };
  }
  const regex = types[body.id_type];
  if (regex && !regex.test(body.id_number)) {
    return { result: { ResultType: 'Business Verification', ResultCode: '1014', ResultText: 'Error - Unsupported ID number format', Actions: KYB_NOT_DONE } };
  }
  return undefined;
}

/** A registry record in the shape of Smile ID's server SDK fixtures (company, people, lists). */
function businessRecord(/** @type {any} */ body) {
  const company = {
    legal_name: 'SIMULATED TRADING LIMITED', company_type: 'PRIVATE_COMPANY_LIMITED_BY_SHARES', country: body.country,
    registration_number: body.id_number, search_number: body.id_number, status: 'ACTIVE', registration_date: '2016-01-28',
    address: '1 Simulator Road, Lagos', state: 'LAGOS', email: 'registry@example.invalid', phone: '08000000000',
    tax_id: body.id_type === 'TAX_INFORMATION' ? body.id_number : 'N/A', industry: 'Technology', authorized_shared_capital: '10000000',
  };
  if (body.id_type === 'TAX_INFORMATION') {
    return { company_information: company, directors: [], beneficial_owners: [], fiduciaries: [], proprietors: [] };
  }
  return {
    company_information: company,
    directors: [
      { name: 'Joe Leo Doe', id_type: 'Passport', id_number: 'A0000000', nationality: 'Nigerian', date_of_birth: '1984-09-20', gender: 'Male', occupation: 'Director', shareholdings: '100000', address: '1 Simulator Road, Lagos', phone_number: '08000000000' },
      { name: 'Jane Ada Roe', id_type: 'Passport', id_number: 'A0000001', nationality: 'Kenyan', date_of_birth: '1990-01-01', gender: 'Female', occupation: 'Director', shareholdings: '50000', address: '2 Simulator Road, Nairobi', phone_number: '0700000000' },
    ],
    beneficial_owners: [
      { name: 'Joe Leo Doe', shareholder_type: 'Individual', shareholdings: '100000', nationality: 'Nigerian', gender: 'Male', address: '1 Simulator Road, Lagos', registration_number: 'N/A', phone_number: '08000000000' },
      { name: 'Simulated Holdings Corporation', shareholder_type: 'Corporate', shareholdings: '700000', nationality: 'N/A', gender: 'Not Applicable', address: '3 Example Street', registration_number: '000000', phone_number: 'N/A' },
    ],
    fiduciaries: [
      { name: 'Simulated Secretaries Ltd', fiduciary_type: 'SECRETARY_COMPANY', registration_number: '000001', address: '4 Example Street', status: 'N/A' },
    ],
    proprietors: [],
    documents: { search_certificate: '' },
  };
}

/** @param {any} body @param {string} scenario @param {string | undefined} digit @param {boolean} isAsync */
function businessResult(body, scenario, digit, isAsync) {
  const base = { ResultType: 'Business Verification' };
  if (digit === '1' || scenario === 'rejected' || scenario === 'notfound') {
    return { ...base, ResultCode: '1013', ResultText: 'Unable to Verify Business', Actions: { Verify_Business: 'Not Verified', Return_Business_Info: 'Not Returned' } };
  }
  if (digit === '2') {
    return { ...base, ResultCode: '1014', ResultText: 'Error - Unsupported ID number format', Actions: KYB_NOT_DONE };
  }
  if (digit === '3' || ((scenario === 'provisional' || scenario === 'never') && !isAsync)) {
    return { ...base, ResultCode: '1015', ResultText: 'Error - Queried Database Unavailable', Actions: { Verify_Business: 'Issuer Unavailable', Return_Business_Info: 'Not Returned' } };
  }
  return {
    ...base, ResultCode: '1012', ResultText: 'Business Verified',
    Actions: { Verify_Business: 'Verified', Return_Business_Info: 'Returned' },
    ...businessRecord(body),
  };
}


/** Phone Number Verification's countries (docs' Supported Countries): pattern and match fields. */
const PHONE_COUNTRIES = /** @type {Record<string, { pattern: RegExp, fields: string[] }>} */ ({
  KE: { pattern: /^[0-9]{10}$/, fields: ['id_number'] },
  NG: { pattern: /^[0-9]{11}$/, fields: ['first_name', 'other_name', 'last_name'] },
  ZA: { pattern: /^[0-9]{10}$/, fields: ['first_name', 'other_name', 'last_name', 'id_number'] },
  TZ: { pattern: /^[0-9]{12}$/, fields: ['first_name', 'other_name', 'last_name'] },
  UG: { pattern: /^[0-9]{10}$/, fields: ['first_name', 'other_name', 'last_name'] },
});

const E2413 = (/** @type {string} */ error) => ({ status: 400, err: { code: '2413', error }, reason: error });

/** @param {any} body */
function checkPhone(body) {
  for (const k of ['country', 'phone_number']) {
    if (!isNonEmptyString(body[k])) return { status: 400, err: ERR.missing, reason: `${k} is missing` };
  }
  const country = PHONE_COUNTRIES[body.country];
  if (!country) return E2413(`country ${body.country} is not supported`);
  // The docs' final digit 2: "Invalid phone number format" (2413); a number off the pattern too.
  if (!country.pattern.test(body.phone_number) || testDigitOf(body.phone_number) === '2') return E2413('Invalid phone number format');
  const fields = body.match_fields === undefined ? {} : body.match_fields;
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return { status: 400, err: ERR.wrongType, reason: 'match_fields must be an object' };
  return undefined;
}

/** The final digit of a sandbox test number (zeros, then the digit), else undefined. */
function testDigitOf(/** @type {unknown} */ value) {
  const m = typeof value === 'string' ? /^[0\-/ ]*(\d)$/.exec(value) : null;
  return m ? m[1] : undefined;
}

/** How a match field compares for a scenario: the docs' test names match, others follow the prefix. */
function fieldMatch(/** @type {string} */ scenario) {
  if (scenario === 'rejected') return 'No Match';
  if (scenario === 'attention') return 'Partial Match';
  return 'Exact Match';
}

/** @param {any} body @param {string} scenario @param {string | undefined} digit @param {boolean} isAsync */
function phoneResult(body, scenario, digit, isAsync) {
  const base = { ResultType: 'Phone Number Verification', Country: body.country, PhoneNumber: body.phone_number };
  const fields = body.match_fields || {};
  const given = (/** @type {string[]} */ keys) => keys.some((k) => isNonEmptyString(fields[k]));
  const actions = (/** @type {string} */ verified, /** @type {string} */ match) => ({
    Verify_Phone_Number: verified,
    Names: given(['first_name', 'other_name', 'last_name']) ? match : 'Not Provided',
    ID_Number: given(['id_number']) ? match : 'Not Provided',
  });
  if (digit === '1' || scenario === 'notfound') {
    return { ...base, ResultCode: '1023', ResultText: 'Not Found', Actions: actions('Not Verified', 'Not Provided') };
  }
  if (digit === '3' || ((scenario === 'provisional' || scenario === 'never') && !isAsync)) {
    return { ...base, ResultCode: '1015', ResultText: 'Error - Queried Database Unavailable', Actions: actions('Issuer Unavailable', 'Not Provided') };
  }
  const match = fieldMatch(scenario);
  const code = { 'Exact Match': '1020', 'Partial Match': '1021', 'No Match': '1022' }[match];
  return { ...base, ResultCode: code, ResultText: match, Actions: actions('Verified', match) };
}

/** Address Verification (docs' Required Fields, ZA: address and a 13-digit id_number; NG: a utility number). */
function checkAddress(/** @type {any} */ body) {
  for (const k of ['country', 'address', 'full_name']) {
    if (!isNonEmptyString(body[k])) return { status: 400, err: ERR.missing, reason: `${k} is missing` };
  }
  if (body.country === 'ZA') {
    if (!isNonEmptyString(body.id_number)) return { status: 400, err: ERR.missing, reason: 'id_number is missing' };
    if (!/^[0-9]{13}$/.test(body.id_number)) return E2413('Invalid id or utility number format');
  } else if (body.country === 'NG') {
    if (!isNonEmptyString(body.utility_number)) return { status: 400, err: ERR.missing, reason: 'utility_number is missing' };
  } else {
    return E2413(`country ${body.country} is not supported`);
  }
  if (testDigitOf(body.id_number ?? body.utility_number) === '2') return E2413('Invalid id or utility number format');
  return undefined;
}

/** @param {any} body @param {string} scenario @param {string | undefined} digit */
function addressResult(body, scenario, digit) {
  const base = { ResultType: 'Address Verification', Country: body.country, FullName: body.full_name };
  const actions = (/** @type {string} */ verified, /** @type {string} */ names) => ({ Verify_Address: verified, Names: names });
  if (digit === '1' || scenario === 'notfound') {
    return { ...base, ResultCode: '1013', ResultText: 'Verification failed: Unique identifier type not found.', Actions: actions('Not Verified', 'Not Applicable') };
  }
  if (digit === '3') {
    return { ...base, ResultCode: '1015', ResultText: 'Error - Queried Database Unavailable', Actions: actions('Issuer Unavailable', 'Not Applicable') };
  }
  if (digit === '4' || scenario === 'rejected') {
    return { ...base, ResultCode: '1022', ResultText: 'No Match', distance: '42.7 km', reason: 'The addresses are too far apart.', Actions: actions('Not Verified', 'Exact Match') };
  }
  if (scenario === 'attention') {
    return { ...base, ResultCode: '1021', ResultText: 'Partial Match', distance: '0.8 km', reason: 'The full name matches in part.', Actions: actions('Verified', 'Partial Match') };
  }
  return { ...base, ResultCode: '1020', ResultText: 'Exact Match', distance: '0.1 km', Actions: actions('Verified', 'Exact Match') };
}

module.exports = { testNumber, testDigitOf, checkBusiness, businessResult, checkPhone, phoneResult, checkAddress, addressResult };
