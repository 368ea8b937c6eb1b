/**
 * How the station addresses a learner. Vietnamese picks the pronoun by age: an older person is "bác",
 * a young one "bạn". Only the given name (the last word) is shown on shared screens.
 */
export type Honorific = 'bác' | 'bạn';

/** "bác" from 40 years of age, "bạn" below; "bác" when the age is unknown (the polite default). */
export function honorificFor(birthYear: number | null, currentYear: number): Honorific {
  if (birthYear === null) return 'bác';
  return currentYear - birthYear >= 40 ? 'bác' : 'bạn';
}

/** The given name of a Vietnamese full name (family name first, given name last). */
export function givenName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/u);
  return parts[parts.length - 1] ?? '';
}
