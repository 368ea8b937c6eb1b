/**
 * Times the staff report endpoints over real HTTP with a signed-in staff session (HTTP Basic would
 * add a deliberate scrypt check to every request): the §8 progress JSON of one ward, the /reports
 * page of every ward, and the CSV export. Sequential requests after a short warm-up; p50 and p95.
 */
export interface Percentiles {
  readonly p50: number;
  readonly p95: number;
}

export interface ReportLatency {
  readonly progress: Percentiles;
  readonly reports: Percentiles;
  readonly csv: Percentiles;
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 0.5)), p95: Math.round(percentile(sorted, 0.95)) };
}

async function signIn(baseUrl: string, user: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name: user, password }).toString(),
    redirect: 'manual',
  });
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  if (response.status !== 303 || cookie === undefined) throw new Error(`sign-in failed: ${response.status}`);
  return cookie;
}

async function timed(url: string, cookie: string): Promise<number> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${url}: ${response.status} ${body.slice(0, 200)}`);
  return performance.now() - start;
}

/** `rounds` timed requests per endpoint (after 3 untimed ones), wards taken in turn. */
export async function measureReports(baseUrl: string, p: { user: string; password: string; wards: readonly string[]; rounds: number }): Promise<ReportLatency> {
  const authorization = await signIn(baseUrl, p.user, p.password);
  const endpoints = {
    progress: (i: number) => `${baseUrl}/v1/reports/progress?ward=${p.wards[i % p.wards.length] ?? ''}`,
    reports: () => `${baseUrl}/reports`,
    csv: () => `${baseUrl}/reports/export.csv`,
  };
  const result: Record<string, Percentiles> = {};
  for (const [name, url] of Object.entries(endpoints)) {
    for (let i = 0; i < 3; i += 1) await timed(url(i), authorization);
    const samples: number[] = [];
    for (let i = 0; i < p.rounds; i += 1) samples.push(await timed(url(i), authorization));
    result[name] = percentiles(samples);
  }
  return result as unknown as ReportLatency;
}
