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

module.exports = { testNumber, checkBusiness, businessResult };
