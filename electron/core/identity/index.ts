/** Public surface of the identity core: ID-card QR parsing, ID-number rules, learner cards. */
export { MAX_QR_LENGTH, parseCccdQr, type CccdIdentity, type IdentityWarning, type ParseOptions } from './cccd-qr';
export { compareCivilDates, parseCardDate, toIsoDate, vietnamDateAt, type CivilDate } from './civil-date';
export { canonicalIdNumber, idNumberFacts, isIdNumberFormat, type Gender, type IdNumberFacts } from './id-number';
export { identityError, type IdentityErrorCode, type IdentityFailure, type IdentityResult } from './identity-error';
export {
  CARD_ID_LENGTH,
  formatLearnerCardPayload,
  LEARNER_CARD_PREFIX,
  looksLikeLearnerCard,
  newLearnerCardId,
  parseLearnerCard,
  type LearnerCard,
} from './learner-card';
export { learnerKeySubject, parseScan, type ParsedScan } from './parse-scan';
export { classifyScan, VOLUNTEER_CARD_PREFIX, type ScanClass } from './classify-scan';
export { isKnownProvinceCode } from './province-codes';
export { cleanQrText, repairMojibake, type CleanedQrText } from './qr-text';
