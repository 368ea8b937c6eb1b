/**
 * Standard streams for the `tram id` / `tram hid` sub-commands, injectable so tests call the
 * command functions directly. Output is one JSON object per line.
 */

export type CliIo = {
  /** All of standard input as bytes. */
  readonly stdin: () => Promise<Uint8Array>;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Current time (epoch ms); only `tram id parse` needs it, to refuse future dates. */
  readonly now: () => number;
};

/** Cap on what the tools read from stdin; anything longer is refused, never buffered whole. */
export const MAX_STDIN_BYTES = 1024 * 1024;

async function readProcessStdin(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    // Keep draining past the cap so the writer is not blocked, but keep only one byte too many.
    if (size <= limit + 1) chunks.push(buffer);
  }
  const bytes = Buffer.concat(chunks);
  return bytes.subarray(0, Math.min(bytes.length, limit + 1));
}

/** The real process streams and clock. */
export function processIo(): CliIo {
  return {
    stdin: () => readProcessStdin(MAX_STDIN_BYTES),
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    now: () => Date.now(),
  };
}

/** Writes one JSON line. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}
