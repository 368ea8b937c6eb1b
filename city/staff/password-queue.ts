/**
 * Staff password checks (scrypt: ~32 MiB and tens of milliseconds each, on libuv's small thread pool,
 * which gunzip of station uploads also uses) go through one small bounded queue per hub process: at
 * most `concurrency` at once, at most `maxWaiting` waiting, and anything beyond is answered "busy"
 * (429) without hashing. A flood of sign-ins therefore costs the hub a bounded slice of one thread and
 * cannot starve station uploads (issue #20 item 5).
 */
import { verifyPassword } from './password';

export type PasswordCheck = 'match' | 'mismatch' | 'busy';

export interface PasswordQueueStats {
  readonly active: number;
  readonly waiting: number;
  readonly maxActiveSeen: number;
  readonly refusedBusy: number;
}

export class PasswordQueue {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private maxActiveSeen = 0;
  private refusedBusy = 0;

  constructor(
    private readonly concurrency = 1,
    private readonly maxWaiting = 8,
    private readonly verify: (password: string, stored: string) => Promise<boolean> = verifyPassword,
  ) {}

  /** Checks a password against a stored hash, or answers 'busy' at once when the queue is full. */
  async check(password: string, stored: string): Promise<PasswordCheck> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxWaiting) {
        this.refusedBusy++;
        return 'busy';
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.active++;
    this.maxActiveSeen = Math.max(this.maxActiveSeen, this.active);
    try {
      return (await this.verify(password, stored)) ? 'match' : 'mismatch';
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  stats(): PasswordQueueStats {
    return { active: this.active, waiting: this.waiting.length, maxActiveSeen: this.maxActiveSeen, refusedBusy: this.refusedBusy };
  }
}
