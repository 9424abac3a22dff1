// @ts-check
'use strict';

/**
 * Result payload builders for the Smile ID simulator: which ResultCode / ResultText /
 * Actions each product answers for each deterministic scenario.
 * Codes and texts follow smile-id-api-docs.txt; where the docs are silent the choice is
 * documented in README.md ("Decisions where the docs are silent").
 */

const crypto = require('crypto');

const PRODUCT_BY_JOB_TYPE = /** @type {Record<number, string>} */ ({
  1: 'biometric_kyc',
  2: 'smartselfie_authentication',
  4: 'smartselfie_registration',
  5: 'enhanced_kyc',
  6: 'document_verification',
  7: 'business_verification',
  10: 'aml_check',
  11: 'enhanced_document_verification',
});

const NA = 'Not Applicable';

/** Full SmartSelfie (2 / 4) action set, all "Not Applicable". */
function selfieActionsBase() {
  return {
    Human_Review_Compare: NA,
    Human_Review_Liveness_Check: NA,
    Human_Review_Selfie_Check: NA,
    Human_Review_Update_Selfie: NA,
    Liveness_Check: NA,
    Register_Selfie: NA,
    Return_Personal_Info: NA,
    Selfie_Check: NA,
    Selfie_Provided: NA,
    Selfie_To_ID_Authority_Compare: NA,
    Selfie_To_ID_Card_Compare: NA,
    Selfie_To_Registered_Selfie_Compare: NA,
    Update_Registered_Selfie_On_File: NA,
    Verify_ID_Number: NA,
  };
}

/** Document Verification (6) action set, all "Not Applicable". */
function dvActionsBase() {
  return {
    Document_Check: NA,
    Human_Review_Compare: NA,
    Human_Review_Document_Check: NA,
    Human_Review_Liveness_Check: NA,
    Liveness_Check: NA,
    Register_Selfie: NA,
    Return_Personal_Info: NA,
    Selfie_To_ID_Card_Compare: NA,
    Verify_Document: NA,
  };
}

/**
 * @typedef {{
 *   code: string, text: string, final: boolean, success: boolean, enrol: boolean,
 *   actions: Record<string, string>, personalInfo?: 'full' | 'partial' | 'none', expired?: boolean,
 *   confidence?: string
 * }} Step
 */

/**
 * The sequence of results (callbacks) a v1 job produces for a scenario.
 * An empty array means the job never completes.
 * @param {number} jobType
 * @param {string} scenario approved | rejected | provisional | attention | never
 * @param {{ liveness: boolean, useEnrolledImage: boolean }} ctx
 * @returns {Step[]}
 */
function stepsFor(jobType, scenario, ctx) {
  if (scenario === 'never') return [];
  const live = ctx.liveness ? 'Passed' : NA;
  if (jobType === 4) {
    /** @param {Partial<Record<string,string>>} o */
    const a = (o) => ({ ...selfieActionsBase(), Selfie_Provided: 'Passed', Selfie_Check: 'Passed', Liveness_Check: live, ...o });
    const approved = { code: '0840', text: 'Enroll User', final: true, success: true, enrol: true, confidence: '99',
      actions: a({ Register_Selfie: 'Approved' }) };
    switch (scenario) {
      case 'rejected':
        return [{ code: '0841', text: 'Failed Enroll', final: true, success: false, enrol: false, confidence: '0',
          actions: a({ Register_Selfie: 'Rejected', Selfie_Check: 'Failed', Liveness_Check: ctx.liveness ? 'Failed' : NA }) }];
      case 'provisional':
        return [
          { code: '0844', text: 'Provisional Enroll - Under Review', final: false, success: false, enrol: false, confidence: '60',
            actions: a({ Register_Selfie: 'Provisionally Approved', Selfie_Check: 'Under Review', Human_Review_Selfie_Check: 'Under Review',
              Liveness_Check: ctx.liveness ? 'Under Review' : NA, Human_Review_Liveness_Check: ctx.liveness ? 'Under Review' : NA }) },
          { code: '1240', text: 'Enroll User', final: true, success: true, enrol: true, confidence: '99',
            actions: a({ Register_Selfie: 'Approved', Human_Review_Selfie_Check: 'Passed', Human_Review_Liveness_Check: ctx.liveness ? 'Passed' : NA }) },
        ];
      case 'attention':
        return [{ code: '1240', text: 'Enroll User', final: true, success: true, enrol: true, confidence: '99',
          actions: a({ Register_Selfie: 'Approved', Human_Review_Selfie_Check: 'Passed' }) }];
      default:
        return [approved];
    }
  }
  if (jobType === 2) {
    /** @param {Partial<Record<string,string>>} o */
    const a = (o) => ({ ...selfieActionsBase(), Selfie_Provided: 'Passed', Selfie_Check: 'Passed', Liveness_Check: live,
      Selfie_To_Registered_Selfie_Compare: 'Completed', ...o });
    switch (scenario) {
      case 'rejected':
        return [{ code: '0821', text: 'Failed Authentication', final: true, success: false, enrol: false, confidence: '0',
          actions: a({ Selfie_To_Registered_Selfie_Compare: 'Completed' }) }];
      case 'provisional':
        return [
          { code: '0824', text: 'Provisional Authentication - Under Review', final: false, success: false, enrol: false, confidence: '60',
            actions: a({ Selfie_Check: 'Under Review', Human_Review_Selfie_Check: 'Under Review', Selfie_To_Registered_Selfie_Compare: 'Under Review' }) },
          { code: '1220', text: 'Authenticate User', final: true, success: true, enrol: false, confidence: '99',
            actions: a({ Human_Review_Selfie_Check: 'Passed', Human_Review_Compare: 'Passed' }) },
        ];
      case 'attention':
        return [{ code: '1220', text: 'Authenticate User', final: true, success: true, enrol: false, confidence: '99',
          actions: a({ Human_Review_Compare: 'Passed' }) }];
      default:
        return [{ code: '0820', text: 'Authenticate User', final: true, success: true, enrol: false, confidence: '99', actions: a({}) }];
    }
  }
  if (jobType === 1) {
    // Biometric KYC: the ID lookup (Verify_ID_Number), then the selfie against the
    // authority's photo; codes as in the docs' job status example (1012, 0814, 1210).
    /** @param {Partial<Record<string,string>>} o */
    const a = (o) => ({ ...selfieActionsBase(), Selfie_Provided: 'Passed', Liveness_Check: live, Register_Selfie: 'Approved',
      Verify_ID_Number: 'Verified', Return_Personal_Info: 'Returned', Selfie_To_ID_Authority_Compare: 'Completed', ...o });
    const enrolledStep = { code: '1210', text: 'Enroll User', final: true, success: true, enrol: true, personalInfo: /** @type {const} */ ('full'),
      confidence: '99', actions: a({}) };
    switch (scenario) {
      case 'rejected':
        return [{ code: '1013', text: 'Unable to Validate ID', final: true, success: false, enrol: false, personalInfo: 'none',
          actions: a({ Verify_ID_Number: 'Not Verified', Return_Personal_Info: 'Not Returned', Selfie_To_ID_Authority_Compare: NA, Register_Selfie: NA }) }];
      case 'provisional':
        return [
          { code: '0814', text: 'Provisional Enroll - Under Review', final: false, success: false, enrol: false, personalInfo: 'full', confidence: '97',
            actions: a({ Selfie_To_ID_Authority_Compare: 'Under Review', Human_Review_Compare: 'Under Review', Register_Selfie: 'Under Review' }) },
          { ...enrolledStep, actions: a({ Human_Review_Compare: 'Passed' }) },
        ];
      default:
        return [enrolledStep];
    }
  }
  // 6 — Document Verification; 11 — Enhanced Document Verification adds the issuer's check
  const enhanced = jobType === 11;
  const enrolled = ctx.useEnrolledImage;
  /** @param {Partial<Record<string,string>>} o */
  const a = (o) => ({ ...dvActionsBase(), Document_Check: 'Passed', Liveness_Check: enrolled ? NA : live,
    Register_Selfie: enrolled ? NA : 'Passed', Return_Personal_Info: 'Returned', Selfie_To_ID_Card_Compare: 'Completed',
    Verify_Document: 'Passed', ...(enhanced ? { Verify_ID_Number: 'Verified' } : {}), ...o });
  switch (scenario) {
    case 'rejected':
      return [{ code: '0811', text: 'Unable to Verify Document - Selfie does not match the photo on the document', final: true,
        success: false, enrol: false, personalInfo: 'full',
        actions: a({ Verify_Document: 'Failed', Register_Selfie: enrolled ? NA : 'Rejected' }) }];
    case 'provisional':
      return [
        { code: '0814', text: 'Provisional - Under Review', final: false, success: false, enrol: false, personalInfo: 'partial',
          actions: a({ Verify_Document: 'Under Review', Selfie_To_ID_Card_Compare: 'Under Review', Human_Review_Compare: 'Under Review',
            Human_Review_Document_Check: 'Under Review', Return_Personal_Info: 'Not Returned', Register_Selfie: enrolled ? NA : 'Under Review' }) },
        { code: '0810', text: 'Document Verified', final: true, success: true, enrol: !enrolled, personalInfo: 'full',
          actions: a({ Human_Review_Compare: 'Passed', Human_Review_Document_Check: 'Passed' }) },
      ];
    case 'attention':
      return [{ code: '0817', text: 'Approved with Attention - Document is Expired', final: true, success: true, enrol: !enrolled,
        personalInfo: 'full', expired: true, actions: a({}) }];
    default:
      return [{ code: '0810', text: 'Document Verified', final: true, success: true, enrol: !enrolled, personalInfo: 'full', actions: a({}) }];
  }
}

/**
 * A failed-upload result (zip corrupt, image missing, bad info.json ...). Always final.
 * @param {number} jobType
 * @param {string} code
 * @param {string} text
 * @returns {Step}
 */
function failureStep(jobType, code, text) {
  return { code, text, final: true, success: false, enrol: false,
    actions: jobType === 6 || jobType === 11 ? dvActionsBase() : selfieActionsBase(), personalInfo: 'none' };
}

/**
 * Deterministic fake personal information for a DV job.
 * @param {string} jobId
 * @param {boolean} expired
 */
function personalInfo(jobId, expired) {
  const h = crypto.createHash('sha256').update(jobId).digest();
  const idNumber = 'A' + String(h.readUInt32BE(0) % 100000000).padStart(8, '0');
  return {
    IDNumber: idNumber,
    FullName: 'Joe Leo Doe',
    DOB: '2000-09-20',
    Gender: 'M',
    IssuanceDate: '2018-09-20',
    ExpirationDate: expired ? '2023-09-20' : '2033-09-20',
    PhoneNumber: 'Not Available',
    PhoneNumber2: 'Not Available',
    Address: 'Not Available',
  };
}

/**
 * SmartSelfie Compare outcome.
 * @param {string} scenario
 */
function compareOutcome(scenario) {
  const actions = {
    Human_Review_Compare: NA,
    Liveness_Check: 'Passed',
    Register_Selfie: 'Approved',
    Selfie_Check: 'Passed',
    Selfie_Provided: 'Passed',
  };
  if (scenario === 'rejected') {
    return { code: '0841', text: 'No Match - No Face Match', message: 'No Match', status: 'rejected', success: false,
      actions: { ...actions, Register_Selfie: 'Rejected' } };
  }
  return { code: '0840', text: 'Face Match', message: 'Match', status: 'approved', success: true, actions };
}

module.exports = { stepsFor, failureStep, personalInfo, compareOutcome, PRODUCT_BY_JOB_TYPE };
