/**
 * Place-of-birth-registration codes (TT 07/2016/TT-BCA appendix 1, the 63 provinces before the
 * 2025 mergers; reference §1.6). Numbers issued earlier keep their code, and births registered
 * abroad carry a country code, so an unknown code is a warning, never a rejection.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024',
  '025', '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045',
  '046', '048', '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070',
  '072', '074', '075', '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093',
  '094', '095', '096',
]);

/** True when the three digits are a known province code. */
export function isKnownProvinceCode(code: string): boolean {
  return PROVINCE_CODES.has(code);
}
