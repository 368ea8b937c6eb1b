/** One numbered, append-only schema step. Never edit a released migration; add the next number. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Statements run in order inside one transaction. */
  readonly statements: readonly string[];
}
